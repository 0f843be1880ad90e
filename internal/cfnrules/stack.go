package cfnrules

import (
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/eventwatch/eventwatch/constructs/spec"
	"github.com/eventwatch/eventwatch/internal/cfn"
)

// stackRules check a template as a whole: CloudFormation's quotas on a
// template and a stack, and the shape of its sections.
var stackRules = append([]stackRule{
	{ID: "stack-name", Source: srcCFNQuotas, Check: func(s *stack, ps *problems) {
		if n := chars(s.Name); n == 0 || n > spec.MaxStackNameLength || !stackName.MatchString(s.Name) {
			ps.addStack(s, "", "the stack name %s is not one CloudFormation takes: 1 to %d characters, a letter, then letters, digits and '-'", echo(s.Name), spec.MaxStackNameLength)
		}
	}},
	{ID: "stack-region", Source: srcRegions, Check: func(s *stack, ps *problems) {
		if s.Region == "" {
			return
		}
		if err := spec.CheckRegion("region", s.Region); err != nil {
			ps.addStack(s, "", "%s", fieldMsg(err))
		}
	}},
	{ID: "stack-template-size", Source: srcCFNQuotas, Check: func(s *stack, ps *problems) {
		// `cdk deploy` uploads the template to the bootstrap bucket and
		// passes its URL, so the limit is that of a template in S3, not
		// the 51,200 bytes of an inline body (see cfn.CheckTemplateSize).
		if n := len(s.Template); n > cfn.MaxTemplateBytesS3 {
			ps.addStack(s, "", "the template is %d bytes; CloudFormation reads at most %d bytes from S3, where cdk deploy uploads it", n, cfn.MaxTemplateBytesS3)
		}
	}},
	{ID: "stack-resources", Source: srcCFNQuotas, Check: func(s *stack, ps *problems) {
		if n := len(s.res); n == 0 {
			ps.addStack(s, "Resources", "the template has no resources; CloudFormation requires at least one")
		} else if n > spec.MaxResourcesPerStack {
			ps.addStack(s, "Resources", "the template has %d resources; CloudFormation allows at most %d per stack", n, spec.MaxResourcesPerStack)
		}
	}},
	{ID: "stack-sections", Source: srcCFNQuotas, Check: func(s *stack, ps *problems) {
		for _, c := range []struct {
			section string
			max     int
		}{{"Outputs", maxOutputsPerStack}, {"Parameters", maxParametersPerStack}, {"Mappings", maxMappingsPerStack}} {
			m, _ := s.tpl[c.section].(map[string]any)
			if len(m) > c.max {
				ps.addStack(s, c.section, "the template has %d %s; CloudFormation allows at most %d", len(m), c.section, c.max)
			}
		}
	}},
	{ID: "stack-logical-ids", Source: srcResources, Check: func(s *stack, ps *problems) {
		for _, section := range []string{"Resources", "Outputs", "Parameters", "Conditions", "Mappings"} {
			m, _ := s.tpl[section].(map[string]any)
			for _, id := range sortedKeys(m) {
				max := spec.MaxLogicalIDLength
				if section == "Outputs" {
					max = maxOutputNameLength
				}
				if !logicalID.MatchString(id) || chars(id) > max {
					ps.addStack(s, section+"."+id, "%s is not a logical ID; CloudFormation takes 1 to %d letters and digits", echo(id), max)
				}
			}
		}
	}},
	{ID: "stack-description", Source: srcTemplateFormat, Check: func(s *stack, ps *problems) {
		if d, ok := s.tpl["Description"].(string); ok && len(d) > maxTemplateDescription {
			ps.addStack(s, "Description", "is %d bytes; CloudFormation allows a template description of at most %d", len(d), maxTemplateDescription)
		}
	}},
	{ID: "stack-resource-type", Source: srcResources, Check: func(s *stack, ps *problems) {
		for _, id := range s.ids {
			if r := s.res[id]; r.Type == "" {
				ps.add(r, "Type", "is missing; every resource names its type")
			}
		}
	}},
}, arnRules...)

var (
	logicalID = regexp.MustCompile(`^[A-Za-z0-9]+$`)
	stackName = regexp.MustCompile(`^[a-zA-Z][-a-zA-Z0-9]*$`)
)

// sortedKeys are the keys of m, sorted.
func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// cycleRule reports references that go round in a circle: a resource whose
// properties refer, through other resources, outputs and exports, back to
// itself (Ref, Fn::GetAtt, Fn::Sub, DependsOn, Fn::ImportValue,
// Fn::GetStackOutput). CloudFormation refuses a circular dependency, and
// nothing about the resources on the circle can be resolved: newWorld
// keeps their stacks out of the resolver and cwsim.
var cycleRule = setRule{ID: "stack-circular-reference", Source: srcResources, Check: func(w *world, ps *problems) {
	for _, c := range w.cycles {
		ps.add(c.at, "", "refers back to itself: %s; CloudFormation refuses a circular dependency", strings.Join(c.path, " → "))
	}
}}

// cycle is one circle of references, reported at its first resource.
type cycle struct {
	at   *resource
	path []string
}

