package constructs

import (
	"fmt"
	"maps"
	"slices"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awschatbot"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatchactions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs/spec"
)

// Severity routes an alarm to the topic of the same severity.
type Severity = spec.Severity

// Severities.
const (
	Critical = spec.Critical
	Warning  = spec.Warning
)

// Subscription is one endpoint of an alert topic as eventwatch's config
// writes it: e-mail, HTTPS webhook, SQS queue ARN, Lambda function ARN or
// Slack channel through AWS Chatbot. Set exactly one field.
type Subscription = spec.Subscription

// SlackChannel is a Slack channel of a workspace authorized in AWS Chatbot.
type SlackChannel = spec.SlackChannel

// AlertTopicProps configures an AlertTopic.
type AlertTopicProps struct {
	// NamePrefix names the topics "<NamePrefix>-<severity>", for example
	// "shop-prod-critical". Required.
	NamePrefix *string
	// Subscriptions per severity, as endpoints. Default: none.
	Subscriptions map[Severity][]Subscription
	// Subscribers per severity, as aws-cdk-lib subscriptions, such as
	// awssnssubscriptions.NewSqsSubscription(queue, nil). Default: none.
	Subscribers map[Severity][]awssns.ITopicSubscription
	// EncryptionKey encrypts the topics; its policy must let
	// cloudwatch.amazonaws.com use it, or SNS drops alarm notifications.
	// Default: a new key, rotated yearly, that CloudWatch may use.
	EncryptionKey awskms.IKey
	// PublishingAlarms are the names, or name patterns with *, of the
	// alarms that may publish to the topics and use their key: CloudWatch's
	// requests must come from these alarms of the topic's account and
	// region (aws:SourceArn and aws:SourceAccount, against the confused
	// deputy). The topics' own undelivered alarms are always included.
	// Default: every alarm of the account and region.
	PublishingAlarms *[]*string
	// KeyAccess names the administrators and users of the key the
	// construct creates. Not with EncryptionKey. Default: the account
	// administers it through IAM.
	KeyAccess *KeyAccess
	// RemovalPolicy applies to the key and the dead-letter queues the
	// construct creates. Default: awscdk.RemovalPolicy_RETAIN.
	RemovalPolicy awscdk.RemovalPolicy
	// Tags are added to every taggable resource of the construct. Default: none.
	Tags *map[string]*string
	// DeadLetterQueues gives each topic with Subscriptions an encrypted SQS
	// queue that receives the notifications SNS could not deliver after its
	// retries, and an alarm on that queue that notifies the other
	// severity's topic. Subscribers bring their own settings. Default: true.
	DeadLetterQueues *bool
}

func (p *AlertTopicProps) spec() spec.AlertTopicProps {
	return spec.AlertTopicProps{
		NamePrefix:    str(p.NamePrefix),
		Subscriptions: p.Subscriptions,
		Tags:          strMap(p.Tags),
		RemovalPolicy: specRemovalPolicy(p.RemovalPolicy),

		WithoutDeadLetterQueues: p.DeadLetterQueues != nil && !*p.DeadLetterQueues,
	}
}

// Validate checks the topic names and every subscription, without
// Node.js, and reports every problem (errors.Join'ed spec.FieldErrors).
func (p *AlertTopicProps) Validate() error {
	var ps spec.Problems
	for _, sev := range slices.Sorted(maps.Keys(p.Subscribers)) {
		ps.Add(spec.CheckSeverity("subscribers", sev))
	}
	s := p.spec()
	ps.Add(s.Validate())
	ps.Add(spec.CheckAlarmNamePatterns("publishingAlarms", strs(p.PublishingAlarms)))
	if p.KeyAccess != nil {
		ps.Add(spec.CheckKeyAccess("keyAccess", strs(p.KeyAccess.Administrators), strs(p.KeyAccess.Users)))
		if p.EncryptionKey != nil {
			ps.Add(&spec.FieldError{Field: "keyAccess", Msg: "applies to the key the construct creates, and encryptionKey is given: set the access in that key's policy"})
		}
	}
	return ps.Err()
}

// AlertTopic is one KMS-encrypted SNS topic per severity, publishable over
// TLS only, that the CloudWatch alarms named in its props (by default every
// alarm of the account) may publish to, with its subscriptions. It gives each severity's topic as an awssns.ITopic and as
// an alarm action.
type AlertTopic struct {
	constructs.Construct
	key           awskms.IKey
	topics        map[Severity]awssns.Topic
	actions       map[Severity]awscloudwatch.IAlarmAction
	subscriptions map[Severity][]awssns.Subscription
	slack         map[string]awschatbot.SlackChannelConfiguration
	deadLetters   map[Severity]awssqs.IQueue
	undelivered   map[Severity]*EventAlarm
}

