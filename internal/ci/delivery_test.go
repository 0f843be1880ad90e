package ci

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/config"
	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/queries"
	"github.com/rhysd/actionlint"
)

// rolesByJob are the role variables each job of a workflow assumes
// (role-to-assume: ${{ vars.X }}), with the job's GitHub environment.
func rolesByJob(t *testing.T, path string) map[string]string {
	t.Helper()
	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	wf, errs := actionlint.Parse(content)
	if len(errs) > 0 {
		t.Fatalf("%s: %v", path, errs[0])
	}
	out := map[string]string{} // role variable -> environment of the job ("" for none)
	for _, j := range wf.Jobs {
		env := ""
		if j.Environment != nil && j.Environment.Name != nil {
			env = j.Environment.Name.Value
		}
		for _, s := range j.Steps {
			a, ok := s.Exec.(*actionlint.ExecAction)
			if !ok || a.Uses == nil || !strings.HasPrefix(a.Uses.Value, configureAWSCredentials+"@") {
				continue
			}
			if role, ok := a.Inputs["role-to-assume"]; ok && role.Value != nil {
				v := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(role.Value.Value, "${{ vars."), "}}"))
				out[v] = env
			}
		}
	}
	return out
}

// The workflows are the ones the roles trust (config/services.yaml's
// github section): the deploy workflow's jobs assume each environment's
// deploy role in its GitHub environment; the pull-request workflow's jobs
// assume the diff role of an account without a production environment in
// no environment, and of a production account in pullRequestEnvironment.
func TestWorkflowsAreTheOnesTheRolesTrust(t *testing.T) {
	cfg, err := appconfig.Load(config.FS, "config", queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	gh := cfg.Services.GitHub
	if gh == nil {
		t.Skip("the config has no github section")
	}
	plan := cfg.DeployStacks()[0].Role.WithDefaults()
	deploy := rolesByJob(t, filepath.Join("..", "..", plan.DeployWorkflow))
	if env, ok := deploy["AWS_DEPLOY_ROLE_ARN"]; !ok || env == "" {
		t.Errorf("%s: the deploy role is not assumed, or outside a GitHub environment", plan.DeployWorkflow)
	}
	pr := rolesByJob(t, filepath.Join("..", "..", plan.PullRequestWorkflow))
	production := map[string]bool{}
	for _, p := range cfg.DeployStacks() {
		for _, e := range p.Environments {
			production[e] = p.Production
		}
	}
	for _, e := range cfg.Environments {
		variable := "AWS_DIFF_ROLE_ARN_" + strings.ToUpper(strings.ReplaceAll(e.Name, "-", "_"))
		env, ok := pr[variable]
		switch {
		case !ok:
			t.Errorf("%s assumes no %s", plan.PullRequestWorkflow, variable)
		case production[e.Name] && env != gh.PullRequestEnvironment:
			t.Errorf("%s: %s (a production account) is assumed in the environment %q, want github.pullRequestEnvironment %q", plan.PullRequestWorkflow, variable, env, gh.PullRequestEnvironment)
		case !production[e.Name] && env != "":
			t.Errorf("%s: %s is assumed in the environment %q; the diff role of %s trusts pull-request jobs in none", plan.PullRequestWorkflow, variable, env, e.Name)
		}
	}
}
