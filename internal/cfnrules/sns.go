package cfnrules

import (
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/eventwatch/eventwatch/constructs/spec"
)

// AWS::SNS::Topic.
var topicRules = []rule{
	{ID: "sns-topic-name", Source: srcCreateTopic, Check: func(r *resource, ps *problems) {
		name, ok := checkLength(r, ps, "TopicName", 1, maxTopicNameLength, "SNS", "TopicName")
		if !ok {
			return
		}
		fifo, _ := r.textAt("FifoTopic")
		base, hasSuffix := strings.CutSuffix(name, ".fifo")
		switch {
		case !snsName.MatchString(base):
			ps.add(r, "TopicName", "%s is not a topic name; SNS allows letters, digits, '-' and '_' (and .fifo at the end of a FIFO topic's)", echo(name))
		case fifo == "true" && !hasSuffix:
			ps.add(r, "TopicName", "%s names a FIFO topic (FifoTopic true) without the .fifo suffix SNS requires", echo(name))
		case fifo != "true" && hasSuffix:
			ps.add(r, "TopicName", "%s ends in .fifo, which SNS keeps for FIFO topics; set FifoTopic true or drop the suffix", echo(name))
		}
	}},
	{ID: "sns-topic-display-name", Source: srcTopic, Check: func(r *resource, ps *problems) {
		checkLength(r, ps, "DisplayName", 0, spec.MaxTopicDisplayNameLength, "SNS", "DisplayName")
	}},
	tagsRule,
}

// AWS::SNS::Subscription.
var subscriptionRules = []rule{
	{ID: "sns-sub-protocol", Source: srcSubscribe, Check: func(r *resource, ps *problems) {
		if !r.has("Protocol") {
			ps.add(r, "Protocol", "is missing; SNS requires one of %s", strings.Join(snsProtocols, ", "))
			return
		}
		checkEnum(r, ps, "Protocol", snsProtocols, "SNS", "Protocol")
	}},
	{ID: "sns-sub-topic", Source: srcSubscription, Check: func(r *resource, ps *problems) {
		if !r.has("TopicArn") {
			ps.add(r, "TopicArn", "is missing; a subscription needs the topic it subscribes to")
		} else if arn, ok := r.textAt("TopicArn"); ok && !arnOf("sns").MatchString(arn) {
			ps.add(r, "TopicArn", "%s is not an SNS topic ARN (arn:PARTITION:sns:REGION:ACCOUNT:NAME)", echo(arn))
		}
	}},
	{ID: "sns-sub-endpoint", Source: srcSubscribe, Check: func(r *resource, ps *problems) {
		protocol, ok := r.textAt("Protocol")
		if !ok {
			return
		}
		endpoint, known := r.textAt("Endpoint")
		if !r.has("Endpoint") {
			ps.add(r, "Endpoint", "is missing; a %s subscription needs an endpoint", protocol)
			return
		}
		if !known {
			return
		}
		if msg := checkEndpoint(protocol, endpoint); msg != "" {
			ps.add(r, "Endpoint", "%s %s", echo(endpoint), msg)
		}
	}},
	{ID: "sns-sub-raw-delivery", Source: srcSubscribe, Check: func(r *resource, ps *problems) {
		protocol, ok := r.textAt("Protocol")
		raw, _ := r.textAt("RawMessageDelivery")
		if ok && raw == "true" && !slices.Contains([]string{"sqs", "http", "https", "firehose"}, protocol) {
			ps.add(r, "RawMessageDelivery", "is true on a %s subscription; SNS delivers raw messages only to sqs, http, https and firehose endpoints", protocol)
		}
	}},
	{ID: "sns-sub-redrive", Source: srcSubscription, Check: func(r *resource, ps *problems) {
		if arn, ok := r.textAt("RedrivePolicy", "deadLetterTargetArn"); ok && !arnOf("sqs").MatchString(arn) {
			ps.add(r, prop("RedrivePolicy", "deadLetterTargetArn"), "%s is not an SQS queue ARN; a subscription's dead-letter queue is an SQS queue", echo(arn))
		}
	}},
	{ID: "sns-sub-lambda-region", Source: srcSNSCrossLamda, Check: func(r *resource, ps *problems) {
		protocol, _ := r.textAt("Protocol")
		endpoint, ok := r.textAt("Endpoint")
		if protocol != "lambda" || !ok {
			return
		}
		fn, isArn := parseARN(endpoint)
		topicRegion := topicRegionOf(r)
		if !isArn || fn.region == "" || topicRegion == "" || fn.region == topicRegion {
			return
		}
		// "AWS doesn't support cross-region delivery to Lambda from a
		// region that is enabled by default to an opt-in region. Also,
		// cross-region forwarding ... from opt-in regions to other opt-in
		// regions is not supported." Other pairs deliver across regions.
		if optIn(fn.region) {
			ps.add(r, "Endpoint", "is a Lambda function in %s, another region than the topic's (%s); SNS does not deliver across regions to a function in an opt-in region", fn.region, topicRegion)
		}
	}},
	{ID: "sns-sub-region", Source: srcSubscription, Check: func(r *resource, ps *problems) {
		region, ok1 := r.textAt("Region")
		topic, ok2 := r.textAt("TopicArn")
		if a, isArn := parseARN(topic); ok1 && ok2 && isArn && a.region != "" && a.region != region {
			ps.add(r, "Region", "is %s, but the topic %s is in %s; a cross-region subscription's Region is the topic's", region, echo(topic), a.region)
		}
	}},
}

