package constructs

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs/spec"
)

// StackRef is a stack by name and region.
type StackRef = spec.StackRef

// GitHubDeployRoleProps configures a GitHubDeployRole.
type GitHubDeployRoleProps struct {
	// Repository is the GitHub repository whose workflows deploy, as
	// "owner/name", spelled as GitHub spells it: IAM compares the OIDC
	// subject case-sensitively. Required.
	Repository *string
	// Environments are the GitHub environments whose deploy jobs may
	// assume the deploy role. Required, at least one.
	Environments *[]*string
	// RepositoryId and RepositoryOwnerId are the numeric IDs of the
	// repository and its owner. With both, the roles trust the repository's
	// custom OIDC subject (spec.GitHubSubjectClaimKeys): the IDs, the job's
	// environment and the workflow file at its ref.
	// Default: none, GitHub's default subject, which binds names only.
	RepositoryId, RepositoryOwnerId *string
	// DeployWorkflow is the workflow file whose jobs deploy (custom
	// subject only). Default: ".github/workflows/deploy.yml".
	DeployWorkflow *string
	// DeployRef is the ref deploy jobs run from (custom subject only).
	// Default: "refs/heads/main".
	DeployRef *string
	// PullRequestWorkflow is the workflow file whose pull-request jobs may
	// assume the diff role (custom subject only).
	// Default: ".github/workflows/pull-request.yml".
	PullRequestWorkflow *string
	// PullRequestEnvironment is the GitHub environment, with required
	// reviewers, that pull-request jobs run in to assume the diff role.
	// Default: none, pull-request jobs in no environment.
	PullRequestEnvironment *string
	// Stacks are the stacks the roles deploy and read, each in its region.
	// Default: none, the bootstrap roles of every region and the stacks
	// DiffStackPattern names in every region.
	Stacks []StackRef
	// OidcProviderArn is GitHub's OIDC provider that already exists in the
	// account (an account holds one provider per URL).
	// Default: a new provider for token.actions.githubusercontent.com with
	// the audience sts.amazonaws.com.
	OidcProviderArn *string
	// RemovalPolicy applies to the provider the construct creates, which
	// other roles of the account may come to trust.
	// Default: awscdk.RemovalPolicy_RETAIN.
	RemovalPolicy awscdk.RemovalPolicy
	// BootstrapQualifier is the qualifier of `cdk bootstrap --qualifier`,
	// which names the bootstrap roles cdk-<qualifier>-*-role-<account>-<region>.
	// Default: "hnb659fds" (spec.DefaultBootstrapQualifier), the CDK's.
	BootstrapQualifier *string
	// DiffRole adds the read-only role for pull-request diffs: it may read
	// the templates of the stacks and nothing else.
	// Default: true.
	DiffRole *bool
	// DiffStackPattern names the stacks whose templates the roles may
	// read when Stacks is empty, with '*' wildcards, such as "eventwatch-*".
	// Default: "*" (spec.DefaultDiffStackPattern), every stack of the account.
	DiffStackPattern *string
	// Execution adds the customer-managed execution policy and permissions
	// boundary that `cdk bootstrap` gives the bootstrap roles
	// (github_execution_policy.go). Default: none.
	Execution *GitHubExecutionProps
}

func (p *GitHubDeployRoleProps) spec() spec.GitHubDeployRoleProps {
	return spec.GitHubDeployRoleProps{
		Repository:         str(p.Repository),
		Environments:       strs(p.Environments),
		OIDCProviderArn:    str(p.OidcProviderArn),
		BootstrapQualifier: str(p.BootstrapQualifier),
		DiffStackPattern:   str(p.DiffStackPattern),
		GitHubDelivery: spec.GitHubDelivery{
			RepositoryID: str(p.RepositoryId), RepositoryOwnerID: str(p.RepositoryOwnerId),
			DeployWorkflow: str(p.DeployWorkflow), DeployRef: str(p.DeployRef),
			PullRequestWorkflow: str(p.PullRequestWorkflow), PullRequestEnvironment: str(p.PullRequestEnvironment),
			Stacks: p.Stacks,
		},
	}
}

