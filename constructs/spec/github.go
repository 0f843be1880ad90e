package spec

import (
	"regexp"
	"strings"
	"unicode"
)

// GitHub Actions' OpenID Connect provider, and the names the roles that
// trust it are built from. The defaults of GitHubDeployRoleProps are here
// too, in one place.
const (
	// GitHubOIDCHost is the issuer of GitHub Actions' OIDC tokens, the URL
	// (with https://) of the IAM OIDC provider, and the prefix of the
	// condition keys (token.actions.githubusercontent.com:sub).
	GitHubOIDCHost = "token.actions.githubusercontent.com"
	// GitHubOIDCAudience is the audience aws-actions/configure-aws-credentials asks for.
	GitHubOIDCAudience = "sts.amazonaws.com"
	// DefaultBootstrapQualifier is the qualifier `cdk bootstrap` uses
	// without --qualifier; it names the bootstrap roles cdk-<qualifier>-*.
	DefaultBootstrapQualifier = "hnb659fds"
	// DefaultDiffStackPattern: the diff role may read every stack of the account.
	DefaultDiffStackPattern = "*"
	// MaxGitHubOwnerLength is GitHub's limit on user and organization names.
	MaxGitHubOwnerLength = 39
	// MaxGitHubRepoNameLength is GitHub's limit on repository names.
	MaxGitHubRepoNameLength = 100
	// MaxGitHubEnvironmentLength is GitHub's limit on environment names.
	MaxGitHubEnvironmentLength = 255
	// MaxBootstrapQualifierLength is `cdk bootstrap --qualifier`'s limit.
	MaxBootstrapQualifierLength = 10
)

var (
	// githubOwnerRE: letters, digits and single hyphens, not at either end.
	githubOwnerRE = regexp.MustCompile(`^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$`)
	// githubRepoRE: the characters GitHub keeps in a repository name.
	githubRepoRE = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)
	// qualifierRE is the CDK CLI's check of a bootstrap qualifier.
	qualifierRE = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
	// oidcProviderArnRE is the ARN of GitHub's OIDC provider in an account.
	oidcProviderArnRE = regexp.MustCompile(`^arn:(aws[a-z-]*):iam::([0-9]{12}):oidc-provider/` + regexp.QuoteMeta(GitHubOIDCHost) + `$`)
	// stackPatternRE is a CloudFormation stack name with '*' wildcards.
	stackPatternRE = regexp.MustCompile(`^[A-Za-z*][-A-Za-z0-9*]*$`)
)

// GitHubDeployRoleProps configures a GitHubDeployRole: the roles GitHub
// Actions workflows of one repository assume in one account.
type GitHubDeployRoleProps struct {
	// Repository is "owner/name", as GitHub spells it (the sub claim is
	// compared case-sensitively). Required.
	Repository string
	// Environments are the GitHub environments whose jobs may assume the
	// deploy role. Required, at least one.
	Environments []string
	// OIDCProviderArn is the ARN of GitHub's OIDC provider that already
	// exists in the account. Default: "", a new provider.
	OIDCProviderArn string
	// BootstrapQualifier names the CDK bootstrap roles the deploy role may
	// assume. Default: DefaultBootstrapQualifier.
	BootstrapQualifier string
	// DiffStackPattern names the stacks the diff role may read, with '*'
	// wildcards ("eventwatch-*"), when Stacks is empty.
	// Default: DefaultDiffStackPattern.
	DiffStackPattern string
	// The delivery path's bindings and scope (github_delivery.go).
	GitHubDelivery
}

// WithDefaults returns the props with every default applied.
func (p GitHubDeployRoleProps) WithDefaults() GitHubDeployRoleProps {
	if p.BootstrapQualifier == "" {
		p.BootstrapQualifier = DefaultBootstrapQualifier
	}
	if p.DiffStackPattern == "" {
		p.DiffStackPattern = DefaultDiffStackPattern
	}
	p.GitHubDelivery = p.GitHubDelivery.withDefaults()
	return p
}

