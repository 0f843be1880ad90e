package iam

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/config"
	"github.com/eventwatch/eventwatch/constructs/spec"
	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/queries"
)

// root is the repository, from this package's directory.
const root = "../.."

// GitHub's subject: repo and context by default; with include_claim_keys,
// each key:value, context being the environment, pull_request or the ref.
func TestSubject(t *testing.T) {
	deploy := Claims{"repository": "o/r", "repository_id": "2", "repository_owner_id": "1", "environment": "prod", "event_name": "push",
		"ref": "refs/heads/main", "job_workflow_ref": "o/r/.github/workflows/deploy.yml@refs/heads/main"}
	pr := Claims{"repository": "o/r", "repository_id": "2", "repository_owner_id": "1", "event_name": "pull_request",
		"ref": "refs/pull/7/merge", "job_workflow_ref": "o/r/.github/workflows/pull-request.yml@refs/pull/7/merge"}
	push := Claims{"repository": "o/r", "event_name": "push", "ref": "refs/heads/feature"}
	keys := []string{"repository_owner_id", "repository_id", "context", "job_workflow_ref"}
	for _, c := range []struct {
		keys   []string
		claims Claims
		want   string
	}{
		{nil, deploy, "repo:o/r:environment:prod"},
		{nil, pr, "repo:o/r:pull_request"},
		{nil, push, "repo:o/r:ref:refs/heads/feature"},
		{keys, deploy, "repository_owner_id:1:repository_id:2:environment:prod:job_workflow_ref:o/r/.github/workflows/deploy.yml@refs/heads/main"},
		{keys, pr, "repository_owner_id:1:repository_id:2:pull_request:job_workflow_ref:o/r/.github/workflows/pull-request.yml@refs/pull/7/merge"},
	} {
		if got := Subject(c.keys, c.claims); got != c.want {
			t.Errorf("Subject(%v) = %s, want %s", c.keys, got, c.want)
		}
	}
}

// Every line of the table parses, and a wrong line is refused at its line.
func TestCallsTableParses(t *testing.T) {
	cases, err := LoadCases(filepath.Join(root, CallsFile))
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 50 {
		t.Errorf("%d cases, the table has more", len(cases))
	}
	for _, c := range []struct{ fields, want string }{
		{"all | deploy | token > cdk-deploy | sts:AssumeRole | * | - | allow | x", `chain "token > cdk-deploy": expected token, or gh-deploy or gh-diff first`},
		{"all | deploy | gh-deploy > admin | sts:AssumeRole | * | - | allow | x", `"admin" is not a bootstrap role`},
		{"prod | deploy | gh-deploy | sts:AssumeRole | * | - | allow | x", `environments "prod": expected one of all, diff-role,`},
		{"all | deploy | gh-deploy | AssumeRole | * | - | allow | x", `action "AssumeRole": expected service:Action`},
		{"all | deploy | gh-deploy | sts:AssumeRole | * | a | allow | x", `context "a": expected key=value`},
		{"all | deploy | gh-deploy | sts:AssumeRole | * | - | maybe | x", `expect "maybe": expected allow or deny`},
	} {
		f := strings.Split(c.fields, "|")
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		if _, err := ParseCase(1, f); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.fields, err, c.want)
		}
	}
}

