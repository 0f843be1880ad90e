package metricmath

import (
	"errors"
	"testing"
	"time"
)

// FuzzParse checks that Parse never panics, that errors carry a position
// inside the source, that String round-trips, and that Eval of what
// parses never panics and fails only as Check says (or for an optional
// Env interface).
func FuzzParse(f *testing.F) {
	for _, c := range loadCases(f) {
		f.Add(c.expr)
	}
	env := fuzzEnv{}
	f.Fuzz(func(t *testing.T, src string) {
		e, err := Parse(src)
		if err != nil {
			checkPosition(t, src, err)
			return
		}
		g, err := Parse(e.String())
		if err != nil {
			t.Fatalf("Parse(%q) ok but its String %q fails: %v", src, e.String(), err)
		}
		if g.String() != e.String() || !sameTree(e.AST(), g.AST()) {
			t.Fatalf("round trip changed the tree: %q -> %q -> %q", src, e.String(), g.String())
		}
		if err := e.Check(); err != nil {
			checkPosition(t, src, err)
		}
		r, err := e.Eval(env)
		switch {
		case e.Check() != nil && err != e.Check():
			t.Fatalf("Eval(%q) = %v, want the Check error %v", src, err, e.Check())
		case e.Check() == nil && err != nil && !errors.As(err, new(*Error)):
			t.Fatalf("Eval(%q): error %T", src, err)
		case err == nil && r.IsBand != isBand(e.AST()):
			t.Fatalf("Eval(%q) = %+v: IsBand does not match the expression", src, r)
		}
	})
}

// checkPosition checks that err is an *Error positioned inside src.
func checkPosition(t *testing.T, src string, err error) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) || e.Offset < 0 || e.Offset > len(src) || e.Line < 1 || e.Col < 1 || e.Src != src {
		t.Fatalf("%q: bad error %#v", src, err)
	}
	_ = e.Error()
}

// fuzzEnv has a datapoint for Ids starting with m, none for others, and
// implements Clock and Periods.
type fuzzEnv struct{}

func (fuzzEnv) Value(id string) (float64, bool) {
	return float64(len(id)) - 2.5, id[0] == 'm'
}
func (fuzzEnv) Previous(id string) (float64, bool) { return 1, id[0] != 'p' }
func (fuzzEnv) Band(id string, n float64) (float64, float64, bool) {
	return -n, n, id[0] != 'b'
}
func (fuzzEnv) Time() time.Time { return time.Date(2024, 3, 5, 14, 37, 0, 0, time.UTC) }
func (fuzzEnv) Period(id string) (time.Duration, bool) {
	return time.Minute, id[0] == 'm'
}
