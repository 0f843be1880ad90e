package iam

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/eventwatch/eventwatch/constructs/spec"
	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/internal/safefile"
	"gopkg.in/yaml.v3"
)

// Files the suite reads, relative to the repository root.
const (
	// BootstrapTemplateFile is the CDK bootstrap template of the pinned
	// CLI: the bootstrap roles' trust and policies come from it.
	BootstrapTemplateFile = "node_modules/aws-cdk/lib/api/bootstrap/bootstrap-template.yaml"
	// ManagedPoliciesFile holds the AWS managed policies the bootstrap
	// roles attach, as AWS publishes them (ReadOnlyAccess: the statements
	// of the services the cases read).
	ManagedPoliciesFile = "test/iam/testdata/aws-managed-policies.json"
	// CallsFile is the table of calls (cases.go).
	CallsFile = "test/iam/testdata/calls.txt"
	// EvaluatorFile is the Node.js script that runs iam-simulate.
	EvaluatorFile = "test/iam/evaluate.mjs"
	// Partition of the example accounts.
	partition = "aws"
)

// Design is the delivery path under test: the environments, the
// deploy-role stacks' templates, how the accounts are bootstrapped, and
// the repository's OIDC subject.
type Design struct {
	App, Qualifier string
	Repository     Repository
	Environments   []Environment
	// DeployTemplates are the deploy-role stacks' templates (JSON) by stack name.
	DeployTemplates map[string][]byte
	// StackTemplates are the environments' templates by stack name: the
	// key policies of their KMS keys.
	StackTemplates map[string][]byte
	Bootstrap      Bootstrap
	// SubjectClaimKeys are the repository's include_claim_keys; nil for
	// GitHub's default subject.
	SubjectClaimKeys []string
}

// Repository is the GitHub repository and its workflows.
type Repository struct {
	Name, ID, OwnerID                                              string
	DeployWorkflow, DeployRef, PullRequestWorkflow, PullRequestEnv string
}

// Environment is what the cases of one environment need to know.
type Environment struct {
	Name, Account, Region, GitHubEnvironment string
	// Production: the account holds a production environment.
	Production bool
	// DeployStack is the account's deploy-role stack.
	DeployStack string
	// Stacks are the environment's stacks.
	Stacks []string
	// ResourceTypes are the resource types of its stacks' templates.
	ResourceTypes []string
	// Secrets are the Secrets Manager secrets its templates resolve at
	// deploy ({{resolve:secretsmanager:...}}), by name.
	Secrets []string
}

// Bootstrap is how every account of the design is bootstrapped: the
// `cdk bootstrap` options that set the template's parameters.
type Bootstrap struct {
	// ExecutionPolicies are --cloudformation-execution-policies; none for
	// the CLI's default, AdministratorAccess.
	ExecutionPolicies []string
	// Boundary is --custom-permissions-boundary, "" for none.
	Boundary string
	// BoundaryAllRoles is --apply-permissions-boundary-to-all-roles.
	BoundaryAllRoles bool
}

// FromConfig is the design of cfg: its repository, its environments (each
// with its stacks' resource types, read from templates by stack name),
// the deploy-role templates, and the accounts bootstrapped as README says
// (bootstrap from the deploy-role templates' policies).
func FromConfig(cfg *appconfig.Config, templates map[string][]byte) (*Design, error) {
	gh := cfg.Services.GitHub
	if gh == nil {
		return nil, fmt.Errorf("the config has no github section: there is no delivery path to test")
	}
	d := &Design{App: cfg.Services.App, DeployTemplates: map[string][]byte{}, StackTemplates: map[string][]byte{}, SubjectClaimKeys: spec.GitHubSubjectClaimKeys}
	for _, plan := range cfg.DeployStacks() {
		r := plan.Role.WithDefaults()
		d.Qualifier = r.BootstrapQualifier
		d.Repository = Repository{Name: r.Repository, ID: r.RepositoryID, OwnerID: r.RepositoryOwnerID,
			DeployWorkflow: r.DeployWorkflow, DeployRef: r.DeployRef, PullRequestWorkflow: r.PullRequestWorkflow, PullRequestEnv: gh.PullRequestEnvironment}
		body, ok := templates[plan.StackName]
		if !ok {
			return nil, fmt.Errorf("no template of the deploy-role stack %s", plan.StackName)
		}
		d.DeployTemplates[plan.StackName] = body
		for _, name := range plan.Environments {
			e, _ := cfg.Environment(name)
			env := Environment{Name: name, Account: e.Account, Region: e.Region, GitHubEnvironment: e.GitHubEnvironment(),
				Production: plan.Production, DeployStack: plan.StackName}
			plans, err := cfg.Plan(name)
			if err != nil {
				return nil, err
			}
			for _, p := range plans {
				env.Stacks = append(env.Stacks, p.StackName)
				d.StackTemplates[p.StackName] = templates[p.StackName]
				for _, ref := range spec.DynamicReferences(string(templates[p.StackName])) {
					if ref.Service == "secretsmanager" && !slices.Contains(env.Secrets, ref.Name) {
						env.Secrets = append(env.Secrets, ref.Name)
					}
				}
				types, err := ResourceTypes(templates[p.StackName])
				if err != nil {
					return nil, fmt.Errorf("%s: %w", p.StackName, err)
				}
				for _, t := range types {
					if !slices.Contains(env.ResourceTypes, t) {
						env.ResourceTypes = append(env.ResourceTypes, t)
					}
				}
			}
			sort.Strings(env.ResourceTypes)
			d.Environments = append(d.Environments, env)
		}
	}
	sort.Slice(d.Environments, func(i, j int) bool { return d.Environments[i].Name < d.Environments[j].Name })
	b, err := bootstrapOf(d.DeployTemplates)
	d.Bootstrap = b
	return d, err
}

