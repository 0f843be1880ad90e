package compositerule

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/internal/datafile"
)

// dataCase is one block of testdata/rules.txt: a rule and what is
// expected of it.
type dataCase struct {
	line   int
	rule   string
	str    *string
	alarms *string
	err    string
	evals  []evalCase
}

// evalCase is a state line and the want or eval-error after it.
type evalCase struct {
	line    int
	states  map[string]string
	want    string
	evalErr string
}

// loadCases reads testdata/rules.txt (format described at its top).
func loadCases(t testing.TB) []*dataCase {
	t.Helper()
	var cases []*dataCase
	var c *dataCase
	for _, e := range datafile.Keyed(t, "testdata/rules.txt") {
		if e.NewBlock {
			c = nil
		}
		ln, key, text := e.Line, e.Key, expand(e.Text)
		if key == "rule" {
			c = &dataCase{line: ln, rule: text}
			cases = append(cases, c)
			continue
		}
		if c == nil {
			t.Fatalf("rules.txt:%d: %s before any rule", ln, key)
		}
		switch key {
		case "string":
			c.str = &text
		case "alarms":
			c.alarms = &text
		case "error":
			c.err = text
		case "state":
			states := map[string]string{}
			toks, err := tokens(text)
			if err != nil {
				t.Fatalf("rules.txt:%d: %v", ln, err)
			}
			for _, tok := range toks {
				states[tok[0]] = tok[1]
			}
			c.evals = append(c.evals, evalCase{line: ln, states: states})
		case "want", "eval-error":
			if len(c.evals) == 0 || c.evals[len(c.evals)-1].want+c.evals[len(c.evals)-1].evalErr != "" {
				t.Fatalf("rules.txt:%d: %s without a state line before it", ln, key)
			}
			e := &c.evals[len(c.evals)-1]
			if key == "want" {
				e.want = text
			} else {
				e.evalErr = text
			}
		default:
			t.Fatalf("rules.txt:%d: unknown key %q", ln, key)
		}
	}
	return cases
}

// tokens splits "a=ALARM \"b c\"=OK d" into [name, value] pairs; a name
// may be Go-quoted, and the value is "" without '='.
func tokens(s string) ([][2]string, error) {
	var out [][2]string
	for s = strings.TrimLeft(s, " "); s != ""; s = strings.TrimLeft(s, " ") {
		var name string
		if s[0] == '"' {
			q, err := strconv.QuotedPrefix(s)
			if err != nil {
				return nil, err
			}
			name, _ = strconv.Unquote(q)
			s = s[len(q):]
		} else {
			end := strings.IndexAny(s, "= ")
			if end < 0 {
				end = len(s)
			}
			name, s = s[:end], s[end:]
		}
		var value string
		if strings.HasPrefix(s, "=") {
			end := strings.IndexByte(s, ' ')
			if end < 0 {
				end = len(s)
			}
			value, s = s[1:end], s[end:]
		}
		out = append(out, [2]string{name, value})
	}
	return out, nil
}

// expand turns <<REPEAT n|text>> into text repeated n times, and
// <<SEQ n|text>> into text repeated n times with %d numbered from 1.
func expand(s string) string {
	return repeatRE.ReplaceAllStringFunc(s, func(m string) string {
		sub := repeatRE.FindStringSubmatch(m)
		n, _ := strconv.Atoi(sub[2])
		var b strings.Builder
		for i := 1; i <= n; i++ {
			if sub[1] == "SEQ" {
				b.WriteString(strings.ReplaceAll(sub[3], "%d", strconv.Itoa(i)))
			} else {
				b.WriteString(sub[3])
			}
		}
		return b.String()
	})
}

var repeatRE = regexp.MustCompile(`<<(REPEAT|SEQ) (\d+)\|(.*?)>>`)

