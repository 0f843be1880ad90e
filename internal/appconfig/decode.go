package appconfig

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/eventwatch/eventwatch/constructs/spec"
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
	// damaged holds the key paths whose values failed to decode (and
	// decoded as empty), "" for a file that failed as a whole: the checks
	// after decoding leave out what only follows from them (cascade.go).
	damaged map[string]bool
	// suggest finds the names closest to unknown ones in the file.
	suggest suggester
}

func newDocument(file string) *document {
	return &document{file: file, lines: map[string]int{}, cols: map[string]int{}, styles: map[string]yaml.Style{}, damaged: map[string]bool{}}
}

// damagedAt reports whether the value at path, or a value it is part of,
// failed to decode: what the config holds there is not what the file says.
func (d *document) damagedAt(path string) bool {
	for p := path; ; {
		if d.damaged[p] {
			return true
		}
		var ok bool
		if p, ok = parentPath(p); !ok {
			return false
		}
	}
}

// damagedUnder reports whether any value at or below path failed to decode.
func (d *document) damagedUnder(path string) bool {
	if d.damagedAt(path) {
		return true
	}
	for p := range d.damaged {
		if isBelow(p, path) {
			return true
		}
	}
	return false
}

// namesUnknown reports whether the names of the entries of the list at
// path are not all known: the list, an entry or an entry's name failed to
// decode. A name that is not found in such a list may be the lost one, and
// is not reported as unknown.
func (d *document) namesUnknown(path string, entries int) bool {
	if d.damagedAt(path) {
		return true
	}
	for i := range entries {
		if d.damagedAt(fmt.Sprintf("%s[%d].name", path, i)) {
			return true
		}
	}
	return false
}

// parentPath is the key path of the value that holds the one at path
// ("services[0]" for "services[0].name", "" for "owner"), and false for "".
func parentPath(path string) (string, bool) {
	if path == "" {
		return "", false
	}
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return "", true
	}
	return path[:i], true
}

