package constructs_test

import (
	"fmt"
	"sort"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs"
)

// newStack is a stack in a fixed account and region, as eventwatch's stacks are.
func newStack() awscdk.Stack {
	app := awscdk.NewApp(nil)
	return awscdk.NewStack(app, jsii.String("Example"), &awscdk.StackProps{
		Env: &awscdk.Environment{Account: jsii.String("123456789012"), Region: jsii.String("eu-west-1")},
	})
}

// printResources prints the synthesized stack's resource types and how
// many of each.
func printResources(stack awscdk.Stack) {
	tmpl := assertions.Template_FromStack(stack, nil).ToJSON()
	counts := map[string]int{}
	for _, r := range (*tmpl)["Resources"].(map[string]any) {
		counts[r.(map[string]any)["Type"].(string)]++
	}
	types := make([]string, 0, len(counts))
	for t := range counts {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		fmt.Println(t, counts[t])
	}
}

func ExampleNewLogGroup() {
	stack := newStack()
	orders := constructs.NewLogGroup(stack, "Orders", &constructs.LogGroupProps{
		LogGroupName: jsii.String("/shop/prod/orders"),
		Retention:    awslogs.RetentionDays_THREE_MONTHS,
		Encrypt:      jsii.Bool(true),
	})
	printResources(stack)
	fmt.Println(jsonOf(stack.Resolve(orders.LogGroupName())))
	// Output:
	// AWS::KMS::Key 1
	// AWS::Logs::LogGroup 1
	// {"Ref":"Orders2A43276C"}
}

func ExampleNewAlertTopic() {
	stack := newStack()
	alerts := constructs.NewAlertTopic(stack, "Alerts", &constructs.AlertTopicProps{
		NamePrefix: jsii.String("shop-prod"),
		Subscriptions: map[constructs.Severity][]constructs.Subscription{
			constructs.Critical: {{Email: "oncall@example.com"}},
		},
	})
	printResources(stack)
	fmt.Println(alerts.Topic(constructs.Critical) != nil, alerts.Key() != nil, alerts.DeadLetterQueue(constructs.Critical) != nil)
	// Output:
	// AWS::CloudWatch::Alarm 1
	// AWS::KMS::Key 1
	// AWS::SNS::Subscription 1
	// AWS::SNS::Topic 2
	// AWS::SNS::TopicPolicy 2
	// AWS::SQS::Queue 1
	// AWS::SQS::QueuePolicy 1
	// true true true
}

func ExampleNewEventMetric() {
	stack := newStack()
	failures := constructs.NewEventMetric(stack, "QueueWorkerFailures", &constructs.EventMetricProps{
		LogGroupName:    jsii.String("/shop/prod/orders"),
		FilterPattern:   jsii.String(`{ $.event = "my-queue-worker" && $.success = "False" }`),
		MetricNamespace: jsii.String("shop/orders"),
		MetricName:      jsii.String("queue-worker-failures"),
	})
	printResources(stack)
	m := failures.Metric(nil).ToMetricConfig().MetricStat
	fmt.Println(*m.Namespace, *m.MetricName, *m.Statistic, *m.Period.ToMinutes(nil))
	// Output:
	// AWS::Logs::MetricFilter 1
	// shop/orders queue-worker-failures Sum 5
}

func ExampleNewEventAlarm() {
	stack := newStack()
	alerts := constructs.NewAlertTopic(stack, "Alerts", &constructs.AlertTopicProps{NamePrefix: jsii.String("shop-prod")})
	failures := constructs.NewEventMetric(stack, "QueueWorkerFailures", &constructs.EventMetricProps{
		LogGroupName:    jsii.String("/shop/prod/orders"),
		FilterPattern:   jsii.String(`{ $.event = "my-queue-worker" && $.success = "False" }`),
		MetricNamespace: jsii.String("shop/orders"),
		MetricName:      jsii.String("queue-worker-failures"),
	})
	alarm := constructs.NewEventAlarm(stack, "QueueWorkerFailuresAlarm", &constructs.EventAlarmProps{
		Metric:     failures.Metric(nil),
		AlarmName:  jsii.String("prod-orders-queue-worker-failures"),
		Threshold:  jsii.Number(3),
		Actions:    &[]awscloudwatch.IAlarmAction{alerts.AlarmAction(constructs.Critical)},
		RunbookUrl: jsii.String("https://runbooks.example.com/orders/queue-worker"),
	})
	printResources(stack)
	fmt.Println(*alarm.RunbookUrl())
	// Output:
	// AWS::CloudWatch::Alarm 1
	// AWS::KMS::Key 1
	// AWS::Logs::MetricFilter 1
	// AWS::SNS::Topic 2
	// AWS::SNS::TopicPolicy 2
	// https://runbooks.example.com/orders/queue-worker
}

