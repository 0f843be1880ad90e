package cfn

import (
	"fmt"
	"strings"
)

// ChangeKind is what a deploy does to one resource.
type ChangeKind string

// The kinds of resource changes, in CloudFormation's terms.
const (
	ChangeAdded    ChangeKind = "added"
	ChangeRemoved  ChangeKind = "removed"
	ChangeModified ChangeKind = "modified"
	// ChangeReplaced: CloudFormation creates a new resource and deletes the
	// old one, because a property in the replacement table changed (or
	// the type did).
	ChangeReplaced ChangeKind = "replaced"
)

// ResourceChange is the change of one resource between two templates.
type ResourceChange struct {
	LogicalID string
	Type      string
	Kind      ChangeKind
	// Paths are the changed paths inside the resource entry
	// (Properties.RetentionInDays, Properties.Tags[0].Value,
	// DeletionPolicy), for ChangeModified and ChangeReplaced.
	Paths []string
	// Forcing are the properties that force the replacement (Type when
	// the type changes).
	Forcing []string
	// Immutable are the changed properties CloudFormation refuses to
	// update at all (the deploy fails).
	Immutable []string
}

// StackDiff is what changes in one stack's template.
type StackDiff struct {
	Stack string
	// Sections are the changed paths outside Resources (Description,
	// Parameters.BootstrapVersion, Outputs.X).
	Sections  []string
	Resources []ResourceChange
}

// Empty reports whether the templates are the same.
func (d StackDiff) Empty() bool { return len(d.Sections) == 0 && len(d.Resources) == 0 }

// DiffTemplates compares two templates of one stack: old is the baseline
// (golden or deployed; nil for a stack that does not exist yet), next the
// synthesized one. Resources are listed by logical ID. CDK's bookkeeping
// (the CDKMetadata resource, aws:cdk:path and aws:asset:* metadata) is left
// out on both sides: it changes no AWS resource, and the golden templates
// do not have it.
func DiffTemplates(stack string, old, next []byte) (StackDiff, error) {
	d := StackDiff{Stack: stack}
	o := template{sections: map[string]any{}, resources: map[string]resource{}}
	if old != nil {
		var err error
		if o, err = parseTemplate(old); err != nil {
			return d, fmt.Errorf("%s: the baseline template: %w", stack, err)
		}
	}
	n, err := parseTemplate(next)
	if err != nil {
		return d, fmt.Errorf("%s: the synthesized template: %w", stack, err)
	}
	o, n = withoutBookkeeping(o), withoutBookkeeping(n)
	for _, section := range sortedKeys(union(o.sections, n.sections)) {
		if section == "Resources" {
			continue
		}
		d.Sections = append(d.Sections, diffPaths(section, o.sections[section], n.sections[section], 1)...)
	}
	for _, id := range sortedKeys(union(o.resources, n.resources)) {
		or, inOld := o.resources[id]
		nr, inNext := n.resources[id]
		switch {
		case !inOld:
			d.Resources = append(d.Resources, ResourceChange{LogicalID: id, Type: nr.Type, Kind: ChangeAdded})
		case !inNext:
			d.Resources = append(d.Resources, ResourceChange{LogicalID: id, Type: or.Type, Kind: ChangeRemoved})
		default:
			if c, ok := resourceChange(id, or, nr); ok {
				d.Resources = append(d.Resources, c)
			}
		}
	}
	return d, nil
}

func resourceChange(id string, o, n resource) (ResourceChange, bool) {
	c := ResourceChange{LogicalID: id, Type: n.Type, Kind: ChangeModified}
	c.Paths = diffPaths("", o.raw, n.raw, -1)
	if len(c.Paths) == 0 {
		return c, false
	}
	if o.Type != n.Type {
		c.Kind, c.Forcing = ChangeReplaced, []string{"Type"}
		return c, true
	}
	rule := ruleFor(o.Type)
	for _, p := range rule.replace {
		if changed(o, n, p) {
			c.Forcing = append(c.Forcing, p)
		}
	}
	for _, p := range rule.immutable {
		if changed(o, n, p) {
			c.Immutable = append(c.Immutable, p)
		}
	}
	if len(c.Forcing) > 0 {
		c.Kind = ChangeReplaced
	}
	return c, true
}

// diffPaths lists the paths under prefix where a and b differ: object keys
// joined with dots, array elements as [i] (an array whose length changes
// is one path). depth limits how deep it goes (-1: all the way).
func diffPaths(prefix string, a, b any, depth int) []string {
	if canonical(a) == canonical(b) {
		return nil
	}
	if depth == 0 {
		return []string{prefix}
	}
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok {
			break
		}
		var out []string
		for _, k := range sortedKeys(union(x, y)) {
			out = append(out, diffPaths(joinPath(prefix, k), x[k], y[k], depth-1)...)
		}
		return out
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			break
		}
		var out []string
		for i := range x {
			out = append(out, diffPaths(fmt.Sprintf("%s[%d]", prefix, i), x[i], y[i], depth-1)...)
		}
		return out
	}
	return []string{prefix}
}

func joinPath(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

func union[V any](a, b map[string]V) map[string]V {
	out := make(map[string]V, len(a)+len(b))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

// String renders the diff for a terminal, one line per change:
//
//	eventwatch-prod
//	  ~ LogGroupOrders (AWS::Logs::LogGroup) modified: Properties.RetentionInDays
//	  ! LogGroupOrders (AWS::Logs::LogGroup) replaced: LogGroupClass forces a replacement
//	  + QueryNew (AWS::Logs::QueryDefinition) added
//	  - AlarmOld (AWS::CloudWatch::Alarm) removed
func (d StackDiff) String() string {
	var b strings.Builder
	b.WriteString(d.Stack)
	if d.Empty() {
		b.WriteString(": no change\n")
		return b.String()
	}
	b.WriteString("\n")
	for _, s := range d.Sections {
		fmt.Fprintf(&b, "  ~ template %s\n", s)
	}
	for _, c := range d.Resources {
		b.WriteString("  " + c.String() + "\n")
	}
	return b.String()
}

// String renders one resource change on a line.
func (c ResourceChange) String() string {
	sign := map[ChangeKind]string{ChangeAdded: "+", ChangeRemoved: "-", ChangeModified: "~", ChangeReplaced: "!"}[c.Kind]
	s := fmt.Sprintf("%s %s (%s) %s", sign, c.LogicalID, c.Type, c.Kind)
	if len(c.Forcing) > 0 {
		s += fmt.Sprintf(": %s forces a replacement", strings.Join(c.Forcing, ", "))
	}
	if len(c.Immutable) > 0 {
		s += fmt.Sprintf(": %s cannot change, the update fails", strings.Join(c.Immutable, ", "))
	}
	if len(c.Paths) > 0 && c.Kind != ChangeAdded && c.Kind != ChangeRemoved {
		sep := ": "
		if len(c.Forcing)+len(c.Immutable) > 0 {
			sep = "; changed: "
		}
		s += sep + strings.Join(c.Paths, ", ")
	}
	return s
}
