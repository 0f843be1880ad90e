package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The deploy-role stacks are built with every environment, one per
// account, and not when environments are selected with -c env= (CI's
// per-environment deploys never deploy the role they run as). That they
// synthesize is tested in test/.
func TestDeployRoleStacksOnlyWithoutEnvironmentSelection(t *testing.T) {
	cfg, err := loadConfig("")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range deployStacks(cfg, "") {
		names = append(names, p.StackName)
	}
	if got := strings.Join(names, ","); got != "eventwatch-deploy-111111111111,eventwatch-deploy-222222222222,eventwatch-deploy-333333333333" {
		t.Errorf("without -c env: %s", got)
	}
	for _, sel := range []string{"dev", "dev,staging,prod"} {
		if got := deployStacks(cfg, sel); len(got) != 0 {
			t.Errorf("-c env=%s: %d deploy-role stacks, want none", sel, len(got))
		}
	}
}

// withResource is template body with one more resource.
func withResource(t *testing.T, body []byte, id string, resource map[string]any) []byte {
	t.Helper()
	var tmpl map[string]any
	if err := json.Unmarshal(body, &tmpl); err != nil {
		t.Fatal(err)
	}
	tmpl["Resources"].(map[string]any)[id] = resource
	out, err := json.Marshal(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// checkBaseline reads every template in the baseline directory: a log
// group moving into prod's main stack from a prod stack that is no longer
// synthesized (a service's stack: removed) is a move, with the allow entry
// that would accept it. A stack of an environment not selected (dev, often
// another account, where the same name is another log group) is left out.
func TestBaselineReadsStacksNoLongerSynthesized(t *testing.T) {
	cfg, err := loadConfig("")
	if err != nil {
		t.Fatal(err)
	}
	golden, err := os.ReadFile(filepath.Join("test", "golden", "eventwatch-prod.template.json"))
	if err != nil {
		t.Fatal(err)
	}
	payments := map[string]any{"Type": "AWS::Logs::LogGroup", "DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain",
		"Properties": map[string]any{"LogGroupName": "/shop/payments", "RetentionInDays": 365}}
	legacy := withResource(t, []byte(`{"Resources": {}}`), "LogGroupPayments", payments)
	baseline := t.TempDir()
	for name, body := range map[string][]byte{
		"eventwatch-prod":        golden,
		"eventwatch-prod-legacy": legacy, // prod's, no longer synthesized
		"eventwatch-dev-legacy":  legacy, // dev's: not part of a prod deploy
		"other-app":              legacy, // no environment's
	} {
		os.WriteFile(filepath.Join(baseline, name+".template.json"), body, 0o644)
	}

	moved := map[string][]byte{"eventwatch-prod": withResource(t, golden, "LogGroupPayments", payments)}
	err = checkBaseline(baseline, cfg, []string{"prod"}, moved)
	if err == nil {
		t.Fatal("a log group moving out of a stack no longer synthesized passed")
	}
	for _, want := range []string{
		"eventwatch-prod-legacy: LogGroupPayments (AWS::Logs::LogGroup /shop/payments): moves to stack eventwatch-prod (as LogGroupPayments) but stays deployed in eventwatch-prod-legacy",
		"environments/prod.yaml: allow: [{stack: eventwatch-prod-legacy, logicalId: LogGroupPayments, reason: <why it is safe>}]",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error:\n%v\nwant it to contain %q", err, want)
		}
	}
	for _, notWant := range []string{"eventwatch-dev-legacy", "other-app"} {
		if strings.Contains(err.Error(), notWant) {
			t.Errorf("error names %s, which a prod deploy leaves alone:\n%v", notWant, err)
		}
	}

	// Quiet: the same baseline, nothing moved.
	if err := checkBaseline(baseline, cfg, []string{"prod"}, map[string][]byte{"eventwatch-prod": golden}); err != nil {
		t.Errorf("nothing moved, yet: %v", err)
	}
}