// Validate checks the repository, its IDs, the workflows and the
// environment names (GitHub's rules), the provider ARN, the qualifier, the
// stacks and the execution props, without Node.js, and reports every
// problem (errors.Join'ed spec.FieldErrors).
func (p *GitHubDeployRoleProps) Validate() error {
	var ps spec.Problems
	if p.OidcProviderArn != nil && *p.OidcProviderArn == "" {
		ps.Add(&spec.FieldError{Field: "oidcProviderArn", Msg: "is empty; expected the ARN of the account's GitHub OIDC provider, or nil for a new one"})
	}
	s := p.spec()
	ps.Add(s.Validate())
	if p.Execution != nil {
		ps.Add(p.Execution.validate())
	}
	return ps.Err()
}

// GitHubDeployRole lets GitHub Actions workflows of one repository deploy
// CDK stacks to an account without long-lived keys: GitHub's OIDC provider
// (created, or an existing one), a deploy role that the deploy jobs may
// assume and that may only assume the bootstrap deploy and file-publishing
// roles and read the stacks' templates, a read-only diff role for
// pull-request diffs, and optionally the bootstrap's execution policy and
// permissions boundary.
type GitHubDeployRole struct {
	constructs.Construct
	providerArn *string
	provider    awsiam.OidcProviderNative
	deploy      awsiam.Role
	diff        awsiam.Role
	execution   awsiam.ManagedPolicy
	boundary    awsiam.ManagedPolicy
	// The policies' names, known before deploy.
	executionName, boundaryName string
}

// NewGitHubDeployRole validates props and adds to scope the provider
// ("OidcProvider", unless props name one), the deploy role ("DeployRole"),
// the diff role ("DiffRole") and, with props.Execution, the policies
// "ExecutionPolicy" and "PermissionsBoundary".
func NewGitHubDeployRole(scope constructs.Construct, id string, props *GitHubDeployRoleProps) *GitHubDeployRole {
	if props == nil {
		props = &GitHubDeployRoleProps{}
	}
	mustValidateAt(scope, id, props.Validate())
	d := props.spec().WithDefaults()
	g := &GitHubDeployRole{providerArn: props.OidcProviderArn}
	constructs.NewConstruct_Override(g, scope, jsii.String(id))
	if g.providerArn == nil {
		removal := props.RemovalPolicy
		if removal == "" {
			removal = awscdk.RemovalPolicy_RETAIN
		}
		g.provider = awsiam.NewOidcProviderNative(g, jsii.String("OidcProvider"), &awsiam.OidcProviderNativeProps{
			Url:           jsii.String("https://" + spec.GitHubOIDCHost),
			ClientIds:     jsii.Strings(spec.GitHubOIDCAudience),
			RemovalPolicy: removal,
		})
		g.providerArn = g.provider.OidcProviderArn()
	}
	reads := newTemplateReads(d)

	g.deploy = awsiam.NewRole(g, jsii.String("DeployRole"), &awsiam.RoleProps{
		Description: jsii.String(descriptionPrefix + "GitHub Actions deploys of " + d.Repository + " through the CDK bootstrap deploy and file-publishing roles"),
		AssumedBy:   githubPrincipal(*g.providerArn, deploySubjects(d)),
		InlinePolicies: &map[string]awsiam.PolicyDocument{
			"AssumeCdkDeployRoles": policyDocument(map[string]any{
				"Sid":      "AssumeCdkDeployRoles",
				"Effect":   "Allow",
				"Action":   "sts:AssumeRole",
				"Resource": deployBootstrapRoles(d),
			}),
			"ReadDeployedTemplates": policyDocument(reads.statement()),
		},
	})
	suppressWildcards(g.deploy, append(reads.nagResources(), nagDeployBootstrapRoles(d)...), reads.reason("deploy role")+" "+deployRolesReason(d),
		complianceSuppressions("IAMNoInlinePolicy", inlineRolePolicyReason)...)

	if props.DiffRole == nil || *props.DiffRole {
		g.diff = awsiam.NewRole(g, jsii.String("DiffRole"), &awsiam.RoleProps{
			Description: jsii.String(descriptionPrefix + "read-only cdk diff of " + d.Repository + "'s pull requests against the deployed stacks"),
			AssumedBy:   githubPrincipal(*g.providerArn, diffSubjects(d)),
			InlinePolicies: &map[string]awsiam.PolicyDocument{
				"ReadDeployedTemplates": policyDocument(reads.statement()),
			},
		})
		suppressWildcards(g.diff, reads.nagResources(), reads.reason("diff role")+" It reads nothing else, and assumes no bootstrap role.",
			complianceSuppressions("IAMNoInlinePolicy", inlineRolePolicyReason)...)
	}
	if props.Execution != nil {
		g.executionName, g.boundaryName = props.Execution.names(d.BootstrapQualifier)
		g.execution, g.boundary = newExecutionPolicies(g, d, props.Execution)
	}
	return g
}

