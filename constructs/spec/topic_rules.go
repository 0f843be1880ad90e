package spec

import (
	"fmt"
	"regexp"
	"strings"
)

// topicNameRE is SNS's rule for topic names: letters, digits, '_' and '-'.
var topicNameRE = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// checkTopicNames checks the names the topics take from NamePrefix.
func (p *AlertTopicProps) checkTopicNames(ps *Problems) {
	for _, sev := range Severities {
		name := p.topicName(sev)
		switch {
		case chars(name) > MaxTopicNameLength:
			ps.Add(fieldErr("namePrefix", "%s makes the topic name %s of %d characters; SNS allows at most %d", echo(p.NamePrefix), echo(name), chars(name), MaxTopicNameLength))
		case !topicNameRE.MatchString(name):
			ps.Add(fieldErr("namePrefix", "%s makes the topic name %s; SNS allows only letters, digits, '_' and '-'", echo(p.NamePrefix), echo(name)))
		}
	}
}

// checkDuplicateEndpoints refuses the same endpoint twice on one topic:
// SNS keeps one subscription per protocol and endpoint, and the two would
// share a construct ID. E-mail addresses are compared without regard to case.
func (p *AlertTopicProps) checkDuplicateEndpoints(ps *Problems) {
	for _, sev := range Severities {
		seen := map[string]int{}
		for i, s := range p.Subscriptions[sev] {
			key := s.endpointKey()
			if key == "" {
				continue
			}
			if first, dup := seen[key]; dup {
				how := ""
				if s.Email != "" {
					how = " (e-mail addresses are compared without regard to case, as SNS does)"
				}
				ps.Add(fieldErr(fmt.Sprintf("subscriptions.%s[%d]", sev, i), "%s repeats subscriptions.%s[%d]%s; list each endpoint once per severity", echo(s.endpoint()), sev, first, how))
				continue
			}
			seen[key] = i
		}
	}
}

// checkEndpointRegions checks the region and partition of SQS and Lambda
// endpoints: SNS cannot subscribe a queue or function in a region that does
// not exist, or in another partition than its ARN names.
func (p *AlertTopicProps) checkEndpointRegions(ps *Problems) {
	for _, sev := range Severities {
		for i, s := range p.Subscriptions[sev] {
			arn := s.SQSQueueArn + s.LambdaFunctionArn
			if arn == "" || IsUnresolved(arn) {
				continue
			}
			parts := strings.SplitN(arn, ":", 5)
			if len(parts) < 5 || parts[0] != "arn" {
				continue // the ARN's own check reports it
			}
			field := fmt.Sprintf("subscriptions.%s[%d]", sev, i)
			partition, region := parts[1], parts[3]
			switch got := PartitionOf(region); {
			case got == "":
				ps.Add(fieldErr(field, "%s names the region %s, which is not an AWS region eventwatch knows (see spec.Partitions)", echo(arn), echo(region)))
			case got != partition:
				ps.Add(fieldErr(field, "%s names the region %s of partition %s, but the ARN's partition is %s", echo(arn), region, got, echo(partition)))
			}
		}
	}
}
