package metricmath

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/eventwatch/eventwatch/internal/datafile"
)

// dataCase is one block of testdata/expressions.txt: an expression, an
// Env given as series over a few timestamps, and what is expected.
type dataCase struct {
	line    int
	expr    string
	str     *string
	refs    *string
	err     string // Parse error
	check   string // Check error
	evalErr string
	env     *seriesEnv
	want    []string
}

// loadCases reads testdata/expressions.txt (format described at its top).
func loadCases(t testing.TB) []*dataCase {
	t.Helper()
	var cases []*dataCase
	var c *dataCase
	for _, e := range datafile.Keyed(t, "testdata/expressions.txt") {
		if e.NewBlock {
			c = nil
		}
		ln, key, text := e.Line, e.Key, expand(e.Text)
		if key == "expr" {
			c = &dataCase{line: ln, expr: text, env: newSeriesEnv()}
			cases = append(cases, c)
			continue
		}
		if c == nil {
			t.Fatalf("expressions.txt:%d: %s before any expr", ln, key)
		}
		if err := c.set(key, text); err != nil {
			t.Fatalf("expressions.txt:%d: %v", ln, err)
		}
	}
	return cases
}

// set applies one key of a block.
func (c *dataCase) set(key, text string) error {
	switch key {
	case "string":
		c.str = &text
	case "refs":
		c.refs = &text
	case "error":
		c.err = text
	case "check":
		c.check = text
	case "eval-error":
		c.evalErr = text
	case "want":
		c.want = strings.Split(text, ",")
	case "series", "bands", "periods":
		for _, f := range strings.Fields(text) {
			id, vals, ok := strings.Cut(f, "=")
			if !ok {
				return fmt.Errorf("expected id=values, got %q", f)
			}
			if err := c.env.add(key, id, vals); err != nil {
				return err
			}
		}
	case "times":
		for _, s := range strings.Split(text, ",") {
			tm, err := time.Parse(time.RFC3339, strings.TrimSpace(s))
			if err != nil {
				return err
			}
			c.env.times = append(c.env.times, tm)
		}
	default:
		return fmt.Errorf("unknown key %q", key)
	}
	return nil
}

// expand turns <<REPEAT n|text>> into text repeated n times.
func expand(s string) string {
	return repeatRE.ReplaceAllStringFunc(s, func(m string) string {
		sub := repeatRE.FindStringSubmatch(m)
		n, _ := strconv.Atoi(sub[1])
		return strings.Repeat(sub[2], n)
	})
}

var repeatRE = regexp.MustCompile(`<<REPEAT (\d+)\|(.*?)>>`)

// band is a fixture of Env.Band: lower c-w·n and upper c+w·n for n
// standard deviations, so that tests see the n that Eval passes.
type band struct {
	c, w float64
	ok   bool
}

// seriesEnv is an Env over a few timestamps; at selects the timestamp.
type seriesEnv struct {
	at      int
	series  map[string][]point
	bands   map[string][]band
	periods map[string]time.Duration
	times   []time.Time
}

func newSeriesEnv() *seriesEnv {
	return &seriesEnv{series: map[string][]point{}, bands: map[string][]band{}}
}

// add reads "v,v,-" (series), "c±w,-" (bands) or "seconds" (periods).
func (e *seriesEnv) add(key, id, vals string) error {
	if key == "periods" {
		s, err := strconv.Atoi(vals)
		if e.periods == nil {
			e.periods = map[string]time.Duration{}
		}
		e.periods[id] = time.Duration(s) * time.Second
		return err
	}
	for _, v := range strings.Split(vals, ",") {
		if v == "-" {
			e.series[id] = append(e.series[id], point{})
			e.bands[id] = append(e.bands[id], band{})
			continue
		}
		if key == "bands" {
			cs, ws, _ := strings.Cut(v, "±")
			c, err1 := strconv.ParseFloat(cs, 64)
			w, err2 := strconv.ParseFloat(ws, 64)
			if err := errors.Join(err1, err2); err != nil {
				return err
			}
			e.bands[id] = append(e.bands[id], band{c, w, true})
			continue
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return err
		}
		e.series[id] = append(e.series[id], point{f, true})
	}
	return nil
}

