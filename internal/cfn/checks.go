package cfn

import (
	"fmt"
	"sort"
	"strings"
)

// CheckStacks compares the deployed templates of an environment with the
// proposed ones (both maps from stack name to template JSON: the deployed
// side from `aws cloudformation get-template` or an earlier cdk.out, the
// proposed side from cdk.out) and returns every change that would lose
// data or fail the deploy, except those allow accepts:
//
//   - a log group, KMS key or SNS topic that would be replaced (a property
//     in the replacement table changes, or its type) or removed from its
//     stack;
//   - a replacement CloudFormation refuses: a custom-named resource whose
//     replacement keeps its name, or an immutable KMS key property;
//   - a custom-named resource (log group, topic, alarm, metric filter,
//     saved query, ...) that moves to a new logical ID under the same name
//     in the same stack: CloudFormation creates the new one before it
//     deletes the old, and the name is taken;
//   - a stateful or custom-named resource that moves from one stack to
//     another, which deletes it from the first.
//
// A stack only in proposed is new (only moves into it are checked); a
// stack only in deployed is not part of this deploy and is left alone
// (resources moving out of it are still checked). An unreadable template
// is a Problem of kind Invalid. Problems are sorted by stack and logical ID.
func CheckStacks(deployed, proposed map[string][]byte, allow Allowances) []Problem {
	var problems []Problem
	dep := parseStacks(deployed, "deployed", &problems)
	prop := parseStacks(proposed, "proposed", &problems)

	reported := map[stackRef]bool{}
	moves := stackMoves(dep, prop)
	for _, p := range moves {
		reported[stackRef{p.Stack, p.LogicalID}] = true
	}
	problems = append(problems, moves...)
	for _, stack := range sortedKeys(dep) {
		next, synthesized := prop[stack]
		if !synthesized {
			continue
		}
		problems = append(problems, checkStack(stack, dep[stack], next, reported)...)
	}

	kept := problems[:0]
	for _, p := range problems {
		if !allow.allows(p) {
			kept = append(kept, p)
		}
	}
	sort.SliceStable(kept, func(i, j int) bool {
		if kept[i].Stack != kept[j].Stack {
			return kept[i].Stack < kept[j].Stack
		}
		return kept[i].LogicalID < kept[j].LogicalID
	})
	return kept
}

type stackRef struct{ stack, id string }

func parseStacks(bodies map[string][]byte, side string, problems *[]Problem) map[string]template {
	out := make(map[string]template, len(bodies))
	for _, stack := range sortedKeys(bodies) {
		t, err := parseTemplate(bodies[stack])
		if err != nil {
			*problems = append(*problems, Problem{Kind: Invalid, Stack: stack,
				Reason: fmt.Sprintf("the %s template: %v", side, err),
				Fix:    "pass the template as JSON, as cdk synth and `aws cloudformation get-template --query TemplateBody --output json` write it"})
			continue
		}
		out[stack] = t
	}
	return out
}

// checkStack compares one stack's deployed and proposed templates.
func checkStack(stack string, old, next template, reported map[stackRef]bool) []Problem {
	var problems []Problem
	oldNames := map[string]string{}
	for id, r := range old.resources {
		if key, _, ok := r.identity(); ok {
			oldNames[key] = id
		}
	}
	for _, id := range next.ids() {
		r := next.resources[id]
		key, _, ok := r.identity()
		if !ok {
			continue
		}
		from, was := oldNames[key]
		if !was || from == id || reported[stackRef{stack, from}] {
			continue
		}
		problems = append(problems, nameMoved(stack, from, id, r))
		reported[stackRef{stack, from}] = true
	}
	for _, id := range old.ids() {
		if reported[stackRef{stack, id}] {
			continue
		}
		o := old.resources[id]
		n, kept := next.resources[id]
		switch {
		case !kept:
			if ruleFor(o.Type).stateful {
				problems = append(problems, removed(stack, id, o))
			}
		case n.Type != o.Type:
			if ruleFor(o.Type).stateful {
				problems = append(problems, Problem{Kind: Replaced, Stack: stack, LogicalID: id, Type: o.Type, Name: literalName(o), Property: "Type",
					Reason:    fmt.Sprintf("becomes a %s under the same logical ID: CloudFormation deletes the %s%s", n.Type, o.Type, dataLoss(o)),
					Fix:       "give the new resource a new logical ID and keep the old one, or allow the replacement",
					Allowable: true})
			}
		default:
			if p, ok := propertyProblem(stack, id, o, n); ok {
				problems = append(problems, p)
			}
		}
	}
	return problems
}

