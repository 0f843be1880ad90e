// Package spec holds the props of eventwatch's constructs, their
// validation against CloudWatch and CloudFormation rules, and their
// rendering into CloudFormation resources, all in plain Go: no Node.js, no
// jsii. Package constructs turns rendered resources into CDK constructs;
// the config loader and the logq CLI use this package alone.
//
// Defaults and limits are named once, in defaults.go.
package spec
