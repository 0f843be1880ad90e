package appconfig_test

import (
	"context"
	"slices"
	"testing"

	"github.com/eventwatch/eventwatch/constructs/spec"
	"github.com/eventwatch/eventwatch/filterpattern"
	"github.com/eventwatch/eventwatch/insights"
	"github.com/eventwatch/eventwatch/internal/appconfig"
)

const declaredServices = `app: shop
owner: team
services:
  - name: orders
    logEvents:
      - name: run
        fields:
          - {name: success, type: enum, values: ["True", "False"], required: true}
          - {name: time, type: number, unit: Seconds}
          - {name: queue, type: string, maxValues: 20}
    events:
      - name: failed
        logEvent: run
        where: {success: "False"}
        metric:
          dimensions: {Success: $.success}
      - name: duration
        logEvent: run
        pattern: '{ $.event = "run" && $.time = * }'
        metric:
          value: $.time
          dimensions: {Queue: $.queue}
`

// An event with logEvent and where gets the derived pattern, which
// selects exactly the declared event with those field values; a metric
// whose value is a declared number takes its unit, and a dimension from
// an enum or a bounded string takes its values or bound.
func TestEventsTakeTheirPatternAndMetricFromTheLogEvent(t *testing.T) {
	cfg := loadFS(t, map[string]string{"services.yaml": declaredServices, "environments/prod.yaml": "account: \"111111111111\"\nregion: eu-west-1\n"})
	events := cfg.Services.Services[0].Events
	pattern, err := filterpattern.Parse(events[0].Pattern)
	if err != nil {
		t.Fatalf("derived pattern %q: %v", events[0].Pattern, err)
	}
	for line, want := range map[string]bool{
		`{"event":"run","success":"False","time":1}`: true,
		`{"event":"run","success":"True","time":1}`:  false,
		`{"event":"walk","success":"False"}`:         false,
		`{"event":"run","success":false}`:            false,
	} {
		if got := pattern.Match(line); got != want {
			t.Errorf("derived pattern %s on %s: match %v, want %v", events[0].Pattern, line, got, want)
		}
	}
	if got := events[0].Metric.AllowedValues["Success"]; !slices.Equal(got, []string{"True", "False"}) {
		t.Errorf("Success dimension takes %v, want the enum's values", got)
	}
	if got := events[1].Metric.Unit; got != "Seconds" {
		t.Errorf("duration's unit %q, want the time field's Seconds", got)
	}
	if got := events[1].Metric.MaxValues["Queue"]; got != 20 {
		t.Errorf("Queue dimension bound %d, want the queue field's maxValues 20", got)
	}
}

// Each declared log event gets a saved query that counts its occurrences
// and gives the percentiles of its number fields: run on the offline
// engine over a mix of lines, it counts only that event's lines and
// reads their values. The log group indexes the event field and the
// fields events narrow by, which the query's filterIndex uses.
func TestLogEventQueriesCountTheirEvent(t *testing.T) {
	cfg := loadFS(t, map[string]string{"services.yaml": declaredServices, "environments/prod.yaml": "account: \"111111111111\"\nregion: eu-west-1\n"})
	plans, err := cfg.Plan("prod")
	if err != nil {
		t.Fatal(err)
	}
	var query *spec.SavedQueryProps
	var indexes []string
	for _, it := range plans[0].Items {
		if it.Query != nil && it.Query.Name == appconfig.LogEventQueryName("orders", "run") {
			query = it.Query
		}
		if it.LogGroup != nil {
			indexes = it.LogGroup.FieldIndexes
		}
	}
	if query == nil {
		t.Fatal("no saved query orders/events/run in the plan")
	}
	if !slices.Equal(indexes, []string{"event", "success"}) {
		t.Errorf("the log group indexes %v, want event and success (a where field)", indexes)
	}
	q, err := insights.Parse(query.QueryString)
	if err != nil {
		t.Fatalf("%s: %v", query.QueryString, err)
	}
	lines := []string{
		`{"event":"run","success":"True","time":1}`,
		`{"event":"run","success":"False","time":3}`,
		`{"event":"walk","success":"False","time":100}`,
		`not json`,
	}
	events := func(yield func(insights.Event, error) bool) {
		for i, l := range lines {
			if !yield(insights.Event{Timestamp: 1_700_000_000_000 + int64(i)*1000, Message: l}, nil) {
				return
			}
		}
	}
	res, err := q.Run(context.Background(), events, insights.Options{Parallelism: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 1 {
		t.Fatalf("%d rows, want one 5-minute bin: %v", len(res.Rows), res.Rows)
	}
	got := map[string]string{}
	for _, c := range res.Rows[0] {
		got[c.Field] = c.Value
	}
	if got["occurrences"] != "2" || got["time_p99"] == "" || got["time_p99"] == "100" {
		t.Errorf("query %q gave %v; want 2 occurrences of run and run's times only", query.QueryString, got)
	}
}
