package cwsim_test

import (
	"testing"
	"time"

	"github.com/eventwatch/eventwatch/cwsim"
	"github.com/eventwatch/eventwatch/cwsim/alarmstate"
)

// AWS/Logs publishes IncomingLogEvents and IncomingBytes per log group
// (dimension LogGroupName) and for the account (no dimension) ("CloudWatch
// Logs metrics", CloudWatch Logs User Guide). An alarm on a group's bytes
// sees that group only; one on the account's events sees every group.
func TestAWSLogsMetrics(t *testing.T) {
	body := `{"Resources": {
	  "A": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "/a"}},
	  "B": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "/b"}},
	  "Bytes": {"Type": "AWS::CloudWatch::Alarm", "Properties": {"AlarmName": "bytes-of-a", "Namespace": "AWS/Logs", "MetricName": "IncomingBytes",
	    "Dimensions": [{"Name": "LogGroupName", "Value": {"Ref": "A"}}], "Statistic": "Sum", "Period": 60, "EvaluationPeriods": 1,
	    "Threshold": 10, "ComparisonOperator": "GreaterThanOrEqualToThreshold"}},
	  "Account": {"Type": "AWS::CloudWatch::Alarm", "Properties": {"AlarmName": "account-events", "Namespace": "AWS/Logs", "MetricName": "IncomingLogEvents",
	    "Statistic": "Sum", "Period": 60, "EvaluationPeriods": 1, "Threshold": 2, "ComparisonOperator": "GreaterThanOrEqualToThreshold"}}}}`
	m, err := cwsim.Load([]cwsim.Stack{{Name: "s", Template: []byte(body)}})
	if err != nil {
		t.Fatal(err)
	}
	r := simulate(t, m, 3,
		[]cwsim.LogEvent{{LogGroup: "/a", Time: start, Message: "12345"}, {LogGroup: "/b", Time: start, Message: "a much longer message"}},
		[]cwsim.LogEvent{{LogGroup: "/a", Time: start.Add(time.Minute), Message: "0123456789"}})
	if dps := r.Datapoints["bytes-of-a"]; len(dps) < 2 || dps[0].Value != 5 || dps[1].Value != 10 {
		t.Errorf("bytes of /a %+v, want 5 then 10: /b's bytes do not count", dps)
	}
	if got := firstAt(r, "bytes-of-a", alarmstate.Alarm); got != "2m0s" {
		t.Errorf("bytes-of-a went to ALARM at %s, want 2m0s", got)
	}
	if got := firstAt(r, "account-events", alarmstate.Alarm); got != "1m0s" {
		t.Errorf("account-events went to ALARM at %s, want 1m0s (both log groups count)", got)
	}
}

// A composite alarm's actions are suppressed while its ActionsSuppressor
// alarm is in ALARM ("Suppressing composite alarm actions", CloudWatch
// User Guide): the change is recorded, the page marked suppressed.
func TestCompositeActionsSuppressed(t *testing.T) {
	body := `{"Resources": {
	  "L": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "/l"}},
	  "T": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "pages"}},
	  "Maintenance": {"Type": "AWS::CloudWatch::Alarm", "Properties": {"AlarmName": "maintenance", "Namespace": "AWS/Logs", "MetricName": "IncomingLogEvents",
	    "Dimensions": [{"Name": "LogGroupName", "Value": "/l"}], "Statistic": "Sum", "Period": 60, "EvaluationPeriods": 1,
	    "Threshold": 1, "ComparisonOperator": "GreaterThanOrEqualToThreshold"}},
	  "Busy": {"Type": "AWS::CloudWatch::Alarm", "Properties": {"AlarmName": "busy", "Namespace": "AWS/Logs", "MetricName": "IncomingLogEvents",
	    "Dimensions": [{"Name": "LogGroupName", "Value": "/l"}], "Statistic": "Sum", "Period": 60, "EvaluationPeriods": 1,
	    "Threshold": 2, "ComparisonOperator": "GreaterThanOrEqualToThreshold"}},
	  "C": {"Type": "AWS::CloudWatch::CompositeAlarm", "Properties": {"AlarmName": "service", "AlarmRule": "ALARM(busy)",
	    "ActionsSuppressor": "maintenance", "ActionsSuppressorWaitPeriod": 60, "ActionsSuppressorExtensionPeriod": 60,
	    "AlarmActions": [{"Ref": "T"}]}}}}`
	m, err := cwsim.Load([]cwsim.Stack{{Name: "s", Account: "1", Region: "r", Template: []byte(body)}})
	if err != nil {
		t.Fatal(err)
	}
	r := simulate(t, m, 3, every("/l", "x", 1, 0, 3), every("/l", "y", 1, 0, 3))
	if got := firstAt(r, "service", alarmstate.Alarm); got != "1m0s" {
		t.Fatalf("service went to ALARM at %s, want 1m0s", got)
	}
	for _, n := range r.Notifications {
		if n.Alarm == "service" && n.State == alarmstate.Alarm && !n.Suppressed {
			t.Errorf("the page of %s at %s was not suppressed while maintenance was in ALARM", n.Alarm, n.At)
		}
	}
}
