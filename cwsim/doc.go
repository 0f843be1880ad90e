// Package cwsim simulates CloudWatch offline, from a log line to a page,
// on the synthesized templates of a cloud assembly: what will be deployed,
// not the config it came from.
//
// A Model is read from the stacks' templates (Load). Simulate then feeds it
// log events and steps a clock minute by minute:
//
//   - metric filters (AWS::Logs::MetricFilter) turn matching events into
//     samples of their metric, with the metric value, the dimensions and
//     DefaultValue, through package filterpattern; a filter whose dimensions
//     take too many values is disabled (MaxDimensionPairsPerHour);
//   - every log event also counts in AWS/Logs IncomingLogEvents and
//     IncomingBytes, per log group (LogGroupName) and for the account;
//   - metric alarms (AWS::CloudWatch::Alarm) read a statistic of a metric,
//     or metric math over several, per period (packages stat, metricmath),
//     and are evaluated as CloudWatch documents it (package alarmstate),
//     anomaly detection bands coming from fixtures (Options.Bands);
//   - composite alarms (AWS::CloudWatch::CompositeAlarm) evaluate their rule
//     over the other alarms' states (package compositerule);
//   - each state change notifies the alarm's actions for that state when
//     ActionsEnabled: a topic's subscriptions and their dead-letter queues,
//     and the Chatbot channels that watch the topic.
//
// What the simulation cannot know, it assumes, and every Report lists
// those assumptions (Assumptions) with the fixtures it used.
package cwsim
