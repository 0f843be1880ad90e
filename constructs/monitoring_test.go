package constructs_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs"
)

// Every endpoint subscription has a redrive policy to its topic's
// encrypted dead-letter queue, whose alarm notifies the other topic.
func TestAlertTopicDeadLetterQueues(t *testing.T) {
	stack := newStack()
	constructs.NewAlertTopic(stack, "Alerts", &constructs.AlertTopicProps{
		NamePrefix: jsii.String("app-prod"),
		Subscriptions: map[constructs.Severity][]constructs.Subscription{
			constructs.Critical: {{Email: "oncall@example.com"}, {HTTPS: "https://events.example.com/hook"}},
			constructs.Warning:  {{LambdaFunctionArn: "arn:aws:lambda:eu-west-1:123456789012:function:bot"}},
		},
	})
	queues := resources(t, stack, "AWS::SQS::Queue")
	if len(queues) != 2 {
		t.Fatalf("%d dead-letter queues, want one per topic with endpoints", len(queues))
	}
	for id, q := range queues {
		if props(q)["SqsManagedSseEnabled"] != true {
			t.Errorf("queue %s is not encrypted: %v", id, props(q))
		}
	}
	for id, s := range resources(t, stack, "AWS::SNS::Subscription") {
		if !strings.Contains(jsonOf(props(s)["RedrivePolicy"]), "deadLetterTargetArn") {
			t.Errorf("subscription %s (%v) has no redrive policy", id, props(s)["Protocol"])
		}
	}
	alarms := resources(t, stack, "AWS::CloudWatch::Alarm")
	names := map[string]string{}
	for _, a := range alarms {
		names[props(a)["AlarmName"].(string)] = jsonOf(props(a)["AlarmActions"])
	}
	crit, warn := names["app-prod-critical-undelivered"], names["app-prod-warning-undelivered"]
	if crit == "" || warn == "" || crit == warn {
		t.Errorf("undelivered alarms %v: want one per topic, each notifying the other topic", names)
	}
	for _, p := range resources(t, stack, "AWS::SQS::QueuePolicy") {
		if !strings.Contains(jsonOf(props(p)["PolicyDocument"]), `"sns.amazonaws.com"`) {
			t.Errorf("the queue policy does not let SNS send: %s", jsonOf(props(p)["PolicyDocument"]))
		}
	}
}

func TestEventAlarmAnomalyDetection(t *testing.T) {
	stack := newStack()
	m := constructs.NewEventMetric(stack, "M", &constructs.EventMetricProps{
		LogGroupName: jsii.String("/a"), FilterPattern: jsii.String(`{ $.event = "checkout" }`),
		MetricNamespace: jsii.String("n"), MetricName: jsii.String("checkouts"),
	})
	constructs.NewEventAlarm(stack, "A", &constructs.EventAlarmProps{
		Metric: m.Metric(nil), AlarmName: jsii.String("checkouts-dropped"), AnomalyStdDevs: jsii.Number(3),
		ComparisonOperator: awscloudwatch.ComparisonOperator_LESS_THAN_LOWER_THRESHOLD,
	})
	p := props(one(t, stack, "AWS::CloudWatch::Alarm"))
	if p["ComparisonOperator"] != "LessThanLowerThreshold" || p["ThresholdMetricId"] == nil {
		t.Errorf("comparison %v, threshold metric %v: want the lower side of a band", p["ComparisonOperator"], p["ThresholdMetricId"])
	}
	if !strings.Contains(jsonOf(p["Metrics"]), "ANOMALY_DETECTION_BAND(m0, 3)") && !strings.Contains(jsonOf(p["Metrics"]), ", 3)") {
		t.Errorf("metrics %s, want a band of 3 standard deviations", jsonOf(p["Metrics"]))
	}
	bad := &constructs.EventAlarmProps{Metric: m.Metric(nil), AlarmName: jsii.String("x"), AnomalyStdDevs: jsii.Number(2),
		ComparisonOperator: awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD}
	if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), "anomaly.side") {
		t.Errorf("a static comparison on a band: %v", err)
	}
	both := &constructs.EventAlarmProps{Metric: m.Metric(nil), AlarmName: jsii.String("x"), AnomalyStdDevs: jsii.Number(2), Threshold: jsii.Number(1)}
	if err := both.Validate(); err == nil || !strings.Contains(err.Error(), "not both") {
		t.Errorf("threshold and band: %v", err)
	}
}