// isBelow reports whether path is parent or a key path inside it.
func isBelow(path, parent string) bool {
	if parent == "" || path == parent {
		return true
	}
	return strings.HasPrefix(path, parent) && (path[len(parent)] == '.' || path[len(parent)] == '[')
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

// decodeStrict decodes data into out (a pointer to a struct) as YAML 1.2
// (yaml12.go: 030 is thirty, yes is text) and rejects unknown keys,
// duplicate keys, values of the wrong kind, a second document, and
// aliases that expand beyond MaxNodes, each with its line and what is
// expected. Merge keys (<<: *base) are applied before the checks,
// so the checks see the merged result. What is valid is decoded even when
// something else is not, so that the checks after decoding can still find
// every other problem: a value that failed decodes as empty, and its path
// is recorded in the document's damaged set.
func decodeStrict(file string, data []byte, out any) (*document, ErrorList) {
	doc := newDocument(file)
	t := reflect.TypeOf(out).Elem()
	whole := func(e *Error) (*document, ErrorList) {
		doc.damaged[""] = true
		return doc, ErrorList{e}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var root yaml.Node
	if err := dec.Decode(&root); err != nil && err != io.EOF {
		return whole(yamlError(file, err))
	}
	if len(root.Content) == 0 || root.Content[0].Tag == "!!null" {
		return whole(&Error{File: file, Msg: "is empty; expected a mapping of keys such as " + strings.Join(keysOf(t), ", ")})
	}
	// A trailing '---' starts an empty document, which is harmless; a
	// second document with anything in it would be ignored, so it is an error.
	var second *Error
	for {
		var next yaml.Node
		err := dec.Decode(&next)
		if err == io.EOF {
			break
		}
		if err != nil {
			return whole(yamlError(file, err))
		}
		if len(next.Content) > 0 && (next.Content[0].Tag != "!!null" || next.Content[0].Value != "") {
			second = &Error{File: file, Line: next.Line, Msg: "holds a second YAML document; expected one document per file (remove the '---' line and what follows, or merge the two)"}
			break
		}
	}
	tree, errs := expandYAML(file, root.Content[0])
	if second != nil {
		errs = append(errs, second)
	}
	if tree == nil {
		doc.damaged[""] = true
		return doc, errs
	}
	if len(errs) > 0 {
		// The keys that a merge key left out or the second document holds
		// are not known: the checks after decoding leave the file out, but
		// the rest of it is decoded and its problems reported.
		doc.damaged[""] = true
	}
	if !doc.check(tree, t, "", false, &errs) {
		return doc, errs
	}
	// check has replaced what failed with empty values: the rest decodes.
	if err := tree.Decode(out); err != nil {
		doc.damaged[""] = true
		return doc, append(errs, &Error{File: file, Msg: err.Error()})
	}
	return doc, errs
}

// yamlError turns a YAML syntax error into an *Error at its line.
func yamlError(file string, err error) *Error {
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
	return e
}

// check walks node against type t, recording lines and collecting errors.
// entry tells that n is a list entry or a map value, which may not be null.
// It reports whether n is valid; what is not valid inside n is replaced by
// an empty value (or, for a key, left out) and recorded as damaged, so
// that n decodes.
func (d *document) check(n *yaml.Node, t reflect.Type, path string, entry bool, errs *ErrorList) bool {
	d.lines[path], d.cols[path], d.styles[path] = n.Line, n.Column, n.Style
	ok := true
	fail := func(format string, args ...any) {
		*errs = append(*errs, &Error{File: d.file, Line: n.Line, Col: n.Column, Field: path, Msg: fmt.Sprintf(format, args...)})
		d.damaged[path] = true
		ok = false
	}
	pointer := t.Kind() == reflect.Pointer
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	// Scalars are read as YAML 1.2 (yaml12.go): n.Tag becomes the 1.2 tag,
	// and an integer's value, canonical, is its decimal text.
	var canonical string
	if n.Kind == yaml.ScalarNode {
		tag, c, problem := scalarYAML12(n)
		if problem != "" {
			fail("%s", problem)
			return ok
		}
		n.Tag, canonical = tag, c
	}
	if n.Tag == "!!null" {
		// An omitted list, map or section is empty; anything else that is
		// written without a value would silently become its default.
		switch {
		case entry:
			fail("is empty (a '-' or key without a value); expected %s", expected(t))
		case pointer || !isCollection(t):
			fail("has no value; expected %s, or remove the key for the default", expected(t))
		}
		return ok
	}
	if n.Kind == yaml.ScalarNode {
		if tok := tokenMarker(n.Value); tok != "" {
			fail("%s contains %q, which the CDK would read as a reference to a value; expected literal text", quote(n.Value), tok)
			return ok
		}
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			fail("expected %s, got %s", expected(t), describe(n))
			return ok
		}
		fields := fieldsByKey(t)
		present := map[string]bool{}
		for i := 0; i < len(n.Content); i += 2 {
			present[n.Content[i].Value] = true
		}
		var kept []*yaml.Node
		d.eachKey(n, path, errs, func(k, v *yaml.Node, sub string) {
			f, known := fields[k.Value]
			if !known {
				hint := expectedOneOf(keysOf(t))
				if key, close := d.suggest.closest(k.Value, keysOf(t)); close {
					hint = "did you mean " + key + "?"
					// The key it stands for, if missing, would be reported
					// as missing again.
					if !present[key] {
						d.damaged[join(path, key)] = true
					}
				}
				*errs = append(*errs, &Error{File: d.file, Line: k.Line, Col: k.Column, Field: cut(sub), Msg: fmt.Sprintf("unknown key %s; %s", quote(k.Value), hint)})
				return
			}
			if v.Tag == "!!null" && !omitempty(f) {
				*errs = append(*errs, &Error{File: d.file, Line: v.Line, Col: v.Column, Field: sub, Msg: "has no value; expected " + expected(deref(f.Type)) + " (the key is required)"})
				d.damaged[sub] = true
				kept = append(kept, k, zeroNode(f.Type, v))
				return
			}
			if !d.check(v, f.Type, sub, false, errs) {
				v = zeroNode(f.Type, v)
			} else if omitempty(f) && v.Kind == yaml.ScalarNode && v.Tag != "!!null" {
				d.checkExplicitZero(v, f.Type, sub, errs)
			}
			kept = append(kept, k, v)
		})
		n.Content = kept
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			fail("expected a list, got %s", describe(n))
			return ok
		}
		for i, c := range n.Content {
			if !d.check(c, t.Elem(), fmt.Sprintf("%s[%d]", path, i), true, errs) {
				n.Content[i] = zeroNode(t.Elem(), c)
			}
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			fail("expected a mapping, got %s", describe(n))
			return ok
		}
		var kept []*yaml.Node
		d.eachKey(n, path, errs, func(k, v *yaml.Node, sub string) {
			if k.Kind != yaml.ScalarNode {
				*errs = append(*errs, &Error{File: d.file, Line: k.Line, Col: k.Column, Field: path, Msg: fmt.Sprintf("expected a text key, got %s", describe(k))})
				d.damaged[path] = true
				return
			}
			if tok := tokenMarker(k.Value); tok != "" {
				*errs = append(*errs, &Error{File: d.file, Line: k.Line, Col: k.Column, Field: cut(sub), Msg: fmt.Sprintf("key %s contains %q, which the CDK would read as a reference to a value; expected literal text", quote(k.Value), tok)})
				d.damaged[sub] = true
				return
			}
			if !d.check(v, t.Elem(), sub, true, errs) {
				v = zeroNode(t.Elem(), v)
			}
			kept = append(kept, k, v)
		})
		n.Content = kept
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			fail("expected a string, got %s", describe(n))
		} else {
			n.Tag = "!!str" // the text as written: 030 stays "030"
		}
	case reflect.Int:
		var v int
		switch {
		case n.Kind != yaml.ScalarNode || n.Tag != "!!int":
			fail("expected a whole number, got %s%s", describe(n), scalarHint(n))
		case decodeCanonical(n, canonical, &v) != nil:
			fail("%s is out of range; expected a whole number of a size the field takes", quote(n.Value))
		}
	case reflect.Float64:
		var v float64
		switch {
		case n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float"):
			fail("expected a number, got %s%s", describe(n), scalarHint(n))
		case decodeCanonical(n, canonical, &v) != nil:
			fail("%s is not a number this field takes", quote(n.Value))
		case math.IsNaN(v) || math.IsInf(v, 0):
			fail("%s is not a finite number; expected a number such as 0 or 2.5", n.Value)
		case math.Abs(v) > spec.MaxMetricMagnitude:
			fail("%s is out of range; CloudWatch accepts numbers from -2^360 to 2^360", quote(n.Value))
		}
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			fail("expected true or false, got %s%s", describe(n), scalarHint(n))
		} else {
			n.Value = canonical
		}
	}
	return ok
}

