package test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// Each service has a dashboard whose body is CloudWatch dashboard JSON:
// a header, the service's alarms, a graph per alarmed metric with its
// threshold, the log group's traffic and a Logs Insights widget per saved
// query on its log group; the environment has a summary of every service.
func TestDashboards(t *testing.T) {
	for _, stack := range synthesized.stacks {
		env := strings.TrimPrefix(stack, "eventwatch-")
		bodies := map[string]dashboardBody{}
		for id, r := range synthesized.templates[stack].Resources {
			if r.Type == "AWS::CloudWatch::Dashboard" {
				bodies[r.Properties["DashboardName"].(string)] = parseDashboard(t, stack+" "+id, r.Properties["DashboardBody"])
			}
		}
		for _, svc := range []string{"checkout", "orders"} {
			name := "eventwatch-" + env + "-" + svc
			d, ok := bodies[name]
			if !ok {
				t.Errorf("%s: no dashboard %s; have %v", stack, name, keys(bodies))
				continue
			}
			if got := d.types(); !strings.HasPrefix(got, "text,alarm,metric") || !strings.HasSuffix(got, ",log") {
				t.Errorf("%s %s: widgets %s, want text, alarm, graphs, then Logs Insights", stack, name, got)
			}
			if header := jsonOf(d.Widgets[0].Properties); !strings.Contains(header, "team-"+svc) || !strings.Contains(header, "runbooks.example.com/"+svc) {
				t.Errorf("%s %s: the header %s lacks the owner or the runbook", stack, name, header)
			}
			alarms := jsonOf(d.Widgets[1].Properties["alarms"])
			for id, r := range synthesized.templates[stack].Resources {
				if (r.Type == "AWS::CloudWatch::Alarm" || r.Type == "AWS::CloudWatch::CompositeAlarm") && strings.Contains(r.Properties["AlarmName"].(string), "-"+svc+"-") && !strings.Contains(alarms, id) {
					t.Errorf("%s %s: the alarm status widget lacks %s", stack, name, id)
				}
			}
			log := d.Widgets[len(d.Widgets)-1].Properties
			if q, _ := log["query"].(string); !strings.Contains(q, "SOURCE '/eventwatch/"+env+"/"+svc+"'") || !strings.Contains(q, "stats count(*)") {
				t.Errorf("%s %s: the query widget %q lacks the log group or the saved query", stack, name, q)
			}
			thresholds := 0
			for _, w := range d.Widgets {
				if w.Type == "metric" && w.Properties["annotations"] != nil {
					thresholds++
				}
			}
			if thresholds == 0 {
				t.Errorf("%s %s: no graph draws an alarm threshold", stack, name)
			}
		}
		summary, ok := bodies["eventwatch-"+env]
		if !ok || summary.types() != "text,alarm,alarm" {
			t.Errorf("%s: summary dashboard widgets %q, want a header and one alarm status widget per service", stack, summary.types())
		}
	}
}

// A service with two or more critical alarms pages once, through its
// composite alarm, which watches exactly those alarms; they notify the
// warning topic instead.
func TestCompositeAlarmsWatchTheServicesCriticalAlarms(t *testing.T) {
	for _, stack := range synthesized.stacks {
		res := synthesized.templates[stack].Resources
		for id, r := range res {
			if r.Type != "AWS::CloudWatch::CompositeAlarm" {
				continue
			}
			name := r.Properties["AlarmName"].(string)
			service := strings.Split(name, "-")[1]
			if got := jsonOf(r.Properties["AlarmActions"]); !strings.Contains(got, "AlertTopicAlertsCritical") {
				t.Errorf("%s %s: actions %s, want the critical topic", stack, id, got)
			}
			rule := jsonOf(r.Properties["AlarmRule"])
			for aid, a := range res {
				if a.Type != "AWS::CloudWatch::Alarm" {
					continue
				}
				aname := a.Properties["AlarmName"].(string)
				member := strings.Contains(aname, "-"+service+"-critical-")
				if watched := strings.Contains(rule, `"`+aid+`"`); watched != member {
					t.Errorf("%s %s: watches %s (%s): %v, want %v", stack, id, aid, aname, watched, member)
				}
				if member && !strings.Contains(jsonOf(a.Properties["AlarmActions"]), "AlertTopicAlertsWarning") {
					t.Errorf("%s %s: a member of the composite alarm notifies %s, want the warning topic", stack, aname, jsonOf(a.Properties["AlarmActions"]))
				}
			}
		}
	}
	if n := count("eventwatch-prod", "AWS::CloudWatch::CompositeAlarm"); n != 2 {
		t.Errorf("prod has %d composite alarms, want one per service with two critical alarms (2)", n)
	}
}