func (e *seriesEnv) Value(id string) (float64, bool) {
	s := e.series[id]
	if e.at >= len(s) || !s[e.at].ok {
		return 0, false
	}
	return s[e.at].v, true
}

func (e *seriesEnv) Previous(id string) (float64, bool) {
	s := e.series[id]
	for i := min(e.at, len(s)) - 1; i >= 0; i-- {
		if s[i].ok {
			return s[i].v, true
		}
	}
	return 0, false
}

func (e *seriesEnv) Band(id string, n float64) (float64, float64, bool) {
	b := e.bands[id]
	if e.at >= len(b) || !b[e.at].ok {
		return 0, 0, false
	}
	return b[e.at].c - b[e.at].w*n, b[e.at].c + b[e.at].w*n, true
}

// The Env implements Clock when the case has times, Periods when it has
// periods.
type (
	clockEnv   struct{ *seriesEnv }
	periodsEnv struct{ *seriesEnv }
	bothEnv    struct{ *seriesEnv }
)

func (e *seriesEnv) time() time.Time { return e.times[e.at] }
func (e *seriesEnv) period(id string) (time.Duration, bool) {
	d, ok := e.periods[id]
	return d, ok
}
func (e clockEnv) Time() time.Time                          { return e.time() }
func (e periodsEnv) Period(id string) (time.Duration, bool) { return e.period(id) }
func (e bothEnv) Time() time.Time                           { return e.time() }
func (e bothEnv) Period(id string) (time.Duration, bool)    { return e.period(id) }

// asEnv wraps e so that it implements the optional interfaces its case uses.
func (e *seriesEnv) asEnv() Env {
	switch {
	case e.times != nil && e.periods != nil:
		return bothEnv{e}
	case e.times != nil:
		return clockEnv{e}
	case e.periods != nil:
		return periodsEnv{e}
	}
	return e
}

func TestData(t *testing.T) {
	counts := map[string]int{}
	for _, c := range loadCases(t) {
		t.Run(fmt.Sprintf("line%d", c.line), func(t *testing.T) {
			e, err := Parse(c.expr)
			if c.err != "" {
				counts["error"]++
				checkError(t, c.expr, err, c.err)
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q): %v", c.expr, err)
			}
			if c.str != nil && e.String() != *c.str {
				t.Errorf("Parse(%q).String() = %q, want %q", c.expr, e.String(), *c.str)
			}
			if c.refs != nil {
				if got := strings.Join(e.Refs(), " "); got != strings.TrimPrefix(*c.refs, "-") {
					t.Errorf("Parse(%q).Refs() = %q, want %q", c.expr, got, *c.refs)
				}
			}
			if c.check != "" {
				counts["check"]++
				checkError(t, c.expr, e.Check(), c.check)
				if _, err := e.Eval(c.env.asEnv()); err != e.Check() {
					t.Errorf("Eval error %v, want the Check error", err)
				}
				return
			}
			if err := e.Check(); err != nil {
				t.Fatalf("Parse(%q).Check(): %v", c.expr, err)
			}
			if c.evalErr != "" {
				counts["eval-error"]++
				_, err := e.Eval(c.env.asEnv())
				if err == nil || !strings.Contains(err.Error(), c.evalErr) {
					t.Errorf("Eval(%q) error = %v, want %q", c.expr, err, c.evalErr)
				}
				if strings.Contains(c.evalErr, "needs an Env") && !errors.Is(err, ErrNotSimulated) {
					t.Errorf("Eval(%q) error %v does not wrap ErrNotSimulated", c.expr, err)
				}
				return
			}
			for i, want := range c.want {
				counts["want"]++
				c.env.at = i
				r, err := e.Eval(c.env.asEnv())
				if err != nil {
					t.Fatalf("Eval(%q) at %d: %v", c.expr, i, err)
				}
				if got := format(r); !sameResult(got, want) {
					t.Errorf("expressions.txt:%d: Eval(%q) at timestamp %d = %s, want %s", c.line, c.expr, i, got, want)
				}
			}
		})
	}
	t.Logf("cases: %v", counts)
}

