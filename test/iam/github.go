package iam

import (
	"sort"
	"strings"

	"github.com/eventwatch/eventwatch/constructs/spec"
)

// Claims are the claims of a job's OIDC token that the trust policies may
// read, by name: repository, repository_id, repository_owner_id,
// environment (absent outside an environment), ref, event_name,
// job_workflow_ref, and aud.
type Claims map[string]string

// defaultSubjectClaimKeys is GitHub's subject of a repository that has
// not customized it.
var defaultSubjectClaimKeys = []string{"repo", "context"}

// Subject is the sub claim GitHub writes for claims with the claim keys
// (include_claim_keys; nil for the default subject): key:value for each
// key, joined by ':', where "repo" is the repository's name and "context"
// is environment:<name> for a job in an environment, pull_request for a
// pull-request job, else ref:<ref>.
func Subject(keys []string, c Claims) string {
	if keys == nil {
		keys = defaultSubjectClaimKeys
	}
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		switch k {
		case "repo":
			parts = append(parts, "repo:"+c["repository"])
		case "context":
			switch {
			case c["environment"] != "":
				parts = append(parts, "environment:"+c["environment"])
			case c["event_name"] == "pull_request" || c["event_name"] == "pull_request_target":
				parts = append(parts, "pull_request")
			default:
				parts = append(parts, "ref:"+c["ref"])
			}
		default:
			parts = append(parts, k+":"+c[k])
		}
	}
	return strings.Join(parts, ":")
}

// context is the token as the role's trust policy sees it: each claim as
// token.actions.githubusercontent.com:<claim>, sub included.
func (c Claims) context(keys []string) map[string]string {
	out := map[string]string{spec.GitHubOIDCHost + ":sub": Subject(keys, c)}
	for k, v := range c {
		if v != "" {
			out[spec.GitHubOIDCHost+":"+k] = v
		}
	}
	return out
}

// Refs of the jobs that are not deploys.
const (
	pullRequestRef = "refs/pull/7/merge"
	featureRef     = "refs/heads/feature"
	otherWorkflow  = ".github/workflows/other.yml"
)

// jobs are the jobs the table names, in environment e: the deploy job and
// pull-request jobs of the repository's workflows, and the jobs that must
// not pass for them.
func (d *Design) jobs(e Environment) map[string]Claims {
	r := d.Repository
	job := func(env, event, workflow, ref string) Claims {
		return Claims{"repository": r.Name, "repository_id": r.ID, "repository_owner_id": r.OwnerID, "environment": env,
			"event_name": event, "ref": ref, "job_workflow_ref": spec.GitHubJobWorkflowRef(r.Name, workflow, ref), "aud": spec.GitHubOIDCAudience}
	}
	reviewEnv := r.PullRequestEnv
	if reviewEnv == "" {
		reviewEnv = "pull-request-review"
	}
	jobs := map[string]Claims{
		// deploy.yml's job of the environment, on the deploy ref.
		"deploy": job(e.GitHubEnvironment, "push", r.DeployWorkflow, r.DeployRef),
		// deploy.yml run on another branch (workflow_dispatch), in the environment.
		"deploy-from-branch": job(e.GitHubEnvironment, "workflow_dispatch", r.DeployWorkflow, featureRef),
		// deploy.yml as a pull request changed it to run, in the environment.
		"deploy-from-pull-request": job(e.GitHubEnvironment, "pull_request", r.DeployWorkflow, pullRequestRef),
		// another workflow on the deploy ref that names the environment.
		"other-workflow": job(e.GitHubEnvironment, "push", otherWorkflow, r.DeployRef),
		// pull-request.yml's job of a pull request, in no environment.
		"pull-request": job("", "pull_request", r.PullRequestWorkflow, pullRequestRef),
		// pull-request.yml's job in the reviewed pull-request environment.
		"pull-request-reviewed": job(reviewEnv, "pull_request", r.PullRequestWorkflow, pullRequestRef),
	}
	// The deploy job of a repository that took the name (other IDs).
	recreated := job(e.GitHubEnvironment, "push", r.DeployWorkflow, r.DeployRef)
	recreated["repository_id"] += "1"
	jobs["recreated-repository"] = recreated
	if o, ok := d.other(e); ok {
		jobs["deploy-of-other-environment"] = job(o.GitHubEnvironment, "push", r.DeployWorkflow, r.DeployRef)
	}
	// The pull-request job that diffs this environment.
	if e.Production && r.PullRequestEnv != "" {
		jobs["pr-diff"] = jobs["pull-request-reviewed"]
	} else {
		jobs["pr-diff"] = jobs["pull-request"]
	}
	return jobs
}

// jobNames are the names jobs gives, sorted, for messages.
func jobNames(m map[string]Claims) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