// oldDesign is the delivery path before issue 16: the deploy-role
// templates as they were (testdata/old-design), accounts bootstrapped with
// the CLI's defaults (AdministratorAccess, no boundary), and GitHub's
// default subject; the environments of the example config, their
// resource types from the golden templates.
func oldDesign(t *testing.T) *Design {
	t.Helper()
	cfg, err := appconfig.Load(config.FS, "config", queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	templates := map[string][]byte{}
	for _, dir := range []string{"testdata/old-design", filepath.Join(root, "test", "golden")} {
		files, err := filepath.Glob(filepath.Join(dir, "eventwatch-*.template.json"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no templates (%v)", dir, err)
		}
		for _, f := range files {
			name := strings.TrimSuffix(filepath.Base(f), ".template.json")
			if _, old := templates[name]; old {
				continue // the old deploy-role stack, not the golden one
			}
			if templates[name], err = os.ReadFile(f); err != nil {
				t.Fatal(err)
			}
		}
	}
	d, err := FromConfig(cfg, templates)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Bootstrap.ExecutionPolicies) != 0 || d.Bootstrap.Boundary != "" {
		t.Fatalf("the old templates have no execution policy; bootstrap %+v", d.Bootstrap)
	}
	d.SubjectClaimKeys = nil
	return d
}

// The old design fails the table, on the defects issue 16 names: the
// deploy job cannot fetch the deployed templates (the deploy fails before
// cdk deploy); a pull request may assume the lookup role and read S3,
// DynamoDB, logs and parameters through it; a deploy may change or delete
// the deploy-role stack and widen its own roles; any workflow, branch or
// repository of the name with the environment's name may deploy.
func TestOldDesignFailsTheTable(t *testing.T) {
	needNode(t)
	cases, err := LoadCases(filepath.Join(root, CallsFile))
	if err != nil {
		t.Fatal(err)
	}
	results, err := Run(root, oldDesign(t), cases)
	if err != nil {
		t.Fatal(err)
	}
	failed := map[string]bool{}
	for _, r := range results {
		if r.Err != "" {
			t.Errorf("%s", r)
		}
		if r.Unexpected() {
			failed[r.Env+" "+r.Case.Job+" "+strings.Join(r.Case.Chain, ">")+" "+r.Action+" "+r.Case.Resource] = true
		}
	}
	for _, want := range []string{
		"dev deploy gh-deploy cloudformation:GetTemplate {stack-arn}",
		"prod deploy gh-deploy cloudformation:GetTemplate {stack-arn}",
		"dev pr-diff gh-diff sts:AssumeRole {bootstrap-role:lookup}",
		"prod pull-request token sts:AssumeRoleWithWebIdentity {diff-role}",
		"dev pr-diff gh-diff>cdk-lookup s3:GetObject {sample}",
		"dev pr-diff gh-diff>cdk-lookup dynamodb:GetItem {sample}",
		"dev pr-diff gh-diff>cdk-lookup logs:GetLogEvents {sample}",
		"dev pr-diff gh-diff>cdk-lookup ssm:GetParameter {sample}",
		"prod deploy gh-deploy sts:AssumeRole {bootstrap-role:lookup}",
		"prod deploy gh-deploy>cdk-deploy cloudformation:DeleteStack {deploy-stack-arn}",
		"prod deploy gh-deploy>cdk-deploy cloudformation:CreateChangeSet {deploy-stack-arn}",
		"prod deploy gh-deploy>cdk-deploy>cfn-exec iam:UpdateAssumeRolePolicy {deploy-role}",
		"prod deploy gh-deploy>cdk-deploy>cfn-exec ec2:RunInstances {sample}",
		"prod deploy-from-branch token sts:AssumeRoleWithWebIdentity {deploy-role}",
		"prod other-workflow token sts:AssumeRoleWithWebIdentity {deploy-role}",
		"prod recreated-repository token sts:AssumeRoleWithWebIdentity {deploy-role}",
	} {
		if !failed[want] {
			t.Errorf("the old design passes %q; it should fail it", want)
		}
	}
	if t.Failed() {
		var all []string
		for k := range failed {
			all = append(all, k)
		}
		t.Logf("the old design fails:\n%s", strings.Join(all, "\n"))
	}
}

// Every action of the execution policy's table is an IAM action: a typo
// would leave CloudFormation without the permission it names.
func TestExecutionActionsExist(t *testing.T) {
	needNode(t)
	var all []string
	for _, actions := range spec.ExecutionActions {
		all = append(all, actions...)
	}
	unknown, err := UnknownActions(root, all)
	if err != nil {
		t.Fatal(err)
	}
	if len(unknown) > 0 {
		t.Errorf("%s lists actions IAM does not know: %s", spec.ExecutionActionsFile, strings.Join(unknown, ", "))
	}
	if bad, err := UnknownActions(root, []string{"logs:CreateLogGroups"}); err != nil || len(bad) != 1 {
		t.Errorf("a misspelt action is not reported: %v %v", bad, err)
	}
}

// needNode skips a test that starts the evaluator in -short mode (make
// test-short starts no Node.js) or where Node.js is missing.
func needNode(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: the IAM evaluator runs on Node.js")
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("the IAM evaluator runs on Node.js, which is not installed here")
	}
}
