package filterpattern

import (
	"bytes"
	"regexp"

	"github.com/eventwatch/eventwatch/internal/jsonscan"
)

// jsonMatcher is a compiled JSON pattern. The selectors of all conditions
// are merged into one trie of paths, so that one pass over a message both
// validates it and tests every selected value; the boolean expression is
// then evaluated on the per-condition results.
type jsonMatcher struct {
	root  *pathNode
	conds []*jsonCond
	expr  *boolExpr
}

// jsonCond is one compiled condition.
type jsonCond struct {
	test *valueTest
}

// pathNode is a node of the selector trie.
type pathNode struct {
	keys    []keyChild   // children by object key
	indexes []indexChild // children by array index
	wild    *pathNode    // child for .* / [*]
	conds   []int        // conditions whose selector ends here
}

type keyChild struct {
	key  string
	node *pathNode
}

type indexChild struct {
	index int
	node  *pathNode
}

// boolExpr is the compiled boolean structure: a leaf (cond >= 0) or an
// && / || node.
type boolExpr struct {
	and  bool
	x, y *boolExpr
	cond int
}

// newJSONMatcher compiles a JSON pattern.
func newJSONMatcher(n *JSONPattern, regexes map[int]*regexp.Regexp) *jsonMatcher {
	m := &jsonMatcher{root: &pathNode{}}
	m.expr = m.compile(n.Expr, regexes)
	return m
}

func (m *jsonMatcher) compile(e Expr, regexes map[int]*regexp.Regexp) *boolExpr {
	switch e := e.(type) {
	case *ParenExpr:
		return m.compile(e.X, regexes)
	case *BinaryExpr:
		return &boolExpr{and: e.Op == "&&", x: m.compile(e.X, regexes), y: m.compile(e.Y, regexes), cond: -1}
	case *Condition:
		idx := len(m.conds)
		m.conds = append(m.conds, &jsonCond{test: newValueTest(e.Op, e.Value, regexes)})
		node := m.root.path(e.Selector.Steps)
		node.conds = append(node.conds, idx)
		return &boolExpr{cond: idx}
	}
	panic("filterpattern: unknown expression type")
}

// path returns the trie node for steps below n, creating it if needed.
func (n *pathNode) path(steps []Step) *pathNode {
	for _, st := range steps {
		var next *pathNode
		switch st.Kind {
		case StepKey:
			for _, c := range n.keys {
				if c.key == st.Key {
					next = c.node
				}
			}
			if next == nil {
				next = &pathNode{}
				n.keys = append(n.keys, keyChild{st.Key, next})
			}
		case StepIndex:
			for _, c := range n.indexes {
				if c.index == st.Index {
					next = c.node
				}
			}
			if next == nil {
				next = &pathNode{}
				n.indexes = append(n.indexes, indexChild{st.Index, next})
			}
		case StepWildcard:
			if n.wild == nil {
				n.wild = &pathNode{}
			}
			next = n.wild
		}
		n = next
	}
	return n
}

// leaf reports whether n has no children.
func (n *pathNode) leaf() bool { return n.wild == nil && len(n.keys) == 0 && len(n.indexes) == 0 }

// keyChild returns the child for the raw (still escaped) key, or nil.
func (n *pathNode) keyChild(raw []byte, escaped bool) *pathNode {
	if len(n.keys) == 0 {
		return nil
	}
	if escaped {
		var buf [64]byte
		raw = jsonscan.AppendUnescaped(buf[:0], raw)
	}
	for _, c := range n.keys {
		if string(raw) == c.key {
			return c.node
		}
	}
	return nil
}

// match reports whether the message b, a JSON object, satisfies the pattern.
// The whole message is validated (see internal/jsonscan); only the members
// that the trie selects are walked, the others are skipped.
func (m *jsonMatcher) match(b []byte) bool {
	w := walker{b: b, m: m}
	if len(m.conds) > 64 {
		w.big = make([]uint64, 2*((len(m.conds)+63)/64))
	}
	w.ws()
	if w.peek() != '{' || w.value(m.root, 0) == jsonscan.Invalid {
		return false
	}
	w.ws()
	if w.i != len(b) {
		return false
	}
	return w.eval(m.expr)
}

// walker walks one message, b at offset i, recording for each condition
// whether its selector found a value (found) and whether a found value
// passed the test (hit): "any" semantics for wildcards and repeated keys.
type walker struct {
	b          []byte
	i          int
	m          *jsonMatcher
	hit, found uint64
	big        []uint64 // hit words then found words, for more than 64 conditions
}

// ws skips JSON whitespace.
func (w *walker) ws() { w.i = jsonscan.SkipSpace(w.b, w.i) }

// peek returns the byte at the offset, or 0 at the end.
func (w *walker) peek() byte {
	if w.i < len(w.b) {
		return w.b[w.i]
	}
	return 0
}

func (w *walker) set(hit bool, i int) {
	if w.big == nil {
		if hit {
			w.hit |= 1 << i
		} else {
			w.found |= 1 << i
		}
		return
	}
	if !hit {
		i += len(w.big) / 2 * 64
	}
	w.big[i/64] |= 1 << (i % 64)
}

func (w *walker) get(hit bool, i int) bool {
	if w.big == nil {
		if hit {
			return w.hit&(1<<i) != 0
		}
		return w.found&(1<<i) != 0
	}
	if !hit {
		i += len(w.big) / 2 * 64
	}
	return w.big[i/64]&(1<<(i%64)) != 0
}

// eval evaluates the boolean expression on the recorded results.
func (w *walker) eval(e *boolExpr) bool {
	if e.cond >= 0 {
		if w.m.conds[e.cond].test.op == OpNotExists {
			return !w.get(false, e.cond)
		}
		return w.get(true, e.cond)
	}
	if e.and {
		return w.eval(e.x) && w.eval(e.y)
	}
	return w.eval(e.x) || w.eval(e.y)
}

