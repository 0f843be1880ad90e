package spec

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"

	"github.com/eventwatch/eventwatch/internal/cfn"
)

// Subscription is one endpoint of an alert topic. Set exactly one field.
type Subscription struct {
	// Email receives notifications (the address must confirm once).
	Email string `json:"email,omitempty" yaml:"email,omitempty"`
	// HTTPS is a webhook URL, starting with https://, or a CloudFormation
	// dynamic reference to one kept in Secrets Manager or SSM
	// ({{resolve:secretsmanager:name:SecretString:url}}): a URL that carries
	// a credential (an integration key, user:password, a token parameter)
	// is refused, since the config is committed and copied into the template.
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
	case IsUnresolved(s.Email + s.HTTPS + s.SQSQueueArn + s.LambdaFunctionArn):
		// an endpoint known at deploy time, such as an aws-cdk-lib queue's ARN
	case s.Email != "":
		if err := checkEmail(s.Email); err != nil {
			return err
		}
	case IsDynamicReference(s.HTTPS):
		// resolved by CloudFormation at deploy (a secret's URL)
	case s.HTTPS != "":
		u, err := url.Parse(s.HTTPS)
		if err != nil || u.Scheme != "https" || u.Host == "" {
			return fmt.Errorf("https %s is not an https:// URL, nor a dynamic reference ({{resolve:secretsmanager:...}} or {{resolve:ssm:...}})", echo(s.HTTPS))
		}
		if err := checkNoCredential("https", u); err != nil {
			return err
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

// EndpointID is a stable, readable construct ID part for the endpoint.
func EndpointID(s Subscription) string {
	return cfn.LogicalID(s.Email + s.HTTPS + s.SQSQueueArn + s.LambdaFunctionArn)
}
