package appconfig

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/eventwatch/eventwatch/constructs/spec"
)

// GitHub configures deploying from GitHub Actions (services.yaml's github
// section): one deploy-role stack per account of the environments.
type GitHub struct {
	// Repository is the GitHub repository whose workflows deploy, owner/name, spelled as GitHub spells it (IAM compares the OIDC subject case-sensitively). Required.
	Repository string `yaml:"repository" json:"repository" jsonschema:"pattern=^[A-Za-z0-9-]{1\\,39}/[A-Za-z0-9._-]{1\\,100}$"`
	// OidcProviderArns names, per account ID, GitHub's OIDC provider that already exists in that account (an account holds one provider per URL): the account's deploy-role stack trusts it instead of creating one. Default: none, each deploy-role stack creates the provider.
	OidcProviderArns map[string]string `yaml:"oidcProviderArns,omitempty" json:"oidcProviderArns,omitempty"`
	// BootstrapQualifier is the qualifier given to cdk bootstrap --qualifier; the deploy roles may assume the bootstrap roles cdk-<qualifier>-*-role-<account>-<region>. Default: hnb659fds, the CDK's.
	BootstrapQualifier string `yaml:"bootstrapQualifier,omitempty" json:"bootstrapQualifier,omitempty" jsonschema:"pattern=^[A-Za-z0-9_-]{1\\,10}$"`
}

// DeployStackInfix names the deploy-role stacks: <app>-deploy-<account>.
const DeployStackInfix = "-deploy-"

// DeployStackPlan is the deploy-role stack of one account: GitHub's OIDC
// provider (or an existing one), the deploy role that the GitHub
// environments of the account's environments may assume, and the
// read-only diff role for pull requests.
type DeployStackPlan struct {
	// StackName is <app>-deploy-<account>.
	StackName string
	// Account, and Region: the region of the account's first environment
	// (by name), where the stack is deployed. IAM is global; the region
	// only says where CloudFormation keeps the stack.
	Account, Region string
	// Environments are the account's environments, sorted.
	Environments []string
	// Role is the GitHubDeployRole's props: the repository, the GitHub
	// environments of the account's environments (sorted, each once), the
	// existing provider, the qualifier, and the app's stacks (<app>-*) for
	// the diff role.
	Role spec.GitHubDeployRoleProps
	// Tags are tagged on the stack: app and owner.
	Tags map[string]string
}

// DeployStackName is the name of the deploy-role stack of account.
func (c *Config) DeployStackName(account string) string {
	return c.Services.App + DeployStackInfix + account
}

// GitHubEnvironment is the GitHub environment that deploys e: its
// githubEnvironment, or its name.
func (e NamedEnvironment) GitHubEnvironment() string {
	if e.Environment.GitHubEnvironment != "" {
		return e.Environment.GitHubEnvironment
	}
	return e.Name
}

// DeployStacks plans one deploy-role stack per account of the
// environments, by account; none when services.yaml has no github section.
func (c *Config) DeployStacks() []DeployStackPlan {
	gh := c.Services.GitHub
	if gh == nil {
		return nil
	}
	byAccount := map[string]*DeployStackPlan{}
	var accounts []string
	for _, e := range c.Environments { // sorted by name: the first is the account's first environment
		p, ok := byAccount[e.Account]
		if !ok {
			p = &DeployStackPlan{
				StackName: c.DeployStackName(e.Account), Account: e.Account, Region: e.Region,
				Role: spec.GitHubDeployRoleProps{
					Repository: gh.Repository, OIDCProviderArn: gh.OidcProviderArns[e.Account],
					BootstrapQualifier: gh.BootstrapQualifier, DiffStackPattern: c.Services.App + "-*",
				},
				Tags: map[string]string{"app": c.Services.App, "owner": c.Services.Owner},
			}
			byAccount[e.Account] = p
			accounts = append(accounts, e.Account)
		}
		p.Environments = append(p.Environments, e.Name)
		if ghEnv := e.GitHubEnvironment(); !containsFold(p.Role.Environments, ghEnv) {
			p.Role.Environments = append(p.Role.Environments, ghEnv)
		}
	}
	sort.Strings(accounts)
	out := make([]DeployStackPlan, len(accounts))
	for i, a := range accounts {
		out[i] = *byAccount[a]
		sort.Strings(out[i].Role.Environments)
	}
	return out
}

// containsFold: GitHub environment names are not case-sensitive.
func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

var accountKeyRE = regexp.MustCompile(`^[0-9]{12}$`)