// checkError checks an *Error against "line:col: message substring". A
// want ending in " (not simulated)" must wrap ErrNotSimulated, and only
// such a want.
func checkError(t *testing.T, src string, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("%q: no error, want %q", src, want)
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("%q: error is %T, want *Error", src, err)
	}
	pos, msg, _ := strings.Cut(want, ": ")
	msg, refused := strings.CutSuffix(msg, " (not simulated)")
	if got := fmt.Sprintf("%d:%d", e.Line, e.Col); got != pos || !strings.Contains(e.Msg, msg) {
		t.Errorf("%q: error\n%v\nwant %s: ...%s...", src, err, pos, msg)
	}
	if !strings.HasPrefix(err.Error(), pos+": ") || !strings.Contains(err.Error(), "^") {
		t.Errorf("Error() = %q, want position prefix and caret", err.Error())
	}
	if refused != errors.Is(err, ErrNotSimulated) {
		t.Errorf("%q: errors.Is(%v, ErrNotSimulated) = %v", src, err, errors.Is(err, ErrNotSimulated))
	}
}

// format renders a Result as the data file writes it.
func format(r Result) string {
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	switch {
	case r.IsBand && r.Present:
		return f(r.Lower) + "/" + f(r.Upper)
	case r.IsBand:
		return "-/-"
	case r.Present:
		return f(r.Value)
	}
	return "-"
}

// sameResult compares a formatted result with the expected one, numbers
// within a relative 1e-9.
func sameResult(got, want string) bool {
	g, w := strings.Split(got, "/"), strings.Split(strings.TrimSpace(want), "/")
	if len(g) != len(w) {
		return false
	}
	for i := range g {
		gf, err1 := strconv.ParseFloat(g[i], 64)
		wf, err2 := strconv.ParseFloat(w[i], 64)
		if err1 != nil || err2 != nil {
			if g[i] != w[i] {
				return false
			}
			continue
		}
		if math.Abs(gf-wf) > 1e-9*math.Max(1, math.Abs(wf)) {
			return false
		}
	}
	return true
}

// TestRoundTrip checks that Parse(e.String()) gives an equal tree,
// positions aside, for every valid expression of the data file.
func TestRoundTrip(t *testing.T) {
	for _, c := range loadCases(t) {
		if c.err != "" {
			continue
		}
		e, err := Parse(c.expr)
		if err != nil {
			t.Fatalf("Parse(%q): %v", c.expr, err)
		}
		f, err := Parse(e.String())
		if err != nil {
			t.Errorf("Parse(%q) (String of %q): %v", e.String(), c.expr, err)
			continue
		}
		if !sameTree(e.AST(), f.AST()) {
			t.Errorf("round trip of %q through %q changed the tree", c.expr, e.String())
		}
	}
}

// sameTree compares two syntax trees, positions aside.
func sameTree(a, b Node) bool {
	x, y := reflect.ValueOf(a), reflect.ValueOf(b)
	return equalNoPos(x, y)
}

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
	case reflect.Slice:
		if x.Len() != y.Len() {
			return false
		}
		for i := range x.Len() {
			if !equalNoPos(x.Index(i), y.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Struct:
		for i := range x.NumField() {
			if x.Type().Field(i).Name == "Offset" {
				continue
			}
			if !equalNoPos(x.Field(i), y.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Float64:
		return x.Float() == y.Float()
	}
	return x.Interface() == y.Interface()
}
