// Package schemadoc writes the Markdown reference of a config file from its
// JSON Schema: a table per object type with every key, its type, its
// default, its limits, an example and its description, so that the
// reference cannot drift from the Go types the schema is generated from.
// Examples are taken from YAML documents of that schema (the shipped
// config).
package schemadoc

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// schema is the part of a JSON Schema the reference reads.
type schema struct {
	Ref           string             `json:"$ref"`
	Defs          map[string]*schema `json:"$defs"`
	Type          string             `json:"type"`
	Description   string             `json:"description"`
	Properties    *orderedProps      `json:"properties"`
	Items         *schema            `json:"items"`
	Additional    *schema            `json:"-"` // additionalProperties when a schema, not false
	RawAdditional json.RawMessage    `json:"additionalProperties"`
	Required      []string           `json:"required"`
	Enum          []any              `json:"enum"`
	Pattern       string             `json:"pattern"`
	MaxLength     *int               `json:"maxLength"`
	Minimum       *float64           `json:"minimum"`
	Format        string             `json:"format"`
}

// resolveAdditional reads additionalProperties where it is a schema (a
// map's values), everywhere below s.
func (s *schema) resolveAdditional() {
	if s == nil {
		return
	}
	if len(s.RawAdditional) > 0 && s.RawAdditional[0] == '{' {
		var a schema
		if json.Unmarshal(s.RawAdditional, &a) == nil {
			s.Additional = &a
			a.resolveAdditional()
		}
	}
	for _, d := range s.Defs {
		d.resolveAdditional()
	}
	if s.Properties != nil {
		for _, p := range s.Properties.props {
			p.resolveAdditional()
		}
	}
	s.Items.resolveAdditional()
}

// orderedProps keeps the properties in the schema's (the Go fields') order.
type orderedProps struct {
	keys  []string
	props map[string]*schema
}

func (o *orderedProps) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, &o.props); err != nil {
		return err
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.Token() // {
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		o.keys = append(o.keys, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return err
		}
	}
	return nil
}

// Reference writes the Markdown reference of schemaJSON under a heading
// named title, with examples from docs (YAML files the schema describes).
func Reference(w io.Writer, title string, schemaJSON []byte, docs ...[]byte) error {
	var root schema
	if err := json.Unmarshal(schemaJSON, &root); err != nil {
		return fmt.Errorf("%s: %w", title, err)
	}
	root.resolveAdditional()
	rootDef := strings.TrimPrefix(root.Ref, "#/$defs/")
	examples := map[string]string{}
	for _, d := range docs {
		var n yaml.Node
		if err := yaml.Unmarshal(d, &n); err != nil {
			return fmt.Errorf("%s example: %w", title, err)
		}
		if len(n.Content) > 0 {
			collect(root.Defs, rootDef, n.Content[0], examples)
		}
	}
	fmt.Fprintf(w, "## %s\n\n", title)
	for _, name := range order(root.Defs, rootDef) {
		def := root.Defs[name]
		if def.Properties == nil {
			continue
		}
		fmt.Fprintf(w, "### %s\n\n", name)
		fmt.Fprintln(w, "| Key | Type | Default | Limits | Example | Description |")
		fmt.Fprintln(w, "|---|---|---|---|---|---|")
		for _, key := range def.Properties.keys {
			p := def.Properties.props[key]
			desc, def0 := splitDefault(p.Description)
			if slices.Contains(def.Required, key) && def0 == "" {
				def0 = "required"
			}
			fmt.Fprintf(w, "| `%s` | %s | %s | %s | %s | %s |\n", key, typeOf(p), cell(def0), cell(limits(p)), code(examples[name+"."+key]), cell(desc))
		}
		fmt.Fprintln(w)
	}
	return nil
}

