package cfn

// typeRule is what CloudFormation does with changes to one resource type.
// It is the one table of replacement-forcing properties: the stateful-change
// checks (CheckStacks) and the template diff (DiffTemplates)
// both read it.
type typeRule struct {
	// name is the property that holds a custom physical name, unique in
	// the account and region (empty: the type has none, or it is not
	// unique).
	name string
	// scope is the property the name is unique within (a metric filter's
	// name is unique per log group); empty for account-wide names.
	scope string
	// sharedName marks a name the service does not keep unique (saved
	// Logs Insights queries): two resources may carry it at once.
	sharedName bool
	// replace are the properties whose change makes CloudFormation create
	// a new resource and delete the old one ("Update requires:
	// Replacement" in the CloudFormation resource reference).
	replace []string
	// immutable are the properties CloudFormation refuses to change at all:
	// the update fails, whatever the UpdateReplacePolicy (AWS::KMS::Key).
	immutable []string
	// stateful types hold data or an identity that others use (log
	// events, encrypted data, subscriptions): losing one loses data.
	stateful bool
}

// resourceRules covers every type eventwatch's stacks synthesize and the
// deploy-role stack's. Source: the CloudFormation template reference,
// "Update requires" of each property. A type missing here is diffed by
// property paths only, with no replacement known.
var resourceRules = map[string]typeRule{
	"AWS::Logs::LogGroup": {name: "LogGroupName", replace: []string{"LogGroupName", "LogGroupClass"}, stateful: true},
	"AWS::KMS::Key":       {immutable: []string{"KeySpec", "KeyUsage", "Origin", "MultiRegion"}, stateful: true},
	"AWS::SNS::Topic":     {name: "TopicName", replace: []string{"TopicName", "FifoTopic"}, stateful: true},
	// A queue holds messages: an alert topic's dead-letter queue holds the
	// pages nobody received.
	"AWS::SQS::Queue": {name: "QueueName", replace: []string{"QueueName", "FifoQueue"}, stateful: true},

	"AWS::CloudWatch::Alarm":        {name: "AlarmName", replace: []string{"AlarmName"}},
	"AWS::Logs::MetricFilter":       {name: "FilterName", scope: "LogGroupName", replace: []string{"FilterName", "LogGroupName"}},
	"AWS::Logs::SubscriptionFilter": {name: "FilterName", scope: "LogGroupName", replace: []string{"FilterName", "LogGroupName"}},
	"AWS::Logs::QueryDefinition":    {name: "Name", sharedName: true},
	"AWS::SNS::Subscription":        {replace: []string{"Endpoint", "Protocol", "TopicArn", "Region"}},
	"AWS::Lambda::Permission": {replace: []string{"Action", "EventSourceToken", "FunctionName", "FunctionUrlAuthType",
		"Principal", "PrincipalOrgID", "SourceAccount", "SourceArn"}},
	"AWS::IAM::Role":                          {name: "RoleName", replace: []string{"RoleName", "Path"}},
	"AWS::IAM::OIDCProvider":                  {replace: []string{"Url"}},
	"AWS::Chatbot::SlackChannelConfiguration": {name: "ConfigurationName", replace: []string{"ConfigurationName", "SlackWorkspaceId"}},
}

// ruleFor returns the rule of a type; the zero rule for types not listed.
func ruleFor(resourceType string) typeRule { return resourceRules[resourceType] }
