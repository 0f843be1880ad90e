package ci

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/rhysd/actionlint"
)

// The action that turns GitHub's OIDC token into AWS credentials.
const configureAWSCredentials = "aws-actions/configure-aws-credentials"

var (
	// pinned is a remote action at a full commit SHA.
	pinned = regexp.MustCompile(`^[\w.-]+/[\w./-]+@[0-9a-f]{40}$`)
	// versionComment names the release the SHA is, after the uses: value.
	versionComment = regexp.MustCompile(`@[0-9a-f]{40}\s+#\s*v\d+(\.\d+)*\b`)
	// accessKeys are the ways to hand an action or a step long-lived keys.
	accessKeys = regexp.MustCompile(`(?i)aws-access-key-id|aws-secret-access-key|aws_access_key_id|aws_secret_access_key`)
)

// CheckPolicies checks eventwatch's rules for a workflow file:
//
//   - every remote action is pinned to a full 40-hex commit SHA, with its
//     version in a comment (`@<sha> # v7.0.1`);
//   - no AWS access key, in an action input or an environment variable;
//   - a job that assumes an AWS role has `id-token: write`, and takes the
//     role from a variable (`role-to-assume: ${{ vars.X }}`);
//   - a deploy job (one that runs `cdk deploy`) runs in a GitHub
//     environment, in a concurrency group of its own that names that
//     environment, with `cancel-in-progress: false`, and gets credentials
//     from configure-aws-credentials.
func CheckPolicies(path string, content []byte) []Finding {
	wf, errs := actionlint.Parse(content)
	if wf == nil {
		return []Finding{{File: path, Line: 1, Col: 1, Rule: "policy", Message: fmt.Sprintf("cannot parse the workflow (%d errors)", len(errs))}}
	}
	c := policyCheck{path: path, lines: bytes.Split(content, []byte("\n"))}
	c.noAccessKeys()
	ids := make([]string, 0, len(wf.Jobs))
	for id := range wf.Jobs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		c.job(id, wf.Jobs[id])
	}
	sort.SliceStable(c.out, func(i, j int) bool { return c.out[i].Line < c.out[j].Line })
	return c.out
}

type policyCheck struct {
	path  string
	lines [][]byte
	out   []Finding
}

func (c *policyCheck) add(pos *actionlint.Pos, rule, format string, args ...any) {
	line, col := 1, 1
	if pos != nil {
		line, col = pos.Line, pos.Col
	}
	c.out = append(c.out, Finding{File: c.path, Line: line, Col: col, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

func (c *policyCheck) noAccessKeys() {
	for i, line := range c.lines {
		if loc := accessKeys.FindIndex(line); loc != nil {
			c.out = append(c.out, Finding{File: c.path, Line: i + 1, Col: loc[0] + 1, Rule: "no-access-keys",
				Message: fmt.Sprintf("%q: AWS credentials come from GitHub OIDC (configure-aws-credentials with role-to-assume), never from access keys", line[loc[0]:loc[1]])})
		}
	}
}

func (c *policyCheck) job(id string, j *actionlint.Job) {
	if j.WorkflowCall != nil && j.WorkflowCall.Uses != nil {
		c.uses(j.WorkflowCall.Uses)
	}
	deploys, assumesRole := false, false
	for _, s := range j.Steps {
		switch e := s.Exec.(type) {
		case *actionlint.ExecAction:
			if e.Uses == nil {
				continue
			}
			c.uses(e.Uses)
			if strings.HasPrefix(e.Uses.Value, configureAWSCredentials+"@") {
				assumesRole = true
				c.roleInput(e, s.Pos)
			}
		case *actionlint.ExecRun:
			if e.Run != nil && strings.Contains(e.Run.Value, "cdk deploy") {
				deploys = true
			}
		}
	}
	if assumesRole && !idTokenWrite(j.Permissions) {
		c.add(j.Pos, "oidc", "job %s assumes an AWS role but its permissions lack `id-token: write`; set it on the job", id)
	}
	if deploys {
		c.deployJob(id, j, assumesRole)
	}
}

func (c *policyCheck) uses(u *actionlint.String) {
	v := u.Value
	if strings.HasPrefix(v, "./") || strings.HasPrefix(v, "docker://") {
		return
	}
	if !pinned.MatchString(v) {
		c.add(u.Pos, "pinned-actions", "%q is not pinned to a commit: use owner/repo@<40-hex SHA> # vX.Y.Z", v)
		return
	}
	if line := u.Pos.Line - 1; line < len(c.lines) && !versionComment.Match(c.lines[line]) {
		c.add(u.Pos, "pinned-actions", "%q: name the release of the SHA in a comment after it (# vX.Y.Z)", v)
	}
}

func (c *policyCheck) roleInput(e *actionlint.ExecAction, pos *actionlint.Pos) {
	role, ok := e.Inputs["role-to-assume"]
	if !ok || role.Value == nil {
		c.add(pos, "oidc", "%s without role-to-assume: credentials must come from GitHub OIDC and a role", configureAWSCredentials)
		return
	}
	if !strings.Contains(role.Value.Value, "vars.") {
		c.add(role.Value.Pos, "oidc", "role-to-assume %q: take the role ARN from a variable (${{ vars.AWS_DEPLOY_ROLE_ARN }}), one per environment", role.Value.Value)
	}
}

func (c *policyCheck) deployJob(id string, j *actionlint.Job, assumesRole bool) {
	env := ""
	if j.Environment == nil || j.Environment.Name == nil || j.Environment.Name.Value == "" {
		c.add(j.Pos, "deploy-environment", "deploy job %s has no environment: bind it to the GitHub environment it deploys (environment: prod)", id)
	} else {
		env = j.Environment.Name.Value
	}
	switch {
	case j.Concurrency == nil:
		c.add(j.Pos, "deploy-concurrency", "deploy job %s has no concurrency group: two deploys of one environment would run at once; add concurrency: {group: deploy-<env>, cancel-in-progress: false}", id)
	case j.Concurrency.CancelInProgress == nil || j.Concurrency.CancelInProgress.Expression != nil || j.Concurrency.CancelInProgress.Value:
		c.add(j.Concurrency.Pos, "deploy-concurrency", "deploy job %s: set cancel-in-progress: false, a cancelled deploy leaves a stack half updated", id)
	case env != "" && (j.Concurrency.Group == nil || !strings.Contains(j.Concurrency.Group.Value, env)):
		c.add(j.Concurrency.Pos, "deploy-concurrency", "deploy job %s: the concurrency group should name its environment %s (one group per environment)", id, env)
	}
	if !assumesRole {
		c.add(j.Pos, "oidc", "deploy job %s gets no credentials from %s with role-to-assume", id, configureAWSCredentials)
	}
}

func idTokenWrite(p *actionlint.Permissions) bool {
	if p == nil {
		return false
	}
	if p.All != nil && p.All.Value == "write-all" {
		return true
	}
	s, ok := p.Scopes["id-token"]
	return ok && s.Value != nil && s.Value.Value == "write"
}
