package cwsim_test

import (
	"os"
	"testing"

	"github.com/eventwatch/eventwatch/cwsim"
	"github.com/eventwatch/eventwatch/cwsim/alarmstate"
)

// A log alarm runs its query every ScheduleExpression over the
// StartTimeOffset before the run, applies its AggregationExpression, and
// alarms when QueryResultsToAlarm of the last QueryResultsToEvaluate runs
// breach ("Create an alarm on a Logs Insights query", alarm-log.html).
// Three slow requests every 5 minutes make count(*) 3 per run: ALARM at
// the second run, +10m.
func TestLogAlarmOnScheduledQuery(t *testing.T) {
	body, err := os.ReadFile("testdata/logalarm.template.json")
	if err != nil {
		t.Fatal(err)
	}
	m, err := cwsim.Load([]cwsim.Stack{{Name: "app", Account: "111111111111", Region: "eu-west-1", Template: body}})
	if err != nil {
		t.Fatal(err)
	}
	r := simulate(t, m, 20,
		every("/app/orders", `{"ms":2000}`, 5, 0, 20), every("/app/orders", `{"ms":2500}`, 5, 0, 20),
		every("/app/orders", `{"ms":3000}`, 5, 0, 20), every("/app/orders", `{"ms":10}`, 1, 0, 20))
	if got := firstAt(r, "slow-requests", alarmstate.Alarm); got != "10m0s" {
		t.Errorf("slow-requests went to ALARM at %s, want 10m0s; runs %+v", got, r.Datapoints["slow-requests"])
	}
	paged := false
	for _, n := range r.Notifications {
		paged = paged || n.Alarm == "slow-requests" && n.State == alarmstate.Alarm && n.Topic != nil && n.Topic.Name == "pages"
	}
	if !paged {
		t.Error("the log alarm did not notify its topic")
	}
}
