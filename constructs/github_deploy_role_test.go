package constructs_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs"
	"github.com/eventwatch/eventwatch/constructs/spec"
)

// roleProps is a valid GitHubDeployRole's props: one repository, one environment.
func roleProps() *constructs.GitHubDeployRoleProps {
	return &constructs.GitHubDeployRoleProps{Repository: jsii.String("example-org/eventwatch"), Environments: jsii.Strings("prod")}
}

// boundProps are roleProps bound by the repository's IDs, with the stacks
// eventwatch-prod and eventwatch-prod-payments in eu-west-1 and
// eventwatch-prod-us in us-east-1.
func boundProps() *constructs.GitHubDeployRoleProps {
	p := roleProps()
	p.RepositoryId, p.RepositoryOwnerId = jsii.String("812345678"), jsii.String("91234567")
	p.Stacks = []constructs.StackRef{{Name: "eventwatch-prod", Region: "eu-west-1"}, {Name: "eventwatch-prod-payments", Region: "eu-west-1"}, {Name: "eventwatch-prod-us", Region: "us-east-1"}}
	return p
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

// statement is the statement with the Sid, or fails the test.
func statement(t *testing.T, statements []map[string]any, sid string) map[string]any {
	t.Helper()
	for _, s := range statements {
		if s["Sid"] == sid {
			return s
		}
	}
	t.Fatalf("no statement %s in %s", sid, jsonOf(statements))
	return nil
}

// Given a repository and an environment, when nothing else is set, then the
// construct creates GitHub's OIDC provider for the audience sts.amazonaws.com,
// retained with the stack, and no bootstrap policies.
func TestGitHubDeployRoleCreatesTheProviderByDefault(t *testing.T) {
	stack := newStack()
	g := constructs.NewGitHubDeployRole(stack, "GitHub", roleProps())
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
	if n := len(resources(t, stack, "AWS::IAM::ManagedPolicy")); n != 0 || g.ExecutionPolicy() != nil || g.PermissionsBoundary() != nil {
		t.Errorf("%d managed policies without Execution", n)
	}
}

// Given no IDs, then the roles trust GitHub's default subject (names only),
// the deploy role may assume the bootstrap deploy and file-publishing roles
// of any region, no other, and both roles read the templates of the stacks
// the pattern names.
func TestGitHubDeployRoleWithoutIDsTrustsTheDefaultSubject(t *testing.T) {
	stack := newStack()
	constructs.NewGitHubDeployRole(stack, "GitHub", roleProps())
	rs := roles(t, stack)
	want := `{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:example-org/eventwatch:environment:prod"}}`
	if got := jsonOf(trust(t, rs["DeployRole"])["Condition"]); got != want {
		t.Errorf("trust condition %s, want %s", got, want)
	}
	if got := jsonOf(trust(t, rs["DiffRole"])["Condition"]); !strings.Contains(got, `:sub":"repo:example-org/eventwatch:pull_request"`) {
		t.Errorf("diff role trust condition %s", got)
	}
	assume := jsonOf(statement(t, inlineStatements(rs["DeployRole"]), "AssumeCdkDeployRoles")["Resource"])
	if !strings.Contains(assume, ":role/cdk-hnb659fds-deploy-role-") || !strings.Contains(assume, ":role/cdk-hnb659fds-file-publishing-role-") || strings.Contains(assume, "lookup") {
		t.Errorf("deploy role assumes %s, want the deploy and file-publishing roles only", assume)
	}
	for kind, role := range rs {
		if got := jsonOf(statement(t, inlineStatements(role), "ReadDeployedTemplates")); !strings.Contains(got, `["cloudformation:DescribeStacks","cloudformation:GetTemplate"]`) || !strings.Contains(got, ":cloudformation:*:") || !strings.Contains(got, ":stack/*/*") {
			t.Errorf("%s reads %s, want the templates of every stack (pattern *)", kind, got)
		}
	}
	if got := len(inlineStatements(rs["DiffRole"])); got != 1 {
		t.Errorf("diff role has %d statements, want the template reads only", got)
	}
}

// Given the IDs, then the deploy role trusts the custom subject of the
// deploy workflow's jobs on main in each environment, and the IDs and the
// workflow as claims of their own; the diff role trusts the pull-request
// workflow's jobs of any pull request (StringLike).
func TestGitHubDeployRoleWithIDsTrustsTheCustomSubject(t *testing.T) {
	stack := newStack()
	p := boundProps()
	p.Environments = jsii.Strings("prod", "prod-us")
	constructs.NewGitHubDeployRole(stack, "GitHub", p)
	rs := roles(t, stack)
	deploy := jsonOf(trust(t, rs["DeployRole"])["Condition"])
	for _, want := range []string{
		`:sub":["repository_owner_id:91234567:repository_id:812345678:environment:prod:job_workflow_ref:example-org/eventwatch/.github/workflows/deploy.yml@refs/heads/main","repository_owner_id:91234567:repository_id:812345678:environment:prod-us:job_workflow_ref:example-org/eventwatch/.github/workflows/deploy.yml@refs/heads/main"]`,
		`:repository_id":"812345678"`, `:repository_owner_id":"91234567"`,
		`:job_workflow_ref":"example-org/eventwatch/.github/workflows/deploy.yml@refs/heads/main"`,
	} {
		if !strings.Contains(deploy, want) || !strings.HasPrefix(deploy, `{"StringEquals":`) {
			t.Errorf("deploy role trust %s lacks %s under StringEquals", deploy, want)
		}
	}
	diff := jsonOf(trust(t, rs["DiffRole"])["Condition"])
	if want := `"StringLike":{"token.actions.githubusercontent.com:job_workflow_ref":"example-org/eventwatch/.github/workflows/pull-request.yml@refs/pull/*/merge","token.actions.githubusercontent.com:repository_id":"812345678","token.actions.githubusercontent.com:repository_owner_id":"91234567","token.actions.githubusercontent.com:sub":"repository_owner_id:91234567:repository_id:812345678:pull_request:job_workflow_ref:example-org/eventwatch/.github/workflows/pull-request.yml@refs/pull/*/merge"}`; !strings.Contains(diff, want) {
		t.Errorf("diff role trust %s\nwant %s", diff, want)
	}
}

// Given a pull-request environment, then the diff role trusts the
// pull-request jobs that run in it only.
func TestGitHubDiffRoleTrustsThePullRequestEnvironment(t *testing.T) {
	stack := newStack()
	p := boundProps()
	p.PullRequestEnvironment = jsii.String("pull-request-prod")
	constructs.NewGitHubDeployRole(stack, "GitHub", p)
	if got := jsonOf(trust(t, roles(t, stack)["DiffRole"])["Condition"]); !strings.Contains(got, ":repository_id:812345678:environment:pull-request-prod:job_workflow_ref:") {
		t.Errorf("diff role trust %s", got)
	}
}

// Given stacks, then the deploy role assumes the bootstrap roles of their
// regions by name, and both roles read those stacks only, each in its region.
func TestGitHubDeployRoleStacksNameRegionsAndTemplates(t *testing.T) {
	stack := newStack()
	constructs.NewGitHubDeployRole(stack, "GitHub", boundProps())
	rs := roles(t, stack)
	assume := jsonOf(statement(t, inlineStatements(rs["DeployRole"]), "AssumeCdkDeployRoles")["Resource"])
	for _, want := range []string{"deploy-role-\",{\"Ref\":\"AWS::AccountId\"},\"-eu-west-1", "file-publishing-role-\",{\"Ref\":\"AWS::AccountId\"},\"-us-east-1"} {
		if !strings.Contains(assume, want) {
			t.Errorf("deploy role assumes %s, want %s", assume, want)
		}
	}
	if strings.Contains(assume, `-*"`) {
		t.Errorf("deploy role assumes roles of any region: %s", assume)
	}
	for kind, role := range rs {
		got := jsonOf(statement(t, inlineStatements(role), "ReadDeployedTemplates")["Resource"])
		for _, want := range []string{":cloudformation:eu-west-1:\",{\"Ref\":\"AWS::AccountId\"},\":stack/eventwatch-prod/*", ":cloudformation:us-east-1:\",{\"Ref\":\"AWS::AccountId\"},\":stack/eventwatch-prod-us/*"} {
			if !strings.Contains(got, want) {
				t.Errorf("%s reads %s, want %s", kind, got, want)
			}
		}
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
	if got := jsonOf(inlineStatements(rs["DeployRole"])); !strings.Contains(got, ":role/cdk-team1-deploy-role-") {
		t.Errorf("deploy role statements %s, want the team1 bootstrap roles", got)
	}
	if all := jsonOf(inlineStatements(rs["DiffRole"])); !strings.Contains(all, ":stack/eventwatch-*/*") {
		t.Errorf("diff role statements %s", all)
	}
	if d := one(t, stack, "AWS::IAM::OIDCProvider")["DeletionPolicy"]; d != "Delete" {
		t.Errorf("provider DeletionPolicy %v with RemovalPolicy_DESTROY", d)
	}
}

// executionProps are the execution props of a stack of log groups and
// metric filters, and of roles, with a secret resolved at deploy.
func executionProps() *constructs.GitHubExecutionProps {
	return &constructs.GitHubExecutionProps{
		ResourceTypes:     []string{"AWS::IAM::Role", "AWS::Logs::LogGroup", "AWS::Logs::MetricFilter"},
		RolePrefix:        jsii.String("eventwatch-"),
		DynamicReferences: []spec.DynamicReference{{Service: "secretsmanager", Name: "eventwatch/prod/pagerduty"}},
	}
}

// Given Execution, then the execution policy grants exactly the table's
// actions for the types, in the stacks' regions, IAM on the app's roles and
// policies, and the referenced secret; the boundary allows what the roles
// grant but denies changes to the deploy-role stack, the bootstrap stack,
// the roles, the provider and the two policies.
func TestGitHubDeployRoleExecutionPolicyAndBoundary(t *testing.T) {
	stack := newStack()
	p := boundProps()
	p.Execution = executionProps()
	constructs.NewGitHubDeployRole(stack, "GitHub", p)
	policies := resources(t, stack, "AWS::IAM::ManagedPolicy")
	byName := map[string][]map[string]any{}
	for _, r := range policies {
		var list []map[string]any
		for _, s := range props(r)["PolicyDocument"].(map[string]any)["Statement"].([]any) {
			list = append(list, s.(map[string]any))
		}
		byName[props(r)["ManagedPolicyName"].(string)] = list
	}
	exec, boundary := byName["cdk-hnb659fds-deploy-execution"], byName["cdk-hnb659fds-deploy-boundary"]
	if exec == nil || boundary == nil {
		t.Fatalf("managed policies %v, want cdk-hnb659fds-deploy-execution and cdk-hnb659fds-deploy-boundary", jsonOf(byName))
	}
	deploy := statement(t, exec, "DeployTheStacksResources")
	if got := jsonOf(deploy["Action"]); !strings.Contains(got, `"logs:CreateLogGroup"`) || !strings.Contains(got, `"logs:PutMetricFilter"`) || strings.Contains(got, "sns:") || strings.Contains(got, "iam:") {
		t.Errorf("deploy actions %s", got)
	}
	if got := jsonOf(deploy["Condition"]); got != `{"StringEquals":{"aws:RequestedRegion":["eu-west-1","us-east-1"]}}` {
		t.Errorf("deploy condition %s", got)
	}
	if got := jsonOf(statement(t, exec, "ManageTheAppsRolesAndPolicies")["Resource"]); !strings.Contains(got, `":role/eventwatch-*"`) || !strings.Contains(got, `":policy/eventwatch-*"`) {
		t.Errorf("IAM resources %s", got)
	}
	if got := jsonOf(statement(t, exec, "ResolveTheTemplatesDynamicReferences")); !strings.Contains(got, "secretsmanager:GetSecretValue") || !strings.Contains(got, ":secretsmanager:us-east-1:\",{\"Ref\":\"AWS::AccountId\"},\":secret:eventwatch/prod/pagerduty-??????") {
		t.Errorf("dynamic references %s", got)
	}
	if got := statement(t, boundary, "AllowWhatTheRolesPoliciesGrant"); got["Action"] != "*" || got["Effect"] != "Allow" {
		t.Errorf("boundary allow %s", jsonOf(got))
	}
	stacks := jsonOf(statement(t, boundary, "ProtectTheDeployRoleStackAndTheBootstrap"))
	for _, want := range []string{`"Effect":"Deny"`, "cloudformation:DeleteStack", "cloudformation:UpdateTerminationProtection", ":stack/Example/*", ":stack/CDKToolkit/*"} {
		if !strings.Contains(stacks, want) {
			t.Errorf("boundary stack statement %s lacks %s", stacks, want)
		}
	}
	protected := jsonOf(statement(t, boundary, "ProtectTheDeployRolesAndPolicies"))
	for _, want := range []string{`"Effect":"Deny"`, "iam:UpdateAssumeRolePolicy", "iam:CreatePolicyVersion", "iam:DeleteOpenIDConnectProvider",
		`"Fn::GetAtt":["GitHubDeployRole`, `"Fn::GetAtt":["GitHubDiffRole`, ":policy/cdk-hnb659fds-deploy-execution", ":policy/cdk-hnb659fds-deploy-boundary", ":role/cdk-hnb659fds-*-role-"} {
		if !strings.Contains(protected, want) {
			t.Errorf("boundary IAM statement %s lacks %s", protected, want)
		}
	}
	if strings.Contains(protected, "iam:PassRole") {
		t.Errorf("the boundary denies iam:PassRole, which the bootstrap deploy role needs: %s", protected)
	}
}

// Every wildcard is a reviewed one: the roles and policies carry cdk-nag's
// IAM5 suppression with its reason and the resources it applies to.
func TestGitHubDeployRoleWildcardsAreReasoned(t *testing.T) {
	stack := newStack()
	p := boundProps()
	p.Execution = executionProps()
	constructs.NewGitHubDeployRole(stack, "GitHub", p)
	all := resources(t, stack, "AWS::IAM::ManagedPolicy")
	for id, r := range resources(t, stack, "AWS::IAM::Role") {
		all[id] = r
	}
	for id, r := range all {
		if md := jsonOf(r["Metadata"]); !strings.Contains(md, `"id":"AwsSolutions-IAM5","reason":"`) || !strings.Contains(md, `"applies_to":["`) {
			t.Errorf("%s: no reasoned IAM5 suppression: %s", id, md)
		}
	}
}

// Invalid props panic with the construct path and the rule, with the value.
func TestGitHubDeployRoleInvalidPropsPanic(t *testing.T) {
	bound := func(f func(*constructs.GitHubDeployRoleProps)) *constructs.GitHubDeployRoleProps {
		p := boundProps()
		f(p)
		return p
	}
	for _, c := range []struct {
		props *constructs.GitHubDeployRoleProps
		want  string
	}{
		{&constructs.GitHubDeployRoleProps{Repository: jsii.String("example--org/x"), Environments: jsii.Strings("prod")}, `eventwatch: Example/GitHub: repository: "example--org/x": the owner "example--org" is not`},
		{&constructs.GitHubDeployRoleProps{Repository: jsii.String("o/r"), Environments: jsii.Strings("prod:eu")}, `eventwatch: Example/GitHub: environments[0]: "prod:eu" contains ':'`},
		{&constructs.GitHubDeployRoleProps{Repository: jsii.String("o/r")}, "eventwatch: Example/GitHub: environments: is empty"},
		{&constructs.GitHubDeployRoleProps{Repository: jsii.String("o/r"), Environments: jsii.Strings("prod"), OidcProviderArn: jsii.String("")}, "oidcProviderArn: is empty"},
		{bound(func(p *constructs.GitHubDeployRoleProps) { p.RepositoryOwnerId = nil }), "repositoryId: and repositoryOwnerId go together"},
		{bound(func(p *constructs.GitHubDeployRoleProps) { p.RepositoryId = jsii.String("r1") }), `repositoryId: "r1" is not a GitHub ID`},
		{bound(func(p *constructs.GitHubDeployRoleProps) { p.DeployWorkflow = jsii.String("deploy.yml") }), `deployWorkflow: "deploy.yml" is not a workflow file`},
		{bound(func(p *constructs.GitHubDeployRoleProps) { p.DeployRef = jsii.String("main") }), `deployRef: "main" is not a branch or tag ref`},
		{bound(func(p *constructs.GitHubDeployRoleProps) { p.Stacks[1].Region = "eu-wset-1" }), `stacks[1].region: "eu-wset-1" is not an AWS region`},
		{bound(func(p *constructs.GitHubDeployRoleProps) {
			p.Execution = executionProps()
			p.Execution.ResourceTypes = append(p.Execution.ResourceTypes, "AWS::EC2::Instance")
		}), "knows no actions for the resource types AWS::EC2::Instance; add the actions CloudFormation needs for each (its resource schema's handler permissions) to ExecutionActions in constructs/spec/execution_actions.go"},
		{bound(func(p *constructs.GitHubDeployRoleProps) {
			p.Execution = &constructs.GitHubExecutionProps{ResourceTypes: []string{"AWS::IAM::Role"}}
		}), "execution.rolePrefix: is empty"},
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
