package constructs

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs/spec"
)

// undeliveredAlarmSuffix ends the name of a topic's undelivered alarm:
// "<topic>-undelivered".
const undeliveredAlarmSuffix = "-undelivered"

// deadLetterRetentionDays is how long an undelivered notification waits in
// its dead-letter queue: SQS's maximum, so that a weekend outage of a
// webhook loses nothing.
const deadLetterRetentionDays = 14

// newDeadLetterQueue is a severity's queue of undeliverable notifications
// ("<Severity>DeadLetters"): encrypted by SQS, TLS only, kept or deleted
// with the stack as removal says, since it holds pages nobody received.
func newDeadLetterQueue(scope constructs.Construct, sev Severity, removal awscdk.RemovalPolicy) awssqs.IQueue {
	q := awssqs.NewQueue(scope, jsii.String(severityID(sev)+"DeadLetters"), &awssqs.QueueProps{
		Encryption:      awssqs.QueueEncryption_SQS_MANAGED,
		EnforceSSL:      jsii.Bool(true),
		RetentionPeriod: awscdk.Duration_Days(jsii.Number(deadLetterRetentionDays)),
		RemovalPolicy:   removal,
	})
	reason := "this queue is itself the dead-letter queue of the topic's SNS subscriptions"
	suppress(q, nagSuppression{"AwsSolutions-SQS3", reason}, nagSuppression{"Serverless-SQSRedrivePolicy", reason})
	return q
}

// newUndeliveredAlarm goes to ALARM as soon as a notification of the
// severity lands in its dead-letter queue, and notifies through action (the
// other severity's topic), since this one's endpoints are failing.
func newUndeliveredAlarm(scope constructs.Construct, prefix string, sev Severity, dlq awssqs.IQueue, action awscloudwatch.IAlarmAction) *EventAlarm {
	return NewEventAlarm(scope, severityID(sev)+"Undelivered", &EventAlarmProps{
		Metric: dlq.MetricApproximateNumberOfMessagesVisible(&awscloudwatch.MetricOptions{
			Statistic: jsii.String("Maximum"), Period: awscdk.Duration_Minutes(jsii.Number(5)),
		}),
		AlarmName: jsii.String(spec.TopicName(prefix, sev) + undeliveredAlarmSuffix),
		AlarmDescription: jsii.String("SNS could not deliver " + string(sev) + " alerts of " + prefix +
			" after its retries: they are in the dead-letter queue. First step: check the endpoints of the topic " +
			spec.TopicName(prefix, sev) + " (a webhook down, a queue or function gone), then redrive the queue's messages."),
		Threshold:          jsii.Number(1),
		ComparisonOperator: awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
		TreatMissingData:   awscloudwatch.TreatMissingData_NOT_BREACHING,
		Actions:            &[]awscloudwatch.IAlarmAction{action},
	})
}

// otherSeverity is the severity whose topic hears that sev's failed.
func otherSeverity(sev Severity) Severity {
	if sev == Critical {
		return Warning
	}
	return Critical
}
