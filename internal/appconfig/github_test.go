package appconfig_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/internal/cfn"
	"github.com/eventwatch/eventwatch/queries"
)

const githubServices = `app: shop
owner: team
services:
  - name: orders
    events:
      - name: failed
        pattern: ERROR
github:
  repository: example-org/shop
  repositoryId: 2
  repositoryOwnerId: 1
`

func loadFS(t *testing.T, files map[string]string) *appconfig.Config {
	t.Helper()
	cfg, err := tryLoadFS(files)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func tryLoadFS(files map[string]string) (*appconfig.Config, error) {
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return appconfig.Load(fsys, "cfg", queries.FS)
}

// One deploy-role stack per account, in the region of the account's first
// environment by name; its deploy role trusts the GitHub environment of each
// of the account's environments (githubEnvironment, else the name), each once.
func TestDeployStacksPerAccount(t *testing.T) {
	cfg := loadFS(t, map[string]string{
		"services.yaml": githubServices + `  oidcProviderArns:
    "222222222222": arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com
  bootstrapQualifier: team1
`,
		"environments/dev.yaml":     "account: \"111111111111\"\nregion: eu-west-1\n",
		"environments/qa.yaml":      "account: \"111111111111\"\nregion: us-east-1\ngithubEnvironment: dev\n",
		"environments/demo.yaml":    "account: \"111111111111\"\nregion: us-east-1\ngithubEnvironment: Demo\n",
		"environments/prod.yaml":    "account: \"222222222222\"\nregion: eu-central-1\n",
		"environments/prod-us.yaml": "account: \"222222222222\"\nregion: us-east-1\ngithubEnvironment: prod\n",
	})
	var got []string
	for _, p := range cfg.DeployStacks() {
		got = append(got, fmt.Sprintf("%s %s/%s envs=%v github=%v provider=%q qualifier=%s stacks=%v ids=%s/%s",
			p.StackName, p.Account, p.Region, p.Environments, p.Role.Environments, p.Role.OIDCProviderArn, p.Role.BootstrapQualifier, p.Role.Stacks, p.Role.RepositoryOwnerID, p.Role.RepositoryID))
	}
	want := []string{
		`shop-deploy-111111111111 111111111111/us-east-1 envs=[demo dev qa] github=[Demo dev] provider="" qualifier=team1 stacks=[{shop-demo us-east-1} {shop-dev eu-west-1} {shop-qa us-east-1}] ids=1/2`,
		`shop-deploy-222222222222 222222222222/eu-central-1 envs=[prod prod-us] github=[prod] provider="arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com" qualifier=team1 stacks=[{shop-prod eu-central-1} {shop-prod-us us-east-1}] ids=1/2`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("deploy stacks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, p := range cfg.DeployStacks() {
		if err := p.Role.Validate(); err != nil {
			t.Errorf("%s: %v", p.StackName, err)
		}
	}
}

// Without a github section, no deploy-role stack.
func TestNoGitHubNoDeployStacks(t *testing.T) {
	cfg := loadFS(t, map[string]string{
		"services.yaml":         strings.Split(githubServices, "github:")[0],
		"environments/dev.yaml": "account: \"111111111111\"\nregion: eu-west-1\n",
	})
	if n := len(cfg.DeployStacks()); n != 0 {
		t.Errorf("%d deploy stacks without github", n)
	}
}

// The environments' allow lists become cfn.Allowances, and each one's
// stacks are told apart from the others', the longest environment name first.
func TestAllowancesAndStackEnvironments(t *testing.T) {
	cfg := loadFS(t, map[string]string{
		"services.yaml": githubServices,
		"environments/prod.yaml": `account: "111111111111"
region: eu-west-1
allow:
  - stack: shop-prod-legacy
    logicalId: LogGroupPayments
    reason: payments moved to the main stack; the old log group is retained
  - name: /shop/prod/orders
    reason: recreated in the infrequent access class
`,
		"environments/prod-eu.yaml": "account: \"222222222222\"\nregion: eu-west-1\n",
	})
	want := cfn.Allowances{
		{Stack: "shop-prod-legacy", LogicalID: "LogGroupPayments", Reason: "payments moved to the main stack; the old log group is retained"},
		{Name: "/shop/prod/orders", Reason: "recreated in the infrequent access class"},
	}
	if got := cfg.Allowances("prod"); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("allowances %v, want %v", got, want)
	}
	if err := cfg.Allowances("prod").Validate(); err != nil {
		t.Error(err)
	}
	for stack, env := range map[string]string{
		"shop-prod": "prod", "shop-prod-legacy": "prod", "shop-prod-eu": "prod-eu", "shop-prod-eu-x": "prod-eu",
		"shop-deploy-111111111111": "", "other-prod": "", "shop-production": "",
	} {
		if got := cfg.StackEnvironment(stack); got != env {
			t.Errorf("StackEnvironment(%s) = %q, want %q", stack, got, env)
		}
	}
}

// An account holding a production environment (deletionProtection, or
// terminationProtection) gets no diff role, unless pullRequestEnvironment
// names the reviewed environment its pull-request jobs run in.
func TestProductionAccountsDiffRole(t *testing.T) {
	files := func(github string) map[string]string {
		return map[string]string{
			"services.yaml":          githubServices + github,
			"environments/dev.yaml":  "account: \"111111111111\"\nregion: eu-west-1\n",
			"environments/qa.yaml":   "account: \"222222222222\"\nregion: eu-west-1\nterminationProtection: true\n",
			"environments/prod.yaml": "account: \"333333333333\"\nregion: eu-west-1\ndeletionProtection: true\n",
		}
	}
	for _, c := range []struct {
		github string
		want   string
	}{
		{"", "111111111111 production=false diff=true pr-env= | 222222222222 production=true diff=false pr-env= | 333333333333 production=true diff=false pr-env="},
		{"  pullRequestEnvironment: pr-review\n", "111111111111 production=false diff=true pr-env= | 222222222222 production=true diff=true pr-env=pr-review | 333333333333 production=true diff=true pr-env=pr-review"},
	} {
		var got []string
		for _, p := range loadFS(t, files(c.github)).DeployStacks() {
			got = append(got, fmt.Sprintf("%s production=%v diff=%v pr-env=%s", p.Account, p.Production, p.DiffRole, p.Role.PullRequestEnvironment))
		}
		if strings.Join(got, " | ") != c.want {
			t.Errorf("github %q:\n got %s\nwant %s", c.github, strings.Join(got, " | "), c.want)
		}
	}
}

// The delivery fields are checked at their line: the IDs are required,
// the workflows, the ref and the pull-request environment follow GitHub's
// rules, and the pull-request environment is none that deploys.
func TestGitHubDeliveryErrors(t *testing.T) {
	env := "account: \"111111111111\"\nregion: eu-west-1\n"
	base := strings.Split(githubServices, "  repositoryId:")[0]
	for _, c := range []struct{ github, want string }{
		{"", "cfg/services.yaml:9: github.repositoryId: is required; expected the number `gh api repos/example-org/shop --jq .id` prints"},
		{"  repositoryId: 2\n", "github.repositoryOwnerId: is required; expected the number `gh api repos/example-org/shop --jq .owner.id` prints"},
		{"  repositoryId: 2\n  repositoryOwnerId: 1\n  deployWorkflow: deploy.yml\n", `cfg/services.yaml:12: github.deployWorkflow: "deploy.yml" is not a workflow file; expected .github/workflows/<name>.yml`},
		{"  repositoryId: 2\n  repositoryOwnerId: 1\n  deployRef: main\n", `github.deployRef: "main" is not a branch or tag ref`},
		{"  repositoryId: 2\n  repositoryOwnerId: 1\n  pullRequestEnvironment: Dev\n", `github.pullRequestEnvironment: "Dev" is also the GitHub environment that deploys environment dev; pull requests need one of their own`},
	} {
		_, err := tryLoadFS(map[string]string{"services.yaml": base + c.github, "environments/dev.yaml": env})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("github %q: %v\nwant %s", c.github, err, c.want)
		}
	}
}
