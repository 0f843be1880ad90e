package spec

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"

	"github.com/eventwatch/eventwatch/internal/cfn"
)

// Subscription is one endpoint of an alert topic. Set exactly one field.
type Subscription struct {
	// Email receives notifications (the address must confirm once).
	Email string `json:"email,omitempty" yaml:"email,omitempty"`
	// HTTPS is a webhook URL; it must start with https://.
	HTTPS string `json:"https,omitempty" yaml:"https,omitempty"`
	// SQSQueueArn is a queue; its owner must allow sns.amazonaws.com to send.
	SQSQueueArn string `json:"sqs,omitempty" yaml:"sqs,omitempty"`
	// LambdaFunctionArn is invoked with each notification; eventwatch adds the invoke permission.
	LambdaFunctionArn string `json:"lambda,omitempty" yaml:"lambda,omitempty"`
	// Slack posts to a channel through AWS Chatbot.
	Slack *SlackChannel `json:"slack,omitempty" yaml:"slack,omitempty"`
}

// SlackChannel is a Slack channel of a workspace already authorized in AWS Chatbot.
type SlackChannel struct {
	// WorkspaceID is the Slack workspace (team) ID, for example T012ABCDE. Required.
	WorkspaceID string `json:"workspaceId" yaml:"workspaceId"`
	// ChannelID is the channel ID, for example C012ABCDE. Required.
	ChannelID string `json:"channelId" yaml:"channelId"`
}

var (
	sqsArn    = regexp.MustCompile(`^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,80}(\.fifo)?$`)
	lambdaArn = regexp.MustCompile(`^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9$_-]+)?$`)
	slackID   = regexp.MustCompile(`^[A-Z0-9]{9,11}$`)
)

func (s Subscription) validate() error {
	set := 0
	for _, v := range []bool{s.Email != "", s.HTTPS != "", s.SQSQueueArn != "", s.LambdaFunctionArn != "", s.Slack != nil} {
		if v {
			set++
		}
	}
	if set != 1 {
		return errors.New("set exactly one of email, https, sqs, lambda, slack")
	}
	switch {
	case s.Email != "":
		if at := strings.IndexByte(s.Email, '@'); at < 1 || at == len(s.Email)-1 {
			return fmt.Errorf("email %q is not an e-mail address", s.Email)
		}
	case s.HTTPS != "":
		u, err := url.Parse(s.HTTPS)
		if err != nil || u.Scheme != "https" || u.Host == "" {
			return fmt.Errorf("https %q is not an https:// URL", s.HTTPS)
		}
	case s.SQSQueueArn != "":
		if !sqsArn.MatchString(s.SQSQueueArn) {
			return fmt.Errorf("sqs %q is not an SQS queue ARN (arn:aws:sqs:REGION:ACCOUNT:NAME)", s.SQSQueueArn)
		}
	case s.LambdaFunctionArn != "":
		if !lambdaArn.MatchString(s.LambdaFunctionArn) {
			return fmt.Errorf("lambda %q is not a Lambda function ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME)", s.LambdaFunctionArn)
		}
	case s.Slack != nil:
		if !slackID.MatchString(s.Slack.WorkspaceID) || !slackID.MatchString(s.Slack.ChannelID) {
			return fmt.Errorf("slack needs workspaceId and channelId, Slack IDs like T012ABCDE and C012ABCDE, got %q and %q", s.Slack.WorkspaceID, s.Slack.ChannelID)
		}
	}
	return nil
}

// endpointID is a stable, readable logical ID part for the endpoint.
func (s Subscription) endpointID() string {
	return cfn.LogicalID(s.Email + s.HTTPS + s.SQSQueueArn + s.LambdaFunctionArn)
}

// render adds the AWS::SNS::Subscription (and for Lambda the permission).
func (s Subscription) render(rs cfn.Resources, topicID string) error {
	protocol, endpoint := "email", s.Email
	switch {
	case s.HTTPS != "":
		protocol, endpoint = "https", s.HTTPS
	case s.SQSQueueArn != "":
		protocol, endpoint = "sqs", s.SQSQueueArn
	case s.LambdaFunctionArn != "":
		protocol, endpoint = "lambda", s.LambdaFunctionArn
	}
	id := topicID + "Sub" + s.endpointID()
	err := rs.Add(id, cfn.Resource{Type: "AWS::SNS::Subscription", Properties: map[string]any{
		"TopicArn": cfn.Ref(topicID), "Protocol": protocol, "Endpoint": endpoint,
	}})
	if err != nil || protocol != "lambda" {
		return err
	}
	return rs.Add(id+"Permission", cfn.Resource{Type: "AWS::Lambda::Permission", Properties: map[string]any{
		"Action": "lambda:InvokeFunction", "FunctionName": endpoint,
		"Principal": "sns.amazonaws.com", "SourceArn": cfn.Ref(topicID),
	}})
}

// renderSlackChannels adds one AWS Chatbot Slack configuration per channel,
// subscribed to every topic that lists the channel, and its read-only role.
func renderSlackChannels(rs cfn.Resources, name string, p AlertTopicProps) error {
	topics := map[SlackChannel][]any{}
	for _, sev := range Severities {
		for _, s := range p.Subscriptions[sev] {
			if s.Slack != nil {
				topics[*s.Slack] = append(topics[*s.Slack], cfn.Ref(cfn.LogicalID("AlertTopic", name, string(sev))))
			}
		}
	}
	if len(topics) == 0 {
		return nil
	}
	roleID := cfn.LogicalID("ChatbotRole", name)
	err := rs.Add(roleID, cfn.Resource{Type: "AWS::IAM::Role", Properties: map[string]any{
		"Description": "eventwatch: lets AWS Chatbot read the alarms it posts to Slack",
		"AssumeRolePolicyDocument": policyDocument(map[string]any{
			"Effect": "Allow", "Principal": map[string]any{"Service": "chatbot.amazonaws.com"}, "Action": "sts:AssumeRole",
		}),
		"Policies": []any{map[string]any{
			"PolicyName": "ReadAlarms",
			"PolicyDocument": policyDocument(map[string]any{
				"Effect":   "Allow",
				"Action":   []string{"cloudwatch:DescribeAlarms", "cloudwatch:GetMetricData", "cloudwatch:DescribeAlarmHistory"},
				"Resource": "*",
			}),
		}},
	}, Metadata: nagSuppressions(nagSuppression{"AwsSolutions-IAM5", "cloudwatch:DescribeAlarms, GetMetricData and DescribeAlarmHistory do not support resource-level permissions"})})
	if err != nil {
		return err
	}
	channels := make([]SlackChannel, 0, len(topics))
	for c := range topics {
		channels = append(channels, c)
	}
	sort.Slice(channels, func(i, j int) bool { return channels[i].ChannelID < channels[j].ChannelID })
	for _, c := range channels {
		err := rs.Add(cfn.LogicalID("Slack", name, c.ChannelID), cfn.Resource{Type: "AWS::Chatbot::SlackChannelConfiguration", Properties: map[string]any{
			"ConfigurationName": slug(p.NamePrefix + "-" + c.ChannelID),
			"SlackWorkspaceId":  c.WorkspaceID,
			"SlackChannelId":    c.ChannelID,
			"IamRoleArn":        cfn.GetAtt(roleID, "Arn"),
			"SnsTopicArns":      topics[c],
			"GuardrailPolicies": []any{cfn.Sub("arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess")},
			"LoggingLevel":      "ERROR",
		}})
		if err != nil {
			return err
		}
	}
	return nil
}