// Validate checks the repository, the environments, the provider ARN, the
// qualifier and the stack pattern, and reports every problem (see
// Problems). Values that are tokens are skipped.
func (p *GitHubDeployRoleProps) Validate() error {
	var ps Problems
	ps.Add(CheckGitHubRepository("repository", p.Repository))
	if len(p.Environments) == 0 {
		ps.Add(fieldErr("environments", "is empty; expected the GitHub environments whose deploy jobs assume the role, such as prod"))
	}
	seen := map[string]int{}
	for i, env := range p.Environments {
		field := indexField("environments", i)
		if err := CheckGitHubEnvironment(field, env); err != nil {
			ps.Add(err)
			continue
		}
		// GitHub compares environment names without regard to case.
		if first, dup := seen[strings.ToLower(env)]; dup && !IsUnresolved(env) {
			ps.Add(fieldErr(field, "%s is listed twice (first as environments[%d]); GitHub environment names are not case-sensitive", echo(env), first))
			continue
		}
		seen[strings.ToLower(env)] = i
	}
	if p.OIDCProviderArn != "" && !IsUnresolved(p.OIDCProviderArn) && !oidcProviderArnRE.MatchString(p.OIDCProviderArn) {
		ps.Add(fieldErr("oidcProviderArn", "%s is not the ARN of GitHub's OIDC provider; expected arn:aws:iam::<account>:oidc-provider/%s", echo(p.OIDCProviderArn), GitHubOIDCHost))
	}
	if q := p.BootstrapQualifier; q != "" && !IsUnresolved(q) {
		if chars(q) > MaxBootstrapQualifierLength || !qualifierRE.MatchString(q) {
			ps.Add(fieldErr("bootstrapQualifier", "%s is not a CDK bootstrap qualifier; expected 1 to %d letters, digits, '_' or '-' (cdk bootstrap --qualifier)", echo(q), MaxBootstrapQualifierLength))
		}
	}
	p.validateDelivery(&ps)
	if s := p.DiffStackPattern; s != "" && !IsUnresolved(s) {
		if chars(s) > MaxStackNameLength || !stackPatternRE.MatchString(s) {
			ps.Add(fieldErr("diffStackPattern", "%s is not a stack name pattern; expected a letter or '*', then letters, digits, '-' and '*', at most %d characters", echo(s), MaxStackNameLength))
		}
	}
	return ps.Err()
}

// CheckGitHubRepository checks "owner/name" against GitHub's rules: the
// owner 1 to 39 letters, digits or single hyphens, not starting or ending
// with one; the name 1 to 100 letters, digits, '.', '_' or '-', not "." or "..".
func CheckGitHubRepository(field, repo string) error {
	if IsUnresolved(repo) {
		return nil
	}
	owner, name, ok := strings.Cut(repo, "/")
	switch {
	case repo == "":
		return fieldErr(field, "is required; expected the GitHub repository as owner/name, such as example-org/eventwatch")
	case !ok || strings.Contains(name, "/"):
		return fieldErr(field, "%s is not a GitHub repository; expected owner/name, such as example-org/eventwatch", echo(repo))
	case owner == "" || chars(owner) > MaxGitHubOwnerLength || !githubOwnerRE.MatchString(owner):
		return fieldErr(field, "%s: the owner %s is not a GitHub user or organization name; expected 1 to %d letters, digits or single hyphens, not starting or ending with a hyphen", echo(repo), echo(owner), MaxGitHubOwnerLength)
	case name == "" || chars(name) > MaxGitHubRepoNameLength || !githubRepoRE.MatchString(name):
		return fieldErr(field, "%s: the name %s is not a GitHub repository name; expected 1 to %d letters, digits, '.', '_' or '-'", echo(repo), echo(name), MaxGitHubRepoNameLength)
	case name == "." || name == "..":
		return fieldErr(field, "%s: the name %s is not a GitHub repository name; GitHub does not allow . or ..", echo(repo), echo(name))
	}
	return nil
}

// CheckGitHubEnvironment checks a GitHub environment name: 1 to 255
// characters (GitHub's limit), no control characters, and no ':', which
// would make the OIDC sub claim repo:<owner>/<repo>:environment:<name>
// ambiguous.
func CheckGitHubEnvironment(field, env string) error {
	if IsUnresolved(env) {
		return nil
	}
	if env == "" || chars(env) > MaxGitHubEnvironmentLength {
		return fieldErr(field, "%s is %d characters; a GitHub environment name is 1 to %d", echo(env), chars(env), MaxGitHubEnvironmentLength)
	}
	for _, r := range env {
		switch {
		case unicode.IsControl(r):
			return fieldErr(field, "%s contains the control character %q; GitHub does not allow them in environment names", echo(env), r)
		case r == ':':
			return fieldErr(field, "%s contains ':', which would make the OIDC subject repo:<owner>/<repo>:environment:<name> ambiguous; rename the GitHub environment", echo(env))
		}
	}
	return nil
}

// GitHubEnvironmentSubject is the OIDC sub claim of a job that runs in a
// GitHub environment.
func GitHubEnvironmentSubject(repo, env string) string {
	return "repo:" + repo + ":environment:" + env
}

// GitHubPullRequestSubject is the OIDC sub claim of a job that runs for a
// pull request (one that names no environment).
func GitHubPullRequestSubject(repo string) string { return "repo:" + repo + ":pull_request" }

// OIDCProviderAccount is the account in the ARN of a GitHub OIDC
// provider, or "" when arn is not one.
func OIDCProviderAccount(arn string) string {
	m := oidcProviderArnRE.FindStringSubmatch(arn)
	if m == nil {
		return ""
	}
	return m[2]
}

// OIDCProviderPartition is the partition in the ARN of a GitHub OIDC
// provider, or "" when arn is not one.
func OIDCProviderPartition(arn string) string {
	m := oidcProviderArnRE.FindStringSubmatch(arn)
	if m == nil {
		return ""
	}
	return m[1]
}
