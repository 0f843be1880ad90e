// Command secondteam is a CDK Go app of another team that builds with
// eventwatch's constructs next to aws-cdk-lib's own: a Lambda function
// logging to an eventwatch LogGroup, metrics on an aws-cdk-lib log group,
// alarms in an aws-cdk-lib composite alarm and on a dashboard, aws-cdk-lib
// queues and functions subscribed to an AlertTopic, tags and cdk-nag
// suppressions on eventwatch constructs, the same construct twice in
// nested scopes, a log group read from another stack, and a whole service
// built with the Service construct next to its function. Its test asserts
// each of these on the synthesized templates; `go run ./examples/secondteam`
// synthesizes it into cdk.out.
package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatchactions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssnssubscriptions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"
	eventwatch "github.com/eventwatch/eventwatch/constructs"
	"github.com/eventwatch/eventwatch/constructs/spec"
	"github.com/eventwatch/eventwatch/kernelhost"
)

func main() {
	kernelhost.Direct()
	defer jsii.Close()
	app := awscdk.NewApp(nil)
	build(app)
	app.Synth(nil)
}

// env is the team's account and region.
var env = &awscdk.Environment{Account: jsii.String("444444444444"), Region: jsii.String("eu-west-1")}

// Stacks are the team's stacks.
type Stacks struct {
	// Payments holds the service: function, log group, metrics, alarms, topics, dashboard.
	Payments awscdk.Stack
	// Reports reads the payments log group from another stack.
	Reports awscdk.Stack
	// Ledger is a whole service, built with eventwatch's Service construct
	// next to its Lambda function, paging the team's own topics.
	Ledger awscdk.Stack
}

func build(app awscdk.App) Stacks {
	payments := awscdk.NewStack(app, jsii.String("Payments"), &awscdk.StackProps{Env: env})

	// An eventwatch log group for a Lambda function, which a role may write to.
	logs := eventwatch.NewLogGroup(payments, "PaymentsLogs", &eventwatch.LogGroupProps{
		LogGroupName: jsii.String("/payments/prod/api"),
		Retention:    awslogs.RetentionDays_THREE_MONTHS,
		Encrypt:      jsii.Bool(true),
	})
	awslambda.NewFunction(payments, jsii.String("Api"), &awslambda.FunctionProps{
		Runtime:  awslambda.Runtime_NODEJS_22_X(),
		Handler:  jsii.String("index.handler"),
		Code:     awslambda.Code_FromInline(jsii.String("exports.handler = async () => ({ statusCode: 200 });")),
		LogGroup: logs.LogGroup(),
	})
	shipper := awsiam.NewRole(payments, jsii.String("LogShipper"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("ec2.amazonaws.com"), nil),
	})
	logs.LogGroup().GrantWrite(shipper)
	awscdk.Tags_Of(logs).Add(jsii.String("cost-center"), jsii.String("payments"), nil)
	cdknag.NagSuppressions_AddResourceSuppressions(logs, &[]*cdknag.NagPackSuppression{{
		Id:     jsii.String("AwsSolutions-XX1"),
		Reason: jsii.String("the payments team reviewed this log group's settings"),
	}}, jsii.Bool(true))

	// An event metric on a log group that aws-cdk-lib created.
	audit := awslogs.NewLogGroup(payments, jsii.String("AuditLogs"), &awslogs.LogGroupProps{Retention: awslogs.RetentionDays_ONE_YEAR})
	refunds := eventwatch.NewEventMetric(payments, "Refunds", &eventwatch.EventMetricProps{
		LogGroup:        audit,
		FilterPattern:   jsii.String(`{ $.event = "refund" }`),
		MetricNamespace: jsii.String("payments"),
		MetricName:      jsii.String("refunds"),
		Dimensions:      &map[string]*string{"Currency": jsii.String("$.currency")},
	})
	refundsInEuro := refunds.Metric(&awscloudwatch.MetricOptions{DimensionsMap: &map[string]*string{"Currency": jsii.String("EUR")}})

	// Alert topics with an aws-cdk-lib queue and function subscribed.
	inbox := awssqs.NewQueue(payments, jsii.String("AlertInbox"), &awssqs.QueueProps{EnforceSSL: jsii.Bool(true)})
	pager := awslambda.NewFunction(payments, jsii.String("Pager"), &awslambda.FunctionProps{
		Runtime: awslambda.Runtime_NODEJS_22_X(),
		Handler: jsii.String("index.handler"),
		Code:    awslambda.Code_FromInline(jsii.String("exports.handler = async () => {};")),
	})
	alerts := eventwatch.NewAlertTopic(payments, "Alerts", &eventwatch.AlertTopicProps{
		NamePrefix: jsii.String("payments-prod"),
		Subscribers: map[eventwatch.Severity][]awssns.ITopicSubscription{
			eventwatch.Critical: {awssnssubscriptions.NewLambdaSubscription(pager, nil)},
			eventwatch.Warning:  {awssnssubscriptions.NewSqsSubscription(inbox, nil)},
		},
	})
	alerts.Topic(eventwatch.Critical).GrantPublish(shipper)

	// An alarm on the event metric that notifies an existing topic of
	// another team, and one that pages through the AlertTopic; both in an
	// aws-cdk-lib composite alarm.
	incidents := awssns.Topic_FromTopicArn(payments, jsii.String("Incidents"), jsii.String("arn:aws:sns:eu-west-1:444444444444:incidents"))
	refundSpike := eventwatch.NewEventAlarm(payments, "RefundSpike", &eventwatch.EventAlarmProps{
		Metric:    refundsInEuro,
		AlarmName: jsii.String("payments-prod-refund-spike"),
		Threshold: jsii.Number(20),
		Actions:   &[]awscloudwatch.IAlarmAction{awscloudwatchactions.NewSnsAction(incidents)},
	})
	failures := eventwatch.NewEventMetric(payments, "Failures", &eventwatch.EventMetricProps{
		LogGroup:        logs.LogGroup(),
		FilterPattern:   jsii.String(`{ $.level = "error" }`),
		MetricNamespace: jsii.String("payments"),
		MetricName:      jsii.String("errors"),
	})
	apiErrors := eventwatch.NewEventAlarm(payments, "ApiErrors", &eventwatch.EventAlarmProps{
		Metric:     failures.Metric(nil),
		AlarmName:  jsii.String("payments-prod-api-errors"),
		Threshold:  jsii.Number(5),
		Actions:    &[]awscloudwatch.IAlarmAction{alerts.AlarmAction(eventwatch.Critical)},
		RunbookUrl: jsii.String("https://runbooks.example.com/payments/api-errors"),
	})
	awscloudwatch.NewCompositeAlarm(payments, jsii.String("PaymentsDown"), &awscloudwatch.CompositeAlarmProps{
		CompositeAlarmName: jsii.String("payments-prod-down"),
		AlarmRule: awscloudwatch.AlarmRule_AnyOf(
			awscloudwatch.AlarmRule_FromAlarm(refundSpike, awscloudwatch.AlarmState_ALARM),
			awscloudwatch.AlarmRule_FromAlarm(apiErrors, awscloudwatch.AlarmState_ALARM),
		),
	})

	// The event metric on an aws-cdk-lib dashboard.
	dashboard := awscloudwatch.NewDashboard(payments, jsii.String("Dashboard"), &awscloudwatch.DashboardProps{DashboardName: jsii.String("payments-prod")})
	dashboard.AddWidgets(awscloudwatch.NewGraphWidget(&awscloudwatch.GraphWidgetProps{
		Title: jsii.String("Refunds in EUR"),
		Left:  &[]awscloudwatch.IMetric{refundsInEuro},
	}))

	// The same eventwatch construct in two nested scopes of one stack; the
	// team's scratch log groups are destroyed with the stack, and invoicing's
	// is created after checkout's.
	var scratch []*eventwatch.LogGroup
	for _, team := range []string{"Checkout", "Invoicing"} {
		scope := constructs.NewConstruct(payments, jsii.String(team))
		scratch = append(scratch, eventwatch.NewLogGroup(scope, "Logs", &eventwatch.LogGroupProps{Retention: awslogs.RetentionDays_ONE_MONTH}))
	}
	for _, lg := range scratch {
		awscdk.RemovalPolicies_Of(lg).Destroy(nil)
	}
	scratch[1].Node().AddDependency(scratch[0])

	// Another stack reads the payments log group.
	reports := awscdk.NewStack(app, jsii.String("Reports"), &awscdk.StackProps{Env: env})
	eventwatch.NewEventMetric(reports, "SlowReports", &eventwatch.EventMetricProps{
		LogGroup:        logs.LogGroup(),
		FilterPattern:   jsii.String(`{ $.event = "report" && $.seconds > 30 }`),
		MetricNamespace: jsii.String("payments"),
		MetricName:      jsii.String("slow-reports"),
	})
	return Stacks{Payments: payments, Reports: reports, Ledger: buildLedger(app)}
}

