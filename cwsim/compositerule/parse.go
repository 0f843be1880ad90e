package compositerule

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// parser is a recursive-descent parser over the rule source. Errors are
// raised with panic(*Error) and turned back into a return value by Parse.
type parser struct {
	src       string
	i         int             // current byte offset
	alarms    []string        // distinct alarm names, in order of first appearance
	seen      map[string]bool // the names in alarms
	tooMany   int             // offset of the first name beyond MaxAlarms, or -1
	elements  int             // child alarms, TRUE, FALSE and pairs of parentheses
	overLimit int             // offset of the first element beyond MaxRuleElements, or -1
}

// errorAt returns an *Error at byte offset off.
func (p *parser) errorAt(off int, format string, args ...any) *Error {
	return newError(p.src, off, format, args...)
}

// Parse parses a composite alarm rule (AlarmRule), such as
// ALARM(CPUUtilizationTooHigh) AND NOT ALARM(DeploymentInProgress). It
// enforces MaxRuleLength, MaxAlarms and MaxRuleElements. The error, if any,
// is an *Error holding the position.
func Parse(src string) (r *Rule, err error) {
	if n := utf8.RuneCountInString(src); n > MaxRuleLength {
		off := 0
		for range MaxRuleLength {
			_, size := utf8.DecodeRuneInString(src[off:])
			off += size
		}
		return nil, newError(src, off, "the rule is %d characters long; at most %d (MaxRuleLength) are allowed", n, MaxRuleLength)
	}
	p := &parser{src: src, seen: map[string]bool{}, tooMany: -1, overLimit: -1}
	defer func() {
		if x := recover(); x != nil {
			e, ok := x.(*Error)
			if !ok {
				panic(x)
			}
			r, err = nil, e
		}
	}()
	p.skipBlanks()
	if p.i == len(src) {
		return nil, p.errorAt(p.i, "empty rule: a rule must contain at least one child alarm, TRUE or FALSE")
	}
	root := p.parseOr()
	if p.i < len(src) {
		panic(p.errorAt(p.i, "unexpected %s after the end of the rule%s", p.here(), p.operatorHint()))
	}
	if p.tooMany >= 0 {
		return nil, p.errorAt(p.tooMany, "the rule references %d alarms; at most %d (MaxAlarms) are allowed", len(p.alarms), MaxAlarms)
	}
	if p.overLimit >= 0 {
		return nil, p.errorAt(p.overLimit, "the rule has %d elements (child alarms, TRUE, FALSE and pairs of parentheses); at most %d (MaxRuleElements) are allowed", p.elements, MaxRuleElements)
	}
	return &Rule{src: src, root: root, alarms: p.alarms}, nil
}

// parseOr parses a disjunction; OR binds loosest.
//
//	rule := and ( "OR" and )*
func (p *parser) parseOr() Node {
	x := p.parseAnd()
	for off, ok := p.keyword("OR"); ok; off, ok = p.keyword("OR") {
		x = &Binary{Offset: off, Op: OpOr, X: x, Y: p.parseAnd()}
	}
	return x
}

// parseAnd parses a conjunction.
//
//	and := not ( "AND" not )*
func (p *parser) parseAnd() Node {
	x := p.parseNot()
	for off, ok := p.keyword("AND"); ok; off, ok = p.keyword("AND") {
		x = &Binary{Offset: off, Op: OpAnd, X: x, Y: p.parseNot()}
	}
	return x
}

// parseNot parses a negation, which binds tightest: NOT ALARM(a) AND
// ALARM(b) is (NOT ALARM(a)) AND ALARM(b).
//
//	not := "NOT" not | primary
func (p *parser) parseNot() Node {
	if off, ok := p.keyword("NOT"); ok {
		return &Not{Offset: off, X: p.parseNot()}
	}
	return p.parsePrimary()
}

