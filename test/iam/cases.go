package iam

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/eventwatch/eventwatch/constructs/spec"
	"github.com/eventwatch/eventwatch/internal/safefile"
)

// Case is a line of the table of calls (testdata/calls.txt): a call a
// workflow step makes, or must not be able to make, with the identity it
// makes it as, and the decision expected.
type Case struct {
	Line int
	// Envs selects the environments the case applies to (envSelectors).
	Envs string
	// Job is the job whose OIDC token starts the chain (Design.jobs).
	Job string
	// Chain is "token" (the token itself makes the call), or the roles
	// assumed in turn from it (linkKinds).
	Chain []string
	// Action is an IAM action, or executionActions.
	Action string
	// Resource is an ARN with placeholders (placeholders), or sampleResource.
	Resource string
	// Context are request context keys the call sets.
	Context map[string]string
	// Allow is the decision expected.
	Allow bool
	// Step names the workflow step that makes the call, and why.
	Step string
}

// caseFields is the number of fields of a case line.
const caseFields = 8

const (
	// executionActions stands for every action of the execution policy's
	// table (spec.ExecutionActions) for the environment's resource types.
	executionActions = "{execution-actions}"
	// sampleResource stands for an ARN of the action's resource type.
	sampleResource = "{sample}"
	// tokenChain is the chain of a call the job's token makes itself.
	tokenChain = "token"
)

// envSelectors decide which environments a case applies to.
var envSelectors = map[string]func(d *Design, e Environment) bool{
	"all":            func(*Design, Environment) bool { return true },
	"production":     func(_ *Design, e Environment) bool { return e.Production },
	"non-production": func(_ *Design, e Environment) bool { return !e.Production },
	// reviewed: production, read by pull-request jobs of the reviewed environment.
	"reviewed":   func(d *Design, e Environment) bool { return e.Production && d.Repository.PullRequestEnv != "" },
	"unreviewed": func(d *Design, e Environment) bool { return e.Production && d.Repository.PullRequestEnv == "" },
	// diff-role: an account that pull-request jobs may read.
	"diff-role": func(d *Design, e Environment) bool { return !e.Production || d.Repository.PullRequestEnv != "" },
}

// linkKinds are the roles a chain may assume after the first: the
// bootstrap roles of the environment's account and region by kind.
var linkKinds = map[string]string{
	"cdk-deploy": spec.BootstrapDeployRole, "cdk-file-publishing": spec.BootstrapFilePublishingRole,
	"cdk-image-publishing": spec.BootstrapImagePublishingRole, "cdk-lookup": spec.BootstrapLookupRole,
	"cfn-exec": spec.BootstrapExecutionRole,
}

// firstLinks are the roles a chain starts with, assumed with the job's
// token: the deploy-role stack's roles by logical ID.
var firstLinks = map[string]string{"gh-deploy": "GitHubDeployRole", "gh-diff": "GitHubDiffRole"}

// ParseCase parses the fields of a case line.
func ParseCase(line int, f []string) (Case, error) {
	c := Case{Line: line, Envs: f[0], Job: f[1], Action: f[3], Resource: f[4], Step: f[7], Context: map[string]string{}}
	if _, ok := envSelectors[c.Envs]; !ok {
		return c, fmt.Errorf("environments %q: expected one of %s", c.Envs, strings.Join(sortedKeys(envSelectors), ", "))
	}
	for i, link := range strings.Split(f[2], ">") {
		link = strings.TrimSpace(link)
		_, first := firstLinks[link]
		_, later := linkKinds[link]
		switch {
		case i == 0 && link == tokenChain && !strings.Contains(f[2], ">"):
		case i == 0 && !first:
			return c, fmt.Errorf("chain %q: expected token, or gh-deploy or gh-diff first", f[2])
		case i > 0 && !later:
			return c, fmt.Errorf("chain %q: %q is not a bootstrap role (%s)", f[2], link, strings.Join(sortedKeys(linkKinds), ", "))
		}
		c.Chain = append(c.Chain, link)
	}
	if f[5] != "-" {
		for _, kv := range strings.Fields(f[5]) {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				return c, fmt.Errorf("context %q: expected key=value pairs separated by spaces, or -", f[5])
			}
			c.Context[k] = v
		}
	}
	switch f[6] {
	case "allow":
		c.Allow = true
	case "deny":
	default:
		return c, fmt.Errorf("expect %q: expected allow or deny", f[6])
	}
	if c.Action != executionActions && !regexp.MustCompile(`^[a-z0-9-]+:[A-Za-z0-9]+$`).MatchString(c.Action) {
		return c, fmt.Errorf("action %q: expected service:Action, or %s", c.Action, executionActions)
	}
	return c, nil
}

// placeholderRE finds the placeholders of a resource.
var placeholderRE = regexp.MustCompile(`\{[a-z-]+(:[a-z-]+)?\}`)

// stackID stands for the ID CloudFormation appends to a stack's ARN.
const stackID = "0a1b2c3d-0000-4000-8000-000000000000"

