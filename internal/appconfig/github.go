package appconfig

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
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
	// BootstrapQualifier is the qualifier given to cdk bootstrap --qualifier; the deploy roles may assume the bootstrap roles cdk-<qualifier>-{deploy,file-publishing}-role-<account>-<region>. Default: hnb659fds, the CDK's.
	BootstrapQualifier string `yaml:"bootstrapQualifier,omitempty" json:"bootstrapQualifier,omitempty" jsonschema:"pattern=^[A-Za-z0-9_-]{1\\,10}$"`
	// RepositoryID is the repository's numeric ID (gh api repos/OWNER/REPO --jq .id). The roles trust the repository's custom OIDC subject, which names it: a repository that takes the name after a rename or a deletion gets no access. Required.
	RepositoryID int `yaml:"repositoryId" json:"repositoryId" jsonschema:"minimum=1"`
	// RepositoryOwnerID is the numeric ID of the repository's owner (gh api repos/OWNER/REPO --jq .owner.id). Required.
	RepositoryOwnerID int `yaml:"repositoryOwnerId" json:"repositoryOwnerId" jsonschema:"minimum=1"`
	// DeployWorkflow is the path of the workflow file whose jobs deploy, .github/workflows/deploy.yml when unset: the deploy roles trust its jobs at deployRef only. Default: the repository's deploy workflow
	DeployWorkflow string `yaml:"deployWorkflow,omitempty" json:"deployWorkflow,omitempty" jsonschema:"pattern=^\\.github/workflows/[A-Za-z0-9._-]+\\.ya?ml$"`
	// DeployRef is the protected branch (or tag) deploys run from, as a ref. Default: refs/heads/main.
	DeployRef string `yaml:"deployRef,omitempty" json:"deployRef,omitempty" jsonschema:"pattern=^refs/(heads|tags)/"`
	// PullRequestWorkflow is the path of the workflow file whose pull-request jobs compare with the deployed stacks, .github/workflows/pull-request.yml when unset: the diff roles trust its jobs only. Default: the repository's pull-request workflow
	PullRequestWorkflow string `yaml:"pullRequestWorkflow,omitempty" json:"pullRequestWorkflow,omitempty" jsonschema:"pattern=^\\.github/workflows/[A-Za-z0-9._-]+\\.ya?ml$"`
	// PullRequestEnvironment is a GitHub environment with required reviewers: pull-request jobs that run in it may read the templates of accounts that hold a production environment (deletionProtection or terminationProtection on). Default: none, those accounts get no diff role.
	PullRequestEnvironment string `yaml:"pullRequestEnvironment,omitempty" json:"pullRequestEnvironment,omitempty" jsonschema:"maxLength=255"`
}

// DeployStackInfix names the deploy-role stacks: <app>-deploy-<account>.
const DeployStackInfix = "-deploy-"

// DeployStackPlan is the deploy-role stack of one account: GitHub's OIDC
// provider (or an existing one), the deploy role that the deploy jobs of
// the GitHub environments of the account's environments may assume, the
// read-only diff role for pull requests (none in a production account
// without pullRequestEnvironment), and the bootstrap's execution policy
// and permissions boundary.
type DeployStackPlan struct {
	// StackName is <app>-deploy-<account>.
	StackName string
	// Account, and Region: the region of the account's first environment
	// (by name), where the stack is deployed. IAM is global; the region
	// only says where CloudFormation keeps the stack.
	Account, Region string
	// Environments are the account's environments, sorted.
	Environments []string
	// Role is the GitHubDeployRole's props: the repository and its IDs,
	// the workflows, the GitHub environments of the account's environments
	// (sorted, each once), the existing provider, the qualifier, and the
	// stacks of the account's environments, each in its region.
	Role spec.GitHubDeployRoleProps
	// Production is true when one of the account's environments is
	// production (NamedEnvironment.Production).
	Production bool
	// DiffRole is false in a production account without
	// pullRequestEnvironment: no pull request reads it.
	DiffRole bool
	// RolePrefix starts the names of the roles the app's stacks create:
	// <app>-, as CloudFormation names a stack's roles after the stack.
	RolePrefix string
	// Tags are tagged on the stack: app and owner.
	Tags map[string]string
}

