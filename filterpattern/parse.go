package filterpattern

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// parser is a recursive-descent parser over the pattern source. Errors are
// raised with panic(*Error) and turned back into a return value by Parse.
type parser struct {
	src       string
	i         int                    // current byte offset
	regexes   map[int]*regexp.Regexp // compiled %regex%, by offset of the '%'
	wildcards int                    // wildcard selector steps seen so far
	nameTaken bool                   // the field name was read by parseField (space patterns)
	depth     int                    // parentheses open at the current position
}

// errorAt returns an *Error at byte offset off.
func (p *parser) errorAt(off int, format string, args ...any) *Error {
	return newError(p.src, off, format, args...)
}

// Parse parses a CloudWatch Logs filter pattern and compiles it for
// matching. The error, if any, is an *Error holding the position.
func Parse(src string) (pat *Pattern, err error) {
	if n := utf8.RuneCountInString(src); n > MaxPatternLength {
		off := 0
		for range MaxPatternLength {
			_, size := utf8.DecodeRuneInString(src[off:])
			off += size
		}
		return nil, newError(src, off, "the pattern is %d characters long; at most %d are allowed", n, MaxPatternLength)
	}
	p := &parser{src: src, regexes: map[int]*regexp.Regexp{}}
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(*Error)
			if !ok {
				panic(r)
			}
			pat, err = nil, e
		}
	}()
	root := p.parsePattern()
	return compile(src, root, p.regexes), nil
}

// parsePattern parses a whole pattern and picks its kind by its first
// non-blank byte.
//
//	pattern := ws* ( json_pattern | space_pattern | regex_pattern | term_pattern )? ws*
func (p *parser) parsePattern() Node {
	p.skipBlanks()
	var n Node
	switch p.peek() {
	case 0:
		return &MatchAll{Offset: p.i}
	case '{':
		n = p.parseJSON()
	case '[':
		n = p.parseSpace()
	case '%':
		n = p.parseRegexPattern()
	default:
		return p.parseTerms()
	}
	p.skipBlanks()
	if p.i < len(p.src) {
		panic(p.errorAt(p.i, "unexpected %s after the end of the pattern", p.here()))
	}
	return n
}

// parseTerms parses an unstructured term pattern. A single quoted blank
// term (" ") is the documented match-everything pattern.
//
//	term_pattern := term ( ws+ term )*
func (p *parser) parseTerms() Node {
	list := &TermList{Offset: p.i}
	for p.skipBlanks(); p.i < len(p.src); p.skipBlanks() {
		list.Terms = append(list.Terms, p.parseTerm())
	}
	if len(list.Terms) == 1 {
		t := list.Terms[0]
		if t.Quoted && t.Prefix == PrefixNone && strings.TrimSpace(t.Text) == "" {
			return &MatchAll{Offset: t.Offset}
		}
	}
	return list
}

// parseTerm parses one term.
//
//	term     := ( "?" | "-" )? ( bareword | quoted )
//	bareword := any bytes but blanks and '"'
func (p *parser) parseTerm() *Term {
	t := &Term{Offset: p.i}
	if c := p.peek(); c == '?' || c == '-' {
		t.Prefix = TermPrefix(c)
		p.i++
		if p.i >= len(p.src) || isBlank(p.src[p.i]) {
			panic(p.errorAt(p.i, "expected a term after '%c'", c))
		}
	}
	if p.peek() == '"' {
		t.Text, t.Quoted = p.readQuoted(), true
		if p.i < len(p.src) && !isBlank(p.src[p.i]) {
			panic(p.errorAt(p.i, "expected a blank after the quoted term but found %s", p.here()))
		}
		return t
	}
	t.Text = p.readBare(func(c byte) bool { return c == '"' })
	if p.peek() == '"' {
		panic(p.errorAt(p.i, "unexpected '\"' inside a term; quote the whole term instead"))
	}
	return t
}

// parseRegexPattern parses a standalone regex pattern.
//
//	regex_pattern := "%" regex_body "%"
func (p *parser) parseRegexPattern() Node {
	start := p.i
	body := p.readRegex()
	p.addRegex(start, body)
	return &Regex{Offset: start, Body: body}
}

// addRegex validates and compiles the regex whose '%' is at off, and
// enforces the per-pattern regex quota.
func (p *parser) addRegex(off int, body string) {
	if len(p.regexes) == MaxRegexes {
		panic(p.errorAt(off, "a pattern may hold at most %d regular expressions", MaxRegexes))
	}
	re, err := compileRegex(p.src, off+1, body)
	if err != nil {
		panic(err)
	}
	p.regexes[off] = re
}

// parseValue parses the value of a comparison; stop tells where an
// unquoted value ends. Ordering operators need a number.
//
//	value := quoted | number | regex_lit | "*" | unquoted_string
func (p *parser) parseValue(op Op, stop func(byte) bool) *Value {
	v := &Value{Offset: p.i}
	switch c := p.peek(); {
	case c == '"':
		v.Kind, v.Text = ValueString, p.readQuoted()
	case c == '%':
		v.Kind, v.Text = ValueRegex, p.readRegex()
		p.addRegex(v.Offset, v.Text)
	case p.i >= len(p.src) || stop(c) || c == '=' || c == '!' || c == '<' || c == '>':
		panic(p.errorAt(p.i, "expected a value after %s but found %s", op, p.here()))
	default:
		v.Text = p.readBare(stop)
		switch {
		case v.Text == "*":
			v.Kind = ValueAny
		case isNumber(v.Text):
			f, err := strconv.ParseFloat(v.Text, 64)
			if err != nil {
				panic(p.errorAt(v.Offset, "number %s is out of range", v.Text))
			}
			v.Kind, v.Number = ValueNumber, f
		default:
			v.Kind = ValueBare
		}
	}
	if (op == OpLt || op == OpLe || op == OpGt || op == OpGe) && v.Kind != ValueNumber {
		panic(p.errorAt(v.Offset, "expected a number after %s but found %s", op, v.String()))
	}
	return v
}