// Silence detection is on where the environment says so (prod, 15
// minutes), off in dev and staging; the anomaly alarm keeps its band in
// every environment.
func TestSilenceAndAnomalyDefaults(t *testing.T) {
	want := map[string]int{"eventwatch-dev": 0, "eventwatch-staging": 0, "eventwatch-prod": 2}
	for stack, n := range want {
		silences := 0
		for id, r := range synthesized.templates[stack].Resources {
			if r.Type != "AWS::CloudWatch::Alarm" {
				continue
			}
			p := r.Properties
			if p["MetricName"] == "IncomingLogEvents" {
				silences++
				// 15 minutes: 15 of 15 one-minute periods without an event.
				if p["Period"] != 60.0 || p["EvaluationPeriods"] != 15.0 || p["DatapointsToAlarm"] != 15.0 || p["TreatMissingData"] != "breaching" || p["ComparisonOperator"] != "LessThanThreshold" {
					t.Errorf("%s %s: silence alarm %v", stack, id, p)
				}
			}
			if strings.HasSuffix(p["AlarmName"].(string), "-queue-worker-run") {
				if p["ComparisonOperator"] != "LessThanLowerThreshold" || !strings.Contains(jsonOf(p["Metrics"]), "ANOMALY_DETECTION_BAND") {
					t.Errorf("%s %s: the anomaly alarm is %v", stack, id, p)
				}
			}
		}
		if silences != n {
			t.Errorf("%s: %d silence alarms, want %d", stack, silences, n)
		}
	}
}

// Every subscription with an endpoint has a dead-letter queue, and cdk-nag's
// Serverless pack finds no subscription without one.
func TestEverySubscriptionHasADeadLetterQueue(t *testing.T) {
	for _, stack := range synthesized.stacks {
		for id, r := range synthesized.templates[stack].Resources {
			if r.Type == "AWS::SNS::Subscription" && !strings.Contains(jsonOf(r.Properties["RedrivePolicy"]), "deadLetterTargetArn") {
				t.Errorf("%s %s: no redrive policy", stack, id)
			}
		}
		for path, entries := range synthesized.metadata[stack] {
			for _, e := range entries {
				if msg := fmt.Sprint(e.Data); strings.Contains(msg, "Serverless-SNSRedrivePolicy") && e.Type != "aws:cdk:info" {
					t.Errorf("%s %s: %s", stack, path, firstLine(msg))
				}
			}
		}
	}
	if count("eventwatch-prod", "AWS::SQS::Queue") != 2 {
		t.Error("prod should have one dead-letter queue per topic")
	}
}

// dashboardBody is the part of a dashboard body the tests read.
type dashboardBody struct {
	Widgets []struct {
		Type       string         `json:"type"`
		Properties map[string]any `json:"properties"`
	} `json:"widgets"`
}

func (d dashboardBody) types() string {
	var out []string
	for _, w := range d.Widgets {
		out = append(out, w.Type)
	}
	return strings.Join(out, ",")
}

// parseDashboard joins a DashboardBody's Fn::Join, writing references as
// their logical IDs, and parses the JSON.
func parseDashboard(t *testing.T, where string, body any) dashboardBody {
	t.Helper()
	var d dashboardBody
	text := joinBody(body)
	if err := json.Unmarshal([]byte(text), &d); err != nil {
		t.Fatalf("%s: the dashboard body is not JSON: %v\n%s", where, err, text)
	}
	for _, w := range d.Widgets {
		if !slices.Contains([]string{"text", "alarm", "metric", "log"}, w.Type) {
			t.Errorf("%s: widget type %q", where, w.Type)
		}
	}
	return d
}

func joinBody(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case map[string]any:
		if join, ok := v["Fn::Join"].([]any); ok {
			var b strings.Builder
			for _, part := range join[1].([]any) {
				b.WriteString(joinBody(part))
			}
			return b.String()
		}
		if ref, ok := v["Ref"].(string); ok {
			return ref
		}
		if att, ok := v["Fn::GetAtt"].([]any); ok {
			return att[0].(string)
		}
	}
	return fmt.Sprint(v)
}

func count(stack, typ string) int {
	n := 0
	for _, r := range synthesized.templates[stack].Resources {
		if r.Type == typ {
			n++
		}
	}
	return n
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
