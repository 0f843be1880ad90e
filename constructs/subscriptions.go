package constructs

import (
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awschatbot"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssnssubscriptions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs/spec"
)

// endpointImports turns config endpoints into aws-cdk-lib subscriptions,
// importing each queue and function once per AlertTopic.
type endpointImports struct {
	scope     constructs.Construct
	queues    map[string]awssqs.IQueue
	functions map[string]awslambda.IFunction
}

// subscriber is the aws-cdk-lib subscription of an endpoint other than
// Slack; dlq, when not nil, receives what SNS could not deliver.
func (im *endpointImports) subscriber(s Subscription, dlq awssqs.IQueue) awssns.ITopicSubscription {
	switch {
	case s.Email != "":
		return awssnssubscriptions.NewEmailSubscription(jsii.String(s.Email), &awssnssubscriptions.EmailSubscriptionProps{DeadLetterQueue: dlq})
	case spec.IsDynamicReference(s.HTTPS):
		// A token, so that aws-cdk-lib takes the reference as a URL known
		// at deploy; it renders the reference as written.
		return awssnssubscriptions.NewUrlSubscription(awscdk.Lazy_String(&literal{s.HTTPS}, nil),
			&awssnssubscriptions.UrlSubscriptionProps{DeadLetterQueue: dlq, Protocol: awssns.SubscriptionProtocol_HTTPS})
	case s.HTTPS != "":
		return awssnssubscriptions.NewUrlSubscription(jsii.String(s.HTTPS), &awssnssubscriptions.UrlSubscriptionProps{DeadLetterQueue: dlq})
	case s.SQSQueueArn != "":
		if im.queues == nil {
			im.queues = map[string]awssqs.IQueue{}
		}
		q, ok := im.queues[s.SQSQueueArn]
		if !ok {
			q = awssqs.Queue_FromQueueArn(im.scope, jsii.String("Queue"+spec.EndpointID(s)), jsii.String(s.SQSQueueArn))
			im.queues[s.SQSQueueArn] = q
		}
		return awssnssubscriptions.NewSqsSubscription(q, &awssnssubscriptions.SqsSubscriptionProps{DeadLetterQueue: dlq})
	default:
		if im.functions == nil {
			im.functions = map[string]awslambda.IFunction{}
		}
		f, ok := im.functions[s.LambdaFunctionArn]
		if !ok {
			f = awslambda.Function_FromFunctionArn(im.scope, jsii.String("Function"+spec.EndpointID(s)), jsii.String(s.LambdaFunctionArn))
			im.functions[s.LambdaFunctionArn] = f
		}
		return awssnssubscriptions.NewLambdaSubscription(f, &awssnssubscriptions.LambdaSubscriptionProps{DeadLetterQueue: dlq})
	}
}

// hasEndpoints reports whether subs has an endpoint other than Slack, which
// AWS Chatbot subscribes on its own.
func hasEndpoints(subs []Subscription) bool {
	for _, s := range subs {
		if s.Slack == nil {
			return true
		}
	}
	return false
}

// newSlackChannels adds one AWS Chatbot Slack configuration per channel
// ("Slack<channel ID>"), subscribed to every topic that lists the channel,
// sharing one role ("ChatbotRole") that may read the alarms it posts.
func newSlackChannels(scope constructs.Construct, prefix string, subs map[Severity][]Subscription, topics map[Severity]awssns.Topic) map[string]awschatbot.SlackChannelConfiguration {
	channels := map[SlackChannel][]awssns.ITopic{}
	for _, sev := range spec.Severities {
		for _, s := range subs[sev] {
			if s.Slack != nil {
				channels[*s.Slack] = append(channels[*s.Slack], topics[sev])
			}
		}
	}
	if len(channels) == 0 {
		return nil
	}
	policy := rolePolicy(scope, "ChatbotReadAlarms", "lets AWS Chatbot read the alarms it posts to Slack", map[string]any{
		"Effect":   "Allow",
		"Action":   []string{"cloudwatch:DescribeAlarms", "cloudwatch:GetMetricData", "cloudwatch:DescribeAlarmHistory"},
		"Resource": "*",
	})
	role := awsiam.NewRole(scope, jsii.String("ChatbotRole"), &awsiam.RoleProps{
		Description:     jsii.String(descriptionPrefix + "lets AWS Chatbot read the alarms it posts to Slack"),
		AssumedBy:       awsiam.NewServicePrincipal(jsii.String("chatbot.amazonaws.com"), nil),
		ManagedPolicies: &[]awsiam.IManagedPolicy{policy},
	})
	suppress(policy, nagSuppression{"AwsSolutions-IAM5", "cloudwatch:DescribeAlarms, GetMetricData and DescribeAlarmHistory do not support resource-level permissions"})
	// The guardrail bounds what anyone in the channel may do through AWS
	// Chatbot, whatever the role allows: reading CloudWatch is what an
	// on-call engineer in Slack needs (ReadOnlyAccess would also let them
	// read S3 objects, DynamoDB items, log events and parameters).
	readOnly := &[]awsiam.IManagedPolicy{awsiam.ManagedPolicy_FromAwsManagedPolicyName(jsii.String(chatbotGuardrail))}
	keys := make([]SlackChannel, 0, len(channels))
	for c := range channels {
		keys = append(keys, c)
	}
	slices.SortFunc(keys, func(a, b SlackChannel) int { return strings.Compare(a.ChannelID, b.ChannelID) })
	out := map[string]awschatbot.SlackChannelConfiguration{}
	for _, c := range keys {
		topics := channels[c]
		out[c.ChannelID] = awschatbot.NewSlackChannelConfiguration(scope, jsii.String("Slack"+c.ChannelID), &awschatbot.SlackChannelConfigurationProps{
			SlackChannelConfigurationName: jsii.String(spec.SlackConfigurationName(prefix, c.ChannelID)),
			SlackWorkspaceId:              jsii.String(c.WorkspaceID),
			SlackChannelId:                jsii.String(c.ChannelID),
			Role:                          role,
			NotificationTopics:            &topics,
			GuardrailPolicies:             readOnly,
			LoggingLevel:                  awschatbot.LoggingLevel_ERROR,
		})
	}
	return out
}

// literal is an awscdk.IStableStringProducer of a fixed text, to hand
// aws-cdk-lib a value as a token.
type literal struct{ text string }

// Produce returns the text.
func (l *literal) Produce() *string { return jsii.String(l.text) }
