package test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/constructs/spec"
	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/internal/cfn"
	"github.com/eventwatch/eventwatch/test/iam"
)

// deployTemplate is a deploy-role stack's template, with its outputs.
type deployTemplate struct {
	Parameters map[string]any `json:"Parameters"`
	Resources  map[string]struct {
		Type           string         `json:"Type"`
		Properties     map[string]any `json:"Properties"`
		DeletionPolicy string         `json:"DeletionPolicy"`
	} `json:"Resources"`
	Outputs map[string]struct {
		Description string `json:"Description"`
		Value       any    `json:"Value"`
	} `json:"Outputs"`
}

func readDeployTemplate(t *testing.T, stack string) deployTemplate {
	t.Helper()
	var tmpl deployTemplate
	if err := readJSON(filepath.Join(synthesized.dir, stack+".template.json"), &tmpl); err != nil {
		t.Fatal(err)
	}
	return tmpl
}

func toJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// deployPlans are the config's deploy-role stacks by name.
func deployPlans() map[string]appconfig.DeployStackPlan {
	out := map[string]appconfig.DeployStackPlan{}
	for _, p := range synthesized.config.DeployStacks() {
		out[p.StackName] = p
	}
	return out
}

// One deploy-role stack per account of the config, in the account and the
// region of its environment, under pinned logical IDs: the provider, the
// deploy role, the diff role (not in a production account without a
// reviewed pull-request environment), the execution policy and the
// permissions boundary. It needs no bootstrap: deployed with the
// administrator's credentials, it names no bootstrap role and no
// bootstrap version.
func TestDeployRoleStackPerAccount(t *testing.T) {
	plans := deployPlans()
	if want := keys(plans); !slices.Equal(synthesized.deployStacks, want) {
		t.Fatalf("deploy-role stacks %v, want one per account %v", synthesized.deployStacks, want)
	}
	var manifest struct {
		Artifacts map[string]struct {
			Type        string         `json:"type"`
			Environment string         `json:"environment"`
			Properties  map[string]any `json:"properties"`
		} `json:"artifacts"`
	}
	if err := readJSON(filepath.Join(synthesized.dir, "manifest.json"), &manifest); err != nil {
		t.Fatal(err)
	}
	for _, stack := range synthesized.deployStacks {
		p := plans[stack]
		artifact := manifest.Artifacts[stack]
		if env := artifact.Environment; env != "aws://"+p.Account+"/"+p.Region {
			t.Errorf("%s is in %s, want aws://%s/%s", stack, env, p.Account, p.Region)
		}
		for _, key := range []string{"assumeRoleArn", "cloudFormationExecutionRoleArn", "requiresBootstrapStackVersion"} {
			if v, ok := artifact.Properties[key]; ok {
				t.Errorf("%s: %s %v; the stack is deployed without the bootstrap roles", stack, key, v)
			}
		}
		tmpl := readDeployTemplate(t, stack)
		if _, ok := tmpl.Parameters["BootstrapVersion"]; ok {
			t.Errorf("%s has the BootstrapVersion parameter; it needs no bootstrap", stack)
		}
		// Without the bootstrap bucket, the template goes inline.
		if info, err := os.Stat(filepath.Join(synthesized.dir, stack+".template.json")); err != nil {
			t.Error(err)
		} else if info.Size() > cfn.MaxTemplateBytesInline {
			t.Errorf("%s: %d bytes, more than the %d CloudFormation takes inline", stack, info.Size(), cfn.MaxTemplateBytesInline)
		}
		types := map[string]string{}
		for id, r := range tmpl.Resources {
			if r.Type != "AWS::CDK::Metadata" {
				types[id] = r.Type
			}
		}
		want := map[string]string{"GitHubDeployRole": "AWS::IAM::Role", "GitHubOidcProvider": "AWS::IAM::OIDCProvider",
			"GitHubExecutionPolicy": "AWS::IAM::ManagedPolicy", "GitHubPermissionsBoundary": "AWS::IAM::ManagedPolicy"}
		if p.DiffRole {
			want["GitHubDiffRole"] = "AWS::IAM::Role"
		}
		if got := toJSON(types); got != toJSON(want) {
			t.Errorf("%s resources %s, want %s", stack, got, toJSON(want))
		}
	}
}

// A production account has a diff role only with a reviewed
// pull-request environment, and then it trusts jobs in that environment.
func TestDiffRoleOfProductionAccounts(t *testing.T) {
	gh := synthesized.config.Services.GitHub
	production := 0
	for _, p := range synthesized.config.DeployStacks() {
		_, has := readDeployTemplate(t, p.StackName).Resources["GitHubDiffRole"]
		switch {
		case !p.Production && !has:
			t.Errorf("%s: no diff role in an account without production", p.StackName)
		case p.Production && has != (gh.PullRequestEnvironment != ""):
			t.Errorf("%s: diff role %v in a production account, with pullRequestEnvironment %q", p.StackName, has, gh.PullRequestEnvironment)
		case p.Production && has:
			trust := toJSON(readDeployTemplate(t, p.StackName).Resources["GitHubDiffRole"].Properties["AssumeRolePolicyDocument"])
			if !strings.Contains(trust, ":"+spec.GitHubEnvironmentContext(gh.PullRequestEnvironment)+":") {
				t.Errorf("%s: the diff role does not require the environment %s: %s", p.StackName, gh.PullRequestEnvironment, trust)
			}
		}
		if p.Production {
			production++
		}
	}
	if production == 0 {
		t.Log("no production account in the config: the rule is not exercised")
	}
}

