package filterpattern

import (
	"regexp"
	"unsafe"
)

// Kind is the kind of a filter pattern, chosen by its first non-blank
// character.
type Kind int

// Pattern kinds.
const (
	KindMatchAll       Kind = iota // empty or blank pattern, or a quoted blank " "
	KindTerms                      // unstructured terms: ERROR ?WARN -DEBUG "a phrase"
	KindJSON                       // { $.field = value && ... }
	KindSpaceDelimited             // [ip, user, ..., status = 404]
	KindRegex                      // %regex%
)

var kindNames = [...]string{"match-all", "terms", "json", "space-delimited", "regex"}

// String returns the kind's name, such as "json".
func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// matcher is the compiled form of a pattern.
type matcher interface {
	match(b []byte) bool
}

// Pattern is a parsed and compiled filter pattern. It is immutable and
// safe for concurrent use.
type Pattern struct {
	src     string
	root    Node
	kind    Kind
	m       matcher
	regexes int
	fields  []string
	space   *spaceMatcher // set for KindSpaceDelimited
}

// compile builds the matcher of a parsed pattern.
func compile(src string, root Node, regexes map[int]*regexp.Regexp) *Pattern {
	p := &Pattern{src: src, root: root, regexes: len(regexes)}
	switch n := root.(type) {
	case *MatchAll:
		p.kind, p.m = KindMatchAll, matchAll{}
	case *TermList:
		p.kind, p.m = KindTerms, newTermMatcher(n)
	case *Regex:
		p.kind, p.m = KindRegex, regexMatcher{regexes[n.Offset]}
	case *JSONPattern:
		p.kind, p.m = KindJSON, newJSONMatcher(n, regexes)
	case *SpacePattern:
		p.space = newSpaceMatcher(n, regexes)
		p.kind, p.m = KindSpaceDelimited, p.space
		for _, f := range n.Fields {
			if !f.Ellipsis {
				p.fields = append(p.fields, f.Name)
			}
		}
	}
	return p
}

// Kind returns the kind of the pattern.
func (p *Pattern) Kind() Kind { return p.kind }

// String returns the pattern in canonical syntax; Parse(p.String()) gives
// an equal syntax tree.
func (p *Pattern) String() string { return p.root.String() }

// Source returns the pattern exactly as given to Parse.
func (p *Pattern) Source() string { return p.src }

// AST returns the root of the syntax tree: *MatchAll, *TermList, *Regex,
// *JSONPattern or *SpacePattern. Callers must not modify it.
func (p *Pattern) AST() Node { return p.root }

// Match reports whether the log event message matches the pattern.
func (p *Pattern) Match(message string) bool {
	return p.m.match(unsafe.Slice(unsafe.StringData(message), len(message)))
}

// MatchBytes is Match for a message held in a byte slice; it does not
// retain or modify b, and does not allocate for JSON, term and
// space-delimited patterns.
func (p *Pattern) MatchBytes(b []byte) bool { return p.m.match(b) }

// Fields returns the names declared by a space-delimited pattern, in order
// and without "...", or nil for other kinds.
func (p *Pattern) Fields() []string {
	if p.fields == nil {
		return nil
	}
	return append([]string(nil), p.fields...)
}

// RegexCount returns the number of %regex% in the pattern.
func (p *Pattern) RegexCount() int { return p.regexes }