// value walks the value at the offset, at nesting depth depth; n is the trie
// node selecting it (nil when nothing is selected). It returns the kind of
// the value, or jsonscan.Invalid when the value is not valid JSON. Values
// with nothing selected below them are skipped by jsonscan.SkipValue.
func (w *walker) value(n *pathNode, depth int) jsonscan.Kind {
	start := w.i
	var kind jsonscan.Kind
	switch c := w.peek(); {
	case c != '{' && c != '[':
		kind, w.i = jsonscan.SkipScalar(w.b, w.i)
	case n == nil || n.leaf():
		kind, w.i = jsonscan.SkipValue(w.b, w.i, maxJSONDepth-depth)
	case c == '{':
		kind = jsonscan.Object
		if !w.object(n, depth+1) {
			return jsonscan.Invalid
		}
	default:
		kind = jsonscan.Array
		if !w.array(n, depth+1) {
			return jsonscan.Invalid
		}
	}
	if kind == jsonscan.Invalid {
		return jsonscan.Invalid
	}
	if n != nil && len(n.conds) > 0 {
		w.record(n, kind, w.b[start:w.i])
	}
	return kind
}

// record tests the value raw, of the given kind, for the conditions of n.
func (w *walker) record(n *pathNode, kind jsonscan.Kind, raw []byte) {
	for _, ci := range n.conds {
		w.set(false, ci)
		if w.m.conds[ci].test.json(kind, raw) {
			w.set(true, ci)
		}
	}
}

// object walks an object at its '{' for the inner node n.
func (w *walker) object(n *pathNode, depth int) bool {
	if depth > maxJSONDepth {
		return false
	}
	empty := false
	if w.i, empty = jsonscan.Open(w.b, w.i); empty {
		return true
	}
	for {
		// The member name is read here rather than by w.key, which the
		// compiler would not inline into this hot loop.
		w.ws()
		start := w.i
		if w.peek() != '"' {
			return false
		}
		escaped, ok := false, false
		if w.i, escaped, ok = jsonscan.SkipString(w.b, w.i); !ok {
			return false
		}
		key := w.b[start+1 : w.i-1]
		if w.i, ok = jsonscan.Colon(w.b, w.i); !ok || !w.member(n.keyChild(key, escaped), n.wild, depth) {
			return false
		}
		more := false
		if w.i, more, ok = jsonscan.Next(w.b, w.i, '}'); !more {
			return ok
		}
	}
}

// key reads a member name at the offset and the colon after it, and returns
// the name's raw (still escaped) text and whether it holds escapes.
func (w *walker) key() (raw []byte, escaped, ok bool) {
	start := w.i
	if w.peek() != '"' {
		return nil, false, false
	}
	if w.i, escaped, ok = jsonscan.SkipString(w.b, w.i); !ok {
		return nil, false, false
	}
	raw = w.b[start+1 : w.i-1]
	w.i, ok = jsonscan.Colon(w.b, w.i)
	return raw, escaped, ok
}

// member walks a member or element value selected by child and/or wild
// (walking it twice when both select it).
func (w *walker) member(child, wild *pathNode, depth int) bool {
	if child != nil && wild != nil {
		start := w.i
		if w.value(child, depth) == jsonscan.Invalid {
			return false
		}
		w.i = start
	} else if child == nil {
		child = wild
	}
	return w.value(child, depth) != jsonscan.Invalid
}

// array walks an array at its '[' for the inner node n.
func (w *walker) array(n *pathNode, depth int) bool {
	if depth > maxJSONDepth {
		return false
	}
	empty := false
	if w.i, empty = jsonscan.Open(w.b, w.i); empty {
		return true
	}
	for idx := 0; ; idx++ {
		w.ws()
		var child *pathNode
		for _, c := range n.indexes {
			if c.index == idx {
				child = c.node
			}
		}
		if !w.member(child, n.wild, depth) {
			return false
		}
		more, ok := false, false
		if w.i, more, ok = jsonscan.Next(w.b, w.i, ']'); !more {
			return ok
		}
	}
}

// json tests a selected JSON value. Objects and arrays never satisfy a
// test; see the package documentation for how types meet.
func (t *valueTest) json(kind jsonscan.Kind, raw []byte) bool {
	switch t.op {
	case OpIsNull:
		return kind == jsonscan.Null
	case OpIsTrue:
		return kind == jsonscan.True
	case OpIsFalse:
		return kind == jsonscan.False
	case OpNotExists:
		return false
	}
	if kind == jsonscan.Object || kind == jsonscan.Array {
		return false
	}
	switch t.kind {
	case testExists:
		return t.op == OpEq
	case testNumber:
		return kind == jsonscan.Number && t.compareNumber(parseFloat(raw))
	case testExact:
		if kind != jsonscan.String {
			return false
		}
		return (string(stringContent(raw, nil)) == t.str) == (t.op == OpEq)
	}
	// globs and regexes: the text of strings, the literal text of numbers
	switch kind {
	case jsonscan.String:
		raw = stringContent(raw, nil)
	case jsonscan.Number:
	default:
		return false
	}
	return t.matchText(raw) == (t.op == OpEq)
}

// stringContent returns the text of the JSON string raw (with its quotes),
// decoding escapes into buf only when there are some.
func stringContent(raw []byte, buf []byte) []byte {
	raw = raw[1 : len(raw)-1]
	if bytes.IndexByte(raw, '\\') < 0 {
		return raw
	}
	return jsonscan.AppendUnescaped(buf[:0], raw)
}
