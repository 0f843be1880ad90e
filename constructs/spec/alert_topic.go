package spec

import (
	"fmt"
	"maps"
	"slices"
	"strings"
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
	// PublishingAlarms are the name patterns of the alarms that may publish. Default: nil, every alarm of the account.
	PublishingAlarms []string
	// KeyAccess names the key's administrators and users. Default: the account, through IAM.
	KeyAccess KeyAccess
	// WithoutDeadLetterQueues leaves undeliverable notifications to SNS's
	// retries alone. Default: false, a dead-letter queue per topic with an
	// alarm on its depth.
	WithoutDeadLetterQueues bool
}

// Validate checks the topic names and every subscription, and reports
// every problem (see Problems).
func (p *AlertTopicProps) Validate() error {
	var ps Problems
	if p.NamePrefix == "" {
		ps.Add(fieldErr("namePrefix", "is required"))
	}
	p.checkRules(&ps)
	if n := chars(p.displayName(Critical)); n > MaxTopicDisplayNameLength && !IsUnresolved(p.NamePrefix) {
		ps.Add(fieldErr("namePrefix", "%q makes topic display names of %d characters; SNS allows at most %d", p.NamePrefix, n, MaxTopicDisplayNameLength))
	}
	for _, k := range sortedKeys(p.Tags) {
		ps.Add(checkTag(k, p.Tags[k]))
	}
	// Severities in order, then any other key, sorted.
	sevs := slices.Clone(Severities)
	for _, sev := range slices.Sorted(maps.Keys(p.Subscriptions)) {
		if !slices.Contains(Severities, sev) {
			sevs = append(sevs, sev)
		}
	}
	for _, sev := range sevs {
		subs, ok := p.Subscriptions[sev]
		if !ok {
			continue
		}
		if err := oneOf("subscriptions", sev, Severities); err != nil {
			ps.Add(err)
			continue
		}
		for i, s := range subs {
			if err := s.validate(); err != nil {
				ps.Add(fieldErr(fmt.Sprintf("subscriptions.%s[%d]", sev, i), "%v", err))
			}
		}
	}
	return ps.Err()
}

// displayName is what e-mail and SMS subscribers see as the sender.
func (p *AlertTopicProps) displayName(sev Severity) string {
	return TopicDisplayName(p.NamePrefix, sev)
}

// TopicDisplayName is what e-mail and SMS subscribers of an alert topic see as the sender.
func TopicDisplayName(prefix string, sev Severity) string {
	return fmt.Sprintf("eventwatch %s alerts (%s)", sev, prefix)
}

// TopicName is the SNS topic name of a severity: "<prefix>-<severity>".
func TopicName(prefix string, sev Severity) string { return prefix + "-" + string(sev) }

// SlackConfigurationName names the AWS Chatbot configuration of a Slack channel.
func SlackConfigurationName(prefix, channelID string) string { return slug(prefix + "-" + channelID) }

// CheckSeverity checks that sev is one of Severities.
func CheckSeverity(field string, sev Severity) error { return oneOf(field, sev, Severities) }

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

// topicName is the SNS topic name for sev.
func (p *AlertTopicProps) topicName(sev Severity) string { return TopicName(p.NamePrefix, sev) }
