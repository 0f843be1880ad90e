package appconfig_test

import (
	"slices"
	"testing"

	"github.com/eventwatch/eventwatch/filterpattern"
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
