package filterpattern

import (
	"bytes"
	"regexp"
)

// termMatcher is a compiled term pattern: case-sensitive substring tests.
type termMatcher struct {
	all  [][]byte // plain terms: every one must occur
	none [][]byte // -terms: none may occur
	any  [][]byte // ?terms: one must occur; ignored when all or none is set
}

func newTermMatcher(n *TermList) *termMatcher {
	m := &termMatcher{}
	for _, t := range n.Terms {
		switch t.Prefix {
		case PrefixAny:
			m.any = append(m.any, []byte(t.Text))
		case PrefixExclude:
			m.none = append(m.none, []byte(t.Text))
		default:
			m.all = append(m.all, []byte(t.Text))
		}
	}
	if len(m.all) > 0 || len(m.none) > 0 {
		m.any = nil
	}
	return m
}

func (m *termMatcher) match(b []byte) bool {
	for _, t := range m.all {
		if !bytes.Contains(b, t) {
			return false
		}
	}
	for _, t := range m.none {
		if bytes.Contains(b, t) {
			return false
		}
	}
	if len(m.any) == 0 {
		return true
	}
	for _, t := range m.any {
		if bytes.Contains(b, t) {
			return true
		}
	}
	return false
}

// regexMatcher is a standalone %regex% pattern: an unanchored search.
type regexMatcher struct{ re *regexp.Regexp }

func (m regexMatcher) match(b []byte) bool { return m.re.Match(b) }

// matchAll matches every event.
type matchAll struct{}

func (matchAll) match([]byte) bool { return true }
