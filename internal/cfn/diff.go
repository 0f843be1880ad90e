package cfn

import (
	"fmt"
	"strconv"
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
	// Name is the name people know the resource by (an alarm's
	// AlarmName, a metric filter's namespace/metric; see labels), from the
	// synthesized template, or the baseline for a removed resource; ""
	// when the type has none or it is not a literal.
	Name string
	// OldName is the baseline's name when it differs from Name.
	OldName string
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
	// Dashboard is a dashboard's changed DashboardBody, by widget.
	Dashboard *DashboardChange
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
			d.Resources = append(d.Resources, ResourceChange{LogicalID: id, Type: nr.Type, Kind: ChangeAdded, Name: n.label(nr)})
		case !inNext:
			d.Resources = append(d.Resources, ResourceChange{LogicalID: id, Type: or.Type, Kind: ChangeRemoved, Name: o.label(or)})
		default:
			if c, ok := resourceChange(id, or, nr); ok {
				c.Name = n.label(nr)
				if old := o.label(or); old != "" && old != c.Name {
					c.OldName = old
				}
				d.Resources = append(d.Resources, c)
			}
		}
	}
	return d, nil
}

func resourceChange(id string, o, n resource) (ResourceChange, bool) {
	c := ResourceChange{LogicalID: id, Type: n.Type, Kind: ChangeModified}
	c.Paths = upToIntrinsics(diffPaths("", o.raw, n.raw, -1))
	if len(c.Paths) == 0 {
		return c, false
	}
	if o.Type == dashboardType && n.Type == dashboardType && changed(o, n, dashboardBody) {
		c.Dashboard = diffDashboard(o.Properties[dashboardBody], n.Properties[dashboardBody])
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

// upToIntrinsics cuts each path before its first intrinsic function
// (Properties.AlarmRule.Fn::Join[1][3] becomes Properties.AlarmRule): the
// inside of an Fn::Join says nothing to a reader. Paths that become the
// same are listed once.
func upToIntrinsics(paths []string) []string {
	out := paths[:0:0]
	seen := map[string]bool{}
	for _, p := range paths {
		if i := strings.Index(p, ".Fn::"); i >= 0 {
			p = p[:i]
		}
		if i := strings.Index(p, ".Ref"); i >= 0 && (i+4 == len(p) || p[i+4] == '.' || p[i+4] == '[') {
			p = p[:i]
		}
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
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
//	  ~ LogGroupOrders (AWS::Logs::LogGroup /eventwatch/prod/orders) modified: Properties.RetentionInDays
//	  ! LogGroupOrders (AWS::Logs::LogGroup /eventwatch/prod/orders) replaced: LogGroupClass forces a replacement
//	  + QueryNew (AWS::Logs::QueryDefinition new-query) added
//	  - AlarmOld (AWS::CloudWatch::Alarm prod-orders-critical-old) removed
//	  ~ OrdersDashboard (AWS::CloudWatch::Dashboard eventwatch-prod-orders) modified: Properties.DashboardBody
//	      + metric widget "prod-orders-critical-failed"
//
// A dashboard's changed body is listed by widget under its line.
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
		if c.Dashboard != nil {
			for _, line := range c.Dashboard.lines() {
				b.WriteString("      " + line + "\n")
			}
		}
	}
	return b.String()
}

// String renders one resource change on a line.
func (c ResourceChange) String() string {
	sign := map[ChangeKind]string{ChangeAdded: "+", ChangeRemoved: "-", ChangeModified: "~", ChangeReplaced: "!"}[c.Kind]
	s := fmt.Sprintf("%s %s (%s) %s", sign, c.LogicalID, c.Type+c.nameSuffix(), c.Kind)
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

// nameSuffix renders the names after the type: " name", " old → new"
// when the name changes, quoted when a name has spaces or parentheses.
func (c ResourceChange) nameSuffix() string {
	switch {
	case c.Name == "" && c.OldName == "":
		return ""
	case c.OldName == "":
		return " " + quoteName(c.Name)
	case c.Name == "":
		return " " + quoteName(c.OldName) + " → (no name)"
	}
	return " " + quoteName(c.OldName) + " → " + quoteName(c.Name)
}

func quoteName(s string) string {
	if strings.ContainsAny(s, " \t\n\"()") {
		return strconv.Quote(s)
	}
	return s
}
