package spec

import (
	"fmt"
	"strings"

	"github.com/eventwatch/eventwatch/internal/cfn"
)

// Severity routes an alarm to the topic of the same severity.
type Severity string

const (
	// Critical pages someone.
	Critical Severity = "critical"
	// Warning is looked at in working hours.
	Warning Severity = "warning"
)

// Severities lists every severity, most urgent first.
var Severities = []Severity{Critical, Warning}

// AlertTopicProps configures an AlertTopic.
type AlertTopicProps struct {
	// NamePrefix names the topics "<NamePrefix>-<severity>", for example
	// "eventwatch-prod-critical". Required.
	NamePrefix string
	// Subscriptions per severity. Default: none.
	Subscriptions map[Severity][]Subscription
	// Tags are added to the topics and the key. Default: none.
	Tags map[string]string
	// RemovalPolicy applies to the topics' key. Default: Retain.
	RemovalPolicy RemovalPolicy
}

// Validate checks the topic names and every subscription.
func (p *AlertTopicProps) Validate() error {
	if p.NamePrefix == "" {
		return fieldErr("namePrefix", "is required")
	}
	if n := len(p.displayName(Critical)); n > MaxTopicDisplayNameLength {
		return fieldErr("namePrefix", "%q makes topic display names of %d characters; SNS allows at most %d", p.NamePrefix, n, MaxTopicDisplayNameLength)
	}
	for k, v := range p.Tags {
		if err := checkTag(k, v); err != nil {
			return err
		}
	}
	for sev, subs := range p.Subscriptions {
		if err := oneOf("subscriptions", sev, Severities); err != nil {
			return err
		}
		for i, s := range subs {
			if err := s.validate(); err != nil {
				return fieldErr(fmt.Sprintf("subscriptions.%s[%d]", sev, i), "%v", err)
			}
		}
	}
	return nil
}

// displayName is what e-mail and SMS subscribers see as the sender.
func (p *AlertTopicProps) displayName(sev Severity) string {
	return fmt.Sprintf("eventwatch %s alerts (%s)", sev, p.NamePrefix)
}

// topicName is the SNS topic name for sev; alarms address topics by ARN
// built from it, so it never depends on a token.
func (p *AlertTopicProps) topicName(sev Severity) string { return p.NamePrefix + "-" + string(sev) }

// TopicArn is the ARN of the topic for sev, built from its name, so that
// alarms in other stacks can address it without a cross-stack export.
func (p *AlertTopicProps) TopicArn(sev Severity) any {
	return cfn.Sub("arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:" + p.topicName(sev))
}

// BundledTopics addresses the topics of an AlertTopic added to the same
// Bundle as name, by Ref, so that CloudFormation creates the topics before
// the alarms that notify them.
type BundledTopics string

// TopicArn refers to the bundled topic for sev.
func (name BundledTopics) TopicArn(sev Severity) any {
	return cfn.Ref(cfn.LogicalID("AlertTopic", string(name), string(sev)))
}

// renderAlertTopic renders one KMS key shared by the topics, one topic and
// TLS-only topic policy per severity, and the subscriptions.
func renderAlertTopic(name string, p AlertTopicProps) (cfn.Resources, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	rs := cfn.Resources{}
	keyID := cfn.LogicalID("AlertKey", name)
	if err := rs.Add(keyID, alertKey(p.NamePrefix, p.Tags, p.RemovalPolicy)); err != nil {
		return nil, err
	}
	for _, sev := range Severities {
		topicID := cfn.LogicalID("AlertTopic", name, string(sev))
		props := map[string]any{
			"TopicName":      p.topicName(sev),
			"DisplayName":    p.displayName(sev),
			"KmsMasterKeyId": cfn.GetAtt(keyID, "Arn"),
		}
		if tags := renderTags(p.Tags); tags != nil {
			props["Tags"] = tags
		}
		if err := rs.Add(topicID, cfn.Resource{Type: "AWS::SNS::Topic", Properties: props}); err != nil {
			return nil, err
		}
		if err := rs.Add(topicID+"Policy", topicPolicy(topicID)); err != nil {
			return nil, err
		}
		for _, s := range p.Subscriptions[sev] {
			if s.Slack != nil {
				continue // one chatbot configuration per channel, below
			}
			if err := s.render(rs, topicID); err != nil {
				return nil, err
			}
		}
	}
	if err := renderSlackChannels(rs, name, p); err != nil {
		return nil, err
	}
	return rs, nil
}

// alertKey is the topics' customer-managed key. CloudWatch must be allowed to
// use it: without that grant, SNS drops alarm notifications silently.
func alertKey(prefix string, tags map[string]string, removal RemovalPolicy) cfn.Resource {
	props := map[string]any{
		"Description":       "eventwatch: encrypts the alert topics " + prefix + "-*",
		"EnableKeyRotation": true,
		"KeyPolicy": policyDocument(
			accountAdminStatement(),
			map[string]any{
				"Sid":       "AllowCloudWatchAlarmsToPublish",
				"Effect":    "Allow",
				"Principal": map[string]any{"Service": "cloudwatch.amazonaws.com"},
				"Action":    []string{"kms:Decrypt", "kms:GenerateDataKey*"},
				"Resource":  "*",
			},
		),
	}
	if t := renderTags(tags); t != nil {
		props["Tags"] = t
	}
	return cfn.Resource{Type: "AWS::KMS::Key", Properties: props, DeletionPolicy: removal.deletionPolicy()}
}

// topicPolicy allows CloudWatch alarms of this account to publish and denies
// publishing over plain HTTP.
func topicPolicy(topicID string) cfn.Resource {
	return cfn.Resource{
		Type: "AWS::SNS::TopicPolicy",
		Properties: map[string]any{
			"Topics": []any{cfn.Ref(topicID)},
			"PolicyDocument": policyDocument(
				map[string]any{
					"Sid":       "AllowCloudWatchAlarms",
					"Effect":    "Allow",
					"Principal": map[string]any{"Service": "cloudwatch.amazonaws.com"},
					"Action":    "sns:Publish",
					"Resource":  cfn.Ref(topicID),
					"Condition": map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": cfn.Sub("${AWS::AccountId}")}},
				},
				map[string]any{
					"Sid":       "AllowPublishThroughSSLOnly",
					"Effect":    "Deny",
					"Principal": "*",
					"Action":    "sns:Publish",
					"Resource":  cfn.Ref(topicID),
					"Condition": map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}},
				},
			),
		},
	}
}

// slug makes a name safe for resource names: lower case, '-' for the rest.
func slug(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return '-'
	}, s)
}
