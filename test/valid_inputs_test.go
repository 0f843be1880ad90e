package test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// Valid inputs a new user writes synthesize, with cdk-nag's checks clean,
// and the templates hold what the config says (the config side of these
// cases is internal/appconfig/valid_inputs_test.go).

const validInputsEnvironment = "account: \"111111111111\"\nregion: eu-west-1\nretentionDays: 7\nsilence: {after: 15m}\n"

func synthesizeValid(t *testing.T, services string) synthesizedStack {
	t.Helper()
	s := synthesizeConfig(t, fstest.MapFS{
		"services.yaml":         {Data: []byte(services)},
		"environments/dev.yaml": {Data: []byte(validInputsEnvironment)},
	}).stacks["eventwatch-dev"]
	for path, entries := range s.metadata {
		for _, e := range entries {
			if msg := fmt.Sprint(e.Data); (e.Type == "aws:cdk:error" || e.Type == "aws:cdk:warning") && strings.Contains(msg, "AwsSolutions-") {
				t.Errorf("cdk-nag: %s: %s", path, firstLine(msg))
			}
		}
	}
	if n := len(s.Resources) - len(s.resourcesOf("AWS::CDK::Metadata")); n != s.planned {
		t.Errorf("%d resources; the plan predicts %d", n, s.planned)
	}
	return s
}

// A DELIVERY log group synthesizes without a retention (aws-cdk-lib refuses
// one, and CloudWatch keeps its events for a day), and the environment's
// retentionDays still applies to the other log groups.
func TestDeliveryLogGroupSynthesizes(t *testing.T) {
	s := synthesizeValid(t, `owner: team
services:
  - name: lambda
    logGroup: {class: DELIVERY}
    events: []
  - name: orders
    events:
      - name: failed
        pattern: 'ERROR'
        alarm: {threshold: 1}
`)
	groups := s.resourcesOf("AWS::Logs::LogGroup")
	if lg := groups["LogGroupLambda"]; !strings.Contains(lg, `"LogGroupClass":"DELIVERY"`) || strings.Contains(lg, "RetentionInDays") {
		t.Errorf("LogGroupLambda %s, want class DELIVERY without RetentionInDays", lg)
	}
	if lg := groups["LogGroupOrders"]; !strings.Contains(lg, `"RetentionInDays":7`) {
		t.Errorf("LogGroupOrders %s, want the environment's 7 days", lg)
	}
}

// A service of 100 alarmed events and a silence alarm has 101 alarms: its
// dashboard and the summary show them all, in alarm status widgets of at
// most 100 (CloudWatch's limit), "(1/2)" and "(2/2)".
func TestHundredAlarmedEventsAndSilenceSynthesize(t *testing.T) {
	var b strings.Builder
	b.WriteString("owner: team\nservices:\n  - name: orders\n    events:\n")
	for i := range 100 {
		fmt.Fprintf(&b, "      - name: e%d\n        pattern: '{ $.event = \"e%d\" }'\n        alarm: {threshold: 1}\n", i, i)
	}
	s := synthesizeValid(t, b.String())
	alarms := s.resourcesOf("AWS::CloudWatch::Alarm")
	var ids []string
	for id, a := range alarms {
		if strings.Contains(a, `"AlarmName":"dev-orders-`) {
			ids = append(ids, id)
		}
	}
	if len(ids) != 101 {
		t.Fatalf("%d alarms of orders, want 101", len(ids))
	}
	for id, body := range s.resourcesOf("AWS::CloudWatch::Dashboard") {
		var props struct{ DashboardName string }
		d := parseDashboard(t, id, dashboardBodyOf(t, body, &props))
		title := "Alarms"
		if props.DashboardName == "eventwatch-dev" {
			title = "orders"
		}
		var widgets []string
		shown := ""
		for _, w := range d.Widgets {
			if w.Type != "alarm" {
				continue
			}
			list, _ := w.Properties["alarms"].([]any)
			widgets = append(widgets, fmt.Sprintf("%v:%d", w.Properties["title"], len(list)))
			shown += jsonOf(list)
		}
		if want := fmt.Sprintf("[%s (1/2):100 %s (2/2):1]", title, title); fmt.Sprint(widgets) != want {
			t.Errorf("%s: alarm status widgets %v, want %s", props.DashboardName, widgets, want)
		}
		for _, a := range ids {
			if !strings.Contains(shown, a) {
				t.Errorf("%s: no widget shows %s", props.DashboardName, a)
			}
		}
	}
}

// Windows of up to 7 days of hourly periods synthesize, for event,
// anomaly and ratio alarms alike.
func TestSevenDayWindowsSynthesize(t *testing.T) {
	s := synthesizeValid(t, `owner: team
services:
  - name: orders
    events:
      - name: failed
        pattern: 'ERROR'
        alarm: {threshold: 1, period: 1h, evaluationPeriods: 168}
      - name: run
        pattern: 'RUN'
        alarm: {anomaly: {stdDevs: 3}, period: 2h, evaluationPeriods: 84}
    ratios:
      - name: failure-rate
        numerator: failed
        denominator: run
        alarm: {threshold: 0.1, period: 1h, evaluationPeriods: 48, datapointsToAlarm: 40}
`)
	want := map[string][]string{
		"dev-orders-warning-failed":       {`"EvaluationPeriods":168`, `"Period":3600`},
		"dev-orders-warning-run":          {`"EvaluationPeriods":84`, `"Period":7200`},
		"dev-orders-warning-failure-rate": {`"EvaluationPeriods":48`, `"DatapointsToAlarm":40`, `"Period":3600`},
	}
	for _, a := range s.resourcesOf("AWS::CloudWatch::Alarm") {
		for name, parts := range want {
			if !strings.Contains(a, `"AlarmName":"`+name+`"`) {
				continue
			}
			for _, p := range parts {
				if !strings.Contains(a, p) {
					t.Errorf("%s lacks %s: %s", name, p, a)
				}
			}
			delete(want, name)
		}
	}
	if len(want) > 0 {
		t.Errorf("alarms missing: %v", keys(want))
	}
}

// dashboardBodyOf reads a dashboard's properties (JSON) into props and
// returns its DashboardBody.
func dashboardBodyOf(t *testing.T, properties string, props any) any {
	t.Helper()
	var p map[string]any
	if err := jsonUnmarshal(properties, &p); err != nil {
		t.Fatal(err)
	}
	if err := jsonUnmarshal(properties, props); err != nil {
		t.Fatal(err)
	}
	return p["DashboardBody"]
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }
