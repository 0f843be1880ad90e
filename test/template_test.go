package test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/internal/cfn"
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
	for _, env := range synthesized.config.EnvironmentNames() {
		plans, err := synthesized.config.Plan(env)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range plans {
			res := synthesized.templates[p.StackName].Resources
			for id, typ := range pinnedIDs(p) {
				if res[id].Type != typ {
					t.Errorf("%s: logical ID %s is %q, want %s", p.StackName, id, res[id].Type, typ)
				}
			}
		}
	}
	// The IDs of the shipped example as deployed, literally: a change to
	// how IDs are computed fails here even if the code above agrees with it.
	for id, typ := range map[string]string{"LogGroupOrders": "AWS::Logs::LogGroup", "AlertTopicAlertsCritical": "AWS::SNS::Topic", "AlarmOrdersQueueWorkerFailure": "AWS::CloudWatch::Alarm"} {
		if got := cfnLogicalIDType(id); got != "" && got != typ {
			t.Errorf("%s is %s, want %s", id, got, typ)
		}
	}
}

// pinnedIDs are the logical IDs a stack plan's stateful and named
// resources keep from release to release (stacks/logical_ids.go): log
// groups the stack creates and their keys, the alert topics and their key,
// alarms on events (custom names: under a new logical ID, CloudFormation
// would fail to create them next to the old ones) and saved queries.
func pinnedIDs(p appconfig.StackPlan) map[string]string {
	out := map[string]string{}
	for _, it := range p.Items {
		switch {
		case it.LogGroup != nil && it.LogGroup.Existing == "":
			out[cfn.LogicalID("LogGroup", it.Name)] = "AWS::Logs::LogGroup"
			if it.LogGroup.Encrypt {
				out[cfn.LogicalID("LogGroupKey", it.Name)] = "AWS::KMS::Key"
			}
		case it.Topic != nil:
			out[cfn.LogicalID("AlertKey", it.Name)] = "AWS::KMS::Key"
			for _, sev := range []string{"Critical", "Warning"} {
				out[cfn.LogicalID("AlertTopic", it.Name, sev)] = "AWS::SNS::Topic"
			}
		case it.Alarm != nil && it.Ratio == nil && it.Alarm.AnomalyStdDevs == 0:
			out[cfn.LogicalID("Alarm", it.Name)] = "AWS::CloudWatch::Alarm"
		case it.Query != nil:
			out[cfn.LogicalID("Query", it.Name)] = "AWS::Logs::QueryDefinition"
		}
	}
	return out
}

// cfnLogicalIDType is the type of a logical ID in any synthesized stack,
// or "" when no stack has it (a config without that resource).
func cfnLogicalIDType(id string) string {
	for _, s := range synthesized.stacks {
		if r, ok := synthesized.templates[s].Resources[id]; ok {
			return r.Type
		}
	}
	return ""
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
