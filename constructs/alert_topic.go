package constructs

import (
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/eventwatch/eventwatch/constructs/spec"
)

// AlertTopicProps configures an AlertTopic; see spec.AlertTopicProps.
type AlertTopicProps = spec.AlertTopicProps

// Severity routes an alarm to the topic of the same severity.
type Severity = spec.Severity

// Severities.
const (
	Critical = spec.Critical
	Warning  = spec.Warning
)

// Subscription is one endpoint of an alert topic: e-mail, HTTPS webhook,
// SQS queue, Lambda function or Slack channel through AWS Chatbot.
type Subscription = spec.Subscription

// SlackChannel is a Slack channel of a workspace authorized in AWS Chatbot.
type SlackChannel = spec.SlackChannel

// AlertTopic is one KMS-encrypted SNS topic per severity, publishable over
// TLS only, with its subscriptions.
type AlertTopic struct {
	constructs.Construct
	props AlertTopicProps
}

// NewAlertTopic validates props and adds the key, topics and subscriptions
// to scope; logical IDs come from id. It panics on invalid props; call
// props.Validate() first to handle the error yourself.
func NewAlertTopic(scope constructs.Construct, id string, props *AlertTopicProps) *AlertTopic {
	b := spec.NewBundle()
	b.AddAlertTopic(id, *props)
	return &AlertTopic{Construct: mustInclude(scope, id, b), props: *props}
}

// TopicArn is the ARN of the topic for sev; an AlertTopic is the usual
// AlarmActions of an EventAlarm.
func (t *AlertTopic) TopicArn(sev Severity) any { return t.props.TopicArn(sev) }