func TestData(t *testing.T) {
	counts := map[string]int{}
	for _, c := range loadCases(t) {
		t.Run(fmt.Sprintf("line%d", c.line), func(t *testing.T) {
			r, err := Parse(c.rule)
			if c.err != "" {
				counts["error"]++
				checkError(t, c.rule, err, c.err)
				return
			}
			if err != nil {
				t.Fatalf("Parse(%.80q): %.300v", c.rule, err)
			}
			if c.str != nil && r.String() != *c.str {
				t.Errorf("Parse(%.80q).String() = %q, want %q", c.rule, r.String(), *c.str)
			}
			if c.alarms != nil {
				checkAlarms(t, r, *c.alarms)
			}
			for _, e := range c.evals {
				got, err := r.Eval(func(ref string) (string, bool) {
					s, ok := e.states[ref]
					return s, ok
				})
				if e.evalErr != "" {
					counts["eval-error"]++
					checkError(t, c.rule, err, e.evalErr)
					continue
				}
				counts["want"]++
				if err != nil {
					t.Errorf("rules.txt:%d: Eval: %.300v", e.line, err)
				} else if strconv.FormatBool(got) != e.want {
					t.Errorf("rules.txt:%d: Eval(%.80q) = %v, want %s", e.line, c.rule, got, e.want)
				}
			}
		})
	}
	t.Logf("cases: %v", counts)
}

// checkAlarms compares Alarms() with the data file's list ("-": none).
func checkAlarms(t *testing.T, r *Rule, want string) {
	t.Helper()
	var names []string
	if want != "-" {
		toks, err := tokens(want)
		if err != nil {
			t.Fatal(err)
		}
		for _, tok := range toks {
			names = append(names, tok[0])
		}
	}
	if got := r.Alarms(); !reflect.DeepEqual(got, names) && len(got)+len(names) > 0 {
		t.Errorf("Parse(%q).Alarms() = %q, want %q", r.Source(), got, names)
	}
}

// checkError checks an *Error against "line:col: message substring".
func checkError(t *testing.T, src string, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("%.80q: no error, want %q", src, want)
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("%.80q: error is %T, want *Error", src, err)
	}
	pos, msg, _ := strings.Cut(want, ": ")
	if got := fmt.Sprintf("%d:%d", e.Line, e.Col); got != pos || !strings.Contains(e.Msg, msg) {
		t.Errorf("%.80q: error\n%.300v\nwant %s: ...%s...", src, err, pos, msg)
	}
	if !strings.HasPrefix(err.Error(), pos+": ") || !strings.Contains(err.Error(), "^") {
		t.Errorf("Error() = %.200q, want position prefix and caret", err.Error())
	}
}

// TestRoundTrip checks that Parse(r.String()) gives an equal tree,
// positions aside, for every valid rule of the data file.
func TestRoundTrip(t *testing.T) {
	for _, c := range loadCases(t) {
		if c.err != "" {
			continue
		}
		r, err := Parse(c.rule)
		if err != nil {
			t.Fatalf("Parse(%.80q): %.300v", c.rule, err)
		}
		q, err := Parse(r.String())
		if err != nil {
			t.Errorf("Parse(%q) (String of %q): %v", r.String(), c.rule, err)
			continue
		}
		if !sameTree(r.AST(), q.AST()) || !reflect.DeepEqual(r.Alarms(), q.Alarms()) {
			t.Errorf("round trip of %q through %q changed the tree", c.rule, r.String())
		}
	}
}

// sameTree compares two syntax trees, positions (fields ending in
// Offset) aside.
func sameTree(a, b Node) bool { return equalNoPos(reflect.ValueOf(a), reflect.ValueOf(b)) }

func equalNoPos(x, y reflect.Value) bool {
	if x.Kind() != y.Kind() || x.Type() != y.Type() {
		return false
	}
	switch x.Kind() {
	case reflect.Pointer, reflect.Interface:
		if x.IsNil() || y.IsNil() {
			return x.IsNil() == y.IsNil()
		}
		return equalNoPos(x.Elem(), y.Elem())
	case reflect.Struct:
		for i := range x.NumField() {
			if strings.HasSuffix(x.Type().Field(i).Name, "Offset") {
				continue
			}
			if !equalNoPos(x.Field(i), y.Field(i)) {
				return false
			}
		}
		return true
	}
	return x.Interface() == y.Interface()
}
