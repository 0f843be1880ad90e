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
// subscription per endpoint (and a permission per Lambda function), and for
// Slack one role and one configuration per channel.
func (p *AlertTopicProps) ResourceCount() int {
	n := 1 + 2*len(Severities)
	channels := map[SlackChannel]bool{}
	for _, subs := range p.Subscriptions {
		for _, s := range subs {
			switch {
			case s.Slack != nil:
				channels[*s.Slack] = true
			case s.LambdaFunctionArn != "":
				n += 2
			default:
				n++
			}
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
