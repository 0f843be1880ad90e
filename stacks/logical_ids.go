package stacks

import (
	"crypto/md5"
	"encoding/hex"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	eventwatch "github.com/eventwatch/eventwatch/constructs"
	"github.com/eventwatch/eventwatch/constructs/spec"
	"github.com/eventwatch/eventwatch/internal/cfn"
)

// Logical IDs are a contract with every deployed stack: CloudFormation
// replaces a resource whose logical ID changes, and a replaced log group,
// key or topic loses its data, while a custom-named resource (an alarm)
// under a new ID cannot be created next to the old one. The constructs use
// the CDK's path-based IDs; the stacks keep the IDs that eventwatch's
// releases before the constructs were built on aws-cdk-lib gave the log
// groups, keys, topics, their policies and subscriptions, Chatbot
// configurations, alarms and saved queries, so that an upgrade replaces
// none of them. Metric filters (which have no name), the Chatbot role and
// the Lambda permission move to path-based IDs. test/ pins the IDs.
//
// Most pins are renames on the stack (Stack.RenameLogicalId, one call into
// the CDK each) of the ID the CDK derives from the construct path, which
// cdkLogicalID computes; a wrong path fails the synth, since the CDK
// refuses a rename it cannot apply. The alert topics' resources, a few per
// environment, are pinned on the resource itself (pin).

// serviceID is the construct ID of a service's scope: "Orders".
func serviceID(service string) string { return cfn.LogicalID(service) }

// Construct IDs below a service's scope, as eventwatch.Service names its
// children.
const (
	logGroupID     = eventwatch.ServiceLogGroupID
	silenceAlarmID = eventwatch.ServiceSilenceAlarmID
	serviceAlarmID = eventwatch.ServiceCompositeID
	dashboardID    = eventwatch.ServiceDashboardID
)

// metricID, alarmID and logAlarmID name a plan item's construct in its
// service's scope: "MetricFilterQueueWorkerFailure", "AlarmQueueWorkerFailure".
func metricID(name, service string) string { return eventwatch.ServiceMetricID(eventOf(name, service)) }
func alarmID(name, service string) string  { return eventwatch.ServiceAlarmID(eventOf(name, service)) }
func logAlarmID(name, service string) string {
	return eventwatch.ServiceLogAlarmID(eventOf(name, service))
}

// queryID names a saved query's construct in the stack: "QueryExceptionsPerHour".
func queryID(name string) string { return cfn.LogicalID("Query", name) }

// eventOf is the event of a plan item named "<service>-<event>".
func eventOf(name, service string) string { return strings.TrimPrefix(name, service+"-") }

// pinLogGroup keeps the IDs of a service's log group and key, built as
// <service>/LogGroup (an eventwatch LogGroup) with the aws-cdk-lib log
// group "Resource" and key "Key" in it.
func pinLogGroup(stack awscdk.Stack, service string, encrypted bool) {
	scope := serviceID(service)
	rename(stack, cfn.LogicalID("LogGroup", service), scope, logGroupID, "Resource", "Resource")
	if encrypted {
		rename(stack, cfn.LogicalID("LogGroupKey", service), scope, logGroupID, "Key", "Resource")
	}
}

// pinAlarm keeps the ID of an alarm built as <service>/<alarmID> (an
// EventAlarm, whose CloudFormation resource is "Resource").
func pinAlarm(stack awscdk.Stack, name, service string) {
	rename(stack, cfn.LogicalID("Alarm", name), serviceID(service), alarmID(name, service), "Resource")
}

// pinQuery keeps the ID of a saved query built as <queryID> (a SavedQuery)
// with its query definition "Resource" in it.
func pinQuery(stack awscdk.Stack, name string) {
	rename(stack, cfn.LogicalID("Query", name), queryID(name), "Resource")
}

// rename gives the resource at path (construct IDs below the stack) the logical ID id.
func rename(stack awscdk.Stack, id string, path ...string) {
	stack.RenameLogicalId(jsii.String(cdkLogicalID(path)), jsii.String(id))
}

// pin gives the CloudFormation resource of an aws-cdk-lib construct the logical ID id.
func pin(c constructs.IConstruct, id string) {
	c.Node().DefaultChild().(awscdk.CfnResource).OverrideLogicalId(jsii.String(id))
}

func pinAlertTopic(t *eventwatch.AlertTopic, name string, p spec.AlertTopicProps) {
	pin(t.Key(), cfn.LogicalID("AlertKey", name))
	for _, sev := range spec.Severities {
		topicID := cfn.LogicalID("AlertTopic", name, string(sev))
		topic := t.Topic(sev)
		pin(topic, topicID)
		pin(topic.Node().FindChild(jsii.String("Policy")), topicID+"Policy")
		subs := t.Subscriptions(sev)
		i := 0
		for _, s := range p.Subscriptions[sev] {
			if s.Slack == nil {
				pin(subs[i], topicID+"Sub"+spec.EndpointID(s))
				i++
			}
		}
	}
	for _, subs := range p.Subscriptions {
		for _, s := range subs {
			if s.Slack != nil {
				pin(t.SlackChannel(s.Slack.ChannelID), cfn.LogicalID("Slack", name, s.Slack.ChannelID))
			}
		}
	}
}

// The CDK's logical ID of a resource at a construct path (aws-cdk-lib's
// core/lib/private/uniqueid.ts, stable since CDK v1 because every deployed
// stack depends on it): the IDs of the path without "Default"; a path of
// one ID is that ID with only its letters and digits; otherwise a readable
// part (the IDs' letters and digits, leaving out "Resource" and an ID that
// ends the one kept before it, cut at maxHumanLength) followed by the
// first hashLength hex digits, upper case, of the MD5 of the IDs joined
// with "/".
const (
	hiddenID        = "Default"
	hiddenFromHuman = "Resource"
	hashLength      = 8
	maxHumanLength  = 240
	maxIDLength     = 255
)

func cdkLogicalID(path []string) string {
	var ids []string
	for _, id := range path {
		if id != hiddenID {
			ids = append(ids, id)
		}
	}
	if len(ids) == 1 {
		if id := alphanumeric(ids[0]); len(id) <= maxIDLength {
			return id
		}
	}
	sum := md5.Sum([]byte(strings.Join(ids, "/")))
	hash := strings.ToUpper(hex.EncodeToString(sum[:]))[:hashLength]
	var human strings.Builder
	kept := ""
	for i, id := range ids {
		if i > 0 && strings.HasSuffix(kept, id) {
			continue
		}
		kept = id
		if id != hiddenFromHuman {
			human.WriteString(alphanumeric(id))
		}
	}
	h := human.String()
	if len(h) > maxHumanLength {
		h = h[:maxHumanLength]
	}
	return h + hash
}

// alphanumeric keeps the A-Z, a-z and 0-9 of s.
func alphanumeric(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}
