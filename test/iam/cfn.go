package iam

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// template is a CloudFormation template as JSON or YAML decodes it.
type template struct {
	Parameters map[string]struct {
		Default any    `json:"Default" yaml:"Default"`
		Type    string `json:"Type" yaml:"Type"`
	} `json:"Parameters" yaml:"Parameters"`
	Conditions map[string]any      `json:"Conditions" yaml:"Conditions"`
	Resources  map[string]resource `json:"Resources" yaml:"Resources"`
}

type resource struct {
	Type       string         `json:"Type" yaml:"Type"`
	Condition  string         `json:"Condition" yaml:"Condition"`
	Properties map[string]any `json:"Properties" yaml:"Properties"`
}

// noValue stands for AWS::NoValue while resolving: the key or element
// holding it is dropped.
type noValue struct{}

// resolver evaluates the intrinsic functions of one template deployed in
// one account and region: Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::If and
// the condition functions. A resource's Ref and attributes are given by
// refs and attrs (the physical names the simulation assigns).
type resolver struct {
	tmpl       template
	stack      string
	params     map[string]any // parameter values, lists as []any
	pseudo     map[string]string
	refs       map[string]string            // logical ID -> Ref value
	attrs      map[string]map[string]string // logical ID -> attribute -> value
	conditions map[string]bool
}