// DeployRole is the role the deploy jobs assume (AWS_DEPLOY_ROLE_ARN).
func (g *GitHubDeployRole) DeployRole() awsiam.IRole { return g.deploy }

// DiffRole is the read-only role for pull requests (AWS_DIFF_ROLE_ARN_<ENV>),
// or nil when props.DiffRole is false.
func (g *GitHubDeployRole) DiffRole() awsiam.IRole {
	if g.diff == nil {
		return nil
	}
	return g.diff
}

// ExecutionPolicy is the policy for `cdk bootstrap
// --cloudformation-execution-policies`, or nil without props.Execution.
func (g *GitHubDeployRole) ExecutionPolicy() awsiam.ManagedPolicy { return g.execution }

// PermissionsBoundary is the policy for `cdk bootstrap
// --custom-permissions-boundary`, or nil without props.Execution.
func (g *GitHubDeployRole) PermissionsBoundary() awsiam.ManagedPolicy { return g.boundary }

// ExecutionPolicyName is the execution policy's name, "" without
// props.Execution.
func (g *GitHubDeployRole) ExecutionPolicyName() string { return g.executionName }

// PermissionsBoundaryName is the boundary's name, for `cdk bootstrap
// --custom-permissions-boundary`; "" without props.Execution.
func (g *GitHubDeployRole) PermissionsBoundaryName() string { return g.boundaryName }

// OidcProviderArn is the ARN of the provider the roles trust: the one
// created, or props.OidcProviderArn.
func (g *GitHubDeployRole) OidcProviderArn() *string { return g.providerArn }

// OidcProvider is the provider the construct created, or nil when
// props.OidcProviderArn named an existing one.
func (g *GitHubDeployRole) OidcProvider() awsiam.OidcProviderNative { return g.provider }

// suppressWildcards records cdk-nag's AwsSolutions-IAM5 (wildcard
// permissions) on a resource's policies as reviewed, for the given
// resources only (as cdk-nag names them), with the reason, and the other
// reviewed findings of the resource. Any other wildcard is still reported.
func suppressWildcards(c constructs.IConstruct, appliesTo []string, reason string, others ...nagSuppression) {
	rules := []any{map[string]any{"id": "AwsSolutions-IAM5", "reason": reason, "applies_to": appliesTo}}
	for _, o := range others {
		rules = append(rules, map[string]any{"id": o.ID, "reason": o.Reason})
	}
	cfnResource(c).AddMetadata(jsii.String("cdk_nag"), map[string]any{"rules_to_suppress": rules})
}

// inlineRolePolicyReason is why the GitHub roles keep inline policies,
// which the NIST 800-53, HIPAA and PCI DSS packs prefer managed: each
// holds exactly one role's permissions (the one-to-one case AWS
// recommends inline policies for), no other principal can be given them,
// and the permissions boundary denies every bootstrap role iam:PutRolePolicy
// and the other IAM changes on these roles.
const inlineRolePolicyReason = "The role's permissions are its own: an inline policy keeps them one-to-one with the role (AWS's case for inline policies), so no other principal can be given them; the CDK bootstrap's permissions boundary denies every deploy iam:PutRolePolicy and the other IAM changes on this role."

// complianceSuppressions are one reviewed rule of the NIST 800-53 R5,
// HIPAA and PCI DSS packs, with its reason.
func complianceSuppressions(rule, reason string) []nagSuppression {
	return []nagSuppression{
		{"NIST.800.53.R5-" + rule, reason}, {"HIPAA.Security-" + rule, reason}, {"PCI.DSS.321-" + rule, reason},
	}
}
