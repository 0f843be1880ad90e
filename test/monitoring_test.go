package test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/constructs/spec"
	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/internal/assembly"
)

// plannedItems are the plan items of environment env, of every stack.
func plannedItems(t *testing.T, env string) []appconfig.Item {
	t.Helper()
	plans, err := synthesized.config.Plan(env)
	if err != nil {
		t.Fatal(err)
	}
	var items []appconfig.Item
	for _, p := range plans {
		items = append(items, p.Items...)
	}
	return items
}

// envStacks are the synthesized stacks of environment env.
func envStacks(env string) []string {
	var out []string
	for _, s := range synthesized.stacks {
		if assembly.InEnvironment(s, env) {
			out = append(out, s)
		}
	}
	return out
}

// Each service has a dashboard whose body is CloudWatch dashboard JSON:
// a header with its owner and runbook, the status of every one of its
// alarms, a graph per alarmed metric with its threshold, the log group's
// traffic and a Logs Insights widget per saved query on its log group;
// the environment's summary lists every alarm of every service. What is
// expected comes from the config's plan, so it holds for any config.
func TestDashboards(t *testing.T) {
	for _, env := range synthesized.config.EnvironmentNames() {
		bodies, alarmIDs := map[string]dashboardBody{}, map[string]string{}
		for _, stack := range envStacks(env) {
			for id, r := range synthesized.templates[stack].Resources {
				switch r.Type {
				case "AWS::CloudWatch::Dashboard":
					bodies[r.Properties["DashboardName"].(string)] = parseDashboard(t, stack+" "+id, r.Properties["DashboardBody"])
				case "AWS::CloudWatch::Alarm", "AWS::CloudWatch::CompositeAlarm", "AWS::CloudWatch::LogAlarm":
					alarmIDs[r.Properties["AlarmName"].(string)] = id
				}
			}
		}
		items := plannedItems(t, env)
		alarmsOf := serviceAlarms(items)
		var summary []string
		for _, it := range items {
			switch {
			case it.Dashboard == nil:
			case it.Summary:
				d, ok := bodies[it.Dashboard.DashboardName]
				if !ok || !strings.HasPrefix(d.types(), "text") {
					t.Errorf("%s: no summary dashboard %s with a header; widgets %q", env, it.Dashboard.DashboardName, d.types())
				}
				summary = append(summary, jsonOf(d.Widgets))
			default:
				checkServiceDashboard(t, env, it, bodies[it.Dashboard.DashboardName], alarmIDs, alarmsOf[it.Service])
			}
		}
		all := strings.Join(summary, "")
		for _, alarms := range alarmsOf {
			for _, name := range alarms {
				if !strings.Contains(all, alarmIDs[name]) {
					t.Errorf("%s: the summary dashboard lacks the alarm %s (%s)", env, name, alarmIDs[name])
				}
			}
		}
	}
}

// serviceAlarms are the names of each service's alarms in the plan.
func serviceAlarms(items []appconfig.Item) map[string][]string {
	out := map[string][]string{}
	for _, it := range items {
		switch {
		case it.Alarm != nil:
			out[it.Service] = append(out[it.Service], it.Alarm.AlarmName)
		case it.Silence != nil:
			out[it.Service] = append(out[it.Service], it.Silence.AlarmName)
		case it.Composite != nil:
			out[it.Service] = append(out[it.Service], it.Composite.AlarmName)
		case it.LogAlarm != nil:
			out[it.Service] = append(out[it.Service], it.LogAlarm.AlarmName)
		}
	}
	return out
}

func checkServiceDashboard(t *testing.T, env string, it appconfig.Item, d dashboardBody, alarmIDs map[string]string, alarms []string) {
	t.Helper()
	name := it.Dashboard.DashboardName
	if len(d.Widgets) == 0 {
		t.Errorf("%s: no dashboard %s", env, name)
		return
	}
	if !strings.HasPrefix(d.types(), "text,") {
		t.Errorf("%s %s: widgets %s, want a header first", env, name, d.types())
	}
	header := jsonOf(d.Widgets[0].Properties)
	for _, want := range append([]string{it.Dashboard.Owner}, it.Dashboard.Links...) {
		if !strings.Contains(header, want) {
			t.Errorf("%s %s: the header %s lacks %q", env, name, header, want)
		}
	}
	all := jsonOf(d.Widgets)
	for _, a := range alarms {
		if !strings.Contains(all, alarmIDs[a]) {
			t.Errorf("%s %s: no alarm status widget shows %s", env, name, a)
		}
	}
	queries := 0
	for _, w := range d.Widgets {
		if w.Type == "log" {
			queries++
		}
	}
	if queries != len(it.DashboardQueries) {
		t.Errorf("%s %s: %d Logs Insights widgets, want one per saved query on its log group (%d)", env, name, queries, len(it.DashboardQueries))
	}
	if !strings.Contains(d.types(), "metric") {
		t.Errorf("%s %s: no graph (the log group's traffic at least)", env, name)
	}
}

