package constructs

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs/spec"
)

// GitHubDeployRoleProps configures a GitHubDeployRole.
type GitHubDeployRoleProps struct {
	// Repository is the GitHub repository whose workflows deploy, as
	// "owner/name", spelled as GitHub spells it: IAM compares the OIDC
	// subject case-sensitively. Required.
	Repository *string
	// Environments are the GitHub environments whose jobs may assume the
	// deploy role (the subject repo:<owner>/<name>:environment:<env>).
	// Required, at least one.
	Environments *[]*string
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
	// which names the bootstrap roles cdk-<qualifier>-*-role-<account>-<region>
	// that the roles may assume.
	// Default: "hnb659fds" (spec.DefaultBootstrapQualifier), the CDK's.
	BootstrapQualifier *string
	// DiffRole adds the read-only role for pull requests (the subject
	// repo:<owner>/<name>:pull_request): it may read CloudFormation
	// templates and assume the bootstrap lookup role, nothing that writes.
	// Default: true.
	DiffRole *bool
	// DiffStackPattern names the stacks whose templates the diff role may
	// read, with '*' wildcards, such as "eventwatch-*".
	// Default: "*" (spec.DefaultDiffStackPattern), every stack of the account.
	DiffStackPattern *string
}

func (p *GitHubDeployRoleProps) spec() spec.GitHubDeployRoleProps {
	return spec.GitHubDeployRoleProps{
		Repository:         str(p.Repository),
		Environments:       strs(p.Environments),
		OIDCProviderArn:    str(p.OidcProviderArn),
		BootstrapQualifier: str(p.BootstrapQualifier),
		DiffStackPattern:   str(p.DiffStackPattern),
	}
}

// Validate checks the repository and environment names (GitHub's rules),
// the provider ARN, the qualifier and the stack pattern, without Node.js,
// and reports every problem (errors.Join'ed spec.FieldErrors).
func (p *GitHubDeployRoleProps) Validate() error {
	var ps spec.Problems
	if p.OidcProviderArn != nil && *p.OidcProviderArn == "" {
		ps.Add(&spec.FieldError{Field: "oidcProviderArn", Msg: "is empty; expected the ARN of the account's GitHub OIDC provider, or nil for a new one"})
	}
	s := p.spec()
	ps.Add(s.Validate())
	return ps.Err()
}

// GitHubDeployRole lets GitHub Actions workflows of one repository deploy
// CDK stacks to an account without long-lived keys: GitHub's OIDC provider
// (created, or an existing one), a deploy role that jobs of the named
// GitHub environments may assume and that may only assume the account's
// CDK bootstrap roles, and a read-only diff role for pull requests.
type GitHubDeployRole struct {
	constructs.Construct
	providerArn *string
	provider    awsiam.OidcProviderNative
	deploy      awsiam.Role
	diff        awsiam.Role
}

