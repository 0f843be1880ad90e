package cfn

import (
	"encoding/json"
	"fmt"
	"sort"
)

// template is a CloudFormation template read from JSON (a synthesized
// cdk.out template, a golden file, or `aws cloudformation get-template`).
type template struct {
	sections  map[string]any // every top-level section, Resources included
	resources map[string]resource
}

// resource is one entry of a template's Resources section.
type resource struct {
	Type           string
	Properties     map[string]any
	DeletionPolicy string
	raw            map[string]any // the whole entry, for the diff
}

// parseTemplate reads a template in JSON. CDK only writes JSON; a template
// deployed in YAML is refused with an error that says so.
func parseTemplate(body []byte) (template, error) {
	var sections map[string]any
	if err := json.Unmarshal(body, &sections); err != nil {
		return template{}, fmt.Errorf("not a CloudFormation template in JSON: %w", err)
	}
	t := template{sections: sections, resources: map[string]resource{}}
	raw, _ := sections["Resources"].(map[string]any)
	if sections["Resources"] != nil && raw == nil {
		return template{}, fmt.Errorf("Resources is a %T; expected an object of logical IDs", sections["Resources"])
	}
	for id, v := range raw {
		entry, ok := v.(map[string]any)
		if !ok {
			return template{}, fmt.Errorf("resource %s is a %T; expected an object with a Type", id, v)
		}
		typ, _ := entry["Type"].(string)
		if typ == "" {
			return template{}, fmt.Errorf("resource %s has no Type", id)
		}
		props, _ := entry["Properties"].(map[string]any)
		policy, _ := entry["DeletionPolicy"].(string)
		t.resources[id] = resource{Type: typ, Properties: props, DeletionPolicy: policy, raw: entry}
	}
	return t, nil
}

// ids returns the logical IDs, sorted.
func (t template) ids() []string {
	ids := make([]string, 0, len(t.resources))
	for id := range t.resources {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// name returns the resource's custom physical name as written in the
// template (a string, or an intrinsic function in canonical JSON), and
// whether it is a literal string; ok is false when the type has no custom
// name or the resource leaves it to CloudFormation.
func (r resource) name() (name string, literal, ok bool) {
	rule := ruleFor(r.Type)
	if rule.name == "" {
		return "", false, false
	}
	v, set := r.Properties[rule.name]
	if !set || v == nil {
		return "", false, false
	}
	if s, isString := v.(string); isString {
		return s, true, true
	}
	return canonical(v), false, true
}

// identity is what makes a custom name unique: the type, the scope the
// name lives in (a metric filter's log group) and the name. ok is false for
// resources without a custom name.
func (r resource) identity() (key string, literal, ok bool) {
	name, literal, ok := r.name()
	if !ok {
		return "", false, false
	}
	scope := ""
	if s := ruleFor(r.Type).scope; s != "" {
		v := r.Properties[s]
		if str, isString := v.(string); isString {
			scope = str
		} else {
			scope = canonical(v)
			literal = false
		}
	}
	return r.Type + "\x00" + scope + "\x00" + name, literal, true
}

// canonical renders a JSON value with sorted keys, for comparison.
func canonical(v any) string {
	b, err := json.Marshal(v) // maps are marshalled with sorted keys
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// display renders a property value for a message: strings bare, the rest
// as JSON, "(not set)" for a missing value.
func display(v any) string {
	switch x := v.(type) {
	case nil:
		return "(not set)"
	case string:
		return x
	default:
		return canonical(x)
	}
}