// bootstrapOf is the bootstrap README gives every account: the deploy-role
// stack's execution policy and boundary, the boundary on every bootstrap
// role (every deploy-role stack names the same policies). Without them,
// the CLI's default: AdministratorAccess, no boundary.
func bootstrapOf(templates map[string][]byte) (Bootstrap, error) {
	var b Bootstrap
	for stack, body := range templates {
		var t template
		if err := json.Unmarshal(body, &t); err != nil {
			return b, fmt.Errorf("%s: %w", stack, err)
		}
		policy, boundary := t.Resources["GitHubExecutionPolicy"], t.Resources["GitHubPermissionsBoundary"]
		if policy.Type == "" || boundary.Type == "" {
			return Bootstrap{}, nil
		}
		b = Bootstrap{ExecutionPolicies: []string{"arn:" + partition + ":iam::{account}:policy/" + fmt.Sprint(policy.Properties["ManagedPolicyName"])},
			Boundary: fmt.Sprint(boundary.Properties["ManagedPolicyName"]), BoundaryAllRoles: true}
	}
	return b, nil
}

// ResourceTypes are the resource types of a template, sorted.
func ResourceTypes(body []byte) ([]string, error) {
	var t template
	if err := json.Unmarshal(body, &t); err != nil {
		return nil, err
	}
	var out []string
	for _, r := range t.Resources {
		if !slices.Contains(out, r.Type) {
			out = append(out, r.Type)
		}
	}
	sort.Strings(out)
	return out, nil
}

// params are the bootstrap template's parameters for an account, as the
// CLI sets them (its modern bootstrap, with the bucket's AWS managed key).
func (b Bootstrap) params(qualifier, account string) map[string]string {
	var policies []string
	for _, p := range b.ExecutionPolicies {
		policies = append(policies, strings.ReplaceAll(p, "{account}", account))
	}
	return map[string]string{
		"Qualifier":                          qualifier,
		"TrustedAccounts":                    "",
		"TrustedAccountsForLookup":           "",
		"CloudFormationExecutionPolicies":    strings.Join(policies, ","),
		"FileAssetsBucketKmsKeyId":           "AWS_MANAGED_KEY",
		"PublicAccessBlockConfiguration":     "true",
		"InputPermissionsBoundary":           b.Boundary,
		"ApplyPermissionsBoundaryToAllRoles": fmt.Sprint(b.BoundaryAllRoles),
	}
}

// world builds what the accounts hold: the deploy-role stacks, and the
// bootstrap stack in each region of each account. root is the repository.
func (d *Design) world(root string) (*World, error) {
	w := newWorld(partition)
	managed, err := safefile.ReadFile(filepath.Join(root, ManagedPoliciesFile), safefile.Template)
	if err != nil {
		return nil, err
	}
	if err := w.addManaged(managed); err != nil {
		return nil, err
	}
	for stack, body := range d.DeployTemplates {
		var t template
		if err := json.Unmarshal(body, &t); err != nil {
			return nil, fmt.Errorf("%s: %w", stack, err)
		}
		env := d.deployStackEnv(stack)
		if err := w.addTemplate(t, stack, env.Account, env.Region, nil); err != nil {
			return nil, err
		}
	}
	for _, e := range d.Environments {
		for _, stack := range e.Stacks {
			var t template
			if err := json.Unmarshal(d.StackTemplates[stack], &t); err != nil {
				return nil, fmt.Errorf("%s: %w", stack, err)
			}
			if err := w.addTemplate(t, stack, e.Account, e.Region, nil, "AWS::KMS::Key"); err != nil {
				return nil, err
			}
		}
	}
	bootstrap, err := safefile.ReadFile(filepath.Join(root, BootstrapTemplateFile), safefile.Template)
	if err != nil {
		return nil, fmt.Errorf("%w (make setup installs the pinned CDK CLI)", err)
	}
	var bt template
	if err := yaml.Unmarshal(bootstrap, &bt); err != nil {
		return nil, fmt.Errorf("%s: %w", BootstrapTemplateFile, err)
	}
	done := map[string]bool{}
	for _, e := range d.Environments {
		if key := e.Account + "/" + e.Region; !done[key] {
			done[key] = true
			if err := w.addTemplate(bt, spec.CDKToolkitStackName, e.Account, e.Region, d.Bootstrap.params(d.Qualifier, e.Account)); err != nil {
				return nil, fmt.Errorf("%s: %w", BootstrapTemplateFile, err)
			}
		}
	}
	return w, w.link()
}

// deployStackEnv is the first environment of a deploy-role stack's
// account; the stack is in its region.
func (d *Design) deployStackEnv(stack string) Environment {
	for _, e := range d.Environments {
		if e.DeployStack == stack {
			return e
		}
	}
	return Environment{}
}

// other is an environment in another account than e's, if there is one.
func (d *Design) other(e Environment) (Environment, bool) {
	for _, o := range d.Environments {
		if o.Account != e.Account {
			return o, true
		}
	}
	return Environment{}, false
}
