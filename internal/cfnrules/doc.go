// Package cfnrules checks synthesized CloudFormation templates as
// CloudFormation and CloudWatch will see them, before anything is written
// or deployed: each resource's properties against the documented pattern,
// length and range of its resource type, the service quotas a template or
// an account can break (resources per stack, metric filters per log group,
// widgets per dashboard, alarms per composite rule, an alarm's evaluation
// window), the names AWS keeps unique and at which scope, the partition and
// region of every ARN, and the alarm wiring of package cwsim.
//
//	problems := cfnrules.Check([]cfnrules.Stack{{Name: "app-prod", Account: "111111111111", Region: "eu-west-1", Template: body}})
//	for _, p := range problems {
//		fmt.Println(p) // app-prod/AlarmOrdersFailed (AWS::CloudWatch::Alarm) Period: ... [cw-alarm-period]
//	}
//
// # Rules
//
// Rules live in tables, one per resource type (resourceRules), one of
// template-wide limits (stackRules, stack.go) and one of rules over every
// stack at once (setRules: names.go, the per-log-group quotas of logs.go,
// the wiring of cwsim). Each rule is an entry with an ID, the AWS page it
// follows (Source) and a check function; Problem.Rule and Problem.Source
// name them. The files follow the resource families: logs.go,
// cloudwatch.go, dashboard.go, sns.go, sqs.go, kms.go, iam.go, chatbot.go,
// lambda.go, stack.go, names.go and arns.go.
//
// # What is refused
//
// What CloudWatch accepts, Check accepts too: a rule refuses what AWS
// documents that it refuses, and where the documentation is unclear the
// reading that refuses less is taken (each such place says so). A value
// known only at deploy time (a reference to a generated name, a parameter,
// an attribute the resolver does not model) skips the checks that need it,
// as aws-cdk-lib skips unresolved tokens; cwsim.Scopes decides what is
// known. A few rules report what AWS deploys but cannot work, and say so:
// the wiring of cwsim (an alarm on a metric nobody publishes), a metric
// filter's metric alarmed on with a period under a minute (filters publish
// one-minute data, so the alarm never sees a full period), a saved query
// or log alarm using a command its log group's class cannot run; and one
// is stricter than AWS by choice: dashboard links that are not https.
package cfnrules