// parsePrimary parses a state function, TRUE, FALSE or a parenthesized
// rule.
//
//	primary := "TRUE" | "FALSE" | state "(" name ")" | "(" rule ")"
//	state   := "ALARM" | "OK" | "INSUFFICIENT_DATA"
func (p *parser) parsePrimary() Node {
	p.skipBlanks()
	off := p.i
	if p.peek() == '(' {
		p.element(off)
		p.i++
		x := p.parseOr()
		p.expect(')', off)
		return &Paren{Offset: off, X: x}
	}
	switch w := p.peekWord(); w {
	case "TRUE", "FALSE":
		p.i += len(w)
		p.element(off)
		return &Bool{Offset: off, Value: w == "TRUE"}
	case string(StateAlarm), string(StateOK), string(StateInsufficientData):
		p.i += len(w)
		return p.parseFunc(off, State(w))
	}
	panic(p.errorAt(off, "expected ALARM(name), OK(name), INSUFFICIENT_DATA(name), TRUE, FALSE, NOT or '(' but found %s%s", p.here(), p.keywordHint()))
}

// parseFunc parses the parenthesized alarm name of a state function whose
// keyword starts at off. Blanks around the name are allowed.
func (p *parser) parseFunc(off int, state State) Node {
	p.skipBlanks()
	if p.peek() != '(' {
		panic(p.errorAt(p.i, "expected '(' after %s but found %s", state, p.here()))
	}
	p.i++
	p.skipBlanks()
	f := &Func{Offset: off, State: state, AlarmOffset: p.i}
	f.Alarm, f.Quoted = p.readName()
	if f.Alarm == "" {
		if f.Quoted {
			panic(p.errorAt(f.AlarmOffset, "empty alarm name"))
		}
		panic(p.errorAt(f.AlarmOffset, "expected an alarm name or ARN but found %s", p.here()))
	}
	p.skipBlanks()
	if p.peek() != ')' {
		panic(p.errorAt(p.i, "expected ')' after the alarm name %s but found %s; quote a name that holds blanks or parentheses", strconv.Quote(f.Alarm), p.here()))
	}
	p.i++
	p.element(off)
	if !p.seen[f.Alarm] {
		p.seen[f.Alarm] = true
		p.alarms = append(p.alarms, f.Alarm)
		if len(p.alarms) == MaxAlarms+1 {
			p.tooMany = f.AlarmOffset
		}
	}
	return f
}

// keyword consumes the upper-case keyword kw when it comes next (as a
// whole word), and returns its offset.
func (p *parser) keyword(kw string) (int, bool) {
	p.skipBlanks()
	if p.peekWord() != kw {
		return 0, false
	}
	off := p.i
	p.i += len(kw)
	return off, true
}

// expect consumes the byte c, which closes what opened at off.
func (p *parser) expect(c byte, open int) {
	p.skipBlanks()
	if p.peek() != c {
		e := newError(p.src, open, "")
		panic(p.errorAt(p.i, "expected '%c' to close '(' at %d:%d but found %s%s", c, e.Line, e.Col, p.here(), p.operatorHint()))
	}
	p.i++
}

// element counts one element of the rule at off.
func (p *parser) element(off int) {
	if p.elements++; p.elements == MaxRuleElements+1 {
		p.overLimit = off
	}
}

// keywordHint suggests the upper-case spelling of a keyword written in
// another case, or the keyword for a C-style operator.
func (p *parser) keywordHint() string {
	switch w := p.peekWord(); {
	case w != "" && isKeyword(strings.ToUpper(w)):
		return "; keywords are upper case: " + strings.ToUpper(w)
	case strings.HasPrefix(p.src[p.i:], "!"):
		return "; write NOT"
	}
	return ""
}

// operatorHint suggests AND or OR where a rule or a group could end.
func (p *parser) operatorHint() string {
	switch w := p.peekWord(); {
	case w == "and" || w == "or" || w == "And" || w == "Or":
		return "; keywords are upper case: " + strings.ToUpper(w)
	case strings.HasPrefix(p.src[p.i:], "&&"):
		return "; write AND"
	case strings.HasPrefix(p.src[p.i:], "||"):
		return "; write OR"
	case w == "NOT":
		return "; NOT negates what follows it: write AND NOT or OR NOT"
	case isKeyword(w) || p.peek() == '(':
		return "; expected AND or OR"
	}
	return ""
}

// isKeyword reports whether w is a keyword of the rule syntax.
func isKeyword(w string) bool {
	switch w {
	case "TRUE", "FALSE", "AND", "OR", "NOT", string(StateAlarm), string(StateOK), string(StateInsufficientData):
		return true
	}
	return false
}
