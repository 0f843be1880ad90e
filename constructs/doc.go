// Package constructs holds eventwatch's reusable CDK constructs: LogGroup,
// AlertTopic, EventMetric, EventAlarm, SavedQuery, Dashboard, ServiceAlarm,
// SilenceAlarm and GitHubDeployRole. They are built from
// aws-cdk-lib's constructs (awslogs.LogGroup, awslogs.MetricFilter,
// awscloudwatch.Alarm, awssns.Topic, awskms.Key, awschatbot's Slack channel
// configuration), take and give the standard interfaces (awslogs.ILogGroup,
// awssns.ITopic, awskms.IKey, awscloudwatch.IMetric, awscloudwatch.IAlarm,
// awscloudwatch.IAlarmAction), and work with Tags_Of, RemovalPolicies_Of,
// Aspects, AddDependency and cdk-nag like any construct. eventwatch's own
// stacks are built from them.
//
// Props follow aws-cdk-go's conventions (pointers set with jsii.String and
// jsii.Number, aws-cdk-lib's enums and awscdk.Duration); every optional prop
// documents its default. Each props type has a Validate method: the rules
// are plain Go in package spec, with the limit and the value in the message,
// and values that are unresolved tokens skip the checks that need a value,
// as aws-cdk-lib does. The New* constructors panic on invalid props, as
// aws-cdk-lib's constructors throw; call Validate first to handle the error.
//
// Logical IDs are the CDK's, from the construct path, so the same construct
// ID may be used under two parents. Pin a deployed stateful resource's
// logical ID with awscdk.CfnResource.OverrideLogicalId on its default child,
// as eventwatch's stacks do.
package constructs