// placeholders are the values of a resource's placeholders in
// environment e, for the stack stack (one of e.Stacks). Optional ones are
// missing where the design has none: {other-...} without an environment in
// another account, {secret} without a secret the templates resolve.
func (d *Design) placeholders(e Environment, stack string) map[string]string {
	deployStackRole := func(stack, account, id string) string {
		return "arn:" + partition + ":iam::" + account + ":role/" + stack + "-" + id
	}
	v := map[string]string{
		"{partition}": partition, "{account}": e.Account, "{region}": e.Region, "{qualifier}": d.Qualifier, "{app}": d.App,
		"{stack}": stack, "{stack-id}": stackID, "{deploy-stack}": e.DeployStack,
		"{stack-arn}":         stackArn(e.Region, e.Account, stack),
		"{deploy-stack-arn}":  stackArn(e.Region, e.Account, e.DeployStack),
		"{toolkit-stack-arn}": stackArn(e.Region, e.Account, spec.CDKToolkitStackName),
		"{deploy-role}":       deployStackRole(e.DeployStack, e.Account, "GitHubDeployRole"),
		"{diff-role}":         deployStackRole(e.DeployStack, e.Account, "GitHubDiffRole"),
		"{oidc-provider}":     "arn:" + partition + ":iam::" + e.Account + ":oidc-provider/" + spec.GitHubOIDCHost,
		"{bootstrap-bucket}":  "cdk-" + d.Qualifier + "-assets-" + e.Account + "-" + e.Region,
		"{another-region}":    anotherRegion(e.Region),
		sampleResource:        sampleResource,
	}
	for name, doc := range d.managedPolicyNames(e.DeployStack) {
		v["{"+name+"}"] = "arn:" + partition + ":iam::" + e.Account + ":policy/" + doc
	}
	for kind := range map[string]bool{spec.BootstrapDeployRole: true, spec.BootstrapFilePublishingRole: true, spec.BootstrapImagePublishingRole: true, spec.BootstrapLookupRole: true, spec.BootstrapExecutionRole: true} {
		v["{bootstrap-role:"+kind+"}"] = bootstrapRole(d.Qualifier, kind, e.Account, e.Region)
	}
	if len(e.Secrets) > 0 {
		// Secrets Manager appends six characters to a secret's name.
		v["{secret}"] = "arn:" + partition + ":secretsmanager:" + e.Region + ":" + e.Account + ":secret:" + e.Secrets[0] + "-AbCdEf"
	}
	if o, ok := d.other(e); ok {
		v["{other-account}"], v["{other-region}"] = o.Account, o.Region
		v["{other-stack-arn}"] = stackArn(o.Region, o.Account, o.Stacks[0])
		v["{other-deploy-role}"] = deployStackRole(o.DeployStack, o.Account, "GitHubDeployRole")
		v["{other-bootstrap-role:deploy}"] = bootstrapRole(d.Qualifier, spec.BootstrapDeployRole, o.Account, o.Region)
	}
	return v
}

// managedPolicyNames are the execution policy's and the boundary's names
// in a deploy-role stack, as placeholders name them.
func (d *Design) managedPolicyNames(stack string) map[string]string {
	out := map[string]string{"execution-policy": "absent-execution-policy", "boundary-policy": "absent-boundary-policy"}
	if b := d.Bootstrap; len(b.ExecutionPolicies) > 0 && b.Boundary != "" {
		p := b.ExecutionPolicies[0]
		out["execution-policy"] = p[strings.LastIndex(p, "/")+1:]
		out["boundary-policy"] = b.Boundary
	}
	return out
}

// expand fills the placeholders of s; ok is false when one has no value
// in this design.
func expand(s string, values map[string]string) (string, bool) {
	ok := true
	out := placeholderRE.ReplaceAllStringFunc(s, func(p string) string {
		v, found := values[p]
		ok = ok && found
		return v
	})
	return out, ok
}

func stackArn(region, account, stack string) string {
	return "arn:" + partition + ":cloudformation:" + region + ":" + account + ":stack/" + stack + "/" + stackID
}

func bootstrapRole(qualifier, kind, account, region string) string {
	return "arn:" + partition + ":iam::" + account + ":role/" + spec.BootstrapRoleName(qualifier, kind, account, region)
}

// anotherRegion is a region of the partition that is not region.
func anotherRegion(region string) string {
	for _, r := range append([]string{"us-east-1", "us-west-2"}, spec.Partitions[partition]...) {
		if r != region {
			return r
		}
	}
	return ""
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// LoadCases reads the table of calls: one case per line, caseFields
// fields separated by "|"; blank lines and "#" comments are skipped. An
// error names the file and line.
func LoadCases(path string) ([]Case, error) {
	data, err := safefile.ReadFile(path, safefile.QueryTestData)
	if err != nil {
		return nil, err
	}
	var out []Case
	for i, line := range strings.Split(string(data), "\n") {
		text := strings.TrimSpace(line)
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.SplitN(text, "|", caseFields)
		if len(fields) != caseFields {
			return nil, fmt.Errorf("%s:%d: expected %d fields separated by |: environments | job | chain | action | resource | context | expect | step", path, i+1, caseFields)
		}
		for j := range fields {
			fields[j] = strings.TrimSpace(fields[j])
		}
		c, err := ParseCase(i+1, fields)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, i+1, err)
		}
		out = append(out, c)
	}
	return out, nil
}