// newResolver binds the template's parameters (their defaults, overridden
// by params; a CommaDelimitedList splits at ',') and evaluates its
// conditions.
func newResolver(tmpl template, account, region, partition string, params map[string]string) (*resolver, error) {
	r := &resolver{tmpl: tmpl, params: map[string]any{}, refs: map[string]string{}, attrs: map[string]map[string]string{}, conditions: map[string]bool{},
		pseudo: map[string]string{"AWS::AccountId": account, "AWS::Region": region, "AWS::Partition": partition, "AWS::URLSuffix": "amazonaws.com"}}
	for name, p := range tmpl.Parameters {
		v := fmt.Sprint(p.Default)
		if p.Default == nil {
			v = ""
		}
		if given, ok := params[name]; ok {
			v = given
		}
		if p.Type == "CommaDelimitedList" {
			var list []any
			for _, s := range strings.Split(v, ",") {
				list = append(list, s)
			}
			r.params[name] = list
		} else {
			r.params[name] = v
		}
	}
	names := make([]string, 0, len(tmpl.Conditions))
	for name := range tmpl.Conditions {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if _, err := r.condition(name); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// exists reports whether a resource is created (its condition holds).
func (r *resolver) exists(id string) bool {
	c := r.tmpl.Resources[id].Condition
	return c == "" || r.conditions[c]
}

func (r *resolver) condition(name string) (bool, error) {
	if v, ok := r.conditions[name]; ok {
		return v, nil
	}
	expr, ok := r.tmpl.Conditions[name]
	if !ok {
		return false, fmt.Errorf("condition %s is not in the template", name)
	}
	v, err := r.truth(expr)
	if err != nil {
		return false, fmt.Errorf("condition %s: %w", name, err)
	}
	r.conditions[name] = v
	return v, nil
}

// truth evaluates a condition function.
func (r *resolver) truth(expr any) (bool, error) {
	m, ok := expr.(map[string]any)
	if !ok || len(m) != 1 {
		return false, fmt.Errorf("expected a condition function, got %v", expr)
	}
	for fn, arg := range m {
		args, _ := arg.([]any)
		switch fn {
		case "Condition":
			return r.condition(fmt.Sprint(arg))
		case "Fn::Not":
			v, err := r.truth(args[0])
			return !v, err
		case "Fn::And", "Fn::Or":
			all := fn == "Fn::And"
			for _, a := range args {
				v, err := r.truth(a)
				if err != nil {
					return false, err
				}
				if v != all {
					return v, nil
				}
			}
			return all, nil
		case "Fn::Equals":
			a, err := r.resolve(args[0])
			if err != nil {
				return false, err
			}
			b, err := r.resolve(args[1])
			if err != nil {
				return false, err
			}
			return fmt.Sprint(a) == fmt.Sprint(b), nil
		}
		return false, fmt.Errorf("unknown condition function %s", fn)
	}
	return false, nil
}

// subRE finds the ${name} and ${id.attribute} of Fn::Sub.
var subRE = regexp.MustCompile(`\$\{([^}!]+)\}`)

// resolve evaluates the intrinsic functions in v; noValue{} for
// AWS::NoValue.
func (r *resolver) resolve(v any) (any, error) {
	switch x := v.(type) {
	case []any:
		out := []any{}
		for _, e := range x {
			rv, err := r.resolve(e)
			if err != nil {
				return nil, err
			}
			if _, drop := rv.(noValue); !drop {
				out = append(out, rv)
			}
		}
		return out, nil
	case map[string]any:
		if len(x) == 1 {
			for fn, arg := range x {
				if strings.HasPrefix(fn, "Fn::") || fn == "Ref" {
					return r.function(fn, arg)
				}
			}
		}
		out := map[string]any{}
		for k, e := range x {
			rv, err := r.resolve(e)
			if err != nil {
				return nil, err
			}
			if _, drop := rv.(noValue); !drop {
				out[k] = rv
			}
		}
		return out, nil
	}
	return v, nil
}

func (r *resolver) function(fn string, arg any) (any, error) {
	switch fn {
	case "Ref":
		return r.ref(fmt.Sprint(arg))
	case "Fn::GetAtt":
		var parts []string
		switch a := arg.(type) {
		case []any:
			for _, p := range a {
				parts = append(parts, fmt.Sprint(p))
			}
		case string:
			parts = strings.SplitN(a, ".", 2)
		}
		if len(parts) != 2 {
			return nil, fmt.Errorf("Fn::GetAtt %v: expected [id, attribute]", arg)
		}
		return r.attr(parts[0], parts[1])
	case "Fn::Sub":
		text, ok := arg.(string)
		if !ok {
			return nil, fmt.Errorf("Fn::Sub with variables is not supported: %v", arg)
		}
		var err error
		out := subRE.ReplaceAllStringFunc(text, func(m string) string {
			name := m[2 : len(m)-1]
			var v any
			var e error
			if id, at, ok := strings.Cut(name, "."); ok {
				v, e = r.attr(id, at)
			} else {
				v, e = r.ref(name)
			}
			if e != nil {
				err = e
			}
			return fmt.Sprint(v)
		})
		return out, err
	case "Fn::Join":
		args, _ := arg.([]any)
		if len(args) != 2 {
			return nil, fmt.Errorf("Fn::Join %v: expected [separator, list]", arg)
		}
		list, err := r.resolve(args[1])
		if err != nil {
			return nil, err
		}
		items, ok := list.([]any)
		if !ok {
			return nil, fmt.Errorf("Fn::Join %v: the list is %v", arg, list)
		}
		var parts []string
		for _, p := range items {
			parts = append(parts, fmt.Sprint(p))
		}
		return strings.Join(parts, fmt.Sprint(args[0])), nil
	case "Fn::If":
		args, _ := arg.([]any)
		if len(args) != 3 {
			return nil, fmt.Errorf("Fn::If %v: expected [condition, then, else]", arg)
		}
		c, err := r.condition(fmt.Sprint(args[0]))
		if err != nil {
			return nil, err
		}
		if c {
			return r.resolve(args[1])
		}
		return r.resolve(args[2])
	}
	return nil, fmt.Errorf("unsupported intrinsic function %s", fn)
}

func (r *resolver) ref(name string) (any, error) {
	if name == "AWS::NoValue" {
		return noValue{}, nil
	}
	if v, ok := r.pseudo[name]; ok {
		return v, nil
	}
	if v, ok := r.params[name]; ok {
		return v, nil
	}
	if v, ok := r.refs[name]; ok {
		return v, nil
	}
	return nil, fmt.Errorf("Ref %s: no parameter or resource of that name", name)
}

func (r *resolver) attr(id, name string) (any, error) {
	if v, ok := r.attrs[id][name]; ok {
		return v, nil
	}
	return nil, fmt.Errorf("Fn::GetAtt %s.%s: not known to the simulation", id, name)
}
