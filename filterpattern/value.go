package filterpattern

import (
	"regexp"
	"strconv"
	"strings"
	"unsafe"
)

// testKind is how a compiled value tests a selected text.
type testKind uint8

const (
	testExists testKind = iota // "*": any scalar
	testExact                  // a string without '*'
	testGlob                   // a string with '*'
	testRegex                  // %regex%
	testNumber                 // a number, compared numerically
)

// valueTest is a compiled "op value" pair, shared by JSON and
// space-delimited patterns.
type valueTest struct {
	op   Op
	kind testKind
	str  string
	glob glob
	re   *regexp.Regexp
	num  float64
}

// newValueTest compiles op and v; regexes holds the regexes compiled by the
// parser, by offset.
func newValueTest(op Op, v *Value, regexes map[int]*regexp.Regexp) *valueTest {
	t := &valueTest{op: op}
	if v == nil {
		return t
	}
	switch {
	case v.Kind == ValueAny || (v.Kind == ValueString || v.Kind == ValueBare) && v.Text == "*":
		t.kind = testExists
	case v.Kind == ValueNumber:
		t.kind, t.num = testNumber, v.Number
	case v.Kind == ValueRegex:
		t.kind, t.re = testRegex, regexes[v.Offset]
	case strings.Contains(v.Text, "*"):
		t.kind, t.glob = testGlob, newGlob(v.Text)
	default:
		t.kind, t.str = testExact, v.Text
	}
	return t
}

// matchText applies an exact, glob or regex test to s (true means "equal").
func (t *valueTest) matchText(s []byte) bool {
	switch t.kind {
	case testExact:
		return string(s) == t.str
	case testGlob:
		return t.glob.match(s)
	case testRegex:
		return t.re.Match(s)
	}
	return false
}

// compareNumber applies the ordering or equality operator to x op t.num.
func (t *valueTest) compareNumber(x float64) bool {
	switch t.op {
	case OpEq:
		return x == t.num
	case OpNe:
		return x != t.num
	case OpLt:
		return x < t.num
	case OpLe:
		return x <= t.num
	case OpGt:
		return x > t.num
	case OpGe:
		return x >= t.num
	}
	return false
}

// text tests a field of a space-delimited event. Fields are always
// present and always text: a number test compares numerically when the
// field is a number; a field that is not a number satisfies != only.
func (t *valueTest) text(s []byte) bool {
	switch t.kind {
	case testExists:
		return t.op == OpEq
	case testNumber:
		if !isNumber(s) {
			return t.op == OpNe
		}
		return t.compareNumber(parseFloat(s))
	}
	return t.matchText(s) == (t.op == OpEq)
}

// parseFloat parses a number already checked with isNumber (or a JSON
// number), without allocating.
func parseFloat(b []byte) float64 {
	f, _ := strconv.ParseFloat(unsafe.String(unsafe.SliceData(b), len(b)), 64)
	return f
}
