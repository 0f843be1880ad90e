// Package constructs holds eventwatch's reusable CDK constructs: LogGroup,
// AlertTopic, EventMetric, EventAlarm and SavedQuery. Other teams' CDK Go
// apps can import them without eventwatch's config.
//
// Every construct validates its props in plain Go (a Validate method that
// needs no Node.js), renders its CloudFormation resources in Go (package
// render), and hands them to the CDK in a single call. A spec.Bundle
// holds many constructs for one Include call, which is how eventwatch's own
// stacks stay faster than the same app written with aws-cdk-lib's L2
// constructs in TypeScript.
//
// Logical IDs come from names (the construct ID, a service or event name),
// never from positions in a list or in the construct tree, so renaming a Go
// variable or moving a construct cannot replace a log group and lose its data.
package constructs