// findCycles finds the reference cycles of each env, marks the stacks on
// them, and records one cycle per resource that starts one.
func (w *world) findCycles() {
	for _, e := range w.envs {
		g := newRefGraph(e)
		for _, c := range g.cycles() {
			if c.at != nil {
				w.cycles = append(w.cycles, c.cycle)
			}
			for _, node := range c.nodes {
				if s := g.stackOf[node]; s != nil {
					s.cyclic = true
				}
			}
		}
	}
}

// refGraph is the references among an env's resources, outputs and exports.
type refGraph struct {
	edges   map[string][]string
	nodes   []string // in stack and logical ID order
	stackOf map[string]*stack
	res     map[string]*resource
}

func newRefGraph(e *env) *refGraph {
	g := &refGraph{edges: map[string][]string{}, stackOf: map[string]*stack{}, res: map[string]*resource{}}
	for _, s := range sortedStacks(e.stacks) {
		if s.readErr != nil {
			continue
		}
		for _, id := range s.ids {
			node := "resource " + s.Name + "/" + id
			r := s.res[id]
			g.nodes, g.stackOf[node], g.res[node] = append(g.nodes, node), s, r
			for _, dep := range dependsOn(r.raw["DependsOn"]) {
				if s.res[dep] != nil {
					g.edges[node] = append(g.edges[node], "resource "+s.Name+"/"+dep)
				}
			}
			g.addRefs(s, node, r.Props)
		}
		outputs, _ := s.tpl["Outputs"].(map[string]any)
		for _, name := range sortedKeys(outputs) {
			node := "output " + s.Name + "/" + name
			g.stackOf[node] = s
			g.addRefs(s, node, get(outputs[name], "Value"))
			if export, ok := get(outputs[name], "Export", "Name").(string); ok {
				g.edges["export "+export] = append(g.edges["export "+export], node)
			}
		}
	}
	return g
}

// addRefs adds the edges of the references in v, from node.
func (g *refGraph) addRefs(s *stack, node string, v any) {
	add := func(to string) { g.edges[node] = append(g.edges[node], to) }
	resourceRef := func(id string) {
		if s.res[id] != nil {
			add("resource " + s.Name + "/" + id)
		}
	}
	switch t := v.(type) {
	case []any:
		for _, x := range t {
			g.addRefs(s, node, x)
		}
	case map[string]any:
		if len(t) == 1 {
			for fn, arg := range t {
				switch fn {
				case "Ref":
					if id, ok := arg.(string); ok {
						resourceRef(id)
						return
					}
				case "Fn::GetAtt":
					if id, ok := get(arg, 0).(string); ok {
						resourceRef(id)
					} else if a, ok := arg.(string); ok {
						id, _, _ := strings.Cut(a, ".")
						resourceRef(id)
					}
					return
				case "Fn::Sub":
					text, _ := arg.(string)
					if text == "" {
						text, _ = get(arg, 0).(string)
						g.addRefs(s, node, get(arg, 1))
					}
					for _, m := range subRef.FindAllStringSubmatch(text, -1) {
						resourceRef(m[1])
					}
					return
				case "Fn::ImportValue":
					if name, ok := arg.(string); ok {
						add("export " + name)
						return
					}
				case "Fn::GetStackOutput":
					stackName, _ := get(arg, "StackName").(string)
					output, _ := get(arg, "OutputName").(string)
					add("output " + stackName + "/" + output)
					return
				}
			}
		}
		for _, k := range sortedKeys(t) {
			g.addRefs(s, node, t[k])
		}
	}
}

// cycles returns the cycles found by a depth-first search from each
// resource in order; at is nil for a cycle of outputs and exports only.
func (g *refGraph) cycles() []cycleFound {
	const (
		unseen = iota
		onPath
		done
	)
	state := map[string]int{}
	var out []cycleFound
	var path []string
	var visit func(n string)
	visit = func(n string) {
		state[n] = onPath
		path = append(path, n)
		for _, m := range g.edges[n] {
			switch state[m] {
			case unseen:
				visit(m)
			case onPath:
				i := slices.Index(path, m)
				nodes := slices.Clone(path[i:])
				c := cycleFound{nodes: nodes}
				for _, node := range nodes {
					if r := g.res[node]; r != nil {
						c.at = r
						break
					}
				}
				for _, node := range append(nodes, m) {
					c.path = append(c.path, strings.TrimPrefix(node, "resource "))
				}
				out = append(out, c)
			}
		}
		path = path[:len(path)-1]
		state[n] = done
	}
	for _, n := range g.nodes {
		if state[n] == unseen {
			visit(n)
		}
	}
	for _, n := range sortedKeys(g.edges) { // outputs and exports no resource reaches
		if state[n] == unseen {
			visit(n)
		}
	}
	return out
}

// cycleFound is a cycle and the graph nodes on it.
type cycleFound struct {
	cycle
	nodes []string
}

func dependsOn(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, x := range t {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// subRef matches a ${LogicalID} or ${LogicalID.Attribute} of an Fn::Sub.
var subRef = regexp.MustCompile(`\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}`)