// propertyProblem reports a replacement of a stateful resource, or one
// CloudFormation refuses, from the properties of the replacement table.
func propertyProblem(stack, id string, o, n resource) (Problem, bool) {
	rule := ruleFor(o.Type)
	var refused, replaced []string
	for _, p := range rule.immutable {
		if changed(o, n, p) {
			refused = append(refused, p)
		}
	}
	oldName, _, named := o.name()
	newName, _, stillNamed := n.name()
	sameName := named && stillNamed && oldName == newName
	for _, p := range rule.replace {
		if !changed(o, n, p) {
			continue
		}
		if sameName && p != rule.name {
			refused = append(refused, p)
		} else {
			replaced = append(replaced, p)
		}
	}
	base := Problem{Stack: stack, LogicalID: id, Type: o.Type, Name: literalName(o)}
	switch {
	case len(refused) > 0:
		base.Kind, base.Property = Refused, strings.Join(refused, ", ")
		if len(rule.immutable) > 0 && contains(rule.immutable, refused[0]) {
			base.Reason = fmt.Sprintf("%s changes from %s to %s: CloudFormation refuses to change it on an existing %s, the deploy would fail", refused[0], display(o.Properties[refused[0]]), display(n.Properties[refused[0]]), o.Type)
			base.Fix = "keep the property as deployed, or create a new resource under a new logical ID next to the old one"
		} else {
			base.Reason = fmt.Sprintf("%s changes from %s to %s, which needs a replacement, and the name %s stays: CloudFormation cannot replace a custom-named resource, the deploy would fail", refused[0], display(o.Properties[refused[0]]), display(n.Properties[refused[0]]), oldName)
			base.Fix = fmt.Sprintf("change the name too (a new %s, the old one replaced), or keep %s as deployed", rule.name, refused[0])
		}
		return base, true
	case len(replaced) > 0 && rule.stateful:
		base.Kind, base.Property, base.Allowable = Replaced, strings.Join(replaced, ", "), true
		base.Reason = fmt.Sprintf("%s changes from %s to %s: CloudFormation replaces it with a new, empty resource%s", replaced[0], display(o.Properties[replaced[0]]), display(n.Properties[replaced[0]]), replacedData(o))
		base.Fix = fmt.Sprintf("keep %s as deployed, or allow the replacement (by stack and logical ID, or by name)", replaced[0])
		return base, true
	}
	return Problem{}, false
}

func removed(stack, id string, o resource) Problem {
	return Problem{Kind: Removed, Stack: stack, LogicalID: id, Type: o.Type, Name: literalName(o), Allowable: true,
		Reason: "is no longer in the stack" + dataLoss(o),
		Fix:    "keep it in the config under the same logical ID; to drop it on purpose, allow it (by stack and logical ID, or by name); to move it to another stack, import it there"}
}

func nameMoved(stack, from, to string, r resource) Problem {
	name, _, _ := r.name()
	p := Problem{Kind: NameMoved, Stack: stack, LogicalID: from, Type: r.Type, Name: literalName(r), ToStack: stack, ToLogicalID: to}
	if ruleFor(r.Type).sharedName {
		p.Reason = fmt.Sprintf("moves to the logical ID %s under the same name %s: CloudFormation creates a second %s with that name, then deletes the first", to, name, r.Type)
		p.Fix = fmt.Sprintf("keep the logical ID %s, or allow the move", from)
		p.Allowable = true
		return p
	}
	p.Reason = fmt.Sprintf("moves to the logical ID %s under the same name %s: CloudFormation creates the new resource before it deletes the old one, and the name is taken, so the deploy fails", to, name)
	p.Fix = fmt.Sprintf("keep the logical ID %s; or deploy twice: first without the resource (or under another name), then with it under %s", from, to)
	return p
}

