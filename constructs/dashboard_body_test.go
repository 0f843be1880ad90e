package constructs_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/interfaces/interfacesawscloudwatch"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs"
)

// A Dashboard renders its body in Go; aws-cdk-lib's Dashboard renders
// the same widgets, made of the same inputs, to the same text: keys and
// their order, escaping (quotes, control characters, '<', '&', U+2028,
// non-ASCII), metric options (label, color, period, statistic, the
// Average and five-minute defaults left out), dimensions, a metric drawn
// twice, thresholds (a parameter's too), the layout of full- and
// half-width widgets, log queries in every view and language, and the
// tokens of the region, a log group's name and an alarm's ARN.
func TestDashboardBodyIsAwsCdkLibs(t *testing.T) {
	stack := newStack()
	lg := awslogs.NewLogGroup(stack, jsii.String("Logs"), &awslogs.LogGroupProps{LogGroupName: jsii.String("/app/orders")})
	em := constructs.NewEventMetric(stack, "Failures", &constructs.EventMetricProps{
		LogGroup: lg, FilterPattern: jsii.String(`{ $.event = "order" && $.ok IS FALSE }`),
		MetricNamespace: jsii.String("app/orders"), MetricName: jsii.String("failures"),
		Dimensions: &map[string]*string{"Method": jsii.String("$.method"), "Country": jsii.String("$.country")},
	})
	post := em.Metric(&awscloudwatch.MetricOptions{DimensionsMap: &map[string]*string{"Method": jsii.String("POST"), "Country": jsii.String("DE")}})
	get := em.Metric(&awscloudwatch.MetricOptions{
		DimensionsMap: &map[string]*string{"Method": jsii.String("GET"), "Country": jsii.String("FR")},
		Statistic:     jsii.String("p99"), Period: awscdk.Duration_Minutes(jsii.Number(1)),
		Label: jsii.String(`p99 "GET" <fr>`), Color: jsii.String("#d62728"),
	})
	queueAge := awscloudwatch.NewMetric(&awscloudwatch.MetricProps{
		Namespace: jsii.String("AWS/SQS"), MetricName: jsii.String("ApproximateAgeOfOldestMessage"),
		DimensionsMap: &map[string]*string{"QueueName": jsii.String("orders")}, Statistic: jsii.String("Maximum"), Period: awscdk.Duration_Hours(jsii.Number(1)),
	})
	average := awscloudwatch.NewMetric(&awscloudwatch.MetricProps{Namespace: jsii.String("app/orders"), MetricName: jsii.String("latency"), Label: jsii.String("latency")})
	alarm := constructs.NewEventAlarm(stack, "Alarm", &constructs.EventAlarmProps{Metric: post, AlarmName: jsii.String("prod-orders-failures"), Threshold: jsii.Number(3)})
	otherArn := "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:prod-payments-errors"
	limit := numberParam(stack, "Limit")

	title, description := "orders <prod> & \"friends\"\u2028", "Takes\torders;\nanswers \x01 ünïcode · 注文"
	graphs := []*constructs.DashboardGraph{
		{Title: jsii.String("failures"), Metrics: &[]awscloudwatch.IMetric{post, get}, Threshold: jsii.Number(2.5)},
		{Title: jsii.String("age"), Metrics: &[]awscloudwatch.IMetric{queueAge, average, queueAge}, Threshold: limit, ThresholdLabel: jsii.String("limit")},
		{Title: jsii.String("latency"), Metrics: &[]awscloudwatch.IMetric{average}},
	}
	queries := []*constructs.DashboardQuery{
		{Title: jsii.String("per hour"), QueryString: jsii.String("stats count(*) by bin(1h)"), LogGroupNames: jsii.Strings("/app/orders", "/app/payments")},
		{Title: jsii.String("ranked"), QueryString: jsii.String("stats count(*) as n by bin(1h)\n| sort n desc"), LogGroupNames: jsii.Strings("/app/orders")},
		{Title: jsii.String("sql"), QueryString: jsii.String("SELECT `@message` FROM `/app/orders`"), QueryLanguage: jsii.String("SQL"), LogGroupNames: jsii.Strings("/app/orders")},
		{Title: jsii.String("stacked"), QueryString: jsii.String("stats count(*) by bin(5m)"), LogGroupNames: jsii.Strings("/app/orders"), View: awscloudwatch.LogQueryVisualizationType_STACKEDAREA},
		{Title: jsii.String("pie"), QueryString: jsii.String("stats count(*) by level"), LogGroupNames: jsii.Strings("/app/orders"), View: awscloudwatch.LogQueryVisualizationType_PIE},
	}
	constructs.NewDashboard(stack, "Go", &constructs.DashboardProps{
		DashboardName: jsii.String("orders-go"), Title: jsii.String(title), Description: jsii.String(description),
		Owner: jsii.String("team-orders"), Links: jsii.Strings("https://runbooks.example.com/orders?a=1&b=2"),
		AlarmGroups: &[]*constructs.DashboardAlarms{{Title: jsii.String("Alarms"), Alarms: &[]awscloudwatch.IAlarm{alarm}, AlarmArns: jsii.Strings(otherArn)}},
		Graphs:      &graphs,
		LogGroups:   &[]awslogs.ILogGroup{lg},
		Queries:     &queries,
	})

	// The same, made of aws-cdk-lib's widgets.
	markdown := "# " + title + "\n\n" + description + "\n\nOwner: **team-orders** · [Runbook](https://runbooks.example.com/orders?a=1&b=2)"
	other := awscloudwatch.Alarm_FromAlarmArn(stack, jsii.String("Other"), jsii.String(otherArn))
	widgets := []awscloudwatch.IWidget{
		awscloudwatch.NewTextWidget(&awscloudwatch.TextWidgetProps{Markdown: jsii.String(markdown), Width: jsii.Number(24), Height: jsii.Number(3)}),
		awscloudwatch.NewAlarmStatusWidget(&awscloudwatch.AlarmStatusWidgetProps{Title: jsii.String("Alarms"),
			Alarms: &[]interfacesawscloudwatch.IAlarmRef{alarm, other}, Width: jsii.Number(24), Height: jsii.Number(3)}),
	}
	for _, g := range graphs {
		p := &awscloudwatch.GraphWidgetProps{Title: g.Title, Left: g.Metrics, Width: jsii.Number(12), Height: jsii.Number(6)}
		if g.Threshold != nil {
			label := g.ThresholdLabel
			if label == nil {
				label = jsii.String("threshold")
			}
			p.LeftAnnotations = &[]*awscloudwatch.HorizontalAnnotation{{Value: g.Threshold, Label: label}}
		}
		widgets = append(widgets, awscloudwatch.NewGraphWidget(p))
	}
	traffic := func(name string) awscloudwatch.IMetric {
		return awscloudwatch.NewMetric(&awscloudwatch.MetricProps{Namespace: jsii.String("AWS/Logs"), MetricName: jsii.String(name),
			DimensionsMap: &map[string]*string{"LogGroupName": lg.LogGroupName()}, Statistic: jsii.String("Sum")})
	}
	widgets = append(widgets, awscloudwatch.NewGraphWidget(&awscloudwatch.GraphWidgetProps{Title: jsii.String("Incoming log events and bytes"),
		Left: &[]awscloudwatch.IMetric{traffic("IncomingLogEvents")}, Right: &[]awscloudwatch.IMetric{traffic("IncomingBytes")},
		Width: jsii.Number(12), Height: jsii.Number(6)}))
	views := []awscloudwatch.LogQueryVisualizationType{
		awscloudwatch.LogQueryVisualizationType_LINE, awscloudwatch.LogQueryVisualizationType_TABLE, awscloudwatch.LogQueryVisualizationType_TABLE,
		awscloudwatch.LogQueryVisualizationType_STACKEDAREA, awscloudwatch.LogQueryVisualizationType_PIE,
	}
	languages := []awscloudwatch.LogQueryLanguage{
		awscloudwatch.LogQueryLanguage_LOGS_INSIGHTS, awscloudwatch.LogQueryLanguage_LOGS_INSIGHTS, awscloudwatch.LogQueryLanguage_SQL,
		awscloudwatch.LogQueryLanguage_LOGS_INSIGHTS, awscloudwatch.LogQueryLanguage_LOGS_INSIGHTS,
	}
	for i, q := range queries {
		widgets = append(widgets, awscloudwatch.NewLogQueryWidget(&awscloudwatch.LogQueryWidgetProps{
			Title: q.Title, QueryString: q.QueryString, LogGroupNames: q.LogGroupNames, QueryLanguage: languages[i], View: views[i],
			Width: jsii.Number(24), Height: jsii.Number(6)}))
	}
	awscloudwatch.NewDashboard(stack, jsii.String("Cdk"), &awscloudwatch.DashboardProps{DashboardName: jsii.String("orders-cdk"), Widgets: &[]*[]awscloudwatch.IWidget{&widgets}})

	bodies := map[string]string{}
	for _, r := range resources(t, stack, "AWS::CloudWatch::Dashboard") {
		p := props(r)
		bodies[p["DashboardName"].(string)] = jsonOf(p["DashboardBody"])
	}
	if bodies["orders-go"] != bodies["orders-cdk"] {
		t.Errorf("eventwatch's body:\n%s\naws-cdk-lib's:\n%s", bodies["orders-go"], bodies["orders-cdk"])
	}
	for _, want := range []string{`{"Ref":"AWS::Region"}`, `{"Ref":"Limit"}`, `{"Ref":"Logs`, `{"Fn::GetAtt":["Alarm`, `\u2028`} {
		if !strings.Contains(bodies["orders-go"], want) {
			t.Errorf("eventwatch's body lacks %s:\n%s", want, bodies["orders-go"])
		}
	}
}
