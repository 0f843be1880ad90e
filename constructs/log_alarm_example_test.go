package constructs_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs"
)

func ExampleNewLogAlarm() {
	stack := newStack()
	alerts := constructs.NewAlertTopic(stack, "Alerts", &constructs.AlertTopicProps{NamePrefix: jsii.String("shop-prod")})
	orders := constructs.NewLogGroup(stack, "Orders", &constructs.LogGroupProps{LogGroupName: jsii.String("/shop/prod/orders")})
	alarm := constructs.NewLogAlarm(stack, "PaymentErrors", &constructs.LogAlarmProps{
		AlarmName:             jsii.String("prod-orders-critical-payment-errors"),
		QueryString:           jsii.String(`fields @timestamp, @message | filter event = "payment" and level = "ERROR"`),
		LogGroups:             &[]awslogs.ILogGroup{orders.LogGroup()},
		AggregationExpression: jsii.String("count(*)"),
		Threshold:             jsii.Number(3),
		Schedule:              awscdk.Duration_Minutes(jsii.Number(5)),
		Window:                awscdk.Duration_Minutes(jsii.Number(6)),
		Actions:               &[]awscloudwatch.IAlarmAction{alerts.AlarmAction(constructs.Critical)},
		RunbookUrl:            jsii.String("https://runbooks.example.com/orders/payments"),
	})
	printResources(stack)
	fmt.Println(*alarm.RunbookUrl())
	// Output:
	// AWS::CloudWatch::LogAlarm 1
	// AWS::IAM::ManagedPolicy 1
	// AWS::IAM::Role 1
	// AWS::KMS::Key 1
	// AWS::Logs::LogGroup 1
	// AWS::SNS::Topic 2
	// AWS::SNS::TopicPolicy 2
	// https://runbooks.example.com/orders/payments
}