// stackMoves finds resources that leave one stack for another: stateful
// resources (by literal name, or by type and logical ID when they have no
// name) and custom-named ones (by literal name).
func stackMoves(dep, prop map[string]template) []Problem {
	index := map[string][]stackRef{}
	for _, stack := range sortedKeys(dep) {
		for _, id := range dep[stack].ids() {
			if key, ok := crossKey(id, dep[stack].resources[id]); ok {
				index[key] = append(index[key], stackRef{stack, id})
			}
		}
	}
	var problems []Problem
	for _, to := range sortedKeys(prop) {
		for _, id := range prop[to].ids() {
			r := prop[to].resources[id]
			key, ok := crossKey(id, r)
			if !ok || hasKey(dep, to, key) {
				continue
			}
			for _, from := range index[key] {
				if from.stack == to {
					continue
				}
				_, synthesized := prop[from.stack]
				if synthesized && hasKey(prop, from.stack, key) {
					continue
				}
				_, _, named := r.name()
				if !synthesized && !named {
					continue // an unnamed resource in a stack left alone: the new one is simply new
				}
				problems = append(problems, stackMoved(from, stackRef{to, id}, dep[from.stack].resources[from.id], synthesized))
			}
		}
	}
	return problems
}

func stackMoved(from, to stackRef, o resource, synthesized bool) Problem {
	p := Problem{Kind: StackMoved, Stack: from.stack, LogicalID: from.id, Type: o.Type, Name: literalName(o),
		ToStack: to.stack, ToLogicalID: to.id, Allowable: true}
	_, _, named := o.name()
	switch {
	case !synthesized:
		p.Reason = fmt.Sprintf("moves to stack %s (as %s) but stays deployed in %s, which this synth leaves alone: creating it in %s fails, the name is taken", to.stack, to.id, from.stack, to.stack)
	case named:
		p.Reason = fmt.Sprintf("moves to stack %s (as %s): deploying %s first fails, the name is still taken; deploying %s first removes it from there%s", to.stack, to.id, to.stack, from.stack, dataLoss(o))
	default:
		p.Reason = fmt.Sprintf("moves to stack %s (as %s): deploying %s removes it from there%s, and %s gets a new, empty one", to.stack, to.id, from.stack, dataLoss(o), to.stack)
	}
	p.Fix = fmt.Sprintf("keep it in %s; to move it with its data, remove it from %s with DeletionPolicy Retain and deploy, then import it into %s (cdk import); to recreate it instead, allow the move", from.stack, from.stack, to.stack)
	return p
}

// crossKey identifies a resource across stacks: its literal custom name,
// or, for a stateful resource without one, its type and logical ID.
func crossKey(id string, r resource) (string, bool) {
	rule := ruleFor(r.Type)
	if key, literal, ok := r.identity(); ok {
		if literal && !rule.sharedName {
			return "name\x00" + key, true
		}
		return "", false
	}
	if rule.stateful {
		return "id\x00" + r.Type + "\x00" + id, true
	}
	return "", false
}

func hasKey(stacks map[string]template, stack, key string) bool {
	t, ok := stacks[stack]
	if !ok {
		return false
	}
	for id, r := range t.resources {
		if k, ok := crossKey(id, r); ok && k == key {
			return true
		}
	}
	return false
}

// dataLoss says what CloudFormation does with a resource that leaves the
// stack: a Retain policy orphans it, anything else deletes it.
func dataLoss(o resource) string {
	if o.DeletionPolicy == Retain {
		if _, _, named := o.name(); named {
			return ": with DeletionPolicy Retain it stays in the account outside any stack, and creating it again under the same name fails"
		}
		return ": with DeletionPolicy Retain it stays in the account outside any stack"
	}
	switch o.Type {
	case "AWS::Logs::LogGroup":
		return ": CloudFormation deletes it with its log events"
	case "AWS::KMS::Key":
		return ": CloudFormation schedules the key for deletion, and what it encrypted becomes unreadable"
	case "AWS::SNS::Topic":
		return ": CloudFormation deletes it with its subscriptions"
	case "AWS::SQS::Queue":
		return ": CloudFormation deletes it with its messages (a dead-letter queue's undelivered pages)"
	}
	return ": CloudFormation deletes it"
}

// replacedData says what happens to the old resource of a replacement.
func replacedData(o resource) string {
	if o.DeletionPolicy == Retain {
		return "; the old one is kept outside the stack (Retain), its data no longer written to"
	}
	return "; the old one is deleted with its data"
}

func literalName(r resource) string {
	if name, literal, ok := r.name(); ok && literal {
		return name
	}
	return ""
}

func changed(o, n resource, prop string) bool {
	return canonical(o.Properties[prop]) != canonical(n.Properties[prop])
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