// decodeCanonical decodes the number n into v from its YAML 1.2 value:
// an integer's decimal text replaces the text as written, which yaml.v3
// would read as YAML 1.1 (030 as 24).
func decodeCanonical(n *yaml.Node, canonical string, v any) error {
	if n.Tag == "!!int" {
		n.Value = canonical
	}
	return n.Decode(v)
}

// scalarHint is yaml11Hint for a plain scalar, "" for anything else.
func scalarHint(n *yaml.Node) string {
	if n.Kind != yaml.ScalarNode || n.Style != 0 {
		return ""
	}
	return yaml11Hint(n.Value)
}

// zeroNode is a node that decodes into type t as its zero value, in place
// of one that failed the checks (a null would make the decoder leave a
// list entry out, and shift the others).
func zeroNode(t reflect.Type, at *yaml.Node) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Line: at.Line, Column: at.Column}
	switch t.Kind() {
	case reflect.Struct:
		n.Kind, n.Tag = yaml.MappingNode, "!!map"
	case reflect.String:
		n.Tag = "!!str"
	case reflect.Int:
		n.Tag, n.Value = "!!int", "0"
	case reflect.Float64:
		n.Tag, n.Value = "!!float", "0"
	case reflect.Bool:
		n.Tag, n.Value = "!!bool", "false"
	default: // pointers, lists and maps
		n.Tag = "!!null"
	}
	return n
}

// checkExplicitZero refuses an explicit 0 (0.0, -0.0) or "" for an
// optional field: the decoder could not tell it from an omitted key and
// would apply the default. A number's value is its YAML 1.2 decimal text
// (check has made it so).
func (d *document) checkExplicitZero(v *yaml.Node, t reflect.Type, path string, errs *ErrorList) {
	var msg string
	switch t.Kind() {
	case reflect.Int:
		if n, err := strconv.ParseInt(v.Value, 10, 64); err == nil && n == 0 {
			msg = "is 0; expected a positive whole number, or remove the key for the default"
		}
	case reflect.Float64:
		// -0.0 too: it is 0, and would be the default as well.
		if f, err := strconv.ParseFloat(v.Value, 64); err == nil && f == 0 {
			msg = "is 0; expected a positive number, or remove the key for the default"
		}
	case reflect.String:
		if v.Value == "" {
			msg = "is empty; expected a value, or remove the key for the default"
		}
	}
	if msg != "" {
		*errs = append(*errs, &Error{File: d.file, Line: v.Line, Col: v.Column, Field: path, Msg: msg})
		d.damaged[path] = true
	}
}

func omitempty(f reflect.StructField) bool {
	_, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	return strings.Contains(opts, "omitempty")
}

func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

func isCollection(t reflect.Type) bool {
	k := t.Kind()
	return k == reflect.Struct || k == reflect.Slice || k == reflect.Map
}

// expected names what a value of type t looks like.
func expected(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Struct:
		return "a mapping with keys " + strings.Join(keysOf(t), ", ")
	case reflect.Slice:
		return "a list"
	case reflect.Map:
		return "a mapping"
	case reflect.Int:
		return "a whole number"
	case reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	}
	return "a string"
}

// tokenMarker returns the CDK token marker in s, if any: the CDK resolves
// "${Token[...]}" and "#{Token[...]}" in any string it is given, so user
// text holding one would be replaced by another value.
func tokenMarker(s string) string {
	for _, m := range []string{"${Token[", "#{Token["} {
		if strings.Contains(s, m) {
			return m
		}
	}
	return ""
}

// eachKey calls fn for each key and value of the mapping n, with the key's
// path, and reports a key set twice instead of calling fn for it again.
func (d *document) eachKey(n *yaml.Node, path string, errs *ErrorList, fn func(k, v *yaml.Node, sub string)) {
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		sub := join(path, k.Value)
		if first, dup := seen[k.Value]; dup {
			*errs = append(*errs, &Error{File: d.file, Line: k.Line, Col: k.Column, Field: cut(sub), Msg: fmt.Sprintf("is set twice (first on line %d)", first)})
			d.damaged[sub] = true
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
	return quote(n.Value)
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