// validateGitHub checks the github section and each environment's
// githubEnvironment: GitHub's rules for repository and environment names,
// providers named for accounts the environments use, in their partition,
// and one account per GitHub environment (it holds one AWS_DEPLOY_ROLE_ARN).
func (c *Config) validateGitHub() ErrorList {
	d, gh := c.services, c.Services.GitHub
	var errs ErrorList
	if gh == nil {
		for _, e := range c.Environments {
			if e.Environment.GitHubEnvironment != "" {
				errs = append(errs, e.doc.at("githubEnvironment", "is set, but %s has no github section; add github.repository, or remove the key", ServicesFile))
			}
		}
		return errs
	}
	if err := spec.CheckGitHubRepository("repository", gh.Repository); err != nil {
		errs = append(errs, d.at("github.repository", "%s", fieldMsg(err)))
	}
	if gh.BootstrapQualifier != "" {
		p := spec.GitHubDeployRoleProps{Repository: "o/r", Environments: []string{"e"}, BootstrapQualifier: gh.BootstrapQualifier}
		if err := p.Validate(); err != nil {
			errs = append(errs, d.at("github.bootstrapQualifier", "%s", fieldMsg(err)))
		}
	}
	regionOf := map[string]string{} // account → region of its first environment
	accountsUnknown := false        // an environment's account failed to decode
	for _, e := range c.Environments {
		if _, ok := regionOf[e.Account]; !ok {
			regionOf[e.Account] = e.Region
		}
		accountsUnknown = accountsUnknown || e.doc.damagedAt("account")
	}
	for _, account := range sortedKeys(gh.OidcProviderArns) {
		arn, field := gh.OidcProviderArns[account], "github.oidcProviderArns."+account
		region, used := regionOf[account]
		switch {
		case !accountKeyRE.MatchString(account):
			errs = append(errs, d.at(field, "%s is not an AWS account ID; expected 12 digits, quoted", quote(account)))
		case !used:
			if hint, report := d.suggest.unknownName(account, sortedKeys(regionOf), accountsUnknown); report {
				errs = append(errs, d.at(field, "no environment is in account %s; %s", account, hint))
			}
		case spec.OIDCProviderAccount(arn) == "":
			errs = append(errs, d.at(field, "%s is not the ARN of GitHub's OIDC provider; expected arn:aws:iam::%s:oidc-provider/%s", quote(arn), account, spec.GitHubOIDCHost))
		case spec.OIDCProviderAccount(arn) != account:
			errs = append(errs, d.at(field, "%s is a provider of account %s, not %s; a role can only trust a provider of its own account", quote(arn), spec.OIDCProviderAccount(arn), account))
		case spec.PartitionOf(region) != "" && spec.OIDCProviderPartition(arn) != spec.PartitionOf(region):
			errs = append(errs, d.at(field, "%s is in the partition %s, but the account's environments are in %s (%s)", quote(arn), spec.OIDCProviderPartition(arn), spec.PartitionOf(region), region))
		}
	}
	accountOf := map[string]NamedEnvironment{} // lower-case GitHub environment → first environment deployed by it
	for _, e := range c.Environments {
		ghEnv := e.GitHubEnvironment()
		if e.Environment.GitHubEnvironment != "" {
			if err := spec.CheckGitHubEnvironment("githubEnvironment", ghEnv); err != nil {
				errs = append(errs, e.doc.at("githubEnvironment", "%s", fieldMsg(err)))
				continue
			}
		}
		if e.doc.damagedAt("account") {
			continue // the account is not known
		}
		if first, ok := accountOf[strings.ToLower(ghEnv)]; ok && first.Account != e.Account {
			errs = append(errs, e.doc.at("githubEnvironment", "the GitHub environment %s also deploys environment %s, in account %s; a GitHub environment holds one AWS_DEPLOY_ROLE_ARN, so its environments must share an account (set githubEnvironment to another name)", quote(ghEnv), first.Name, first.Account))
		} else if !ok {
			accountOf[strings.ToLower(ghEnv)] = e
		}
	}
	return errs
}

// checkDeployStackNames checks that no environment's stack takes the name
// of a deploy-role stack (an environment named deploy-<account>).
func (c *Config) checkDeployStackNames(sound soundness) ErrorList {
	var errs ErrorList
	deploy := map[string]string{}
	for _, p := range c.DeployStacks() {
		deploy[p.StackName] = p.Account
	}
	for _, e := range c.Environments {
		plans, err := c.Plan(e.Name)
		if err != nil || !sound.environment(e) {
			continue // reported by checkCollisions, or the names' own problem
		}
		for _, p := range plans {
			if account, taken := deploy[p.StackName]; taken {
				errs = append(errs, &Error{File: e.doc.file, Msg: fmt.Sprintf("the stack name %s is also the deploy-role stack of account %s (github in %s); rename the environment file or the service's stack", p.StackName, account, ServicesFile)})
			}
		}
	}
	return errs
}
