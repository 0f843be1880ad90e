package spec

import (
	"slices"
	"sort"
)

// GitHubDelivery is what binds the roles of a GitHubDeployRole to the
// repository's protected workflows, and what the roles may reach.
type GitHubDelivery struct {
	// RepositoryID and RepositoryOwnerID are the numeric IDs of the
	// repository and its owner (gh api repos/OWNER/REPO --jq .id,
	// .owner.id). With both, the roles trust the repository's custom
	// subject (GitHubSubjectClaimKeys): the IDs, the job's context and the
	// workflow file at its ref, none of which a rename changes or a branch
	// can forge. Default: "", GitHub's default subject
	// (repo:<owner>/<name>:environment:<env>), which binds names only.
	RepositoryID, RepositoryOwnerID string
	// DeployWorkflow is the workflow file whose jobs may assume the deploy
	// role (custom subject only). Default: DefaultDeployWorkflow.
	DeployWorkflow string
	// DeployRef is the ref those jobs run from (custom subject only).
	// Default: DefaultDeployRef.
	DeployRef string
	// PullRequestWorkflow is the workflow file whose pull-request jobs may
	// assume the diff role (custom subject only).
	// Default: DefaultPullRequestWorkflow.
	PullRequestWorkflow string
	// PullRequestEnvironment is the GitHub environment, with required
	// reviewers, that pull-request jobs run in to assume the diff role.
	// Default: "", pull-request jobs in no environment.
	PullRequestEnvironment string
	// Stacks are the stacks the roles deploy and read, each in its
	// region: the deploy role assumes the bootstrap roles of those regions
	// only, and both roles read those stacks' templates only.
	// Default: none, DiffStackPattern in any region.
	Stacks []StackRef
}

// StackRef is a stack by name and region.
type StackRef struct{ Name, Region string }

// CustomSubject reports whether the roles trust the custom subject.
func (d GitHubDelivery) CustomSubject() bool {
	return d.RepositoryID != "" && d.RepositoryOwnerID != ""
}

// Regions are the regions of Stacks, sorted, each once.
func (d GitHubDelivery) Regions() []string {
	var out []string
	for _, s := range d.Stacks {
		if !slices.Contains(out, s.Region) {
			out = append(out, s.Region)
		}
	}
	sort.Strings(out)
	return out
}

func (d GitHubDelivery) withDefaults() GitHubDelivery {
	if d.DeployWorkflow == "" {
		d.DeployWorkflow = DefaultDeployWorkflow
	}
	if d.DeployRef == "" {
		d.DeployRef = DefaultDeployRef
	}
	if d.PullRequestWorkflow == "" {
		d.PullRequestWorkflow = DefaultPullRequestWorkflow
	}
	return d
}

// validateDelivery checks the IDs (both or neither), the workflow files,
// the ref, the pull-request environment and the stacks.
func (p *GitHubDeployRoleProps) validateDelivery(ps *Problems) {
	d := p.GitHubDelivery
	ps.Add(optional(CheckGitHubID, "repositoryId", d.RepositoryID))
	ps.Add(optional(CheckGitHubID, "repositoryOwnerId", d.RepositoryOwnerID))
	if (d.RepositoryID == "") != (d.RepositoryOwnerID == "") {
		ps.Add(fieldErr("repositoryId", "and repositoryOwnerId go together: the custom subject names both; set both, or neither for GitHub's default subject"))
	}
	ps.Add(optional(CheckWorkflowPath, "deployWorkflow", d.DeployWorkflow))
	ps.Add(optional(CheckGitRef, "deployRef", d.DeployRef))
	ps.Add(optional(CheckWorkflowPath, "pullRequestWorkflow", d.PullRequestWorkflow))
	ps.Add(optional(CheckGitHubEnvironment, "pullRequestEnvironment", d.PullRequestEnvironment))
	for i, s := range d.Stacks {
		ps.Add(CheckStackName(indexField("stacks", i)+".name", s.Name))
		if !IsUnresolved(s.Region) {
			ps.Add(CheckRegion(indexField("stacks", i)+".region", s.Region))
		}
	}
}

// optional runs check on a value that is set.
func optional(check func(field, v string) error, field, v string) error {
	if v == "" {
		return nil
	}
	return check(field, v)
}
