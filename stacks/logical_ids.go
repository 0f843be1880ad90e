package stacks

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	eventwatch "github.com/eventwatch/eventwatch/constructs"
	"github.com/eventwatch/eventwatch/constructs/spec"
	"github.com/eventwatch/eventwatch/internal/cfn"
)

// Logical IDs are a contract with every deployed stack: CloudFormation
// replaces a resource whose logical ID changes, and a replaced log group,
// key or topic loses its data, while a custom-named resource under a new ID
// cannot be created next to the old one. The constructs use the CDK's
// path-based IDs; the stacks pin the IDs that eventwatch's releases before
// the constructs were built on aws-cdk-lib gave the stateful resources and
// the alert path (log groups, keys, topics, their policies and
// subscriptions, Chatbot configurations), so that an upgrade replaces none
// of them. test/ pins them. The construct IDs below give the other
// resources (metric filters, alarms, queries) readable path-based IDs.

func metricID(name string) string { return cfn.LogicalID("MetricFilter", name) }
func alarmID(name string) string  { return cfn.LogicalID("Alarm", name) }
func queryID(name string) string  { return cfn.LogicalID("Query", name) }

// pin gives the CloudFormation resource of an aws-cdk-lib construct the logical ID id.
func pin(c constructs.IConstruct, id string) {
	c.Node().DefaultChild().(awscdk.CfnResource).OverrideLogicalId(jsii.String(id))
}

func pinLogGroup(lg *eventwatch.LogGroup, name string) {
	pin(lg.LogGroup(), cfn.LogicalID("LogGroup", name))
	if k := lg.Key(); k != nil {
		pin(k, cfn.LogicalID("LogGroupKey", name))
	}
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
