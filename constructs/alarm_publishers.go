package constructs

import "github.com/eventwatch/eventwatch/constructs/spec"

// alarmPublishers are the CloudWatch alarms that may publish to a topic and
// use its key: by name pattern, or every alarm of the account and region.
type alarmPublishers struct {
	p     pseudoParams
	names []string // nil: every alarm
}

// publishingAlarms are the alarm names or patterns of AlertTopicProps, with
// the topics' own undelivered alarms, or nil for every alarm.
func publishingAlarms(prefix string, named *[]*string) []string {
	if named == nil {
		return nil
	}
	out := strs(named)
	for _, sev := range spec.Severities {
		out = append(out, spec.TopicName(prefix, sev)+undeliveredAlarmSuffix)
	}
	return out
}

// statement allows cloudwatch.amazonaws.com the actions on resource, on
// behalf of the account's alarms (aws:SourceAccount) of the named alarms
// (aws:SourceArn), which keeps another account's alarm, or another
// application's, from using the grant (the confused deputy).
func (a alarmPublishers) statement(sid string, actions []string, resource string) map[string]any {
	condition := map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": a.p.account}}
	if a.names != nil {
		arns := make([]string, len(a.names))
		for i, n := range a.names {
			arns[i] = a.p.alarmArn(n)
		}
		condition["ArnLike"] = map[string]any{"aws:SourceArn": arns}
	}
	return map[string]any{
		"Sid":       sid,
		"Effect":    "Allow",
		"Principal": map[string]any{"Service": "cloudwatch.amazonaws.com"},
		"Action":    actions,
		"Resource":  resource,
		"Condition": condition,
	}
}

// alarmArn is the ARN of an alarm name (or pattern) of the stack's account
// and region.
func (p pseudoParams) alarmArn(name string) string {
	return "arn:" + p.partition + ":cloudwatch:" + p.region + ":" + p.account + ":alarm:" + name
}
