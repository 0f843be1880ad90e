package cfnrules

import (
	"regexp"
	"strings"
)

// AWS::SQS::Queue.
var queueRules = []rule{
	{ID: "sqs-queue-name", Source: srcQueue, Check: func(r *resource, ps *problems) {
		name, ok := checkLength(r, ps, "QueueName", 1, maxQueueNameLength, "SQS", "QueueName")
		if !ok {
			return
		}
		fifo, _ := r.textAt("FifoQueue")
		base, hasSuffix := strings.CutSuffix(name, ".fifo")
		switch {
		case !sqsName.MatchString(base):
			ps.add(r, "QueueName", "%s is not a queue name; SQS allows letters, digits, '-' and '_' (and .fifo at the end of a FIFO queue's)", echo(name))
		case fifo == "true" && !hasSuffix:
			ps.add(r, "QueueName", "%s names a FIFO queue (FifoQueue true) without the .fifo suffix SQS requires", echo(name))
		case fifo != "true" && hasSuffix:
			ps.add(r, "QueueName", "%s ends in .fifo, which SQS keeps for FIFO queues; set FifoQueue true or drop the suffix", echo(name))
		}
	}},
	{ID: "sqs-queue-attributes", Source: srcQueueAttrs, Check: func(r *resource, ps *problems) {
		checkRange(r, ps, "MessageRetentionPeriod", minMessageRetention, maxMessageRetention, true, "s", "SQS", "MessageRetentionPeriod")
		checkRange(r, ps, "DelaySeconds", 0, maxDelaySeconds, true, "s", "SQS", "DelaySeconds")
		checkRange(r, ps, "VisibilityTimeout", 0, maxVisibilityTimeout, true, "s", "SQS", "VisibilityTimeout")
		checkRange(r, ps, "MaximumMessageSize", minMaximumMessageSize, maxMaximumMessageSize, true, " bytes", "SQS", "MaximumMessageSize")
		checkRange(r, ps, "ReceiveMessageWaitTimeSeconds", 0, maxReceiveWaitTime, true, "s", "SQS", "ReceiveMessageWaitTimeSeconds")
		checkRange(r, ps, "KmsDataKeyReusePeriodSeconds", minKMSDataKeyReuse, maxKMSDataKeyReuse, true, "s", "SQS", "KmsDataKeyReusePeriodSeconds")
	}},
	{ID: "sqs-queue-redrive", Source: srcQueue, Check: func(r *resource, ps *problems) {
		if !r.has("RedrivePolicy") {
			return
		}
		checkRange(r, ps, "maxReceiveCount", 1, maxRedriveMaxReceiveCount, true, "", "SQS", "RedrivePolicy", "maxReceiveCount")
		if arn, ok := r.textAt("RedrivePolicy", "deadLetterTargetArn"); ok && !arnOf("sqs").MatchString(arn) {
			ps.add(r, prop("RedrivePolicy", "deadLetterTargetArn"), "%s is not an SQS queue ARN", echo(arn))
		}
	}},
	tagsRule,
}

// AWS::SQS::QueuePolicy.
var queuePolicyRules = []rule{
	{ID: "sqs-policy-document", Source: srcQueuePolicy, Check: func(r *resource, ps *problems) {
		checkPolicy(r, ps, "PolicyDocument", resourcePolicy)
	}},
	{ID: "sqs-policy-queues", Source: srcQueuePolicy, Check: func(r *resource, ps *problems) {
		if queues, isList := r.Props["Queues"].([]any); !isList || len(queues) == 0 {
			ps.add(r, "Queues", "is missing or empty; a queue policy applies to 1 or more queues (their URLs)")
		}
	}},
}

var sqsName = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
