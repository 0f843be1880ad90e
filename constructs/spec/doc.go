// Package spec holds the rules of eventwatch's constructs in plain Go, with
// no Node.js and no jsii: their props as plain values, the defaults, the
// limits of CloudWatch, CloudFormation and the other services, and the
// validation of each prop with the value and the limit in the message.
// Package constructs validates its aws-cdk-go props with it; the config
// loader and the logq CLI use it alone, so that a config is checked without
// starting Node.js.
//
// Defaults and limits are named once, in defaults.go (and, for the newer
// alarms and dashboards, monitoring.go).
package spec