func ExampleNewSavedQuery() {
	stack := newStack()
	orders := constructs.NewLogGroup(stack, "Orders", &constructs.LogGroupProps{LogGroupName: jsii.String("/shop/prod/orders")})
	constructs.NewSavedQuery(stack, "ExceptionsPerHour", &constructs.SavedQueryProps{
		QueryDefinitionName: jsii.String("exceptions-per-hour"),
		QueryString:         jsii.String("filter @message like /Exception/ | stats count(*) as exceptionCount by bin(1h) | sort exceptionCount desc"),
		LogGroups:           &[]awslogs.ILogGroup{orders.LogGroup()},
	})
	printResources(stack)
	// Output:
	// AWS::Logs::LogGroup 1
	// AWS::Logs::QueryDefinition 1
}

func ExampleNewDashboard() {
	stack := newStack()
	orders := constructs.NewLogGroup(stack, "Orders", &constructs.LogGroupProps{LogGroupName: jsii.String("/shop/prod/orders")})
	failures := constructs.NewEventMetric(stack, "QueueWorkerFailures", &constructs.EventMetricProps{
		LogGroup:        orders.LogGroup(),
		FilterPattern:   jsii.String(`{ $.event = "my-queue-worker" && $.success = "False" }`),
		MetricNamespace: jsii.String("shop/orders"),
		MetricName:      jsii.String("queue-worker-failures"),
	})
	metric := failures.Metric(nil)
	alarm := constructs.NewEventAlarm(stack, "QueueWorkerFailuresAlarm", &constructs.EventAlarmProps{
		Metric: metric, AlarmName: jsii.String("prod-orders-critical-queue-worker-failures"), Threshold: jsii.Number(3),
	})
	constructs.NewDashboard(stack, "Dashboard", &constructs.DashboardProps{
		DashboardName: jsii.String("shop-prod-orders"),
		Owner:         jsii.String("team-orders"),
		AlarmGroups:   &[]*constructs.DashboardAlarms{{Title: jsii.String("Alarms"), Alarms: &[]awscloudwatch.IAlarm{alarm}}},
		Graphs:        &[]*constructs.DashboardGraph{{Title: jsii.String("Failures"), Metrics: &[]awscloudwatch.IMetric{metric}, Threshold: jsii.Number(3)}},
		LogGroups:     &[]awslogs.ILogGroup{orders.LogGroup()},
	})
	printResources(stack)
	// Output:
	// AWS::CloudWatch::Alarm 1
	// AWS::CloudWatch::Dashboard 1
	// AWS::Logs::LogGroup 1
	// AWS::Logs::MetricFilter 1
}

func ExampleNewServiceAlarm() {
	stack := newStack()
	alerts := constructs.NewAlertTopic(stack, "Alerts", &constructs.AlertTopicProps{NamePrefix: jsii.String("shop-prod")})
	var critical []awscloudwatch.IAlarm
	for _, name := range []string{"payment-errors", "queue-worker-failures"} {
		metric := awscloudwatch.NewMetric(&awscloudwatch.MetricProps{Namespace: jsii.String("shop/orders"), MetricName: jsii.String(name), Statistic: jsii.String("Sum")})
		critical = append(critical, constructs.NewEventAlarm(stack, name, &constructs.EventAlarmProps{
			Metric: metric, AlarmName: jsii.String("prod-orders-critical-" + name), Threshold: jsii.Number(1),
			Actions: &[]awscloudwatch.IAlarmAction{alerts.AlarmAction(constructs.Warning)},
		}))
	}
	constructs.NewServiceAlarm(stack, "Orders", &constructs.ServiceAlarmProps{
		CompositeAlarmName: jsii.String("prod-orders-critical-service"),
		Alarms:             &critical,
		AlarmDescription:   jsii.String("prod orders: a critical alarm of the service is in ALARM."),
		Actions:            &[]awscloudwatch.IAlarmAction{alerts.AlarmAction(constructs.Critical)},
	})
	printResources(stack)
	// Output:
	// AWS::CloudWatch::Alarm 2
	// AWS::CloudWatch::CompositeAlarm 1
	// AWS::KMS::Key 1
	// AWS::SNS::Topic 2
	// AWS::SNS::TopicPolicy 2
}

func ExampleNewSilenceAlarm() {
	stack := newStack()
	orders := constructs.NewLogGroup(stack, "Orders", &constructs.LogGroupProps{LogGroupName: jsii.String("/shop/prod/orders")})
	constructs.NewSilenceAlarm(stack, "OrdersSilence", &constructs.SilenceAlarmProps{
		LogGroup:  orders.LogGroup(),
		After:     awscdk.Duration_Minutes(jsii.Number(15)),
		AlarmName: jsii.String("prod-orders-critical-silence"),
	})
	printResources(stack)
	// Output:
	// AWS::CloudWatch::Alarm 1
	// AWS::Logs::LogGroup 1
}

func ExampleNewGitHubDeployRole() {
	stack := newStack()
	constructs.NewGitHubDeployRole(stack, "Deploy", &constructs.GitHubDeployRoleProps{
		Repository:   jsii.String("example-org/shop"),
		Environments: jsii.Strings("prod"),
	})
	printResources(stack)
	// Output:
	// AWS::IAM::OIDCProvider 1
	// AWS::IAM::Role 2
}
