package cfn

import "fmt"

// Allowance accepts one stateful change that CheckStacks would refuse:
// the replacement, removal or move of one resource. It names the resource
// either by Stack and LogicalID (as deployed: the ID the resource has
// today), or by its physical Name (a log group, topic, alarm or filter
// name) in any stack. A config that drops a log group on purpose lists it
// here, with the reason for the reviewer.
//
// Allowances never let through a change that CloudFormation itself would
// refuse (Problem.Allowable is false): such a deploy fails whatever the
// config says, so the check keeps saying how to split it.
type Allowance struct {
	Stack     string `json:"stack,omitempty" yaml:"stack,omitempty"`
	LogicalID string `json:"logicalId,omitempty" yaml:"logicalId,omitempty"`
	Name      string `json:"name,omitempty" yaml:"name,omitempty"`
	// Reason is why the change is accepted; required.
	Reason string `json:"reason" yaml:"reason"`
}

// Allowances are the stateful changes a config accepts.
type Allowances []Allowance

// Validate checks that each allowance names exactly one resource, by stack
// and logical ID or by name, and carries a reason.
func (as Allowances) Validate() error {
	for i, a := range as {
		byID := a.Stack != "" || a.LogicalID != ""
		switch {
		case byID && a.Name != "":
			return fmt.Errorf("allowance %d: names a resource both by stack/logicalId (%s/%s) and by name (%s); expected one of the two", i, a.Stack, a.LogicalID, a.Name)
		case byID && (a.Stack == "" || a.LogicalID == ""):
			return fmt.Errorf("allowance %d: stack %q and logicalId %q; expected both, or a name", i, a.Stack, a.LogicalID)
		case !byID && a.Name == "":
			return fmt.Errorf("allowance %d: names no resource; expected stack and logicalId, or name", i)
		case a.Reason == "":
			return fmt.Errorf("allowance %d (%s): has no reason; expected why the change is safe", i, a.target())
		}
	}
	return nil
}

func (a Allowance) target() string {
	if a.Name != "" {
		return a.Name
	}
	return a.Stack + "/" + a.LogicalID
}

// allows reports whether an allowance covers p.
func (as Allowances) allows(p Problem) bool {
	_, ok := as.Allowing(p)
	return ok
}

// Allowing returns the first allowance that covers p: by name, or by the
// stack and logical ID on either side of a move; ok is false when none
// does, or when p is not Allowable.
func (as Allowances) Allowing(p Problem) (a Allowance, ok bool) {
	if !p.Allowable {
		return Allowance{}, false
	}
	for _, a := range as {
		switch {
		case a.Name != "" && a.Name == p.Name:
			return a, true
		case a.Name == "" && a.Stack == p.Stack && a.LogicalID == p.LogicalID:
			return a, true
		case a.Name == "" && p.ToStack != "" && a.Stack == p.ToStack && a.LogicalID == p.ToLogicalID:
			return a, true
		}
	}
	return Allowance{}, false
}