func TestServiceAlarmWatchesEveryMember(t *testing.T) {
	stack := newStack()
	var members []awscloudwatch.IAlarm
	for _, name := range []string{"a", "b"} {
		m := awscloudwatch.NewMetric(&awscloudwatch.MetricProps{Namespace: jsii.String("n"), MetricName: jsii.String(name)})
		members = append(members, constructs.NewEventAlarm(stack, name, &constructs.EventAlarmProps{Metric: m, AlarmName: jsii.String("prod-svc-critical-" + name), Threshold: jsii.Number(1)}))
	}
	constructs.NewServiceAlarm(stack, "Service", &constructs.ServiceAlarmProps{
		CompositeAlarmName: jsii.String("prod-svc-critical-service"), Alarms: &members,
		AlarmDescription: jsii.String("prod svc is failing."),
	})
	rule := jsonOf(props(one(t, stack, "AWS::CloudWatch::CompositeAlarm"))["AlarmRule"])
	for id := range resources(t, stack, "AWS::CloudWatch::Alarm") {
		if !strings.Contains(rule, `{"Fn::GetAtt":["`+id+`","Arn"]}`) {
			t.Errorf("the rule %s does not watch %s", rule, id)
		}
	}
	if strings.Count(rule, "ALARM(") != 2 || !strings.Contains(rule, " OR ") {
		t.Errorf("the rule %s should be ALARM of any member", rule)
	}
	if err := (&constructs.ServiceAlarmProps{CompositeAlarmName: jsii.String("x")}).Validate(); err == nil || !strings.Contains(err.Error(), "at least one alarm") {
		t.Errorf("no members: %v", err)
	}
}

func TestSilenceAlarm(t *testing.T) {
	stack := newStack()
	lg := awslogs.NewLogGroup(stack, jsii.String("Logs"), nil)
	constructs.NewSilenceAlarm(stack, "Silence", &constructs.SilenceAlarmProps{
		LogGroup: lg, After: awscdk.Duration_Minutes(jsii.Number(15)), AlarmName: jsii.String("prod-svc-critical-silence"),
	})
	p := props(one(t, stack, "AWS::CloudWatch::Alarm"))
	want := map[string]any{"MetricName": "IncomingLogEvents", "Namespace": "AWS/Logs", "Period": 60.0, "Statistic": "Sum",
		"EvaluationPeriods": 15.0, "DatapointsToAlarm": 15.0, "ComparisonOperator": "LessThanThreshold", "Threshold": 1.0, "TreatMissingData": "breaching"}
	for k, v := range want {
		if p[k] != v {
			t.Errorf("%s = %v, want %v", k, p[k], v)
		}
	}
	bad := &constructs.SilenceAlarmProps{LogGroup: lg, After: awscdk.Duration_Seconds(jsii.Number(90)), AlarmName: jsii.String("x")}
	if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), "90s is not a silence period") {
		t.Errorf("90 seconds: %v", err)
	}
}