// NewGitHubDeployRole validates props and adds to scope the provider
// ("OidcProvider", unless props name one), the deploy role ("DeployRole")
// and the diff role ("DiffRole").
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

	subjects := make([]string, len(d.Environments))
	for i, env := range d.Environments {
		subjects[i] = spec.GitHubEnvironmentSubject(d.Repository, env)
	}
	g.deploy = awsiam.NewRole(g, jsii.String("DeployRole"), &awsiam.RoleProps{
		Description: jsii.String(descriptionPrefix + "GitHub Actions deploys of " + d.Repository + " (its environments' jobs) through the CDK bootstrap roles"),
		AssumedBy:   githubPrincipal(*g.providerArn, subjects...),
		InlinePolicies: &map[string]awsiam.PolicyDocument{
			"AssumeCdkBootstrapRoles": policyDocument(map[string]any{
				"Sid":      "AssumeCdkBootstrapRoles",
				"Effect":   "Allow",
				"Action":   "sts:AssumeRole",
				"Resource": bootstrapRoleArn(d.BootstrapQualifier, "*"),
			}),
		},
	})
	suppressWildcards(g.deploy, []string{nagBootstrapRoleArn(d.BootstrapQualifier, "*")}, "The deploy role may assume the CDK bootstrap roles of its account in any region (deploy, file-publishing, image-publishing, lookup: cdk-"+d.BootstrapQualifier+"-*-role-<account>-<region>), whose names `cdk bootstrap` fixes; they hold the permissions, and it has no other.")

	if props.DiffRole == nil || *props.DiffRole {
		p := pseudo()
		g.diff = awsiam.NewRole(g, jsii.String("DiffRole"), &awsiam.RoleProps{
			Description: jsii.String(descriptionPrefix + "read-only cdk diff of " + d.Repository + "'s pull requests against the deployed stacks"),
			AssumedBy:   githubPrincipal(*g.providerArn, spec.GitHubPullRequestSubject(d.Repository)),
			InlinePolicies: &map[string]awsiam.PolicyDocument{
				"ReadDeployedTemplates": policyDocument(
					map[string]any{
						"Sid":      "ReadDeployedTemplates",
						"Effect":   "Allow",
						"Action":   []string{"cloudformation:DescribeStacks", "cloudformation:GetTemplate"},
						"Resource": "arn:" + p.partition + ":cloudformation:*:" + p.account + ":stack/" + d.DiffStackPattern + "/*",
					},
					map[string]any{
						"Sid":      "AssumeCdkLookupRole",
						"Effect":   "Allow",
						"Action":   "sts:AssumeRole",
						"Resource": bootstrapRoleArn(d.BootstrapQualifier, "lookup"),
					},
				),
			},
		})
		suppressWildcards(g.diff, []string{
			"Resource::arn:<AWS::Partition>:cloudformation:*:<AWS::AccountId>:stack/" + d.DiffStackPattern + "/*",
			nagBootstrapRoleArn(d.BootstrapQualifier, "lookup"),
		}, "The diff role reads the templates of the stacks "+d.DiffStackPattern+" in any region of its account (stack ARNs end in a generated ID) and may assume the CDK lookup role cdk-"+d.BootstrapQualifier+"-lookup-role-<account>-<region> of any region; both actions only read.")
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

// OidcProviderArn is the ARN of the provider the roles trust: the one
// created, or props.OidcProviderArn.
func (g *GitHubDeployRole) OidcProviderArn() *string { return g.providerArn }

// OidcProvider is the provider the construct created, or nil when
// props.OidcProviderArn named an existing one.
func (g *GitHubDeployRole) OidcProvider() awsiam.OidcProviderNative { return g.provider }

// githubPrincipal trusts tokens of GitHub's provider for the audience
// sts.amazonaws.com and exactly one of the subjects.
func githubPrincipal(providerArn string, subjects ...string) awsiam.IPrincipal {
	var sub any = subjects[0]
	if len(subjects) > 1 {
		sub = subjects
	}
	return awsiam.NewWebIdentityPrincipal(jsii.String(providerArn), &map[string]any{
		"StringEquals": map[string]any{
			spec.GitHubOIDCHost + ":aud": spec.GitHubOIDCAudience,
			spec.GitHubOIDCHost + ":sub": sub,
		},
	})
}

// bootstrapRoleArn is the ARN pattern of the stack's account's CDK
// bootstrap role of the given kind ("deploy", "lookup", or "*" for every
// kind), in any region.
func bootstrapRoleArn(qualifier, kind string) string {
	p := pseudo()
	return "arn:" + p.partition + ":iam::" + p.account + ":role/cdk-" + qualifier + "-" + kind + "-role-" + p.account + "-*"
}

// suppressWildcards records cdk-nag's AwsSolutions-IAM5 (wildcard
// permissions) on a role's inline policies as reviewed, for the given
// resources only (as cdk-nag names them), with the reason. Any other
// wildcard is still reported.
func suppressWildcards(role awsiam.Role, resources []string, reason string) {
	cfnResource(role).AddMetadata(jsii.String("cdk_nag"), map[string]any{"rules_to_suppress": []any{
		map[string]any{"id": "AwsSolutions-IAM5", "reason": reason, "applies_to": resources},
	}})
}

// nagBootstrapRoleArn is bootstrapRoleArn as cdk-nag names it in a finding.
func nagBootstrapRoleArn(qualifier, kind string) string {
	return "Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:role/cdk-" + qualifier + "-" + kind + "-role-<AWS::AccountId>-*"
}