// Every action the roles and policies name is written out (no wildcard),
// but the boundary's Allow *, and no role has a managed policy.
func TestDeployRolePolicyActionsAreNamed(t *testing.T) {
	for _, stack := range synthesized.deployStacks {
		for id, r := range readDeployTemplate(t, stack).Resources {
			var docs []any
			switch r.Type {
			case "AWS::IAM::Role":
				if _, ok := r.Properties["ManagedPolicyArns"]; ok {
					t.Errorf("%s %s has managed policies", stack, id)
				}
				for _, p := range r.Properties["Policies"].([]any) {
					docs = append(docs, p.(map[string]any)["PolicyDocument"])
				}
			case "AWS::IAM::ManagedPolicy":
				docs = append(docs, r.Properties["PolicyDocument"])
			}
			for _, d := range docs {
				for _, s := range d.(map[string]any)["Statement"].([]any) {
					st := s.(map[string]any)
					if st["Sid"] == "AllowWhatTheRolesPoliciesGrant" {
						continue
					}
					actions, ok := st["Action"].([]any)
					if !ok {
						actions = []any{st["Action"]}
					}
					for _, a := range actions {
						if strings.Contains(a.(string), "*") {
							t.Errorf("%s %s %v: wildcard action %s", stack, id, st["Sid"], a)
						}
					}
				}
			}
		}
	}
}

// The outputs give the role ARNs and the bootstrap's policies, and say
// where they go.
func TestDeployRoleStackOutputs(t *testing.T) {
	plans := deployPlans()
	for _, stack := range synthesized.deployStacks {
		env := strings.Join(plans[stack].Role.Environments, ", ")
		out := readDeployTemplate(t, stack).Outputs
		deploy, diff := out["DeployRoleArn"], out["DiffRoleArn"]
		if toJSON(deploy.Value) != `{"Fn::GetAtt":["GitHubDeployRole","Arn"]}` || !strings.Contains(deploy.Description, "AWS_DEPLOY_ROLE_ARN of the GitHub environments "+env+" ") {
			t.Errorf("%s DeployRoleArn output %s: %s", stack, toJSON(deploy.Value), deploy.Description)
		}
		if plans[stack].DiffRole && (toJSON(diff.Value) != `{"Fn::GetAtt":["GitHubDiffRole","Arn"]}` || !strings.Contains(diff.Description, "AWS_DIFF_ROLE_ARN_"+strings.ToUpper(plans[stack].Environments[0])+" ")) {
			t.Errorf("%s DiffRoleArn output %s: %s", stack, toJSON(diff.Value), diff.Description)
		}
		if p := out["ExecutionPolicyArn"]; toJSON(p.Value) != `{"Ref":"GitHubExecutionPolicy"}` || !strings.Contains(p.Description, "--cloudformation-execution-policies") {
			t.Errorf("%s ExecutionPolicyArn output %s: %s", stack, toJSON(p.Value), p.Description)
		}
		if b := out["PermissionsBoundaryName"]; !strings.Contains(b.Description, "--custom-permissions-boundary") {
			t.Errorf("%s PermissionsBoundaryName output %s: %s", stack, toJSON(b.Value), b.Description)
		}
	}
}

// cdk-nag's AwsSolutionsChecks pass the deploy-role stacks with no
// unsuppressed finding, and each suppression carries its reason.
func TestDeployRoleStacksPassAwsSolutionsChecks(t *testing.T) {
	suppressed := 0
	for _, stack := range synthesized.deployStacks {
		for path, entries := range synthesized.metadata[stack] {
			for _, e := range entries {
				msg := fmt.Sprint(e.Data)
				switch {
				case (e.Type == "aws:cdk:error" || e.Type == "aws:cdk:warning") && strings.Contains(msg, "AwsSolutions-"):
					t.Errorf("%s %s: %s", stack, path, firstLine(msg))
				case e.Type == "aws:cdk:info" && strings.Contains(msg, "was triggered but suppressed"):
					suppressed++
					if !strings.Contains(msg, "Provided reason:") {
						t.Errorf("%s %s: suppression without a reason: %s", stack, path, msg)
					}
				}
			}
		}
	}
	if suppressed == 0 {
		t.Error("no suppressed finding on the deploy-role stacks: did cdk-nag run on them?")
	}
}

// Permissions proven: every AWS call of the delivery path, with the
// identity of the step that makes it, is evaluated by an IAM policy
// evaluator (package iam, @cloud-copilot/iam-simulate) against the
// synthesized deploy-role stacks and the pinned CLI's bootstrap template,
// bootstrapped as README says: each call of test/iam/testdata/calls.txt
// gets the decision it names, in every environment it applies to.
func TestDeliveryPermissions(t *testing.T) {
	templates := templateFiles(t)
	design, err := iam.FromConfig(synthesized.config, templates)
	if err != nil {
		t.Fatal(err)
	}
	cases, err := iam.LoadCases(filepath.Join("..", iam.CallsFile))
	if err != nil {
		t.Fatal(err)
	}
	results, err := iam.Run("..", design, cases)
	if err != nil {
		t.Fatal(err)
	}
	allowed, denied := 0, 0
	for _, r := range results {
		if r.Unexpected() {
			t.Errorf("%s; want %s", r, map[bool]string{true: "allowed", false: "denied"}[r.Case.Allow])
		}
		if r.Allowed {
			allowed++
		} else {
			denied++
		}
	}
	t.Logf("%d calls evaluated in %d environments: %d allowed, %d denied", len(results), len(design.Environments), allowed, denied)
}
