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
`

func loadFS(t *testing.T, files map[string]string) *appconfig.Config {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	cfg, err := appconfig.Load(fsys, "cfg", queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
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
		got = append(got, fmt.Sprintf("%s %s/%s envs=%v github=%v provider=%q qualifier=%s stacks=%s",
			p.StackName, p.Account, p.Region, p.Environments, p.Role.Environments, p.Role.OIDCProviderArn, p.Role.BootstrapQualifier, p.Role.DiffStackPattern))
	}
	want := []string{
		`shop-deploy-111111111111 111111111111/us-east-1 envs=[demo dev qa] github=[Demo dev] provider="" qualifier=team1 stacks=shop-*`,
		`shop-deploy-222222222222 222222222222/eu-central-1 envs=[prod prod-us] github=[prod] provider="arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com" qualifier=team1 stacks=shop-*`,
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
