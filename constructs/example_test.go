package constructs_test

import (
	"fmt"
	"sort"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs"
	"github.com/eventwatch/eventwatch/constructs/spec"
)

// newStack is a stack in a fixed account and region, as eventwatch's stacks are.
func newStack() awscdk.Stack {
	app := awscdk.NewApp(nil)
	return awscdk.NewStack(app, jsii.String("Example"), &awscdk.StackProps{
		Env: &awscdk.Environment{Account: jsii.String("123456789012"), Region: jsii.String("eu-west-1")},
	})
}

// printResources prints the synthesized stack's resources, sorted by logical ID.
func printResources(stack awscdk.Stack) {
	tmpl := assertions.Template_FromStack(stack, nil).ToJSON()
	resources := (*tmpl)["Resources"].(map[string]any)
	ids := make([]string, 0, len(resources))
	for id := range resources {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		fmt.Println(id, resources[id].(map[string]any)["Type"])
	}
}

func ExampleNewLogGroup() {
	stack := newStack()
	constructs.NewLogGroup(stack, "Orders", &constructs.LogGroupProps{
		LogGroupName:  "/shop/prod/orders",
		RetentionDays: 90,
		Encrypt:       true,
	})
	printResources(stack)
	// Output:
	// LogGroupKeyOrders AWS::KMS::Key
	// LogGroupOrders AWS::Logs::LogGroup
}

func ExampleNewAlertTopic() {
	stack := newStack()
	topics := constructs.NewAlertTopic(stack, "Alerts", &constructs.AlertTopicProps{
		NamePrefix: "shop-prod",
		Subscriptions: map[constructs.Severity][]constructs.Subscription{
			constructs.Critical: {{Email: "oncall@example.com"}},
		},
	})
	printResources(stack)
	fmt.Println(topics.TopicArn(constructs.Critical))
	// Output:
	// AlertKeyAlerts AWS::KMS::Key
	// AlertTopicAlertsCritical AWS::SNS::Topic
	// AlertTopicAlertsCriticalPolicy AWS::SNS::TopicPolicy
	// AlertTopicAlertsCriticalSubOncallExampleCom AWS::SNS::Subscription
	// AlertTopicAlertsWarning AWS::SNS::Topic
	// AlertTopicAlertsWarningPolicy AWS::SNS::TopicPolicy
	// map[Fn::Sub:arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:shop-prod-critical]
}

func ExampleNewEventMetric() {
	stack := newStack()
	metric := constructs.NewEventMetric(stack, "QueueWorkerFailures", &constructs.EventMetricProps{
		LogGroupName:  "/shop/prod/orders",
		FilterPattern: `{ $.event = "my-queue-worker" && $.success = "False" }`,
		Namespace:     "shop/orders",
		MetricName:    "queue-worker-failures",
	})
	printResources(stack)
	m, _ := metric.Metric(nil)
	fmt.Println(*m.Namespace(), *m.MetricName())
	// Output:
	// MetricFilterQueueWorkerFailures AWS::Logs::MetricFilter
	// shop/orders queue-worker-failures
}

func ExampleNewEventAlarm() {
	stack := newStack()
	topics := &constructs.AlertTopicProps{NamePrefix: "shop-prod"}
	alarm := constructs.NewEventAlarm(stack, "QueueWorkerFailures", &constructs.EventAlarmProps{
		Metric: constructs.EventMetricProps{
			LogGroupName:  "/shop/prod/orders",
			FilterPattern: `{ $.event = "my-queue-worker" && $.success = "False" }`,
			Namespace:     "shop/orders",
			MetricName:    "queue-worker-failures",
		},
		AlarmName:  "prod-orders-queue-worker-failures",
		Threshold:  3,
		Severity:   constructs.Critical,
		Actions:    topics,
		RunbookURL: "https://runbooks.example.com/orders/queue-worker",
	})
	printResources(stack)
	fmt.Println(alarm.AlarmName())
	// Output:
	// AlarmQueueWorkerFailures AWS::CloudWatch::Alarm
	// prod-orders-queue-worker-failures
}

func ExampleNewSavedQuery() {
	stack := newStack()
	constructs.NewSavedQuery(stack, "ExceptionsPerHour", &constructs.SavedQueryProps{
		Name:          "exceptions-per-hour",
		QueryString:   "filter @message like /Exception/ | stats count(*) as exceptionCount by bin(1h) | sort exceptionCount desc",
		LogGroupNames: []string{"/shop/prod/orders"},
	})
	printResources(stack)
	// Output:
	// QueryExceptionsPerHour AWS::Logs::QueryDefinition
}

func ExampleInclude() {
	stack := newStack()
	b := spec.NewBundle()
	b.AddLogGroup("orders", constructs.LogGroupProps{LogGroupName: "/shop/prod/orders"})
	b.AddEventMetric("orders-failed", constructs.EventMetricProps{
		LogGroupName: "/shop/prod/orders", FilterPattern: `{ $.success = "False" }`,
		Namespace: "shop/orders", MetricName: "failed",
	}, spec.LogGroupRef("orders"))
	if _, err := constructs.Include(stack, "Resources", b); err != nil {
		fmt.Println(err)
	}
	printResources(stack)
	// Output:
	// LogGroupOrders AWS::Logs::LogGroup
	// MetricFilterOrdersFailed AWS::Logs::MetricFilter
}