// DeployStackName is the name of the deploy-role stack of account.
func (c *Config) DeployStackName(account string) string {
	return c.Services.App + DeployStackInfix + account
}

// Production reports whether e is production: its log groups or its
// stacks are protected from deletion (deletionProtection,
// terminationProtection).
func (e NamedEnvironment) Production() bool {
	return e.Environment.DeletionProtection || (e.Environment.TerminationProtection != nil && *e.Environment.TerminationProtection)
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
					BootstrapQualifier: gh.BootstrapQualifier,
					GitHubDelivery: spec.GitHubDelivery{
						RepositoryID: idString(gh.RepositoryID), RepositoryOwnerID: idString(gh.RepositoryOwnerID),
						DeployWorkflow: gh.DeployWorkflow, DeployRef: gh.DeployRef, PullRequestWorkflow: gh.PullRequestWorkflow,
					},
				},
				RolePrefix: c.Services.App + "-",
				Tags:       map[string]string{"app": c.Services.App, "owner": c.Services.Owner},
			}
			byAccount[e.Account] = p
			accounts = append(accounts, e.Account)
		}
		p.Environments = append(p.Environments, e.Name)
		if ghEnv := e.GitHubEnvironment(); !containsFold(p.Role.Environments, ghEnv) {
			p.Role.Environments = append(p.Role.Environments, ghEnv)
		}
		p.Production = p.Production || e.Production()
		if plans, err := c.Plan(e.Name); err == nil {
			for _, s := range plans {
				p.Role.Stacks = append(p.Role.Stacks, spec.StackRef{Name: s.StackName, Region: s.Region})
			}
		}
	}
	sort.Strings(accounts)
	out := make([]DeployStackPlan, len(accounts))
	for i, a := range accounts {
		p := *byAccount[a]
		sort.Strings(p.Role.Environments)
		p.DiffRole = !p.Production || gh.PullRequestEnvironment != ""
		if p.Production {
			p.Role.PullRequestEnvironment = gh.PullRequestEnvironment
		}
		out[i] = p
	}
	return out
}

// idString is a GitHub ID as the subject writes it, "" for none.
func idString(id int) string {
	if id <= 0 {
		return ""
	}
	return strconv.Itoa(id)
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
	errs = append(errs, c.validateGitHubDelivery()...)
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

// validateGitHubDelivery checks what binds the roles to the repository's
// protected workflows: the repository's and owner's IDs (required), the
// workflow files, the deploy ref and the pull-request environment.
func (c *Config) validateGitHubDelivery() ErrorList {
	d, gh := c.services, c.Services.GitHub
	var errs ErrorList
	for _, id := range []struct {
		field, jq string
		value     int
	}{{"repositoryId", ".id", gh.RepositoryID}, {"repositoryOwnerId", ".owner.id", gh.RepositoryOwnerID}} {
		if id.value <= 0 && !d.damagedAt("github."+id.field) {
			errs = append(errs, d.at("github."+id.field, "is required; expected the number `gh api repos/%s --jq %s` prints: the deploy roles trust the repository's custom OIDC subject, which names it (README: Deploying from CI)", gh.Repository, id.jq))
		}
	}
	for _, f := range []struct {
		field, value string
		check        func(field, v string) error
	}{
		{"deployWorkflow", gh.DeployWorkflow, spec.CheckWorkflowPath},
		{"deployRef", gh.DeployRef, spec.CheckGitRef},
		{"pullRequestWorkflow", gh.PullRequestWorkflow, spec.CheckWorkflowPath},
		{"pullRequestEnvironment", gh.PullRequestEnvironment, spec.CheckGitHubEnvironment},
	} {
		if f.value == "" {
			continue
		}
		if err := f.check(f.field, f.value); err != nil {
			errs = append(errs, d.at("github."+f.field, "%s", fieldMsg(err)))
		}
	}
	if env := gh.PullRequestEnvironment; env != "" {
		for _, e := range c.Environments {
			if strings.EqualFold(e.GitHubEnvironment(), env) {
				errs = append(errs, d.at("github.pullRequestEnvironment", "%s is also the GitHub environment that deploys environment %s; pull requests need one of their own, with required reviewers", quote(env), e.Name))
				break
			}
		}
	}
	return errs
}
