package cfn

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestLogicalIDCamelCasesNameParts(t *testing.T) {
	cases := map[string][]string{
		"AlarmOrdersHttpbinPost": {"Alarm", "orders", "httpbin-post"},
		"LogGroupMyQueueWorker":  {"LogGroup", "my_queue.worker"},
		"QueryTeamExceptions1h":  {"Query", "team/exceptions-1h"},
		"TopicCritical":          {"Topic", "critical"},
	}
	for want, parts := range cases {
		if got := LogicalID(parts...); got != want {
			t.Errorf("LogicalID(%q) = %q, want %q", parts, got, want)
		}
	}
}

func TestAddRejectsDuplicateLogicalID(t *testing.T) {
	rs := Resources{}
	if err := rs.Add("A", Resource{Type: "AWS::SNS::Topic"}); err != nil {
		t.Fatal(err)
	}
	err := rs.Add("A", Resource{Type: "AWS::SNS::Topic"})
	if err == nil || !strings.Contains(err.Error(), `"A"`) {
		t.Fatalf("duplicate ID: got %v, want an error naming the ID", err)
	}
}

func TestRetainSetsBothPolicies(t *testing.T) {
	b, err := json.Marshal(Resource{Type: "AWS::Logs::LogGroup", DeletionPolicy: Retain})
	if err != nil {
		t.Fatal(err)
	}
	got := string(b)
	for _, want := range []string{`"DeletionPolicy":"Retain"`, `"UpdateReplacePolicy":"Retain"`} {
		if !strings.Contains(got, want) {
			t.Errorf("%s missing %s", got, want)
		}
	}
}