// buildLedger builds the ledger service as one eventwatch.Service: the
// same log group, metric filters, alarms, silence detection, composite
// alarm and dashboard that a service of eventwatch's config gets, with
// the team's own topics as the alarms' actions.
func buildLedger(app awscdk.App) awscdk.Stack {
	stack := awscdk.NewStack(app, jsii.String("Ledger"), &awscdk.StackProps{Env: env})
	oncall := awssns.NewTopic(stack, jsii.String("OnCall"), &awssns.TopicProps{EnforceSSL: jsii.Bool(true)})
	team := awssns.NewTopic(stack, jsii.String("TeamInbox"), &awssns.TopicProps{EnforceSSL: jsii.Bool(true)})
	threshold := 3.0
	svc := eventwatch.NewService(stack, "Ledger", &eventwatch.ServiceProps{
		LogGroup: spec.LogGroupProps{LogGroupName: "/ledger/prod/api", RetentionDays: 90},
		Events: []eventwatch.ServiceEvent{{
			Name:   "posting-failed",
			Metric: &spec.EventMetricProps{FilterPattern: `{ $.event = "posting" && $.ok IS FALSE }`, Namespace: "ledger", MetricName: "posting-failed"},
			Alarm:  &spec.EventAlarmProps{AlarmName: "ledger-prod-posting-failed", Threshold: threshold, Severity: spec.Critical, RunbookURL: "https://runbooks.example.com/ledger/posting"},
			Notify: eventwatch.Critical,
		}},
		Silence:   &eventwatch.ServiceSilence{Props: spec.SilenceAlarmProps{AlarmName: "ledger-prod-silence", AfterSeconds: 900, Description: "The ledger API logged nothing for 15 minutes."}, Notify: eventwatch.Warning},
		Dashboard: &spec.DashboardProps{DashboardName: "ledger-prod", Title: "ledger (prod)", Owner: "team-ledger"},
		Alerts:    eventwatch.TopicActions{Critical: oncall, Warning: team},
		Tags:      map[string]string{"service": "ledger"},
	})
	awslambda.NewFunction(stack, jsii.String("Api"), &awslambda.FunctionProps{
		Runtime:  awslambda.Runtime_NODEJS_22_X(),
		Handler:  jsii.String("index.handler"),
		Code:     awslambda.Code_FromInline(jsii.String("exports.handler = async () => ({ statusCode: 200 });")),
		LogGroup: svc.LogGroup.LogGroup(),
	})
	return stack
}
