package filterpattern

import (
	"bytes"

	"github.com/eventwatch/eventwatch/internal/linescan"
)

// Prefilter rejects, without parsing them, most messages that a pattern
// cannot match: every message the pattern matches holds each of its
// needles, the literal text that the pattern's terms, or the string values
// its JSON conditions must equal, spell, unless (for JSON patterns) the
// message holds a backslash, since a JSON string may spell a value with
// escapes. A message that passes still has to be matched.
type Prefilter struct {
	needles [][]byte
	json    bool   // a backslash lets a message through
	scan    []byte // the longest needle, searched for by Lines
}

// Prefilter returns the pattern's prefilter, or nil when the pattern
// demands no literal text (a regex, a space-delimited pattern, ?terms
// only, or JSON conditions on numbers, globs without text, or || only).
func (p *Pattern) Prefilter() *Prefilter {
	f := &Prefilter{}
	switch m := p.m.(type) {
	case *termMatcher:
		for _, t := range m.all {
			if len(t) > 0 {
				f.needles = append(f.needles, t)
			}
		}
	case *jsonMatcher:
		f.json = true
		m.required(m.expr, f)
	}
	if len(f.needles) == 0 {
		return nil
	}
	for _, n := range f.needles {
		if len(n) > len(f.scan) {
			f.scan = n
		}
	}
	return f
}

// required adds the needles of the conditions that e cannot be true
// without: both sides of an &&, neither of an ||.
func (m *jsonMatcher) required(e *boolExpr, f *Prefilter) {
	if e.cond < 0 {
		if e.and {
			m.required(e.x, f)
			m.required(e.y, f)
		}
		return
	}
	t := m.conds[e.cond].test
	if t.op != OpEq {
		return
	}
	var lit []byte
	switch t.kind {
	case testExact:
		lit = []byte(t.str)
	case testGlob:
		for _, part := range t.glob.parts {
			if len(part) > len(lit) {
				lit = part
			}
		}
	}
	if len(lit) > 0 && verbatimInJSON(lit) {
		f.needles = append(f.needles, lit)
	}
}

// verbatimInJSON reports whether a JSON string holding s without escapes
// holds its bytes as they are: s has no quote, backslash or control byte,
// which JSON must escape.
func verbatimInJSON(s []byte) bool {
	for _, c := range s {
		if c < 0x20 || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// MayMatch reports whether msg may match the pattern: it holds every
// needle, or (JSON) a backslash.
func (f *Prefilter) MayMatch(msg []byte) bool {
	for _, n := range f.needles {
		if !bytes.Contains(msg, n) {
			return f.json && bytes.IndexByte(msg, '\\') >= 0
		}
	}
	return true
}

// Lines calls fn with the bounds of each line of data (lines end in "\n",
// which end excludes) that holds the longest needle or (JSON) a
// backslash, in order, until fn returns false. Lines without either are
// skipped by a search over the whole of data, not line by line.
func (f *Prefilter) Lines(data []byte, fn func(start, end int) bool) {
	var alt []byte
	if f.json {
		alt = []byte{'\\'}
	}
	linescan.Lines(data, f.scan, alt, fn)
}
