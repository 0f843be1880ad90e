package appconfig

import (
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// document is a decoded YAML file with the line of every key path in it,
// so that checks made after decoding can still point at the line.
type document struct {
	file  string
	lines map[string]int
	cols  map[string]int
	// styles records the scalar style per path, to place columns inside quoted strings.
	styles map[string]yaml.Style
}

// at builds an error at the line of path, or of its closest parent present in the file.
func (d *document) at(path, format string, args ...any) *Error {
	return &Error{File: d.file, Line: d.line(path), Field: path, Msg: fmt.Sprintf(format, args...)}
}

func (d *document) line(path string) int {
	for p := path; ; {
		if l, ok := d.lines[p]; ok {
			return l
		}
		i := strings.LastIndexAny(p, ".[")
		if i <= 0 {
			return 0
		}
		p = p[:i]
	}
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// decodeStrict decodes data into out (a pointer to a struct) and rejects
// unknown keys, duplicate keys and values of the wrong kind, each with its
// line and what is expected.
func decodeStrict(file string, data []byte, out any) (*document, ErrorList) {
	doc := &document{file: file, lines: map[string]int{}, cols: map[string]int{}, styles: map[string]yaml.Style{}}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		e := &Error{File: file, Msg: "is not valid YAML: " + err.Error()}
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			e.Line, _ = strconv.Atoi(m[1])
			e.Msg = "is not valid YAML: " + m[2]
			// yaml.v3 counts lines from 0 in its parser's errors (all of
			// them "did not find expected ...") and from 1 in its scanner's.
			if strings.HasPrefix(m[2], "did not find expected") {
				e.Line++
			}
		}
		return doc, ErrorList{e}
	}
	if len(root.Content) == 0 {
		return doc, ErrorList{{File: file, Msg: "is empty; expected a mapping of keys such as " + strings.Join(keysOf(reflect.TypeOf(out).Elem()), ", ")}}
	}
	var errs ErrorList
	doc.check(root.Content[0], reflect.TypeOf(out).Elem(), "", &errs)
	if len(errs) > 0 {
		return doc, errs
	}
	if err := root.Content[0].Decode(out); err != nil {
		return doc, ErrorList{{File: file, Msg: err.Error()}}
	}
	return doc, nil
}

// check walks node against type t, recording lines and collecting errors.
func (d *document) check(n *yaml.Node, t reflect.Type, path string, errs *ErrorList) {
	d.lines[path], d.cols[path], d.styles[path] = n.Line, n.Column, n.Style
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Tag == "!!null" {
		return // omitted value: the field keeps its zero value or default
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	fail := func(what string) {
		*errs = append(*errs, &Error{File: d.file, Line: n.Line, Col: n.Column, Field: path, Msg: fmt.Sprintf("expected %s, got %s", what, describe(n))})
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			fail("a mapping with keys " + strings.Join(keysOf(t), ", "))
			return
		}
		fields := fieldsByKey(t)
		d.eachKey(n, path, errs, func(k, v *yaml.Node, sub string) {
			f, ok := fields[k.Value]
			if !ok {
				*errs = append(*errs, &Error{File: d.file, Line: k.Line, Col: k.Column, Field: sub, Msg: fmt.Sprintf("unknown key %q; expected one of %s", k.Value, strings.Join(keysOf(t), ", "))})
				return
			}
			d.check(v, f.Type, sub, errs)
		})
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			fail("a list")
			return
		}
		for i, c := range n.Content {
			d.check(c, t.Elem(), fmt.Sprintf("%s[%d]", path, i), errs)
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			fail("a mapping")
			return
		}
		d.eachKey(n, path, errs, func(_, v *yaml.Node, sub string) {
			d.check(v, t.Elem(), sub, errs)
		})
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			fail("a string")
		}
	case reflect.Int:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
			fail("a whole number")
		}
	case reflect.Float64:
		if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") {
			fail("a number")
		}
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			fail("true or false")
		}
	}
}

// eachKey calls fn for each key and value of the mapping n, with the key's
// path, and reports a key set twice instead of calling fn for it again.
func (d *document) eachKey(n *yaml.Node, path string, errs *ErrorList, fn func(k, v *yaml.Node, sub string)) {
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		sub := join(path, k.Value)
		if first, dup := seen[k.Value]; dup {
			*errs = append(*errs, &Error{File: d.file, Line: k.Line, Col: k.Column, Field: sub, Msg: fmt.Sprintf("is set twice (first on line %d)", first)})
			continue
		}
		seen[k.Value] = k.Line
		fn(k, v, sub)
	}
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return strconv.Quote(n.Value)
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// fieldsByKey maps YAML keys to the struct fields they decode into.
func fieldsByKey(t reflect.Type) map[string]reflect.StructField {
	out := map[string]reflect.StructField{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name != "" && name != "-" {
			out[name] = f
		}
	}
	return out
}

func keysOf(t reflect.Type) []string {
	keys := make([]string, 0, t.NumField())
	for k := range fieldsByKey(t) {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
