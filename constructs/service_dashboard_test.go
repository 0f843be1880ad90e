package constructs

import (
	"fmt"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
)

// A service's alarms are shown in alarm status widgets of at most
// spec.MaxAlarmsPerWidget, none left out: 101 alarms (100 alarmed events
// and the silence alarm) are "orders (1/2)" with the first 100 and
// "orders (2/2)" with the last.
func TestAlarmWidgetsShowEveryAlarm(t *testing.T) {
	for _, c := range []struct {
		alarms int
		want   string
	}{
		{0, "[]"},
		{3, "[orders:3]"},
		{100, "[orders:100]"},
		{101, "[orders (1/2):100 orders (2/2):1]"},
		{201, "[orders (1/3):100 orders (2/3):100 orders (3/3):1]"},
	} {
		alarms := make([]awscloudwatch.IAlarm, c.alarms)
		var got []string
		shown := 0
		for _, w := range AlarmWidgets("orders", alarms) {
			got = append(got, fmt.Sprintf("%s:%d", *w.Title, len(*w.Alarms)))
			shown += len(*w.Alarms)
		}
		if s := fmt.Sprint(got); s != c.want || shown != c.alarms {
			t.Errorf("%d alarms: widgets %s showing %d, want %s", c.alarms, s, shown, c.want)
		}
	}
}
