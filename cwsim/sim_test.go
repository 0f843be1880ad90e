package cwsim_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/eventwatch/eventwatch/cwsim"
	"github.com/eventwatch/eventwatch/cwsim/alarmstate"
)

var start = time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)

func load(t *testing.T) *cwsim.Model {
	t.Helper()
	body, err := os.ReadFile("testdata/small.template.json")
	if err != nil {
		t.Fatal(err)
	}
	m, err := cwsim.Load([]cwsim.Stack{{Name: "app", Account: "111111111111", Region: "eu-west-1", Template: body}})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// every writes msg to group each step from `from` until `until` (minutes).
func every(group, msg string, step, from, until int) []cwsim.LogEvent {
	var out []cwsim.LogEvent
	for m := from; m < until; m += step {
		out = append(out, cwsim.LogEvent{LogGroup: group, Time: start.Add(time.Duration(m) * time.Minute), Message: msg})
	}
	return out
}

func simulate(t *testing.T, m *cwsim.Model, minutes int, events ...[]cwsim.LogEvent) *cwsim.Report {
	t.Helper()
	var all []cwsim.LogEvent
	for _, e := range events {
		all = append(all, e...)
	}
	r, err := m.Simulate(all, cwsim.Options{Start: start, End: start.Add(time.Duration(minutes) * time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func firstAt(r *cwsim.Report, alarm string, to alarmstate.State) string {
	for _, tr := range r.Transitions {
		if tr.Alarm == alarm && tr.To == to {
			return tr.At.Sub(start).String()
		}
	}
	return "never"
}

// A metric filter publishes 1 per matching event, so two failures a
// minute make a Sum alarm (2 of 3 one-minute periods at 2 or more) go to
// ALARM at its first evaluation of three complete periods ("Evaluating an alarm", CloudWatch User Guide), and its
// ALARM action publishes to the topic, reaching its subscription.
func TestEventToPage(t *testing.T) {
	m := load(t)
	fail := `{"event":"run","ok":false,"ms":100,"route":"/pay"}`
	r := simulate(t, m, 10, every("/app/orders", fail, 1, 0, 10), every("/app/orders", fail, 1, 0, 10))
	if got := firstAt(r, "failures", alarmstate.Alarm); got != "3m0s" {
		t.Errorf("failures went to ALARM at %s, want 3m0s (the first evaluation of 3 periods)", got)
	}
	var paged []string
	for _, n := range r.Notifications {
		if n.Alarm == "failures" && n.State == alarmstate.Alarm && n.Topic != nil {
			for _, s := range n.Topic.Subscribers {
				paged = append(paged, s.String()+" dlq="+s.DeadLetterQueue)
			}
		}
	}
	if want := "email:oncall@example.com dlq=arn:aws:sqs:eu-west-1:111111111111:pages-dlq"; strings.Join(paged, ";") != want {
		t.Errorf("paged %v, want %s", paged, want)
	}
}

// DefaultValue: "The value reported to the metric filter during a period
// when logs are ingested but no matching logs are found" (Creating metric
// filters, CloudWatch Logs User Guide): minutes with non-matching events
// publish 0, so the alarm has data and goes OK rather than staying
// INSUFFICIENT_DATA.
func TestDefaultValuePublishedWhenEventsDoNotMatch(t *testing.T) {
	m := load(t)
	ok := `{"event":"run","ok":true,"ms":100,"route":"/pay"}`
	r := simulate(t, m, 10, every("/app/orders", ok, 1, 0, 10))
	dps := r.Datapoints["failures"]
	if len(dps) == 0 || !dps[len(dps)-1].Present || dps[len(dps)-1].Value != 0 {
		t.Errorf("failures datapoints %+v, want present zeros from DefaultValue", dps)
	}
}

// Percentile statistics read the values a metric filter extracts ($.ms),
// per dimension value ("Statistics definitions", CloudWatch User Guide).
// Here p90 of 9 fast and 1 slow request per period is the slow one's
// neighbour: the alarm evaluates (actions disabled: nobody is paged).
func TestPercentileAlarmOnExtractedValues(t *testing.T) {
	m := load(t)
	var events [][]cwsim.LogEvent
	for i := 0; i < 8; i++ {
		events = append(events, every("/app/orders", `{"event":"run","ok":true,"ms":100,"route":"/pay"}`, 5, 0, 10))
	}
	events = append(events, every("/app/orders", `{"event":"run","ok":true,"ms":900,"route":"/pay"}`, 5, 0, 10))
	events = append(events, every("/app/orders", `{"event":"run","ok":true,"ms":950,"route":"/pay"}`, 5, 0, 10))
	events = append(events, every("/app/orders", `{"event":"run","ok":true,"ms":5000,"route":"/other"}`, 1, 0, 10))
	r := simulate(t, m, 10, events...)
	if got := firstAt(r, "slow", alarmstate.Alarm); got != "5m0s" {
		t.Errorf("slow went to ALARM at %s, want 5m0s", got)
	}
	for _, n := range r.Notifications {
		if n.Alarm == "slow" {
			t.Errorf("an alarm with ActionsEnabled false notified %s", n.Action)
		}
	}
}

// Silence: IncomingLogEvents per log group (LogGroupName) has no datapoint
// for a period without events, and the other log group's events do not
// count. "breaching" applies only once the evaluation range (N + 2
// periods) holds fewer than N real datapoints: "If some data points in
// the evaluation range are missing, but the number of existing data points
// retrieved is equal to or more than the alarm's evaluation periods,
// CloudWatch evaluates the alarm state based on the most recent existing
// data points" (Configuring how CloudWatch alarms treat missing data). So
// an alarm of one 10-minute period whose log group stops at +15m goes to
// ALARM at +50m, not at +30m, and its composite alarm with it.
func TestSilenceOfOneLogGroup(t *testing.T) {
	m := load(t)
	r := simulate(t, m, 60,
		every("/app/orders", `{"event":"run","ok":true}`, 1, 0, 15),
		every("/app/other", "still here", 1, 0, 60))
	if got := firstAt(r, "silence", alarmstate.Alarm); got != "50m0s" {
		t.Errorf("silence went to ALARM at %s, want 50m0s (the first range of 3 empty periods)", got)
	}
	if got := firstAt(r, "service", alarmstate.Alarm); got != "50m0s" {
		t.Errorf("the composite alarm went to ALARM at %s, want 50m0s with its member", got)
	}
}

// Metric math: IF(runs > 0, failed / runs, 0) over two metrics of the
// same period (Using metric math, CloudWatch User Guide).
func TestMetricMathRatio(t *testing.T) {
	m := load(t)
	r := simulate(t, m, 10,
		every("/app/orders", `{"event":"run","ok":false}`, 1, 0, 5),
		every("/app/orders", `{"event":"run","ok":true}`, 1, 0, 5))
	dps := r.Datapoints["rate"]
	if len(dps) == 0 || dps[0].Value != 0.5 {
		t.Fatalf("rate datapoints %+v, want 0.5 in the first period", dps)
	}
	if got := firstAt(r, "rate", alarmstate.Alarm); got != "5m0s" {
		t.Errorf("rate went to ALARM at %s, want 5m0s", got)
	}
}

// "CloudWatch Logs might disable a metric filter if it generates 1000
// different name/value pairs for your specified dimensions within a
// certain amount of time" (PutMetricFilter): the simulation disables it
// at the 1,000th pair within an hour and reports it.
func TestHighCardinalityDimensionDisablesTheFilter(t *testing.T) {
	m := load(t)
	var events []cwsim.LogEvent
	for i := 0; i < 1200; i++ {
		events = append(events, cwsim.LogEvent{LogGroup: "/app/orders", Time: start.Add(time.Duration(i) * 2 * time.Second),
			Message: fmt.Sprintf(`{"event":"run","ok":true,"ms":1,"route":"/r%d"}`, i)})
	}
	r := simulate(t, m, 60, events)
	if len(r.Disabled) != 1 || r.Disabled[0].Filter.Metric.Name != "latency" || r.Disabled[0].Pairs != cwsim.MaxDimensionPairsPerHour {
		t.Fatalf("disabled %+v, want the latency filter at %d pairs", r.Disabled, cwsim.MaxDimensionPairsPerHour)
	}
	if at := r.Disabled[0].At.Sub(start); at != 999*2*time.Second {
		t.Errorf("disabled at %s, want at the 1,000th distinct value (%s)", at, 999*2*time.Second)
	}
}

// The wiring check finds an alarm on the account-wide IncomingLogEvents
// and one on a metric nobody publishes.
func TestWiring(t *testing.T) {
	body := `{"Resources": {
	  "A": {"Type": "AWS::CloudWatch::Alarm", "Properties": {"AlarmName": "account-wide", "Namespace": "AWS/Logs", "MetricName": "IncomingLogEvents",
	    "Statistic": "Sum", "Period": 60, "EvaluationPeriods": 1, "Threshold": 1, "ComparisonOperator": "LessThanThreshold"}},
	  "B": {"Type": "AWS::CloudWatch::Alarm", "Properties": {"AlarmName": "orphan", "Namespace": "app", "MetricName": "nothing",
	    "Statistic": "Sum", "Period": 60, "EvaluationPeriods": 1, "Threshold": 1, "ComparisonOperator": "GreaterThanThreshold"}}}}`
	m, err := cwsim.Load([]cwsim.Stack{{Name: "s", Template: []byte(body)}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range m.CheckWiring() {
		got = append(got, p.String())
	}
	text := strings.Join(got, "\n")
	for _, want := range []string{
		"s/A: alarm account-wide: AWS/Logs IncomingLogEvents has no LogGroupName dimension",
		"s/B: alarm orphan: no metric filter of this account and region publishes app nothing",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("wiring problems:\n%s\nwant %q", text, want)
		}
	}
	if len(load(t).CheckWiring()) != 0 {
		t.Errorf("the small template's alarms are all wired: %v", load(t).CheckWiring())
	}
}

// A log group whose name refers to itself (a circular reference, which
// CloudFormation refuses) does not make Load recurse for ever.
func TestCircularReferenceEnds(t *testing.T) {
	body := `{"Resources": {"L": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": {"Ref": "L"}}},
	  "F": {"Type": "AWS::Logs::MetricFilter", "Properties": {"LogGroupName": {"Ref": "L"}, "FilterPattern": "x",
	    "MetricTransformations": [{"MetricNamespace": "n", "MetricName": "m", "MetricValue": "1"}]}}}}`
	m, err := cwsim.Load([]cwsim.Stack{{Name: "s", Template: []byte(body)}})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Filters) != 1 || !strings.Contains(m.Filters[0].LogGroup, "circular") {
		t.Errorf("filters %+v, want one on a log group named as circular", m.Filters)
	}
}
