package spec

import "regexp"

// The repository's custom OIDC subject. GitHub's default subject names the
// repository and the environment (repo:<owner>/<name>:environment:<env>):
// both can be renamed, and a job of any workflow on any branch that names
// the environment matches it. A repository can choose the claims its
// subject is made of (PUT repos/OWNER/REPO/actions/oidc/customization/sub,
// README: Deploying from CI); the roles then bind the IDs of the
// repository and its owner, the job's context and the workflow file at its
// ref. AWS compares only the sub and aud claims of GitHub's tokens, so
// every binding goes through the subject.
const (
	// DefaultDeployWorkflow is the workflow file whose jobs deploy.
	DefaultDeployWorkflow = ".github/workflows/deploy.yml"
	// DefaultDeployRef is the ref deploys run from: the protected branch.
	DefaultDeployRef = "refs/heads/main"
	// DefaultPullRequestWorkflow is the workflow file whose jobs compare
	// pull requests with the deployed stacks.
	DefaultPullRequestWorkflow = ".github/workflows/pull-request.yml"
	// PullRequestRefPattern is the ref of a pull_request run, for any pull
	// request: refs/pull/<number>/merge.
	PullRequestRefPattern = "refs/pull/*/merge"
	// GitHubPullRequestContext is the context part of the subject of a
	// pull_request job that runs in no environment.
	GitHubPullRequestContext = "pull_request"
	// MaxGitHubIDDigits bounds a repository or owner ID (an int64).
	MaxGitHubIDDigits = 19
)

// GitHubSubjectClaimKeys are the claims of the custom subject, in order:
// the value of include_claim_keys. "context" is GitHub's
// environment:<name> for a job in an environment, pull_request for a
// pull-request job, else ref:<ref>.
var GitHubSubjectClaimKeys = []string{"repository_owner_id", "repository_id", "context", "job_workflow_ref"}

var (
	// githubIDRE is a repository or owner ID: GitHub's numeric database ID.
	githubIDRE = regexp.MustCompile(`^[1-9][0-9]*$`)
	// workflowPathRE is a workflow file of the repository.
	workflowPathRE = regexp.MustCompile(`^\.github/workflows/[A-Za-z0-9._-]+\.ya?ml$`)
	// gitRefRE is a branch or tag ref, without the characters the subject
	// and StringLike give a meaning (':', '*', '?').
	gitRefRE = regexp.MustCompile(`^refs/(heads|tags)/[A-Za-z0-9._/-]+$`)
)

// GitHubCustomSubject is the subject of a job's token under
// GitHubSubjectClaimKeys. context is GitHubEnvironmentContext(env) or
// GitHubPullRequestContext; jobWorkflowRef is <owner>/<repo>/<path>@<ref>.
func GitHubCustomSubject(ownerID, repoID, context, jobWorkflowRef string) string {
	return "repository_owner_id:" + ownerID + ":repository_id:" + repoID + ":" + context + ":job_workflow_ref:" + jobWorkflowRef
}

// GitHubEnvironmentContext is the context part of the subject of a job
// that runs in the GitHub environment env.
func GitHubEnvironmentContext(env string) string { return "environment:" + env }

// GitHubJobWorkflowRef is the job_workflow_ref claim of a job of the
// repository's workflow file at ref.
func GitHubJobWorkflowRef(repo, workflow, ref string) string {
	return repo + "/" + workflow + "@" + ref
}

// CheckGitHubID checks a repository or owner ID: digits, as GitHub's API
// gives them (gh api repos/OWNER/REPO --jq .id, .owner.id).
func CheckGitHubID(field, id string) error {
	if IsUnresolved(id) {
		return nil
	}
	if !githubIDRE.MatchString(id) || len(id) > MaxGitHubIDDigits {
		return fieldErr(field, "%s is not a GitHub ID; expected up to %d digits, as `gh api repos/OWNER/REPO --jq .id` (repository) or `--jq .owner.id` (owner) prints it", echo(id), MaxGitHubIDDigits)
	}
	return nil
}

// CheckWorkflowPath checks the path of a workflow file of the repository.
func CheckWorkflowPath(field, path string) error {
	if IsUnresolved(path) || workflowPathRE.MatchString(path) {
		return nil
	}
	return fieldErr(field, "%s is not a workflow file; expected .github/workflows/<name>.yml", echo(path))
}

// CheckGitRef checks the ref deploys run from: a branch or a tag.
func CheckGitRef(field, ref string) error {
	if IsUnresolved(ref) || gitRefRE.MatchString(ref) {
		return nil
	}
	return fieldErr(field, "%s is not a branch or tag ref; expected refs/heads/<branch> or refs/tags/<tag>, without ':', '*' or '?'", echo(ref))
}
