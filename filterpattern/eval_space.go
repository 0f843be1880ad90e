package filterpattern

import (
	"bytes"
	"regexp"
)

// spaceMatcher is a compiled space-delimited pattern.
type spaceMatcher struct {
	nfields  int
	ellipsis int          // index of the "..." field, or -1
	names    []string     // field names by index ("" for "...")
	tests    []fieldCheck // fields that carry a condition
}

// fieldCheck is the compiled condition of one field.
type fieldCheck struct {
	field int
	expr  *fieldExpr
}

// fieldExpr is a compiled field condition: a leaf test or an && / || node.
type fieldExpr struct {
	and  bool
	x, y *fieldExpr
	test *valueTest
}

// span locates one token of an event: the value (without enclosing
// brackets or quotes) and the raw token.
type span struct {
	vs, ve, rs, re int
}

// newSpaceMatcher compiles a space-delimited pattern.
func newSpaceMatcher(n *SpacePattern, regexes map[int]*regexp.Regexp) *spaceMatcher {
	m := &spaceMatcher{nfields: len(n.Fields), ellipsis: -1}
	for i, f := range n.Fields {
		m.names = append(m.names, f.Name)
		if f.Ellipsis {
			m.ellipsis = i
		}
		if f.Cond != nil {
			m.tests = append(m.tests, fieldCheck{field: i, expr: compileFieldExpr(f.Cond, regexes)})
		}
	}
	return m
}

func compileFieldExpr(e FieldExpr, regexes map[int]*regexp.Regexp) *fieldExpr {
	switch e := e.(type) {
	case *FieldBinary:
		return &fieldExpr{and: e.Op == "&&", x: compileFieldExpr(e.X, regexes), y: compileFieldExpr(e.Y, regexes)}
	case *FieldCond:
		return &fieldExpr{test: newValueTest(e.Op, e.Value, regexes)}
	}
	panic("filterpattern: unknown field expression type")
}

func (e *fieldExpr) eval(s []byte) bool {
	switch {
	case e.test != nil:
		return e.test.text(s)
	case e.and:
		return e.x.eval(s) && e.y.eval(s)
	default:
		return e.x.eval(s) || e.y.eval(s)
	}
}

// isSep reports whether c separates the tokens of an event.
func isSep(c byte) bool { return c == ' ' || c == '\t' }

// tokenize appends the tokens of event b to dst. Tokens are separated by
// runs of blanks; a token that starts with '[' runs to the next ']' and one
// that starts with '"' to the next '"' (the rest of the line when the
// closing byte is missing); their values exclude the brackets or quotes.
func tokenize(b []byte, dst []span) []span {
	i := 0
	for {
		for i < len(b) && isSep(b[i]) {
			i++
		}
		if i >= len(b) {
			return dst
		}
		t := span{rs: i}
		switch c := b[i]; c {
		case '[', '"':
			closer := c
			if c == '[' {
				closer = ']'
			}
			t.vs = i + 1
			if end := bytes.IndexByte(b[i+1:], closer); end >= 0 {
				t.ve = i + 1 + end
				i = t.ve + 1
			} else {
				t.ve, i = len(b), len(b)
			}
		default:
			t.vs = i
			for i < len(b) && !isSep(b[i]) {
				i++
			}
			t.ve = i
		}
		t.re = i
		dst = append(dst, t)
	}
}

// fieldValue returns the value of field f given the tokens of b, or false
// when the event has too few tokens for the pattern. Fields before "..."
// take the first tokens and fields after it the last ones; without "...",
// the last field takes the rest of the line.
func (m *spaceMatcher) fieldValue(b []byte, toks []span, f int) ([]byte, bool) {
	n := len(toks)
	if m.ellipsis < 0 {
		if n < m.nfields {
			return nil, false
		}
		if f == m.nfields-1 && n > m.nfields {
			return b[toks[f].rs:toks[n-1].re], true
		}
		return b[toks[f].vs:toks[f].ve], true
	}
	if n < m.nfields-1 || f == m.ellipsis {
		return nil, false
	}
	if f > m.ellipsis {
		f = n - (m.nfields - f)
	}
	return b[toks[f].vs:toks[f].ve], true
}

// enough reports whether an event with n tokens has enough for the pattern.
func (m *spaceMatcher) enough(n int) bool {
	if m.ellipsis < 0 {
		return n >= m.nfields
	}
	return n >= m.nfields-1
}

func (m *spaceMatcher) match(b []byte) bool {
	var arr [32]span
	toks := tokenize(b, arr[:0])
	if !m.enough(len(toks)) {
		return false
	}
	for _, t := range m.tests {
		v, _ := m.fieldValue(b, toks, t.field)
		if !t.expr.eval(v) {
			return false
		}
	}
	return true
}
