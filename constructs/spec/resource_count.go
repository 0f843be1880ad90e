package spec

// The resource counts below are what each construct adds to a template, so
// that a stack over CloudFormation's MaxResourcesPerStack fails when the
// config is read, before anything is built. test/ checks them against the
// synthesized templates.

// ResourceCount is the log group and, with Encrypt, its key. An adopted
// log group (Existing) adds nothing, or with RetentionDays the custom
// resource that sets its retention and LogRetentionProviderResources.
func (p *LogGroupProps) ResourceCount() int {
	if p.Existing != "" {
		if p.RetentionDays == 0 {
			return 0
		}
		return 1 + LogRetentionProviderResources
	}
	if p.Encrypt {
		return 2
	}
	return 1
}

// LogRetentionProviderResources are the Lambda function, its role and the
// role's policy that aws-cdk-lib's awslogs.LogRetention adds once per
// stack and shares among the stack's custom resources; each adopted log
// group with a retention counts them, so that a stack's count may err
// high, never low.
const LogRetentionProviderResources = 3

// ResourceCount is the key, a topic and a topic policy per severity, a
// subscription per endpoint (and a permission per Lambda function), a
// dead-letter queue with its policy and its alarm per topic with endpoints,
// and for Slack one role with its managed policy and one configuration per
// channel.
func (p *AlertTopicProps) ResourceCount() int {
	n := 1 + 2*len(Severities)
	channels := map[SlackChannel]bool{}
	for _, subs := range p.Subscriptions {
		endpoints := 0
		for _, s := range subs {
			switch {
			case s.Slack != nil:
				channels[*s.Slack] = true
			case s.LambdaFunctionArn != "":
				n += 2
				endpoints++
			default:
				n++
				endpoints++
			}
		}
		if endpoints > 0 && !p.WithoutDeadLetterQueues {
			n += 3
		}
	}
	if len(channels) > 0 {
		n += 2 + len(channels)
	}
	return n
}

// ResourceCount is the metric filter.
func (p *EventMetricProps) ResourceCount() int { return 1 }

// ResourceCount is the alarm.
func (p *EventAlarmProps) ResourceCount() int { return 1 }

// ResourceCount is the query definition.
func (p *SavedQueryProps) ResourceCount() int { return 1 }
