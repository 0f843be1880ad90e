package test

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Each stack's template equals its golden file; `go test ./test -update`
// rewrites them after a deliberate change, which then shows in review.
func TestGoldenTemplates(t *testing.T) {
	if *update {
		// Never rewrite a golden template over a change that would lose
		// data or fail the deploy, unless the config allows it.
		if err := checkGoldenUpdate(goldenDir, synthesized.dir, allStacks(), synthesized.config); err != nil {
			t.Fatal(err)
		}
	}
	for _, stack := range allStacks() {
		got, err := os.ReadFile(filepath.Join(synthesized.dir, stack+".template.json"))
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join(goldenDir, stack+".template.json")
		if *update {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		var want, have any
		if err := readJSON(golden, &want); err != nil {
			t.Fatalf("%v (run `go test ./test -update` to create it)", err)
		}
		if err := readJSON(filepath.Join(synthesized.dir, stack+".template.json"), &have); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, have); diff != "" {
			t.Errorf("%s differs from %s (-golden +synthesized); if the change is intended, run `go test ./test -update`:\n%s", stack, golden, diff)
		}
	}
}

// Stateful resources keep their logical IDs: a refactor that renamed one
// would make CloudFormation replace it, and a replaced log group loses its
// data. These IDs are a public contract; change them only with a migration.
func TestStatefulLogicalIDsArePinned(t *testing.T) {
	pinned := map[string]string{
		"LogGroupCheckout":         "AWS::Logs::LogGroup",
		"LogGroupOrders":           "AWS::Logs::LogGroup",
		"AlertKeyAlerts":           "AWS::KMS::Key",
		"AlertTopicAlertsCritical": "AWS::SNS::Topic",
		"AlertTopicAlertsWarning":  "AWS::SNS::Topic",
		// Alarms have custom names: under a new logical ID, CloudFormation
		// would fail to create them next to the old ones.
		"AlarmCheckoutHttpbinPostError":  "AWS::CloudWatch::Alarm",
		"AlarmCheckoutAssumptionCheck":   "AWS::CloudWatch::Alarm",
		"AlarmCheckoutErrorLines":        "AWS::CloudWatch::Alarm",
		"AlarmOrdersQueueWorkerFailure":  "AWS::CloudWatch::Alarm",
		"AlarmOrdersQueueWorkerDuration": "AWS::CloudWatch::Alarm",
		"QueryExceptionsPerHour":         "AWS::Logs::QueryDefinition",
	}
	encrypted := map[string]string{
		"LogGroupKeyCheckout": "AWS::KMS::Key",
		"LogGroupKeyOrders":   "AWS::KMS::Key",
	}
	for _, stack := range synthesized.stacks {
		res := synthesized.templates[stack].Resources
		want := pinned
		if stack == "eventwatch-prod" {
			want = merge(pinned, encrypted)
		}
		for id, typ := range want {
			if res[id].Type != typ {
				t.Errorf("%s: logical ID %s is %q, want %s", stack, id, res[id].Type, typ)
			}
		}
	}
}

// Log groups are retained on stack deletion and replacement, except where
// the environment asks to destroy them (dev).
func TestLogGroupRetention(t *testing.T) {
	want := map[string]struct {
		policy    string
		retention float64
	}{
		"eventwatch-dev":     {"Delete", 7},
		"eventwatch-staging": {"Retain", 30},
		"eventwatch-prod":    {"Retain", 365},
	}
	for stack, w := range want {
		for id, r := range synthesized.templates[stack].Resources {
			if r.Type != "AWS::Logs::LogGroup" {
				continue
			}
			if r.DeletionPolicy != w.policy || r.Properties["RetentionInDays"] != w.retention {
				t.Errorf("%s %s: policy %s retention %v, want %s and %g", stack, id, r.DeletionPolicy, r.Properties["RetentionInDays"], w.policy, w.retention)
			}
		}
	}
}

// Production holds every kind of resource eventwatch makes.
func TestProductionHasEveryResourceKind(t *testing.T) {
	kinds := map[string]int{}
	for _, r := range synthesized.templates["eventwatch-prod"].Resources {
		kinds[r.Type]++
	}
	for _, k := range []string{"AWS::Logs::LogGroup", "AWS::KMS::Key", "AWS::Logs::MetricFilter", "AWS::CloudWatch::Alarm",
		"AWS::SNS::Topic", "AWS::SNS::TopicPolicy", "AWS::SNS::Subscription", "AWS::Lambda::Permission",
		"AWS::Chatbot::SlackChannelConfiguration", "AWS::IAM::Role", "AWS::Logs::QueryDefinition"} {
		if kinds[k] == 0 {
			t.Errorf("eventwatch-prod has no %s", k)
		}
	}
	names := make([]string, 0, len(kinds))
	for k, n := range kinds {
		names = append(names, k+"="+itoa(n))
	}
	sort.Strings(names)
	t.Log(names)
}

func merge(a, b map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

// Log groups and alarms say which service and team they belong to; the
// stack's own tags (app, environment, owner) reach every resource through
// CloudFormation.
func TestServiceAndOwnerTags(t *testing.T) {
	for _, stack := range synthesized.stacks {
		for id, r := range synthesized.templates[stack].Resources {
			if r.Type != "AWS::Logs::LogGroup" && r.Type != "AWS::CloudWatch::Alarm" {
				continue
			}
			tags := map[string]any{}
			list, _ := r.Properties["Tags"].([]any)
			for _, tag := range list {
				kv := tag.(map[string]any)
				tags[kv["Key"].(string)] = kv["Value"]
			}
			name, _ := r.Properties["AlarmName"].(string)
			topicAlarm := strings.HasSuffix(name, "-undelivered") // the alert topics', not a service's
			if tags["owner"] == nil || tags["service"] == nil && !topicAlarm {
				t.Errorf("%s %s: tags %v, want service and owner", stack, id, tags)
			}
		}
	}
}

// The config's plan predicts each stack's resource count, which the
// 500-resource limit is checked against before anything is built.
func TestPlanPredictsResourceCount(t *testing.T) {
	for _, stack := range synthesized.stacks {
		n := 0
		for _, r := range synthesized.templates[stack].Resources {
			if r.Type != "AWS::CDK::Metadata" {
				n++
			}
		}
		if want := synthesized.planned[stack]; n != want {
			t.Errorf("%s has %d resources; the plan predicts %d", stack, n, want)
		}
	}
}
