package spec

import (
	"fmt"
	"testing"
)

// A service's alarms go to alarm status widgets of at most
// MaxAlarmsPerWidget each: 101 alarms (100 alarmed events and the silence
// alarm) are two widgets, "orders (1/2)" of 100 and "orders (2/2)" of 1.
func TestAlarmWidgets(t *testing.T) {
	cases := []struct {
		n    int
		want string
	}{
		{0, "[] []"},
		{1, "[orders] [1]"},
		{100, "[orders] [100]"},
		{101, "[orders (1/2) orders (2/2)] [100 101]"},
		{250, "[orders (1/3) orders (2/3) orders (3/3)] [100 200 250]"},
	}
	for _, c := range cases {
		titles, bounds := AlarmWidgets("orders", c.n)
		if got := fmt.Sprint(titles, bounds); got != c.want && !(c.n == 0 && len(titles)+len(bounds) == 0) {
			t.Errorf("AlarmWidgets(%d) = %s, want %s", c.n, got, c.want)
		}
	}
}