// order is the definitions reachable from root, depth first in property
// order, so that the reference reads top-down like the file.
func order(defs map[string]*schema, root string) []string {
	var out []string
	seen := map[string]bool{}
	var visit func(string)
	visit = func(name string) {
		if seen[name] || defs[name] == nil {
			return
		}
		seen[name] = true
		out = append(out, name)
		if p := defs[name].Properties; p != nil {
			for _, k := range p.keys {
				for _, ref := range refsOf(p.props[k]) {
					visit(ref)
				}
			}
		}
	}
	visit(root)
	var rest []string
	for name := range defs {
		if !seen[name] {
			rest = append(rest, name)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

func refsOf(s *schema) []string {
	var out []string
	for s != nil {
		if s.Ref != "" {
			out = append(out, strings.TrimPrefix(s.Ref, "#/$defs/"))
		}
		if s.Additional != nil {
			out = append(out, refsOf(s.Additional)...)
		}
		s = s.Items
	}
	return out
}

// collect records, for each "Def.key", the first value written for it in
// the document n (decoded as def).
func collect(defs map[string]*schema, def string, n *yaml.Node, out map[string]string) {
	d := defs[def]
	if d == nil || d.Properties == nil || n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i].Value, n.Content[i+1]
		p := d.Properties.props[key]
		if p == nil {
			continue
		}
		if _, ok := out[def+"."+key]; !ok {
			out[def+"."+key] = inline(val)
		}
		switch {
		case p.Ref != "":
			collect(defs, strings.TrimPrefix(p.Ref, "#/$defs/"), val, out)
		case p.Items != nil && p.Items.Ref != "" && val.Kind == yaml.SequenceNode:
			for _, item := range val.Content {
				collect(defs, strings.TrimPrefix(p.Items.Ref, "#/$defs/"), item, out)
			}
		case p.Additional != nil && p.Additional.Ref != "" && val.Kind == yaml.MappingNode:
			for j := 1; j < len(val.Content); j += 2 {
				collect(defs, strings.TrimPrefix(p.Additional.Ref, "#/$defs/"), val.Content[j], out)
			}
		}
	}
}

// maxExampleLength cuts long examples in the table.
const maxExampleLength = 60

// inline renders a YAML value on one line: a scalar as written, a flow
// collection as YAML flow, a block collection left out.
func inline(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		return n.Value
	}
	if n.Style&yaml.FlowStyle == 0 {
		return ""
	}
	b, err := yaml.Marshal(n)
	if err != nil {
		return ""
	}
	s := strings.TrimSpace(string(b))
	if len(s) > maxExampleLength {
		return ""
	}
	return s
}

var defaultSentence = regexp.MustCompile(`\s*Default: ([^.]*(?:\.\d[^.]*)*)\.?\s*$`)

// splitDefault takes "Default: X." off the end of a description.
func splitDefault(desc string) (string, string) {
	if m := defaultSentence.FindStringSubmatchIndex(desc); m != nil {
		return strings.TrimSpace(desc[:m[0]]), desc[m[2]:m[3]]
	}
	return desc, ""
}

func typeOf(s *schema) string {
	switch {
	case s.Ref != "":
		name := strings.TrimPrefix(s.Ref, "#/$defs/")
		return "[" + name + "](#" + strings.ToLower(name) + ")"
	case s.Type == "array" && s.Items != nil:
		return "list of " + typeOf(s.Items)
	case s.Type == "object" && s.Additional != nil:
		return "map of " + typeOf(s.Additional)
	case s.Type == "":
		return "any"
	}
	return s.Type
}

func limits(s *schema) string {
	var parts []string
	if len(s.Enum) > 0 {
		var vals []string
		for _, v := range s.Enum {
			vals = append(vals, fmt.Sprint(v))
		}
		parts = append(parts, "one of "+strings.Join(vals, ", "))
	}
	if s.Pattern != "" {
		parts = append(parts, "pattern `"+s.Pattern+"`")
	}
	if s.MaxLength != nil {
		parts = append(parts, fmt.Sprintf("at most %d characters", *s.MaxLength))
	}
	if s.Minimum != nil {
		parts = append(parts, fmt.Sprintf("at least %g", *s.Minimum))
	}
	if s.Format != "" {
		parts = append(parts, s.Format)
	}
	if s.Items != nil {
		if l := limits(s.Items); l != "" {
			parts = append(parts, "each: "+l)
		}
	}
	return strings.Join(parts, "; ")
}

// cell escapes a table cell.
func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "<", "&lt;", ">", "&gt;").Replace(s)
}

func code(s string) string {
	if s == "" {
		return ""
	}
	return "`" + strings.ReplaceAll(cell(s), "`", "'") + "`"
}
