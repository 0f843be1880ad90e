package appconfig

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

// expander copies a parsed YAML tree into one without aliases and merge
// keys, so that the strict checks and the decoder see exactly what the
// file means, and stops as soon as the copy would exceed MaxNodes or
// MaxDepth: aliases are followed once per use, so a few kilobytes of nested
// anchors cannot expand into billions of nodes.
type expander struct {
	file  string
	nodes int
	// err stops the expansion; errs are merge keys left out, each
	// reported while the rest of the file is expanded.
	err  *Error
	errs ErrorList
	// outer is the outermost alias being expanded, blamed for a blow-up.
	outer *yaml.Node
}

// expandYAML returns n with aliases replaced by copies of their anchors
// and merge keys (<<: *base) applied as YAML defines them: the keys of the
// mapping itself win over merged ones, and of several merged mappings
// (<<: [*a, *b]) the earlier wins. A merge key whose value is not a
// mapping is reported and left out; on a problem that stops the
// expansion (MaxNodes, MaxDepth), the tree is nil.
func expandYAML(file string, n *yaml.Node) (*yaml.Node, ErrorList) {
	x := &expander{file: file}
	out := x.expand(n, 0)
	if x.err != nil {
		return nil, ErrorList{x.err}
	}
	return out, x.errs
}

func (x *expander) fail(n *yaml.Node, format string, args ...any) *yaml.Node {
	if x.err == nil {
		x.err = &Error{File: x.file, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf(format, args...)}
	}
	return nil
}

func (x *expander) expand(n *yaml.Node, depth int) *yaml.Node {
	if x.err != nil {
		return nil
	}
	if depth > MaxDepth {
		return x.fail(n, "is nested more than %d levels deep; expected a config file (at most a few levels)", MaxDepth)
	}
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return x.fail(n, "alias *%s names no anchor", cut(n.Value))
		}
		if x.outer == nil {
			x.outer = n
			defer func() { x.outer = nil }()
		}
		return x.expand(n.Alias, depth+1)
	}
	x.nodes++
	if x.nodes > MaxNodes {
		if x.outer != nil {
			return x.fail(x.outer, "the alias *%s makes the file expand to more than %d YAML nodes (an alias copies its anchor, and the aliases inside it, at every use); expected fewer nested aliases", cut(x.outer.Value), MaxNodes)
		}
		return x.fail(n, "the file has more than %d YAML nodes; expected a smaller config", MaxNodes)
	}
	c := *n
	c.Anchor = ""
	c.Content = nil
	switch n.Kind {
	case yaml.DocumentNode, yaml.SequenceNode:
		for _, child := range n.Content {
			c.Content = append(c.Content, x.expand(child, depth+1))
		}
	case yaml.MappingNode:
		c.Content = x.mapping(n, depth)
	}
	if x.err != nil {
		return nil
	}
	return &c
}

// mapping expands the keys and values of n and applies its merge keys.
func (x *expander) mapping(n *yaml.Node, depth int) []*yaml.Node {
	var own, merged []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			merged = append(merged, x.mergeSources(v, depth)...)
			continue
		}
		own = append(own, x.expand(k, depth+1), x.expand(v, depth+1))
	}
	if x.err != nil || len(merged) == 0 {
		return own
	}
	taken := map[string]bool{}
	for i := 0; i < len(own); i += 2 {
		taken[own[i].Value] = true
	}
	out := own
	for i := 0; i+1 < len(merged); i += 2 {
		if k := merged[i]; !taken[k.Value] {
			taken[k.Value] = true
			out = append(out, k, merged[i+1])
		}
	}
	return out
}

// mergeSources expands the value of a merge key, a mapping or a list of
// mappings, to their key and value nodes in order.
func (x *expander) mergeSources(v *yaml.Node, depth int) []*yaml.Node {
	src := x.expand(v, depth+1)
	if src == nil {
		return nil
	}
	var out []*yaml.Node
	switch src.Kind {
	case yaml.MappingNode:
		return src.Content
	case yaml.SequenceNode:
		for _, m := range src.Content {
			if m.Kind != yaml.MappingNode {
				x.errs = append(x.errs, &Error{File: x.file, Line: m.Line, Col: m.Column, Msg: "<<: expected a mapping to merge (such as *base), got " + describe(m)})
				return nil
			}
			out = append(out, m.Content...)
		}
		return out
	}
	x.errs = append(x.errs, &Error{File: x.file, Line: v.Line, Col: v.Column, Msg: "<<: expected a mapping or a list of mappings to merge (such as *base), got " + describe(src)})
	return nil
}
