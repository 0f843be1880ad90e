package test

import (
	"path/filepath"
	"strings"
	"testing"
)

// Stacks of an environment with deletion protection (production), and the
// deploy-role stacks, have termination protection; dead-letter queues, which
// hold undelivered pages, follow the environment's removal policy.
func TestStatefulPartsAreProtected(t *testing.T) {
	var manifest struct {
		Artifacts map[string]struct {
			Properties struct {
				TerminationProtection bool `json:"terminationProtection"`
			} `json:"properties"`
		} `json:"artifacts"`
	}
	if err := readJSON(filepath.Join(synthesized.dir, "manifest.json"), &manifest); err != nil {
		t.Fatal(err)
	}
	for _, env := range synthesized.config.EnvironmentNames() {
		e, _ := synthesized.config.Environment(env)
		want := e.DeletionProtection
		if e.TerminationProtection != nil {
			want = *e.TerminationProtection
		}
		for _, stack := range envStacks(env) {
			if got := manifest.Artifacts[stack].Properties.TerminationProtection; got != want {
				t.Errorf("%s: termination protection %v, want %v", stack, got, want)
			}
			for id, r := range synthesized.templates[stack].Resources {
				if r.Type != "AWS::SQS::Queue" {
					continue
				}
				retain := e.RemovalPolicy == "" || e.RemovalPolicy == "retain"
				if (r.DeletionPolicy == "Retain") != retain {
					t.Errorf("%s %s: DeletionPolicy %q, want Retain: %v (removalPolicy %q)", stack, id, r.DeletionPolicy, retain, e.RemovalPolicy)
				}
			}
		}
	}
	for _, stack := range synthesized.deployStacks {
		if !manifest.Artifacts[stack].Properties.TerminationProtection {
			t.Errorf("%s: no termination protection", stack)
		}
	}
}

// AWS Chatbot's channels are bounded by CloudWatch read-only access: an
// on-call engineer in Slack reads alarms and metrics, not S3 objects,
// DynamoDB items, log events or parameters (ReadOnlyAccess would allow).
func TestChatbotGuardrailIsCloudWatchReadOnly(t *testing.T) {
	for _, stack := range synthesized.stacks {
		for id, r := range synthesized.templates[stack].Resources {
			if r.Type != "AWS::Chatbot::SlackChannelConfiguration" {
				continue
			}
			got := jsonOf(r.Properties["GuardrailPolicies"])
			if !strings.Contains(got, ":iam::aws:policy/CloudWatchReadOnlyAccess") || strings.Contains(got, "/ReadOnlyAccess") {
				t.Errorf("%s %s: guardrail %s, want CloudWatchReadOnlyAccess only", stack, id, got)
			}
		}
	}
}
