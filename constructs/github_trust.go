package constructs

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs/spec"
)

// subjects are the OIDC subjects a role trusts; like when they hold a
// wildcard (StringLike), else they are compared whole (StringEquals).
// claims are the token claims the role also compares, each on its own
// (the keys AWS STS takes for GitHub's tokens), with the same operator.
type subjects struct {
	values []string
	like   bool
	claims map[string]string
}

// idClaims binds the repository by its IDs, and the job by its workflow
// file at its ref, when the roles trust the custom subject.
func idClaims(d spec.GitHubDeployRoleProps, jobWorkflowRef string) map[string]string {
	if !d.CustomSubject() {
		return nil
	}
	return map[string]string{"repository_id": d.RepositoryID, "repository_owner_id": d.RepositoryOwnerID, "job_workflow_ref": jobWorkflowRef}
}

// deploySubjects are the subjects of the deploy jobs: one per GitHub
// environment, of the deploy workflow at the deploy ref with the custom
// subject.
func deploySubjects(d spec.GitHubDeployRoleProps) subjects {
	ref := spec.GitHubJobWorkflowRef(d.Repository, d.DeployWorkflow, d.DeployRef)
	s := subjects{claims: idClaims(d, ref)}
	for _, env := range d.Environments {
		if d.CustomSubject() {
			s.values = append(s.values, spec.GitHubCustomSubject(d.RepositoryOwnerID, d.RepositoryID, spec.GitHubEnvironmentContext(env), ref))
		} else {
			s.values = append(s.values, spec.GitHubEnvironmentSubject(d.Repository, env))
		}
	}
	return s
}

// diffSubjects is the subject of the pull-request jobs: of any pull
// request (refs/pull/<number>/merge) with the custom subject, in the
// pull-request environment when there is one.
func diffSubjects(d spec.GitHubDeployRoleProps) subjects {
	context := spec.GitHubPullRequestContext
	if d.PullRequestEnvironment != "" {
		context = spec.GitHubEnvironmentContext(d.PullRequestEnvironment)
	}
	if !d.CustomSubject() {
		return subjects{values: []string{"repo:" + d.Repository + ":" + context}}
	}
	ref := spec.GitHubJobWorkflowRef(d.Repository, d.PullRequestWorkflow, spec.PullRequestRefPattern)
	return subjects{values: []string{spec.GitHubCustomSubject(d.RepositoryOwnerID, d.RepositoryID, context, ref)}, like: true, claims: idClaims(d, ref)}
}

// githubPrincipal trusts tokens of GitHub's provider for the audience
// sts.amazonaws.com and one of the subjects.
func githubPrincipal(providerArn string, s subjects) awsiam.IPrincipal {
	var sub any = s.values[0]
	if len(s.values) > 1 {
		sub = s.values
	}
	equals := map[string]any{spec.GitHubOIDCHost + ":aud": spec.GitHubOIDCAudience}
	conditions := map[string]any{"StringEquals": equals}
	compared := equals
	if s.like {
		compared = map[string]any{}
		conditions["StringLike"] = compared
	}
	compared[spec.GitHubOIDCHost+":sub"] = sub
	for claim, v := range s.claims {
		compared[spec.GitHubOIDCHost+":"+claim] = v
	}
	return awsiam.NewWebIdentityPrincipal(jsii.String(providerArn), &conditions)
}

// deployRoleKinds are the bootstrap roles a `cdk deploy --app cdk.out`
// assumes: the deploy role for CloudFormation, the file-publishing role
// for the templates it uploads to the bootstrap bucket. Not the lookup
// role (the app looks nothing up) nor the image-publishing role (it has
// no container images).
var deployRoleKinds = []string{spec.BootstrapDeployRole, spec.BootstrapFilePublishingRole}

// deployBootstrapRoles are the ARNs of the bootstrap roles the deploy role
// may assume: of the stacks' regions, or of every region without stacks.
func deployBootstrapRoles(d spec.GitHubDeployRoleProps) []string {
	regions := d.Regions()
	if len(regions) == 0 {
		regions = []string{"*"}
	}
	var out []string
	for _, r := range regions {
		for _, kind := range deployRoleKinds {
			out = append(out, bootstrapRoleArn(d.BootstrapQualifier, kind, r))
		}
	}
	return out
}

// nagDeployBootstrapRoles are the wildcard ARNs of deployBootstrapRoles,
// as cdk-nag names them: none with stacks.
func nagDeployBootstrapRoles(d spec.GitHubDeployRoleProps) []string {
	if len(d.Stacks) > 0 {
		return nil
	}
	var out []string
	for _, kind := range deployRoleKinds {
		out = append(out, "Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:role/cdk-"+d.BootstrapQualifier+"-"+kind+"-role-<AWS::AccountId>-*")
	}
	return out
}

// deployRolesReason says why the deploy role's bootstrap roles are as
// they are.
func deployRolesReason(d spec.GitHubDeployRoleProps) string {
	if len(d.Stacks) > 0 {
		return "It may assume the bootstrap deploy and file-publishing roles of its stacks' regions, named in full."
	}
	return "It may assume the bootstrap deploy and file-publishing roles cdk-" + d.BootstrapQualifier + "-{deploy,file-publishing}-role-<account>-<region> of any region (no stacks were named), no other bootstrap role."
}

// bootstrapRoleArn is the ARN of the stack's account's CDK bootstrap role
// of the given kind in region ("*" for any).
func bootstrapRoleArn(qualifier, kind, region string) string {
	p := pseudo()
	return "arn:" + p.partition + ":iam::" + p.account + ":role/" + spec.BootstrapRoleName(qualifier, kind, p.account, region)
}

// templateReads is the statement that reads the deployed templates of the
// stacks: the fetch before a deploy, and cdk diff.
type templateReads struct {
	resources, nag []string
	names          string
}

func newTemplateReads(d spec.GitHubDeployRoleProps) templateReads {
	p := pseudo()
	var t templateReads
	if len(d.Stacks) == 0 {
		t.resources = []string{"arn:" + p.partition + ":cloudformation:*:" + p.account + ":stack/" + d.DiffStackPattern + "/*"}
		t.nag = []string{"Resource::arn:<AWS::Partition>:cloudformation:*:<AWS::AccountId>:stack/" + d.DiffStackPattern + "/*"}
		t.names = d.DiffStackPattern + " in any region of its account"
		return t
	}
	var names []string
	for _, s := range d.Stacks {
		t.resources = append(t.resources, "arn:"+p.partition+":cloudformation:"+s.Region+":"+p.account+":stack/"+s.Name+"/*")
		t.nag = append(t.nag, "Resource::arn:<AWS::Partition>:cloudformation:"+s.Region+":<AWS::AccountId>:stack/"+s.Name+"/*")
		names = append(names, s.Name+" ("+s.Region+")")
	}
	t.names = strings.Join(names, ", ")
	return t
}

func (t templateReads) statement() map[string]any {
	return map[string]any{
		"Sid":      "ReadDeployedTemplates",
		"Effect":   "Allow",
		"Action":   []string{"cloudformation:DescribeStacks", "cloudformation:GetTemplate"},
		"Resource": t.resources,
	}
}

func (t templateReads) nagResources() []string { return t.nag }

// reason says what the role reads, for the suppression of the stack ARNs'
// wildcard.
func (t templateReads) reason(role string) string {
	return "The " + role + " reads the deployed templates (DescribeStacks, GetTemplate) of the stacks " + t.names + ": a stack ARN ends in the ID CloudFormation generates, hence the /* after each name."
}
