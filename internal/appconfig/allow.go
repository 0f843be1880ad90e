package appconfig

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/eventwatch/eventwatch/constructs/spec"
	"github.com/eventwatch/eventwatch/internal/cfn"
)

// Allowance accepts one stateful change to the environment's stacks that
// the check against the deployed (or golden) templates would refuse: a log
// group, KMS key or topic replaced or removed, a custom-named resource under
// a new logical ID, or a resource moved between stacks. Name the resource
// by stack and logicalId, as deployed, or by its name.
type Allowance struct {
	// Stack is the stack the resource is deployed in, one of this environment's (<app>-<env> or <app>-<env>-<stack>); with logicalId.
	Stack string `yaml:"stack,omitempty" json:"stack,omitempty"`
	// LogicalID is the resource's logical ID in the deployed template, such as LogGroupOrders; with stack.
	LogicalID string `yaml:"logicalId,omitempty" json:"logicalId,omitempty" jsonschema:"pattern=^[A-Za-z0-9]+$,maxLength=255"`
	// Name is the resource's name (a log group, topic, alarm, metric filter or saved query name), in this environment's stacks; instead of stack and logicalId.
	Name string `yaml:"name,omitempty" json:"name,omitempty"`
	// Reason says why the change is safe, for the reviewer. Required.
	Reason string `yaml:"reason" json:"reason"`
}

var logicalIDRE = regexp.MustCompile(`^[A-Za-z0-9]+$`)

// validateAllowances checks each allowance of e: one resource, by stack
// and logical ID or by name, a stack of this environment (when its names
// are sound: the stack names are made of them), and a reason.
func (c *Config) validateAllowances(e NamedEnvironment, namesSound bool) ErrorList {
	var errs ErrorList
	d := e.doc
	for i, a := range e.Allow {
		p := fmt.Sprintf("allow[%d]", i)
		byID := a.Stack != "" || a.LogicalID != ""
		switch {
		case byID && a.Name != "":
			errs = append(errs, d.at(p+".name", "names the resource by name and by stack and logicalId; expected one of the two"))
		case !byID && a.Name == "":
			errs = append(errs, d.at(p, "names no resource; expected stack and logicalId (as deployed), or name"))
		case byID && a.Stack == "":
			errs = append(errs, d.at(p+".stack", "is required with logicalId; expected the stack the resource is deployed in, such as %s", c.Services.App+"-"+e.Name))
		case byID && a.LogicalID == "":
			errs = append(errs, d.at(p+".logicalId", "is required with stack; expected the resource's logical ID in the deployed template"))
		}
		if a.Stack != "" && namesSound {
			if msg := c.stackOfOtherEnvironment(e, a.Stack); msg != "" {
				errs = append(errs, d.at(p+".stack", "%s", msg))
			}
		}
		if a.LogicalID != "" && (!logicalIDRE.MatchString(a.LogicalID) || len(a.LogicalID) > spec.MaxLogicalIDLength) {
			errs = append(errs, d.at(p+".logicalId", "%s is not a CloudFormation logical ID; expected 1 to %d letters and digits", quote(a.LogicalID), spec.MaxLogicalIDLength))
		}
		if strings.TrimSpace(a.Reason) == "" {
			errs = append(errs, d.at(p+".reason", "is required; expected why the change is safe, for the reviewer"))
		}
	}
	return errs
}

// stackOfOtherEnvironment says why stack is not one of e's stacks, or "".
func (c *Config) stackOfOtherEnvironment(e NamedEnvironment, stack string) string {
	if err := spec.CheckStackName("", stack); err != nil {
		return fieldMsg(err)
	}
	main := c.Services.App + "-" + e.Name
	if stack != main && !strings.HasPrefix(stack, main+"-") {
		var stacks []string
		plans, _ := c.Plan(e.Name)
		for _, p := range plans {
			stacks = append(stacks, p.StackName)
		}
		if best, ok := e.doc.suggest.closest(stack, stacks); ok {
			return fmt.Sprintf("%s is not a stack of environment %s; did you mean %s?", quote(stack), e.Name, best)
		}
		return fmt.Sprintf("%s is not a stack of environment %s; expected %s or %s-<stack>", quote(stack), e.Name, main, main)
	}
	if owner := c.StackEnvironment(stack); owner != "" && owner != e.Name {
		return fmt.Sprintf("%s is a stack of environment %s, not %s; allow it in that environment's file", quote(stack), owner, e.Name)
	}
	return ""
}

// Allowances are environment env's allowances, for cfn.CheckStacks.
func (c *Config) Allowances(env string) cfn.Allowances {
	e, ok := c.Environment(env)
	if !ok {
		return nil
	}
	out := make(cfn.Allowances, len(e.Allow))
	for i, a := range e.Allow {
		out[i] = cfn.Allowance{Stack: a.Stack, LogicalID: a.LogicalID, Name: a.Name, Reason: a.Reason}
	}
	return out
}

// StackEnvironment is the environment a stack belongs to: the one that
// plans it, else the one whose main stack name <app>-<env> is the stack
// or, the longest, its prefix before a '-' (a stack that is no longer
// synthesized). It is "" for a deploy-role stack or another app's stack.
func (c *Config) StackEnvironment(stack string) string {
	best := ""
	for _, e := range c.Environments {
		plans, err := c.Plan(e.Name)
		if err == nil {
			for _, p := range plans {
				if p.StackName == stack {
					return e.Name
				}
			}
		}
		main := c.Services.App + "-" + e.Name
		if (stack == main || strings.HasPrefix(stack, main+"-")) && len(e.Name) > len(best) {
			best = e.Name
		}
	}
	for _, p := range c.DeployStacks() {
		if p.StackName == stack {
			return ""
		}
	}
	return best
}

// CheckStacks compares deployed and proposed templates (stack name →
// template JSON) with cfn.CheckStacks and returns the problems that no
// allowance accepts. Each environment's allowances apply to its own
// stacks only (a problem's stack, or the stack a resource moves to): a
// name allowed in dev.yaml never lets prod's resource of the same name go.
func (c *Config) CheckStacks(deployed, proposed map[string][]byte) []cfn.Problem {
	problems := cfn.CheckStacks(deployed, proposed, nil)
	if len(problems) == 0 {
		return nil
	}
	allowed := map[cfn.Problem]bool{}
	for _, e := range c.Environments {
		if len(e.Allow) == 0 {
			continue
		}
		remaining := map[cfn.Problem]bool{}
		for _, p := range cfn.CheckStacks(deployed, proposed, c.Allowances(e.Name)) {
			remaining[p] = true
		}
		for _, p := range problems {
			ours := c.StackEnvironment(p.Stack) == e.Name || (p.ToStack != "" && c.StackEnvironment(p.ToStack) == e.Name)
			if ours && !remaining[p] {
				allowed[p] = true
			}
		}
	}
	var out []cfn.Problem
	for _, p := range problems {
		if !allowed[p] {
			out = append(out, p)
		}
	}
	return out
}

// HowToAllow says how the config accepts p, for messages: the allow entry
// of its environment's file, or why no allowance can accept it.
func (c *Config) HowToAllow(p cfn.Problem) string {
	if !p.Allowable {
		return "no allowance accepts this: CloudFormation would refuse the deploy"
	}
	file := EnvironmentsDir + "/<env>.yaml"
	if e, ok := c.Environment(c.StackEnvironment(p.Stack)); ok && e.doc != nil {
		file = e.doc.file
	}
	return fmt.Sprintf("to accept it on purpose, add to %s: allow: [{stack: %s, logicalId: %s, reason: <why it is safe>}]", file, p.Stack, p.LogicalID)
}
