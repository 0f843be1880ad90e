package spec

// The resource counts below are what each construct adds to a template, so
// that a stack over CloudFormation's MaxResourcesPerStack fails when the
// config is read, before anything is built. test/ checks them against the
// synthesized templates.

// ResourceCount is the log group and, with Encrypt, its key.
func (p *LogGroupProps) ResourceCount() int {
	if p.Encrypt {
		return 2
	}
	return 1
}

// ResourceCount is the key, a topic and a topic policy per severity, a
// subscription per endpoint (and a permission per Lambda function), a
// dead-letter queue with its policy and its alarm per topic with endpoints,
// and for Slack one role and one configuration per channel.
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
		n += 1 + len(channels)
	}
	return n
}

// ResourceCount is the metric filter.
func (p *EventMetricProps) ResourceCount() int { return 1 }

// ResourceCount is the alarm.
func (p *EventAlarmProps) ResourceCount() int { return 1 }

// ResourceCount is the query definition.
func (p *SavedQueryProps) ResourceCount() int { return 1 }