// NewAlertTopic validates props and adds the key ("Key"), one topic per
// severity ("Critical", "Warning") and the subscriptions to scope.
func NewAlertTopic(scope constructs.Construct, id string, props *AlertTopicProps) *AlertTopic {
	if props == nil {
		props = &AlertTopicProps{}
	}
	mustValidateAt(scope, id, props.Validate())
	t := &AlertTopic{
		key:           props.EncryptionKey,
		topics:        map[Severity]awssns.Topic{},
		actions:       map[Severity]awscloudwatch.IAlarmAction{},
		subscriptions: map[Severity][]awssns.Subscription{},
		deadLetters:   map[Severity]awssqs.IQueue{},
		undelivered:   map[Severity]*EventAlarm{},
	}
	constructs.NewConstruct_Override(t, scope, jsii.String(id))
	addTags(t, props.Tags)
	prefix := str(props.NamePrefix)
	p := pseudo()
	removal := props.RemovalPolicy
	if removal == "" {
		removal = awscdk.RemovalPolicy_RETAIN
	}
	publishers := alarmPublishers{p, publishingAlarms(prefix, props.PublishingAlarms)}
	if t.key == nil {
		statements := append(props.KeyAccess.statements(p), publishers.statement("AllowCloudWatchAlarmsToPublish", []string{"kms:Decrypt", "kms:GenerateDataKey*"}, "*"))
		t.key = awskms.NewKey(t, jsii.String("Key"), &awskms.KeyProps{
			Description:       jsii.String(descriptionPrefix + "encrypts the alert topics " + prefix + "-*"),
			EnableKeyRotation: jsii.Bool(true),
			RemovalPolicy:     removal,
			Policy:            policyDocument(statements...),
		})
	}
	imports := endpointImports{scope: t}
	for _, sev := range spec.Severities {
		topic := awssns.NewTopic(t, jsii.String(severityID(sev)), &awssns.TopicProps{
			TopicName:   jsii.String(spec.TopicName(prefix, sev)),
			DisplayName: jsii.String(spec.TopicDisplayName(prefix, sev)),
			MasterKey:   t.key,
			EnforceSSL:  jsii.Bool(true),
		})
		topic.AddToResourcePolicy(policyStatement(publishers.statement("AllowCloudWatchAlarms", []string{"sns:Publish"}, *topic.TopicArn())))
		t.topics[sev] = topic
		var dlq awssqs.IQueue
		if hasEndpoints(props.Subscriptions[sev]) && (props.DeadLetterQueues == nil || *props.DeadLetterQueues) {
			dlq = newDeadLetterQueue(t, sev, removal)
			t.deadLetters[sev] = dlq
		}
		for _, s := range props.Subscriptions[sev] {
			if s.Slack == nil {
				t.subscriptions[sev] = append(t.subscriptions[sev], topic.AddSubscription(imports.subscriber(s, dlq)))
			}
		}
		for _, s := range props.Subscribers[sev] {
			t.subscriptions[sev] = append(t.subscriptions[sev], topic.AddSubscription(s))
		}
	}
	t.slack = newSlackChannels(t, prefix, props.Subscriptions, t.topics)
	for _, sev := range spec.Severities {
		if dlq := t.deadLetters[sev]; dlq != nil {
			t.undelivered[sev] = newUndeliveredAlarm(t, prefix, sev, dlq, t.AlarmAction(otherSeverity(sev)))
		}
	}
	return t
}

// DeadLetterQueue is the queue of a severity's undeliverable notifications, or nil.
func (t *AlertTopic) DeadLetterQueue(sev Severity) awssqs.IQueue { return t.deadLetters[sev] }

// UndeliveredAlarm is the alarm on a severity's dead-letter queue, or nil.
func (t *AlertTopic) UndeliveredAlarm(sev Severity) *EventAlarm { return t.undelivered[sev] }

// Topic is the topic of a severity.
func (t *AlertTopic) Topic(sev Severity) awssns.ITopic { return t.topics[sev] }

// Key is the key that encrypts the topics; a grant to publish
// (Topic(sev).GrantPublish) includes its use.
func (t *AlertTopic) Key() awskms.IKey { return t.key }

// AlarmAction notifies the topic of a severity, for EventAlarmProps.Actions
// or any awscloudwatch alarm's AddAlarmAction.
func (t *AlertTopic) AlarmAction(sev Severity) awscloudwatch.IAlarmAction {
	a, ok := t.actions[sev]
	if !ok {
		a = awscloudwatchactions.NewSnsAction(t.topics[sev])
		t.actions[sev] = a
	}
	return a
}

// Subscriptions are a severity's subscriptions: the endpoints of
// props.Subscriptions in order (Slack channels aside), then props.Subscribers.
func (t *AlertTopic) Subscriptions(sev Severity) []awssns.Subscription { return t.subscriptions[sev] }

// SlackChannel is the AWS Chatbot configuration of a Slack channel ID, or nil.
func (t *AlertTopic) SlackChannel(channelID string) awschatbot.SlackChannelConfiguration {
	return t.slack[channelID]
}

// severityID is the construct ID of a severity's topic: "Critical".
func severityID(sev Severity) string {
	s := string(sev)
	if s == "" {
		return s
	}
	return fmt.Sprintf("%c%s", s[0]-'a'+'A', s[1:])
}
