package constructs_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs"
)

// roleProps is a valid GitHubDeployRole's props: one repository, one environment.
func roleProps() *constructs.GitHubDeployRoleProps {
	return &constructs.GitHubDeployRoleProps{Repository: jsii.String("example-org/eventwatch"), Environments: jsii.Strings("prod")}
}

// roles are the stack's IAM roles by the construct ID in their logical ID:
// "DeployRole" and "DiffRole".
func roles(t *testing.T, stack awscdk.Stack) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	for id, r := range resources(t, stack, "AWS::IAM::Role") {
		for _, kind := range []string{"DeployRole", "DiffRole"} {
			if strings.Contains(id, kind) {
				out[kind] = r
			}
		}
	}
	return out
}

// trust is the role's only trust statement.
func trust(t *testing.T, role map[string]any) map[string]any {
	t.Helper()
	statements := props(role)["AssumeRolePolicyDocument"].(map[string]any)["Statement"].([]any)
	if len(statements) != 1 {
		t.Fatalf("%d trust statements, want 1: %s", len(statements), jsonOf(statements))
	}
	return statements[0].(map[string]any)
}

// inlineStatements are the statements of the role's inline policies.
func inlineStatements(role map[string]any) []map[string]any {
	var out []map[string]any
	policies, _ := props(role)["Policies"].([]any)
	for _, p := range policies {
		for _, s := range p.(map[string]any)["PolicyDocument"].(map[string]any)["Statement"].([]any) {
			out = append(out, s.(map[string]any))
		}
	}
	return out
}

// Given a repository and an environment, when nothing else is set, then the
// construct creates GitHub's OIDC provider for the audience sts.amazonaws.com,
// retained with the stack.
func TestGitHubDeployRoleCreatesTheProviderByDefault(t *testing.T) {
	stack := newStack()
	constructs.NewGitHubDeployRole(stack, "GitHub", roleProps())
	provider := one(t, stack, "AWS::IAM::OIDCProvider")
	if p := props(provider); p["Url"] != "https://token.actions.githubusercontent.com" || jsonOf(p["ClientIdList"]) != `["sts.amazonaws.com"]` {
		t.Errorf("provider %s", jsonOf(p))
	}
	if provider["DeletionPolicy"] != "Retain" {
		t.Errorf("provider DeletionPolicy %v, want Retain by default", provider["DeletionPolicy"])
	}
	statement := trust(t, roles(t, stack)["DeployRole"])
	if got := jsonOf(statement["Principal"]); !strings.Contains(got, `{"Federated":{"Ref":"GitHubOidcProvider`) {
		t.Errorf("deploy role principal %s, want the new provider", got)
	}
}

// Given a repository and its environment, then the deploy role trusts only
// that environment's jobs (sub) with the audience sts.amazonaws.com (aud),
// through web identity, and may do nothing but assume the account's CDK
// bootstrap roles of the default qualifier.
func TestGitHubDeployRoleTrustsOneEnvironmentAndAssumesOnlyBootstrapRoles(t *testing.T) {
	stack := newStack()
	constructs.NewGitHubDeployRole(stack, "GitHub", roleProps())
	deploy := roles(t, stack)["DeployRole"]
	statement := trust(t, deploy)
	want := `{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:example-org/eventwatch:environment:prod"}}`
	if got := jsonOf(statement["Condition"]); got != want {
		t.Errorf("trust condition %s, want %s", got, want)
	}
	if statement["Action"] != "sts:AssumeRoleWithWebIdentity" || statement["Effect"] != "Allow" {
		t.Errorf("trust statement %s", jsonOf(statement))
	}
	statements := inlineStatements(deploy)
	if len(statements) != 1 {
		t.Fatalf("deploy role statements %s, want one", jsonOf(statements))
	}
	s := statements[0]
	resource := jsonOf(s["Resource"])
	if s["Action"] != "sts:AssumeRole" || s["Effect"] != "Allow" || !strings.Contains(resource, `":role/cdk-hnb659fds-*-role-"`) {
		t.Errorf("deploy role statement %s, want sts:AssumeRole on cdk-hnb659fds-*-role-<account>-*", jsonOf(s))
	}
	if _, ok := props(deploy)["ManagedPolicyArns"]; ok {
		t.Errorf("deploy role has managed policies: %v", props(deploy)["ManagedPolicyArns"])
	}
	if n := len(resources(t, stack, "AWS::IAM::Policy")); n != 0 {
		t.Errorf("%d AWS::IAM::Policy resources, want the inline policies only", n)
	}
}

// Given several environments, then each one's subject is listed under
// StringEquals (any one of them), and no other.
func TestGitHubDeployRoleTrustsEachNamedEnvironment(t *testing.T) {
	stack := newStack()
	p := roleProps()
	p.Environments = jsii.Strings("dev", "staging")
	constructs.NewGitHubDeployRole(stack, "GitHub", p)
	cond := jsonOf(trust(t, roles(t, stack)["DeployRole"])["Condition"])
	if !strings.Contains(cond, `:sub":["repo:example-org/eventwatch:environment:dev","repo:example-org/eventwatch:environment:staging"]`) {
		t.Errorf("trust condition %s", cond)
	}
}

