package cfn

import "testing"

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
