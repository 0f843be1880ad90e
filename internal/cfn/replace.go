package cfn

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
)

// UnsafeChange is a change to a stateful resource that a deploy would
// refuse, or that would replace or drop the resource.
type UnsafeChange struct {
	LogicalID string
	Type      string
	Problem   string
}

func (c UnsafeChange) String() string { return c.LogicalID + " (" + c.Type + "): " + c.Problem }

// UnsafeChanges compares the stateful resources of a deployed template
// (as `aws cloudformation get-template` or an earlier synth wrote it) with
// the resources about to be synthesized.
//
// Deprecated: use CheckStacks, which compares template JSON on both sides,
// across every stack of an environment, and takes Allowances. UnsafeChanges
// stays until baseline.go moves to CheckStacks.
func UnsafeChanges(deployed []byte, next Resources) ([]UnsafeChange, error) {
	var old struct {
		Resources map[string]struct {
			Type       string         `json:"Type"`
			Properties map[string]any `json:"Properties"`
		} `json:"Resources"`
	}
	if err := json.Unmarshal(deployed, &old); err != nil {
		return nil, fmt.Errorf("not a CloudFormation template in JSON: %w", err)
	}
	var out []UnsafeChange
	for id, o := range old.Resources {
		rule := ruleFor(o.Type)
		if !rule.stateful {
			continue
		}
		n, ok := next[id]
		switch {
		case !ok:
			out = append(out, UnsafeChange{id, o.Type, "is no longer in the stack: its data stays behind, outside the stack (or is deleted with a Delete policy); rename it back, or move it with a CloudFormation import"})
			continue
		case n.Type != o.Type:
			out = append(out, UnsafeChange{id, o.Type, fmt.Sprintf("becomes a %s under the same logical ID: CloudFormation would replace it", n.Type)})
			continue
		}
		newProps := normalize(n.Properties)
		for _, p := range append(append([]string(nil), rule.replace...), rule.immutable...) {
			if reflect.DeepEqual(o.Properties[p], newProps[p]) {
				continue
			}
			sameName := rule.name != "" && p != rule.name && reflect.DeepEqual(o.Properties[rule.name], newProps[rule.name])
			if sameName {
				out = append(out, UnsafeChange{id, o.Type, fmt.Sprintf("%s changes from %v to %v, which needs a replacement, and the name %v stays: CloudFormation cannot replace a custom-named resource, the deploy would fail", p, o.Properties[p], newProps[p], o.Properties[rule.name])})
			} else {
				out = append(out, UnsafeChange{id, o.Type, fmt.Sprintf("%s changes from %v to %v: CloudFormation would replace it with a new, empty resource", p, o.Properties[p], newProps[p])})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].LogicalID < out[j].LogicalID })
	return out, nil
}

// normalize gives rendered properties the JSON shape of a read template
// (numbers as float64, nested maps as map[string]any).
func normalize(props map[string]any) map[string]any {
	b, _ := json.Marshal(props)
	var out map[string]any
	_ = json.Unmarshal(b, &out)
	return out
}
