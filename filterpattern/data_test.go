package filterpattern

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/internal/datafile"
)

// dataCase is one block of testdata/patterns.txt: a pattern and what is
// expected of it.
type dataCase struct {
	line     int // line of the pattern in the data file
	pattern  string
	kind     string
	str      *string
	matches  []string
	nomatch  []string
	err      string
	value    *string
	dims     map[string]string
	extErr   string
	extracts []extractCase
}

type extractCase struct {
	line    int
	message string
	want    string
}

// loadCases reads testdata/patterns.txt (format described at its top).
func loadCases(t testing.TB) []*dataCase {
	t.Helper()
	var cases []*dataCase
	var c *dataCase
	for _, e := range datafile.Keyed(t, "testdata/patterns.txt") {
		if e.NewBlock {
			c = nil
		}
		ln, key, text := e.Line, e.Key, e.Text
		if key == "pattern" {
			c = &dataCase{line: ln, pattern: expandLong(text)}
			cases = append(cases, c)
			continue
		}
		if c == nil {
			t.Fatalf("patterns.txt:%d: %s before any pattern", ln, key)
		}
		switch key {
		case "kind":
			c.kind = text
		case "string":
			c.str = &text
		case "match":
			c.matches = append(c.matches, expandLong(text))
		case "nomatch":
			c.nomatch = append(c.nomatch, expandLong(text))
		case "error":
			c.err = text
		case "value":
			c.value = &text
		case "dim":
			name, expr, _ := strings.Cut(text, "=")
			if c.dims == nil {
				c.dims = map[string]string{}
			}
			c.dims[name] = expr
		case "extract-error":
			c.extErr = text
		case "extract":
			c.extracts = append(c.extracts, extractCase{line: ln, message: text})
		case "want":
			if len(c.extracts) == 0 {
				t.Fatalf("patterns.txt:%d: want before extract", ln)
			}
			c.extracts[len(c.extracts)-1].want = text
		default:
			t.Fatalf("patterns.txt:%d: unknown key %q", ln, key)
		}
	}
	return cases
}

// expandLong turns "{{LONG n}}" into a bare term of n characters.
func expandLong(s string) string {
	var n int
	if _, err := fmt.Sscanf(s, "{{LONG %d}}", &n); err == nil {
		return strings.Repeat("a", n)
	}
	return repeatRE.ReplaceAllStringFunc(s, func(m string) string {
		sub := repeatRE.FindStringSubmatch(m)
		n, _ := strconv.Atoi(sub[1])
		return strings.Repeat(sub[2], n)
	})
}

// repeatRE is <<REPEAT n|text>> inside a pattern: text repeated n times.
var repeatRE = regexp.MustCompile(`<<REPEAT (\d+)\|(.*?)>>`)

func TestData(t *testing.T) {
	counts := map[string]int{}
	for _, c := range loadCases(t) {
		t.Run(fmt.Sprintf("line%d", c.line), func(t *testing.T) {
			p, err := Parse(c.pattern)
			if c.err != "" {
				counts["error"]++
				checkError(t, c, err)
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q): %v", c.pattern, err)
			}
			if c.kind != "" && p.Kind().String() != c.kind {
				t.Errorf("Parse(%q).Kind() = %s, want %s", c.pattern, p.Kind(), c.kind)
			}
			if c.str != nil && p.String() != *c.str {
				t.Errorf("Parse(%q).String() = %q, want %q", c.pattern, p.String(), *c.str)
			}
			for _, m := range c.matches {
				counts["match"]++
				if !p.Match(m) || !p.MatchBytes([]byte(m)) {
					t.Errorf("pattern %q should match %q", c.pattern, m)
				}
			}
			for _, m := range c.nomatch {
				counts["nomatch"]++
				if p.Match(m) || p.MatchBytes([]byte(m)) {
					t.Errorf("pattern %q should not match %q", c.pattern, m)
				}
			}
			if c.value != nil {
				checkExtract(t, c, p, counts)
			}
		})
	}
	t.Logf("cases: %v", counts)
}

func checkError(t *testing.T, c *dataCase, err error) {
	t.Helper()
	if err == nil {
		t.Fatalf("Parse(%q) succeeded, want error %q", c.pattern, c.err)
	}
	e, ok := err.(*Error)
	if !ok {
		t.Fatalf("Parse(%q) error is %T, want *Error", c.pattern, err)
	}
	pos, msg, _ := strings.Cut(c.err, ": ")
	if got := fmt.Sprintf("%d:%d", e.Line, e.Col); got != pos || !strings.Contains(e.Msg, msg) {
		t.Errorf("Parse(%q) error:\n%v\nwant %s: ...%s...", c.pattern, err, pos, msg)
	}
	if !strings.HasPrefix(err.Error(), pos+": ") || !strings.Contains(err.Error(), "^") {
		t.Errorf("Error() = %q, want position prefix and caret", err.Error())
	}
}

func checkExtract(t *testing.T, c *dataCase, p *Pattern, counts map[string]int) {
	t.Helper()
	x, err := p.NewExtractor(*c.value, c.dims)
	if c.extErr != "" {
		counts["extract-error"]++
		if err == nil || !strings.Contains(err.Error(), c.extErr) {
			t.Errorf("NewExtractor(%q, %v) = %v, want error containing %q", *c.value, c.dims, err, c.extErr)
		}
		return
	}
	if err != nil {
		t.Fatalf("NewExtractor(%q, %v): %v", *c.value, c.dims, err)
	}
	for _, e := range c.extracts {
		counts["extract"]++
		r, ok := x.Extract(e.message)
		got := "none"
		if ok {
			got = "-"
			if r.HasValue {
				got = strconv.FormatFloat(r.Value, 'g', -1, 64)
			}
			dims := r.Dimensions
			if dims == nil {
				dims = map[string]string{}
			}
			b, _ := json.Marshal(dims)
			got += " " + string(b)
		}
		if got != e.want {
			t.Errorf("patterns.txt:%d: Extract(%q) = %s, want %s", e.line, e.message, got, e.want)
		}
	}
}

// TestRoundTrip checks that Parse(p.String()) gives an equal tree, positions
// aside, for every valid pattern of the data file.
func TestRoundTrip(t *testing.T) {
	for _, c := range loadCases(t) {
		if c.err != "" {
			continue
		}
		p, err := Parse(c.pattern)
		if err != nil {
			t.Fatalf("Parse(%q): %v", c.pattern, err)
		}
		q, err := Parse(p.String())
		if err != nil {
			t.Errorf("Parse(%q) (String of %q): %v", p.String(), c.pattern, err)
			continue
		}
		a, b := p.AST(), q.AST()
		clearPositions(reflect.ValueOf(a))
		clearPositions(reflect.ValueOf(b))
		if !reflect.DeepEqual(a, b) {
			t.Errorf("round trip of %q through %q changed the tree", c.pattern, p.String())
		}
		for _, m := range append(c.matches, c.nomatch...) {
			if p.Match(m) != q.Match(m) {
				t.Errorf("%q and its String %q disagree on %q", c.pattern, p.String(), m)
			}
		}
	}
}

// clearPositions sets every Offset field reachable from v to 0.
func clearPositions(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			clearPositions(v.Elem())
		}
	case reflect.Slice:
		for i := range v.Len() {
			clearPositions(v.Index(i))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).Name == "Offset" {
				v.Field(i).SetInt(0)
				continue
			}
			clearPositions(v.Field(i))
		}
	}
}