// The dashboard body is CloudWatch dashboard JSON: widget types, metric
// arrays with the threshold annotation, and query widgets with their log
// groups and query.
func TestDashboardBody(t *testing.T) {
	stack := newStack()
	lg := awslogs.NewLogGroup(stack, jsii.String("Logs"), &awslogs.LogGroupProps{LogGroupName: jsii.String("/app/orders")})
	m := awscloudwatch.NewMetric(&awscloudwatch.MetricProps{Namespace: jsii.String("app/orders"), MetricName: jsii.String("failures")})
	a := constructs.NewEventAlarm(stack, "A", &constructs.EventAlarmProps{Metric: m, AlarmName: jsii.String("prod-orders-critical-failures"), Threshold: jsii.Number(3)})
	constructs.NewDashboard(stack, "D", &constructs.DashboardProps{
		DashboardName: jsii.String("app-prod-orders"), Title: jsii.String("orders (prod)"), Owner: jsii.String("team-orders"),
		Links:       jsii.Strings("https://runbooks.example.com/orders"),
		AlarmGroups: &[]*constructs.DashboardAlarms{{Title: jsii.String("Alarms"), Alarms: &[]awscloudwatch.IAlarm{a}}},
		Graphs:      &[]*constructs.DashboardGraph{{Title: jsii.String("failures"), Metrics: &[]awscloudwatch.IMetric{m}, Threshold: jsii.Number(3)}},
		LogGroups:   &[]awslogs.ILogGroup{lg},
		Queries:     &[]*constructs.DashboardQuery{{Title: jsii.String("errors"), QueryString: jsii.String("fields @message | limit 20"), LogGroupNames: jsii.Strings("/app/orders")}},
	})
	body := renderedBody(t, props(one(t, stack, "AWS::CloudWatch::Dashboard"))["DashboardBody"])
	var dash struct {
		Widgets []struct {
			Type       string         `json:"type"`
			Width      int            `json:"width"`
			Properties map[string]any `json:"properties"`
		} `json:"widgets"`
	}
	if err := json.Unmarshal([]byte(body), &dash); err != nil {
		t.Fatalf("the dashboard body is not JSON: %v\n%s", err, body)
	}
	var types []string
	for _, w := range dash.Widgets {
		types = append(types, w.Type)
		if w.Width < 1 || w.Width > 24 {
			t.Errorf("widget %s is %d wide; CloudWatch's grid has 24 columns", w.Type, w.Width)
		}
	}
	if got := strings.Join(types, ","); got != "text,alarm,metric,metric,log" {
		t.Errorf("widgets %s, want text,alarm,metric,metric,log", got)
	}
	text := jsonOf(dash.Widgets[0].Properties)
	for _, want := range []string{"# orders (prod)", "team-orders", "https://runbooks.example.com/orders"} {
		if !strings.Contains(text, want) {
			t.Errorf("the header lacks %s: %s", want, text)
		}
	}
	graph := dash.Widgets[2].Properties
	if m := jsonOf(graph["metrics"]); !strings.Contains(m, `["app/orders","failures"`) {
		t.Errorf("graph metrics %s, want [namespace, name, ...]", m)
	}
	if ann := jsonOf(graph["annotations"]); !strings.Contains(ann, `"value":3`) {
		t.Errorf("graph annotations %s, want the threshold 3", ann)
	}
	if m := jsonOf(dash.Widgets[3].Properties["metrics"]); !strings.Contains(m, "IncomingLogEvents") || !strings.Contains(m, "IncomingBytes") || strings.Count(m, "LogGroupName") != 2 {
		t.Errorf("log group widget metrics %s", m)
	}
	query := jsonOf(dash.Widgets[4].Properties["query"])
	if !strings.Contains(query, "SOURCE '/app/orders'") || !strings.Contains(query, "fields @message") {
		t.Errorf("query widget %s, want the log group and the query", query)
	}
	if err := (&constructs.DashboardProps{DashboardName: jsii.String("app prod")}).Validate(); err == nil || !strings.Contains(err.Error(), "dashboard names") {
		t.Errorf("a space in the name: %v", err)
	}
}

// renderedBody resolves the Fn::Join of a dashboard body into text, with
// each Ref written as its target and each Fn::GetAtt as ID.Attribute.
func renderedBody(t *testing.T, v any) string {
	t.Helper()
	switch v := v.(type) {
	case string:
		return v
	case map[string]any:
		if join, ok := v["Fn::Join"].([]any); ok {
			var b strings.Builder
			for _, part := range join[1].([]any) {
				b.WriteString(renderedBody(t, part))
			}
			return b.String()
		}
		if ref, ok := v["Ref"].(string); ok {
			return ref
		}
		if att, ok := v["Fn::GetAtt"].([]any); ok {
			return att[0].(string) + "." + att[1].(string)
		}
	}
	t.Fatalf("unexpected part of a dashboard body: %v", v)
	return ""
}
