package test

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/internal/appconfig"
)

// deployTemplate is a deploy-role stack's template, with its outputs.
type deployTemplate struct {
	Resources map[string]struct {
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
// region of its environment, each with one provider, one deploy role and
// one diff role, under pinned logical IDs.
func TestDeployRoleStackPerAccount(t *testing.T) {
	plans := deployPlans()
	if want := keys(plans); !slices.Equal(synthesized.deployStacks, want) {
		t.Fatalf("deploy-role stacks %v, want one per account %v", synthesized.deployStacks, want)
	}
	var manifest struct {
		Artifacts map[string]struct {
			Type        string `json:"type"`
			Environment string `json:"environment"`
		} `json:"artifacts"`
	}
	if err := readJSON(filepath.Join(synthesized.dir, "manifest.json"), &manifest); err != nil {
		t.Fatal(err)
	}
	for _, stack := range synthesized.deployStacks {
		p := plans[stack]
		if env := manifest.Artifacts[stack].Environment; env != "aws://"+p.Account+"/"+p.Region {
			t.Errorf("%s is in %s, want aws://%s/%s", stack, env, p.Account, p.Region)
		}
		types := map[string]string{}
		for id, r := range readDeployTemplate(t, stack).Resources {
			if r.Type != "AWS::CDK::Metadata" {
				types[id] = r.Type
			}
		}
		if got := toJSON(types); got != `{"GitHubDeployRole":"AWS::IAM::Role","GitHubDiffRole":"AWS::IAM::Role","GitHubOidcProvider":"AWS::IAM::OIDCProvider"}` {
			t.Errorf("%s resources %s", stack, got)
		}
	}
}

// The deploy role of each account trusts GitHub's provider of that stack,
// for the audience sts.amazonaws.com and the subject of the account's
// GitHub environment only; the diff role, pull requests of the repository.
func TestDeployRoleTrustPolicies(t *testing.T) {
	plans := deployPlans()
	for _, stack := range synthesized.deployStacks {
		role := plans[stack].Role
		if len(role.Environments) != 1 {
			t.Logf("%s: %d GitHub environments; the check below takes one", stack, len(role.Environments))
			continue
		}
		res := readDeployTemplate(t, stack).Resources
		provider := res["GitHubOidcProvider"].Properties
		if provider["Url"] != "https://token.actions.githubusercontent.com" || toJSON(provider["ClientIdList"]) != `["sts.amazonaws.com"]` {
			t.Errorf("%s provider %s", stack, toJSON(provider))
		}
		for role, sub := range map[string]string{
			"GitHubDeployRole": "repo:" + role.Repository + ":environment:" + role.Environments[0],
			"GitHubDiffRole":   "repo:" + role.Repository + ":pull_request",
		} {
			statements := res[role].Properties["AssumeRolePolicyDocument"].(map[string]any)["Statement"].([]any)
			want := fmt.Sprintf(`[{"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":%q}},"Effect":"Allow","Principal":{"Federated":{"Ref":"GitHubOidcProvider"}}}]`, sub)
			if got := toJSON(statements); got != want {
				t.Errorf("%s %s trust policy\n got %s\nwant %s", stack, role, got, want)
			}
		}
	}
}

// The deploy role may only assume the account's CDK bootstrap roles; the
// diff role may only read templates of the app's stacks and assume the
// lookup role. No action anywhere is a wildcard, no policy is managed.
func TestDeployRolePermissions(t *testing.T) {
	want := map[string]string{
		"GitHubDeployRole": `[{"Action":"sts:AssumeRole","Effect":"Allow","Resource":{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":iam::",{"Ref":"AWS::AccountId"},":role/cdk-hnb659fds-*-role-",{"Ref":"AWS::AccountId"},"-*"]]},"Sid":"AssumeCdkBootstrapRoles"}]`,
		"GitHubDiffRole":   `[{"Action":["cloudformation:DescribeStacks","cloudformation:GetTemplate"],"Effect":"Allow","Resource":{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":cloudformation:*:",{"Ref":"AWS::AccountId"},":stack/eventwatch-*/*"]]},"Sid":"ReadDeployedTemplates"},{"Action":"sts:AssumeRole","Effect":"Allow","Resource":{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":iam::",{"Ref":"AWS::AccountId"},":role/cdk-hnb659fds-lookup-role-",{"Ref":"AWS::AccountId"},"-*"]]},"Sid":"AssumeCdkLookupRole"}]`,
	}
	for _, stack := range synthesized.deployStacks {
		for id, r := range readDeployTemplate(t, stack).Resources {
			if r.Type != "AWS::IAM::Role" {
				continue
			}
			if _, ok := r.Properties["ManagedPolicyArns"]; ok {
				t.Errorf("%s %s has managed policies", stack, id)
			}
			var statements []any
			for _, p := range r.Properties["Policies"].([]any) {
				statements = append(statements, p.(map[string]any)["PolicyDocument"].(map[string]any)["Statement"].([]any)...)
			}
			if got := toJSON(statements); got != want[id] {
				t.Errorf("%s %s statements\n got %s\nwant %s", stack, id, got, want[id])
			}
			for _, s := range statements {
				actions := s.(map[string]any)["Action"]
				list, ok := actions.([]any)
				if !ok {
					list = []any{actions}
				}
				for _, a := range list {
					if strings.Contains(a.(string), "*") {
						t.Errorf("%s %s: wildcard action %s", stack, id, a)
					}
				}
			}
		}
	}
}

// The outputs give the role ARNs and say which variables they go into.
func TestDeployRoleStackOutputs(t *testing.T) {
	plans := deployPlans()
	for _, stack := range synthesized.deployStacks {
		env := strings.Join(plans[stack].Role.Environments, ", ")
		out := readDeployTemplate(t, stack).Outputs
		deploy, diff := out["DeployRoleArn"], out["DiffRoleArn"]
		if toJSON(deploy.Value) != `{"Fn::GetAtt":["GitHubDeployRole","Arn"]}` || !strings.Contains(deploy.Description, "AWS_DEPLOY_ROLE_ARN of the GitHub environments "+env+" ") {
			t.Errorf("%s DeployRoleArn output %s: %s", stack, toJSON(deploy.Value), deploy.Description)
		}
		if toJSON(diff.Value) != `{"Fn::GetAtt":["GitHubDiffRole","Arn"]}` || !strings.Contains(diff.Description, "AWS_DIFF_ROLE_ARN_"+strings.ToUpper(plans[stack].Environments[0])+" ") {
			t.Errorf("%s DiffRoleArn output %s: %s", stack, toJSON(diff.Value), diff.Description)
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
