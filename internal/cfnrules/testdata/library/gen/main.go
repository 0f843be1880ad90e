// Command gen synthesizes TeamStack.template.json, the "library user's stack"
// of package cfnrules' tests: eventwatch constructs in a team's own stack,
// with construct paths in the resources' metadata. Run from the repository:
//
//	CDK_OUTDIR=$(mktemp -d) CDK_CONTEXT_JSON='{"aws:cdk:enable-path-metadata":true,"aws:cdk:version-reporting":true}' \
//	  go run ./internal/cfnrules/testdata/library/gen
//
// and copy TeamStack.template.json from CDK_OUTDIR. Payments and Reports
// come from examples/secondteam, synthesized the same way.
package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	eventwatch "github.com/eventwatch/eventwatch/constructs"
)

func main() {
	defer jsii.Close()
	app := awscdk.NewApp(nil)
	env := &awscdk.Environment{Account: jsii.String("444444444444"), Region: jsii.String("eu-west-1")}
	stack := awscdk.NewStack(app, jsii.String("TeamStack"), &awscdk.StackProps{Env: env})
	orders := constructs.NewConstruct(stack, jsii.String("Orders"))
	logs := eventwatch.AdoptLogGroup(orders, "Logs", &eventwatch.AdoptLogGroupProps{
		LogGroupName: jsii.String("/aws/lambda/orders"),
		Retention:    awslogs.RetentionDays_ONE_MONTH,
	})
	failures := eventwatch.NewEventMetric(orders, "Failures", &eventwatch.EventMetricProps{
		LogGroup:        logs.LogGroup(),
		FilterPattern:   jsii.String(`{ $.level = "ERROR" }`),
		MetricNamespace: jsii.String("team/orders"),
		MetricName:      jsii.String("failures"),
	})
	alerts := eventwatch.NewAlertTopic(stack, "Alerts", &eventwatch.AlertTopicProps{NamePrefix: jsii.String("team-prod")})
	eventwatch.NewEventAlarm(orders, "FailuresAlarm", &eventwatch.EventAlarmProps{
		Metric:    failures.Metric(nil),
		AlarmName: jsii.String("team-prod-orders-failures"),
		Threshold: jsii.Number(1),
		Actions:   &[]awscloudwatch.IAlarmAction{alerts.AlarmAction(eventwatch.Critical)},
	})
	archive := eventwatch.NewLogGroup(stack, "Archive", &eventwatch.LogGroupProps{
		LogGroupName:  jsii.String("/team/prod/archive"),
		LogGroupClass: awslogs.LogGroupClass_INFREQUENT_ACCESS,
		Retention:     awslogs.RetentionDays_ONE_YEAR,
	})
	eventwatch.NewSavedQuery(stack, "Slow", &eventwatch.SavedQueryProps{
		QueryDefinitionName: jsii.String("team/slow"),
		QueryString:         jsii.String("fields @timestamp, @message | filter duration > 1000"),
		LogGroups:           &[]awslogs.ILogGroup{archive.LogGroup()},
	})
	app.Synth(nil)
}