// A service's composite alarm watches exactly its critical alarms, which
// then notify the warning topic, and pages the critical topic; there is
// one per composite of the plan.
func TestCompositeAlarmsWatchTheServicesCriticalAlarms(t *testing.T) {
	for _, env := range synthesized.config.EnvironmentNames() {
		planned := map[string][]string{}
		for _, it := range plannedItems(t, env) {
			if it.Composite != nil {
				planned[it.Composite.AlarmName] = it.Composite.Members
			}
		}
		found := 0
		for _, stack := range envStacks(env) {
			res := synthesized.templates[stack].Resources
			ids := map[string]string{}
			for id, r := range res {
				if r.Type == "AWS::CloudWatch::Alarm" {
					ids[r.Properties["AlarmName"].(string)] = id
				}
			}
			for id, r := range res {
				if r.Type != "AWS::CloudWatch::CompositeAlarm" {
					continue
				}
				found++
				name := r.Properties["AlarmName"].(string)
				members, ok := planned[name]
				if !ok {
					t.Errorf("%s %s: composite alarm %s is not in the plan", stack, id, name)
					continue
				}
				if got := jsonOf(r.Properties["AlarmActions"]); !strings.Contains(got, "AlertTopicAlertsCritical") {
					t.Errorf("%s %s: actions %s, want the critical topic", stack, id, got)
				}
				rule := jsonOf(r.Properties["AlarmRule"])
				for _, m := range members {
					if !strings.Contains(rule, `"`+ids[m]+`"`) {
						t.Errorf("%s %s: the rule does not watch %s", stack, id, m)
					}
					if !strings.Contains(jsonOf(res[ids[m]].Properties["AlarmActions"]), "AlertTopicAlertsWarning") {
						t.Errorf("%s %s: a member of the composite alarm notifies %s, want the warning topic", stack, m, jsonOf(res[ids[m]].Properties["AlarmActions"]))
					}
				}
				if n := strings.Count(rule, "ALARM("); n != len(members) {
					t.Errorf("%s %s: the rule watches %d alarms, want the %d critical ones", stack, id, n, len(members))
				}
			}
		}
		if found != len(planned) {
			t.Errorf("%s: %d composite alarms, want the plan's %d", env, found, len(planned))
		}
	}
}

// Silence detection is on where the config says so: a silence alarm per
// planned one, in one-minute periods, all of its 'after' breaching; an
// anomaly alarm keeps its band in every environment.
func TestSilenceAndAnomalyAlarms(t *testing.T) {
	for _, env := range synthesized.config.EnvironmentNames() {
		silences, anomalies := map[string]int{}, map[string]bool{}
		for _, it := range plannedItems(t, env) {
			if it.Silence != nil {
				_, periods := spec.SilencePeriods(it.Silence.AfterSeconds)
				silences[it.Silence.AlarmName] = periods
			}
			if it.Alarm != nil && it.Alarm.AnomalyStdDevs != 0 {
				anomalies[it.Alarm.AlarmName] = true
			}
		}
		found := 0
		for _, stack := range envStacks(env) {
			for id, r := range synthesized.templates[stack].Resources {
				if r.Type != "AWS::CloudWatch::Alarm" {
					continue
				}
				p := r.Properties
				name := p["AlarmName"].(string)
				if periods, ok := silences[name]; ok {
					found++
					if p["MetricName"] != "IncomingLogEvents" || p["EvaluationPeriods"] != float64(periods) || p["DatapointsToAlarm"] != float64(periods) ||
						p["TreatMissingData"] != "breaching" || p["ComparisonOperator"] != "LessThanThreshold" || !strings.Contains(jsonOf(p["Dimensions"]), "LogGroupName") {
						t.Errorf("%s %s: silence alarm %v", stack, id, p)
					}
				}
				if anomalies[name] && !strings.Contains(jsonOf(p["Metrics"]), "ANOMALY_DETECTION_BAND") {
					t.Errorf("%s %s: the anomaly alarm is %v", stack, id, p)
				}
			}
		}
		if found != len(silences) {
			t.Errorf("%s: %d silence alarms, want the plan's %d", env, found, len(silences))
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
	// One dead-letter queue per topic with subscriptions, shared by them.
	for _, stack := range synthesized.stacks {
		dlqs := map[string]map[string]bool{}
		for _, r := range synthesized.templates[stack].Resources {
			if r.Type == "AWS::SNS::Subscription" {
				topic := jsonOf(r.Properties["TopicArn"])
				if dlqs[topic] == nil {
					dlqs[topic] = map[string]bool{}
				}
				dlqs[topic][jsonOf(r.Properties["RedrivePolicy"])] = true
			}
		}
		for topic, queues := range dlqs {
			if len(queues) != 1 {
				t.Errorf("%s: the subscriptions of %s use %d dead-letter queues, want one", stack, topic, len(queues))
			}
		}
		if n := count(stack, "AWS::SQS::Queue"); n != len(dlqs) {
			t.Errorf("%s: %d queues, want one per topic with subscriptions (%d)", stack, n, len(dlqs))
		}
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
