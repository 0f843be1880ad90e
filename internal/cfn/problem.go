package cfn

import "strings"

// ProblemKind says what a stateful-change problem is.
type ProblemKind string

// The kinds of problems CheckStacks reports.
const (
	// Replaced: a log group, key or topic would be replaced by a new,
	// empty one (or changes type under the same logical ID).
	Replaced ProblemKind = "replaced"
	// Removed: a log group, key or topic leaves its stack.
	Removed ProblemKind = "removed"
	// Refused: CloudFormation would fail the deploy (a replacement of a
	// custom-named resource, an immutable KMS key property).
	Refused ProblemKind = "refused"
	// NameMoved: a custom-named resource moves to a new logical ID under
	// the same name in the same stack.
	NameMoved ProblemKind = "name-moved"
	// StackMoved: a resource moves from one stack to another.
	StackMoved ProblemKind = "stack-moved"
	// Invalid: a template that cannot be read.
	Invalid ProblemKind = "invalid-template"
)

// Problem is one change that would lose data or fail a deploy.
type Problem struct {
	Kind ProblemKind
	// Stack and LogicalID name the resource as deployed.
	Stack     string
	LogicalID string
	Type      string
	// Name is the resource's physical name when the template spells it.
	Name string
	// ToStack and ToLogicalID name where the resource moves (NameMoved,
	// StackMoved).
	ToStack     string
	ToLogicalID string
	// Property forces the replacement (Replaced, Refused).
	Property string
	// Reason says what would happen; Fix how to proceed.
	Reason string
	Fix    string
	// Allowable is true when an Allowance can accept the change; false
	// when CloudFormation would refuse it anyway.
	Allowable bool
}

// String renders the problem on one line:
// "stack: LogicalID (Type name): reason; to proceed: fix".
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.Stack)
	if p.LogicalID != "" {
		b.WriteString(": ")
		b.WriteString(p.LogicalID)
		b.WriteString(" (")
		b.WriteString(p.Type)
		if p.Name != "" {
			b.WriteString(" ")
			b.WriteString(p.Name)
		}
		b.WriteString(")")
	}
	b.WriteString(": ")
	b.WriteString(p.Reason)
	if p.Fix != "" {
		b.WriteString("; to proceed: ")
		b.WriteString(p.Fix)
	}
	return b.String()
}
