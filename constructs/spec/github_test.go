package spec

import (
	"strings"
	"testing"
)

// One case per rule of GitHubDeployRoleProps: each changes one thing of a
// valid base, and the error names the field, the value and the rule.
func TestGitHubDeployRoleRules(t *testing.T) {
	role := func(f func(*GitHubDeployRoleProps)) func() error {
		return func() error {
			p := GitHubDeployRoleProps{Repository: "example-org/eventwatch", Environments: []string{"prod"}}
			f(&p)
			return p.Validate()
		}
	}
	cases := []struct {
		name, want string
		validate   func() error
	}{
		{"repository required", "repository: is required", role(func(p *GitHubDeployRoleProps) { p.Repository = "" })},
		{"repository without owner", `repository: "eventwatch" is not a GitHub repository; expected owner/name`,
			role(func(p *GitHubDeployRoleProps) { p.Repository = "eventwatch" })},
		{"repository with a path", `"a/b/c" is not a GitHub repository`, role(func(p *GitHubDeployRoleProps) { p.Repository = "a/b/c" })},
		{"owner too long", "the owner \"" + strings.Repeat("o", 40) + "\" is not a GitHub user or organization name; expected 1 to 39",
			role(func(p *GitHubDeployRoleProps) { p.Repository = strings.Repeat("o", 40) + "/r" })},
		{"owner double hyphen", `the owner "example--org" is not`, role(func(p *GitHubDeployRoleProps) { p.Repository = "example--org/r" })},
		{"owner leading hyphen", `the owner "-org" is not`, role(func(p *GitHubDeployRoleProps) { p.Repository = "-org/r" })},
		{"owner underscore", `the owner "my_org" is not`, role(func(p *GitHubDeployRoleProps) { p.Repository = "my_org/r" })},
		{"repo name characters", `the name "event watch" is not a GitHub repository name`, role(func(p *GitHubDeployRoleProps) { p.Repository = "org/event watch" })},
		{"repo name too long", "expected 1 to 100 letters", role(func(p *GitHubDeployRoleProps) { p.Repository = "org/" + strings.Repeat("r", 101) })},
		{"repo name dot dot", `the name ".." is not a GitHub repository name; GitHub does not allow . or ..`, role(func(p *GitHubDeployRoleProps) { p.Repository = "org/.." })},
		{"environments required", "environments: is empty", role(func(p *GitHubDeployRoleProps) { p.Environments = nil })},
		{"environment empty", `environments[0]: "" is 0 characters; a GitHub environment name is 1 to 255`, role(func(p *GitHubDeployRoleProps) { p.Environments = []string{""} })},
		{"environment too long", "is 256 characters; a GitHub environment name is 1 to 255",
			role(func(p *GitHubDeployRoleProps) { p.Environments = []string{strings.Repeat("e", 256)} })},
		{"environment control character", `environments[1]: "pr\nod" contains the control character '\n'`,
			role(func(p *GitHubDeployRoleProps) { p.Environments = []string{"dev", "pr\nod"} })},
		{"environment colon", `"prod:eu" contains ':', which would make the OIDC subject`, role(func(p *GitHubDeployRoleProps) { p.Environments = []string{"prod:eu"} })},
		{"environment twice, any case", `environments[1]: "Prod" is listed twice (first as environments[0])`,
			role(func(p *GitHubDeployRoleProps) { p.Environments = []string{"prod", "Prod"} })},
		{"provider arn", `oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/example.com" is not the ARN of GitHub's OIDC provider`,
			role(func(p *GitHubDeployRoleProps) {
				p.OIDCProviderArn = "arn:aws:iam::123456789012:oidc-provider/example.com"
			})},
		{"qualifier characters", `bootstrapQualifier: "my.qual" is not a CDK bootstrap qualifier`, role(func(p *GitHubDeployRoleProps) { p.BootstrapQualifier = "my.qual" })},
		{"qualifier length", `"abcdefghijk" is not a CDK bootstrap qualifier; expected 1 to 10`, role(func(p *GitHubDeployRoleProps) { p.BootstrapQualifier = "abcdefghijk" })},
		{"diff stack pattern", `diffStackPattern: "app/*" is not a stack name pattern`, role(func(p *GitHubDeployRoleProps) { p.DiffStackPattern = "app/*" })},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.validate()
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want it to contain %q", err, c.want)
			}
		})
	}
}

func TestGitHubDeployRoleValidPropsAndTokens(t *testing.T) {
	for _, p := range []GitHubDeployRoleProps{
		{Repository: "example-org/eventwatch", Environments: []string{"dev", "staging", "prod"}},
		{Repository: "a/b", Environments: []string{"Production (EU) – main"}, BootstrapQualifier: "team_a-1", DiffStackPattern: "eventwatch-*"},
		{Repository: "Octo-Org1/my.repo_name-2", Environments: []string{strings.Repeat("e", 255)},
			OIDCProviderArn: "arn:aws-cn:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},
		{Repository: "${Token[TOKEN.1]}", Environments: []string{"${Token[TOKEN.2]}", "${Token[TOKEN.3]}"}, OIDCProviderArn: "${Token[TOKEN.4]}"},
	} {
		if err := p.Validate(); err != nil {
			t.Errorf("%+v: %v", p, err)
		}
	}
}

func TestGitHubDeployRoleDefaultsAndSubjects(t *testing.T) {
	d := GitHubDeployRoleProps{}.WithDefaults()
	if d.BootstrapQualifier != "hnb659fds" || d.DiffStackPattern != "*" {
		t.Errorf("defaults %+v", d)
	}
	if got := GitHubEnvironmentSubject("o/r", "prod"); got != "repo:o/r:environment:prod" {
		t.Error(got)
	}
	if got := GitHubPullRequestSubject("o/r"); got != "repo:o/r:pull_request" {
		t.Error(got)
	}
	arn := "arn:aws:iam::333333333333:oidc-provider/token.actions.githubusercontent.com"
	if OIDCProviderAccount(arn) != "333333333333" || OIDCProviderPartition(arn) != "aws" || OIDCProviderAccount("x") != "" {
		t.Errorf("account %q partition %q", OIDCProviderAccount(arn), OIDCProviderPartition(arn))
	}
}
