package cwsim_test

import (
	"testing"

	"github.com/eventwatch/eventwatch/cwsim"
)

// A log group that the filters and alarms read by name but no stack
// creates (adopted, as eventwatch's logGroup.existing) is in the model,
// with the tags of the alarms that watch it, so that a scenario finds it
// by its service; a created log group keeps its own tags.
func TestAdoptedLogGroups(t *testing.T) {
	body := `{"Resources": {
	  "Created": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "/app/payments", "Tags": [{"Key": "service", "Value": "payments"}]}},
	  "Failed": {"Type": "AWS::Logs::MetricFilter", "Properties": {"LogGroupName": "/aws/lambda/orders", "FilterPattern": "ERROR",
	    "MetricTransformations": [{"MetricNamespace": "app/orders", "MetricName": "failed", "MetricValue": "1"}]}},
	  "FailedAlarm": {"Type": "AWS::CloudWatch::Alarm", "Properties": {"AlarmName": "orders-failed", "Namespace": "app/orders", "MetricName": "failed",
	    "Statistic": "Sum", "Period": 60, "EvaluationPeriods": 1, "Threshold": 1, "ComparisonOperator": "GreaterThanOrEqualToThreshold",
	    "Tags": [{"Key": "service", "Value": "orders"}]}},
	  "Silence": {"Type": "AWS::CloudWatch::Alarm", "Properties": {"AlarmName": "checkout-silence", "Namespace": "AWS/Logs", "MetricName": "IncomingLogEvents",
	    "Dimensions": [{"Name": "LogGroupName", "Value": "/aws/lambda/checkout"}], "Statistic": "Sum", "Period": 60, "EvaluationPeriods": 1,
	    "Threshold": 1, "ComparisonOperator": "LessThanThreshold", "Tags": [{"Key": "service", "Value": "checkout"}]}},
	  "PaymentsSilence": {"Type": "AWS::CloudWatch::Alarm", "Properties": {"AlarmName": "payments-silence", "Namespace": "AWS/Logs", "MetricName": "IncomingLogEvents",
	    "Dimensions": [{"Name": "LogGroupName", "Value": {"Ref": "Created"}}], "Statistic": "Sum", "Period": 60, "EvaluationPeriods": 1,
	    "Threshold": 1, "ComparisonOperator": "LessThanThreshold", "Tags": [{"Key": "service", "Value": "other"}]}}}}`
	m, err := cwsim.Load([]cwsim.Stack{{Name: "s", Template: []byte(body)}})
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]struct {
		service string
		adopted bool
	}{
		"/aws/lambda/orders":   {"orders", true},
		"/aws/lambda/checkout": {"checkout", true},
		"/app/payments":        {"payments", false},
	} {
		g := m.LogGroups[name]
		if g == nil || g.Tags["service"] != want.service || g.Adopted != want.adopted {
			t.Errorf("%s: %+v, want service %s, adopted %v", name, g, want.service, want.adopted)
		}
	}
	if len(m.LogGroups) != 3 {
		t.Errorf("log groups %v, want 3", m.LogGroups)
	}
}
