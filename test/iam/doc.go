// Package iam proves the permissions of the delivery path (README:
// Deploying from CI) by evaluating them, not by reading policies. Every
// AWS call a workflow step makes (.github/workflows and .github/scripts,
// and the calls of the pinned CDK CLI's `cdk deploy --app cdk.out` and
// `cdk diff --method=template`), and the calls no step may make, are
// cases of a table (testdata/calls.txt), each with the identity of the
// step: the job's OIDC token (its claims, and the subject GitHub makes of
// them), then the roles it assumes in turn. Run evaluates each case in
// every environment of a Design with @cloud-copilot/iam-simulate
// (evaluate.mjs, on Node.js): the trust policy of each role assumed, the
// identity policies and permissions boundary of each role that calls, and
// the bucket policy of a bucket, from the synthesized deploy-role
// templates and the CDK bootstrap template of the pinned CLI, bootstrapped
// as README says.
//
// AlertPublishing (alerts.go) proves, the same way, who may page: for
// every alarm of the environments' templates with a topic action,
// CloudWatch may publish to the topic and use its key as that alarm, and
// not as another application's alarm, an alarm of another account or
// region, another environment's alarm, or without aws:SourceArn.
package iam
