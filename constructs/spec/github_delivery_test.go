package spec

import (
	"slices"
	"strings"
	"testing"
)

// The custom subject is the claims of GitHubSubjectClaimKeys in order, as
// GitHub writes them.
func TestGitHubCustomSubject(t *testing.T) {
	ref := GitHubJobWorkflowRef("o/r", DefaultDeployWorkflow, DefaultDeployRef)
	if ref != "o/r/.github/workflows/deploy.yml@refs/heads/main" {
		t.Errorf("job_workflow_ref %s", ref)
	}
	if got := GitHubCustomSubject("1", "2", GitHubEnvironmentContext("prod"), ref); got != "repository_owner_id:1:repository_id:2:environment:prod:job_workflow_ref:"+ref {
		t.Errorf("subject %s", got)
	}
	if !slices.Equal(GitHubSubjectClaimKeys, []string{"repository_owner_id", "repository_id", "context", "job_workflow_ref"}) {
		t.Errorf("claim keys %v", GitHubSubjectClaimKeys)
	}
}

// One case per rule of the delivery props: each changes one thing of a
// valid GitHubDeployRoleProps.
func TestGitHubDeliveryValidation(t *testing.T) {
	valid := func() GitHubDeployRoleProps {
		return GitHubDeployRoleProps{Repository: "o/r", Environments: []string{"prod"}, GitHubDelivery: GitHubDelivery{
			RepositoryID: "2", RepositoryOwnerID: "1", Stacks: []StackRef{{"app-prod", "eu-west-1"}}}}
	}
	if p := valid(); p.Validate() != nil {
		t.Fatalf("valid props: %v", p.Validate())
	}
	for _, c := range []struct {
		name, want string
		change     func(*GitHubDelivery)
	}{
		{"owner ID alone", "repositoryId: and repositoryOwnerId go together", func(d *GitHubDelivery) { d.RepositoryID = "" }},
		{"ID not digits", `repositoryOwnerId: "org" is not a GitHub ID`, func(d *GitHubDelivery) { d.RepositoryOwnerID = "org" }},
		{"ID too long", "expected up to 19 digits", func(d *GitHubDelivery) { d.RepositoryID = strings.Repeat("9", 20) }},
		{"workflow outside .github/workflows", `pullRequestWorkflow: "ci/pr.yml" is not a workflow file`, func(d *GitHubDelivery) { d.PullRequestWorkflow = "ci/pr.yml" }},
		{"ref with wildcard", `deployRef: "refs/heads/*" is not a branch or tag ref`, func(d *GitHubDelivery) { d.DeployRef = "refs/heads/*" }},
		{"environment with colon", `pullRequestEnvironment: "pr:prod" contains ':'`, func(d *GitHubDelivery) { d.PullRequestEnvironment = "pr:prod" }},
		{"stack name", `stacks[0].name: `, func(d *GitHubDelivery) { d.Stacks[0].Name = "app_prod" }},
		{"stack region", `stacks[0].region: "eu-wset-1" is not an AWS region`, func(d *GitHubDelivery) { d.Stacks[0].Region = "eu-wset-1" }},
	} {
		p := valid()
		c.change(&p.GitHubDelivery)
		if err := p.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
	d := GitHubDelivery{Stacks: []StackRef{{"a", "us-east-1"}, {"b", "eu-west-1"}, {"c", "us-east-1"}}}.withDefaults()
	if d.DeployWorkflow != DefaultDeployWorkflow || d.DeployRef != DefaultDeployRef || d.PullRequestWorkflow != DefaultPullRequestWorkflow || d.CustomSubject() {
		t.Errorf("defaults %+v", d)
	}
	if got := d.Regions(); !slices.Equal(got, []string{"eu-west-1", "us-east-1"}) {
		t.Errorf("regions %v", got)
	}
}

// The actions of resource types are the table's, sorted, each once; a type
// the table lacks is named with the table's file.
func TestExecutionActionsFor(t *testing.T) {
	got, err := ExecutionActionsFor([]string{"AWS::Logs::MetricFilter", "AWS::CDK::Metadata", "AWS::Logs::MetricFilter"})
	if err != nil || strings.Join(got, " ") != "logs:DeleteMetricFilter logs:DescribeMetricFilters logs:PutMetricFilter" {
		t.Errorf("actions %v, %v", got, err)
	}
	_, err = ExecutionActionsFor([]string{"AWS::S3::Bucket", "AWS::EC2::VPC", "AWS::S3::Bucket"})
	if err == nil || !strings.Contains(err.Error(), "resource types AWS::EC2::VPC, AWS::S3::Bucket; add the actions") || !strings.Contains(err.Error(), ExecutionActionsFile) {
		t.Errorf("unknown types: %v", err)
	}
	for typ, actions := range ExecutionActions {
		for _, a := range actions {
			if strings.Contains(a, "*") || !strings.Contains(a, ":") {
				t.Errorf("%s: %q is not one action", typ, a)
			}
		}
	}
}

// Dynamic references name the secret or parameter, ARNs included, each once.
func TestDynamicReferences(t *testing.T) {
	s := "{{resolve:secretsmanager:app/prod/pd:SecretString:url}} and {{resolve:ssm:/app/hook}} " +
		"{{resolve:secretsmanager:arn:aws:secretsmanager:eu-west-1:111111111111:secret:app/x-AbCdEf:SecretString:url}} {{resolve:ssm:/app/hook}}"
	got := DynamicReferences(s)
	want := []DynamicReference{{"secretsmanager", "app/prod/pd"}, {"ssm", "/app/hook"}, {"secretsmanager", "arn:aws:secretsmanager:eu-west-1:111111111111:secret:app/x-AbCdEf"}}
	if !slices.Equal(got, want) {
		t.Errorf("references %v, want %v", got, want)
	}
}
