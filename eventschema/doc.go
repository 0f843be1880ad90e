// Package eventschema is the model of declared log events: the structured
// JSON events an application logs, each named by the value of one field
// (the event field, {"event":"my-queue-worker",...}) and declared once with
// its typed fields.
//
// From the declaration it derives CloudWatch filter patterns
// (DerivePattern), checks hand-written ones (CheckPattern) and classifies
// log lines (Checker, Schema.CheckLine): not JSON, no event, an undeclared
// event, or a declared event with missing, extra or mistyped fields.
// Package loggen writes typed loggers from it. The package is pure Go: it
// knows filter patterns (package filterpattern), not the config file or
// the CDK.
package eventschema