// Given no DiffRole prop, then the diff role is there: it trusts pull
// requests of the repository only, and may read templates of every stack
// and assume the lookup role, nothing else.
func TestGitHubDeployRoleDiffRoleByDefault(t *testing.T) {
	stack := newStack()
	g := constructs.NewGitHubDeployRole(stack, "GitHub", roleProps())
	if g.DiffRole() == nil {
		t.Fatal("no diff role by default")
	}
	diff := roles(t, stack)["DiffRole"]
	cond := jsonOf(trust(t, diff)["Condition"])
	if !strings.Contains(cond, `:sub":"repo:example-org/eventwatch:pull_request"`) || !strings.Contains(cond, `:aud":"sts.amazonaws.com"`) {
		t.Errorf("diff role trust condition %s", cond)
	}
	var actions []string
	for _, s := range inlineStatements(diff) {
		actions = append(actions, jsonOf(s["Action"]))
		if r := jsonOf(s["Resource"]); s["Sid"] == "ReadDeployedTemplates" && !strings.Contains(r, `":stack/*/*"`) {
			t.Errorf("templates readable on %s, want every stack (the default pattern *)", r)
		} else if s["Sid"] == "AssumeCdkLookupRole" && !strings.Contains(r, `":role/cdk-hnb659fds-lookup-role-"`) {
			t.Errorf("diff role assumes %s, want the lookup role only", r)
		}
	}
	if got := strings.Join(actions, " "); got != `["cloudformation:DescribeStacks","cloudformation:GetTemplate"] "sts:AssumeRole"` {
		t.Errorf("diff role actions %s", got)
	}
}

// Given DiffRole false, then only the deploy role is made.
func TestGitHubDeployRoleWithoutDiffRole(t *testing.T) {
	stack := newStack()
	p := roleProps()
	p.DiffRole = jsii.Bool(false)
	g := constructs.NewGitHubDeployRole(stack, "GitHub", p)
	if g.DiffRole() != nil || len(resources(t, stack, "AWS::IAM::Role")) != 1 {
		t.Errorf("a diff role was made with DiffRole false")
	}
}

// Given the ARN of an existing provider, then no provider is created and
// both roles trust the one named.
func TestGitHubDeployRoleTrustsAnExistingProvider(t *testing.T) {
	stack := newStack()
	p := roleProps()
	arn := "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
	p.OidcProviderArn = jsii.String(arn)
	g := constructs.NewGitHubDeployRole(stack, "GitHub", p)
	if n := len(resources(t, stack, "AWS::IAM::OIDCProvider")); n != 0 || g.OidcProvider() != nil {
		t.Errorf("%d providers created next to an existing one", n)
	}
	for kind, role := range roles(t, stack) {
		if got := jsonOf(trust(t, role)["Principal"]); got != `{"Federated":"`+arn+`"}` {
			t.Errorf("%s principal %s, want %s", kind, got, arn)
		}
	}
	if *g.OidcProviderArn() != arn {
		t.Errorf("OidcProviderArn %s", *g.OidcProviderArn())
	}
}

// Given a qualifier, a stack pattern and a removal policy, then the
// bootstrap role ARNs, the readable stacks and the provider follow them.
func TestGitHubDeployRoleQualifierPatternAndRemoval(t *testing.T) {
	stack := newStack()
	p := roleProps()
	p.BootstrapQualifier, p.DiffStackPattern, p.RemovalPolicy = jsii.String("team1"), jsii.String("eventwatch-*"), awscdk.RemovalPolicy_DESTROY
	constructs.NewGitHubDeployRole(stack, "GitHub", p)
	rs := roles(t, stack)
	if got := jsonOf(inlineStatements(rs["DeployRole"])[0]["Resource"]); !strings.Contains(got, ":role/cdk-team1-*-role-") {
		t.Errorf("deploy role resource %s, want the team1 bootstrap roles", got)
	}
	all := jsonOf(inlineStatements(rs["DiffRole"]))
	if !strings.Contains(all, ":role/cdk-team1-lookup-role-") || !strings.Contains(all, ":stack/eventwatch-*/*") {
		t.Errorf("diff role statements %s", all)
	}
	if d := one(t, stack, "AWS::IAM::OIDCProvider")["DeletionPolicy"]; d != "Delete" {
		t.Errorf("provider DeletionPolicy %v with RemovalPolicy_DESTROY", d)
	}
}

// Every wildcard is a reviewed one: the roles carry cdk-nag's IAM5
// suppression with its reason.
func TestGitHubDeployRoleWildcardsAreReasoned(t *testing.T) {
	stack := newStack()
	constructs.NewGitHubDeployRole(stack, "GitHub", roleProps())
	for kind, role := range roles(t, stack) {
		if md := jsonOf(role["Metadata"]); !strings.Contains(md, `"id":"AwsSolutions-IAM5","reason":"The `) || !strings.Contains(md, `"applies_to":["Resource::arn:`) {
			t.Errorf("%s: no reasoned IAM5 suppression: %s", kind, md)
		}
	}
}

// Invalid props panic with the construct path and the rule, with the value.
func TestGitHubDeployRoleInvalidPropsPanic(t *testing.T) {
	for _, c := range []struct {
		props *constructs.GitHubDeployRoleProps
		want  string
	}{
		{&constructs.GitHubDeployRoleProps{Repository: jsii.String("example--org/x"), Environments: jsii.Strings("prod")}, `eventwatch: Example/GitHub: repository: "example--org/x": the owner "example--org" is not`},
		{&constructs.GitHubDeployRoleProps{Repository: jsii.String("o/r"), Environments: jsii.Strings("prod:eu")}, `eventwatch: Example/GitHub: environments[0]: "prod:eu" contains ':'`},
		{&constructs.GitHubDeployRoleProps{Repository: jsii.String("o/r")}, "eventwatch: Example/GitHub: environments: is empty"},
		{&constructs.GitHubDeployRoleProps{Repository: jsii.String("o/r"), Environments: jsii.Strings("prod"), OidcProviderArn: jsii.String("")}, "oidcProviderArn: is empty"},
	} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(r.(string), c.want) {
					t.Errorf("panic %v, want %q", r, c.want)
				}
			}()
			constructs.NewGitHubDeployRole(newStack(), "GitHub", c.props)
		}()
	}
}
