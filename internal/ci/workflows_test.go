package ci

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"
)

const workflowDir = "../../.github/workflows"

// workflows reads every workflow file of the repository.
func workflows(t *testing.T) map[string][]byte {
	t.Helper()
	var files []string
	for _, pattern := range []string{"*.yml", "*.yaml"} {
		m, err := filepath.Glob(filepath.Join(workflowDir, pattern))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatalf("no workflow in %s", workflowDir)
	}
	out := map[string][]byte{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[f] = b
	}
	return out
}

func TestWorkflowsPassActionlint(t *testing.T) {
	for path, content := range workflows(t) {
		findings, err := Lint(path, content)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range findings {
			t.Errorf("%s", f)
		}
	}
}

func TestWorkflowsFollowPolicies(t *testing.T) {
	for path, content := range workflows(t) {
		for _, f := range CheckPolicies(path, content) {
			t.Errorf("%s", f)
		}
	}
}

// The deploy workflow runs on main and deploys dev, then staging, then
// prod, each in the GitHub environment of its name, after the tests.
func TestDeployWorkflowDeploysEnvironmentsInOrder(t *testing.T) {
	content, err := os.ReadFile(filepath.Join(workflowDir, "deploy.yml"))
	if err != nil {
		t.Fatal(err)
	}
	wf, errs := actionlint.Parse(content)
	if len(errs) > 0 {
		t.Fatalf("deploy.yml: %v", errs[0])
	}
	onMain := false
	for _, e := range wf.On {
		if push, ok := e.(*actionlint.WebhookEvent); ok && push.Hook.Value == "push" {
			for _, b := range push.Branches.Values {
				onMain = onMain || b.Value == "main"
			}
		}
	}
	if !onMain {
		t.Error("deploy.yml does not run on a push to main")
	}
	previous := "test"
	for _, env := range []string{"dev", "staging", "prod"} {
		j, ok := wf.Jobs["deploy-"+env]
		if !ok {
			t.Fatalf("deploy.yml has no job deploy-%s", env)
		}
		if j.Environment == nil || j.Environment.Name.Value != env {
			t.Errorf("deploy-%s: environment %v, want %s", env, j.Environment, env)
		}
		if len(j.Needs) != 1 || j.Needs[0].Value != previous {
			t.Errorf("deploy-%s: needs %v, want [%s]", env, j.Needs, previous)
		}
		if j.Concurrency == nil || j.Concurrency.Group.Value != "deploy-"+env {
			t.Errorf("deploy-%s: concurrency %v, want the group deploy-%s", env, j.Concurrency, env)
		}
		previous = "deploy-" + env
	}
}

// actionlint catches a broken workflow, each finding with its position.
// (shellcheck's findings, present only where shellcheck is installed, are
// left out of the comparison.)
func TestLintCatchesBrokenWorkflow(t *testing.T) {
	want := []string{
		`testdata/broken.yml:5:5: unexpected key "branchs" for "push" section`,
		`testdata/broken.yml:7:3: job "test" needs job "build" which does not exist in this workflow [job-needs]`,
		`testdata/broken.yml:12:58: got unexpected character '"' while lexing expression`,
		`testdata/broken.yml:14:17: property "node" is not defined in object type {} [expression]`,
	}
	content, err := os.ReadFile("testdata/broken.yml")
	if err != nil {
		t.Fatal(err)
	}
	findings, err := Lint("testdata/broken.yml", content)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range findings {
		if f.Rule != "shellcheck" {
			got = append(got, f.String())
		}
	}
	compare(t, got, want)
}

// Each policy fires on a workflow that breaks it, at the offending line.
func TestPoliciesCatchUnsafeDeploy(t *testing.T) {
	want := []string{
		"testdata/unsafe-deploy.yml:10:3: job deploy-prod assumes an AWS role but its permissions lack `id-token: write` [oidc]",
		"testdata/unsafe-deploy.yml:10:3: deploy job deploy-prod has no environment [deploy-environment]",
		"testdata/unsafe-deploy.yml:12:5: deploy job deploy-prod: set cancel-in-progress: false [deploy-concurrency]",
		`testdata/unsafe-deploy.yml:16:15: "actions/checkout@v7" is not pinned to a commit [pinned-actions]`,
		`testdata/unsafe-deploy.yml:17:15: "actions/setup-go@b7ad1dad31e06c5925ef5d2fc7ad053ef454303e": name the release of the SHA in a comment [pinned-actions]`,
		"testdata/unsafe-deploy.yml:18:9: aws-actions/configure-aws-credentials without role-to-assume [oidc]",
		`testdata/unsafe-deploy.yml:20:11: "aws-access-key-id": AWS credentials come from GitHub OIDC [no-access-keys]`,
		`testdata/unsafe-deploy.yml:21:11: "aws-secret-access-key": AWS credentials come from GitHub OIDC [no-access-keys]`,
		"testdata/unsafe-deploy.yml:24:3: deploy job deploy-dev has no concurrency group [deploy-concurrency]",
		`testdata/unsafe-deploy.yml:32:27: role-to-assume "arn:aws:iam::111111111111:role/deploy": take the role ARN from a variable [oidc]`,
		`testdata/unsafe-deploy.yml:36:11: "AWS_SECRET_ACCESS_KEY": AWS credentials come from GitHub OIDC [no-access-keys]`,
	}
	content, err := os.ReadFile("testdata/unsafe-deploy.yml")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range CheckPolicies("testdata/unsafe-deploy.yml", content) {
		got = append(got, f.String())
	}
	compare(t, got, want)
}

// compare matches findings to expectations in order: each want is the
// finding's start and, after the last space-separated [rule], its rule.
func compare(t *testing.T, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d findings, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i, w := range want {
		head, rule := w, ""
		if k := strings.LastIndex(w, " ["); k >= 0 && strings.HasSuffix(w, "]") {
			head, rule = w[:k], w[k:]
		}
		if !strings.HasPrefix(got[i], head) || !strings.HasSuffix(got[i], rule) {
			t.Errorf("finding %d:\n  %s\nwant\n  %s", i, got[i], w)
		}
	}
}