// AWS::SNS::TopicPolicy.
var topicPolicyRules = []rule{
	{ID: "sns-policy-document", Source: srcTopicPolicy, Check: func(r *resource, ps *problems) {
		checkPolicy(r, ps, "PolicyDocument", resourcePolicy)
	}},
	{ID: "sns-policy-topics", Source: srcTopicPolicy, Check: func(r *resource, ps *problems) {
		if topics, isList := r.Props["Topics"].([]any); !isList || len(topics) == 0 {
			ps.add(r, "Topics", "is missing or empty; a topic policy applies to 1 or more topics")
		}
	}},
}

// snsProtocols are Subscribe's protocols.
var snsProtocols = []string{"http", "https", "email", "email-json", "sms", "sqs", "application", "lambda", "firehose"}

var snsName = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// checkEndpoint says what is wrong with a subscription's endpoint for its
// protocol, or "".
func checkEndpoint(protocol, endpoint string) string {
	switch protocol {
	case "http", "https":
		u, err := url.Parse(endpoint)
		if err != nil || u.Scheme != protocol || u.Host == "" {
			return "is not an " + protocol + ":// URL; an " + protocol + " subscription's endpoint is one"
		}
	case "email", "email-json":
		if local, domain, ok := strings.Cut(endpoint, "@"); !ok || local == "" || domain == "" {
			return "is not an e-mail address"
		}
	case "sqs", "lambda", "firehose":
		service := protocol
		if protocol == "firehose" {
			service = "firehose"
		}
		if !arnOf(service).MatchString(endpoint) {
			return "is not the ARN of " + map[string]string{"sqs": "an SQS queue", "lambda": "a Lambda function", "firehose": "a Firehose stream"}[protocol] + ", which a " + protocol + " subscription's endpoint is"
		}
	}
	return ""
}

// topicRegionOf is the region of a subscription's topic: its Region, its
// TopicArn's, or the stack's.
func topicRegionOf(r *resource) string {
	if region, ok := r.textAt("Region"); ok {
		return region
	}
	if topic, ok := r.textAt("TopicArn"); ok {
		if a, isArn := parseARN(topic); isArn && a.region != "" {
			return a.region
		}
	}
	return r.stack.Region
}

// optInRegions are the regions an account must opt in to (those launched
// after March 20, 2019), as SNS's cross-region page lists them, with the
// regions opened since.
var optInRegions = []string{
	"af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-3", "ap-south-2", "ap-southeast-3", "ap-southeast-4",
	"ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-west-1", "eu-central-2", "eu-south-1", "eu-south-2",
	"il-central-1", "me-central-1", "me-south-1", "mx-central-1",
}

func optIn(region string) bool { return slices.Contains(optInRegions, region) }
