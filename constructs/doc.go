// Package constructs holds eventwatch's reusable CDK constructs: LogGroup
// (created with NewLogGroup, or adopted as it exists with AdoptLogGroup),
// AlertTopic, EventMetric, EventAlarm, LogAlarm, SavedQuery, Dashboard,
// ServiceAlarm, SilenceAlarm and GitHubDeployRole. They are built from
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
// and values that are unresolved tokens (a CfnParameter's ValueAsString or
// ValueAsNumber) skip the checks that need a value, as aws-cdk-lib does;
// where aws-cdk-lib itself needs the value (a metric's period, an anomaly
// band's width), Validate says so. Validate reports every problem of the
// props, one per field, joined with errors.Join; errors.As finds the first
// as a *spec.FieldError. The New* constructors panic on invalid props, as
// aws-cdk-lib's constructors throw, with the construct's path
// ("Prod/Observability/Orders/Failures") and every problem; call Validate
// first to handle the error.
//
// Logical IDs are the CDK's, from the construct path, so the same construct
// ID may be used under two parents. Pin a deployed stateful resource's
// logical ID with awscdk.CfnResource.OverrideLogicalId on its default child,
// as eventwatch's stacks do. Each stack's child "EventWatchImportedLogGroups"
// (ImportedLogGroupsID) is reserved: EventMetric imports there the log
// groups it is given by name.
package constructs
