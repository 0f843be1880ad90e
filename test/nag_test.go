package test

import (
	"fmt"
	"strings"
	"testing"
)

// cdk-nag's AwsSolutionsChecks and ServerlessChecks report no unsuppressed
// error or warning on any stack, the deploy-role stacks included.
func TestAwsSolutionsChecksPass(t *testing.T) {
	for _, stack := range allStacks() {
		for path, entries := range synthesized.metadata[stack] {
			for _, e := range entries {
				msg := fmt.Sprint(e.Data)
				if (e.Type == "aws:cdk:error" || e.Type == "aws:cdk:warning") && (strings.Contains(msg, "AwsSolutions-") || strings.Contains(msg, "Serverless-")) {
					t.Errorf("%s %s: %s", stack, path, firstLine(msg))
				}
			}
		}
	}
}

// cdk-nag ran, and the suppressions it honoured carry their reasons: the
// Chatbot role's read-only CloudWatch actions, which IAM cannot scope to
// resources.
func TestNagSuppressionsHaveReasons(t *testing.T) {
	var suppressed []string
	for _, stack := range synthesized.stacks {
		for path, entries := range synthesized.metadata[stack] {
			for _, e := range entries {
				msg := fmt.Sprint(e.Data)
				if e.Type == "aws:cdk:info" && strings.Contains(msg, "was triggered but suppressed") {
					suppressed = append(suppressed, stack+" "+path+": "+firstLine(msg))
					if !strings.Contains(msg, "Provided reason:") {
						t.Errorf("%s %s: suppression without a reason: %s", stack, path, msg)
					}
				}
			}
		}
	}
	if len(suppressed) == 0 {
		t.Fatal("no suppressed cdk-nag finding was logged: is cdk-nag running?")
	}
	for _, s := range suppressed {
		t.Log(s)
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
