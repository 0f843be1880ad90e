package metricmath

import (
	"strconv"
	"strings"
)

// parser is a recursive-descent parser over the expression source, one
// token ahead. Errors are raised with panic(*Error) and turned back into a
// return value by Parse.
type parser struct {
	src   string
	i     int   // offset after the current token
	tok   token // the current token
	depth int   // nesting of parentheses, brackets, calls and unary minus
}

// errorAt returns an *Error at byte offset off.
func (p *parser) errorAt(off int, format string, args ...any) *Error {
	return newError(p.src, off, format, args...)
}

// Parse parses a CloudWatch metric math expression, such as
// IF(denominator > 0, numerator / denominator, 0). It checks the syntax,
// the Ids, the function names and their number of arguments; Check (or
// Eval) then checks the types and whether the expression can be simulated.
// The error, if any, is an *Error holding the position.
func Parse(src string) (e *Expr, err error) {
	p := &parser{src: src}
	defer func() {
		if r := recover(); r != nil {
			pe, ok := r.(*Error)
			if !ok {
				panic(r)
			}
			e, err = nil, pe
		}
	}()
	p.next()
	if p.tok.kind == tEOF {
		return nil, p.errorAt(0, "empty expression")
	}
	root := p.parseExpr()
	if p.tok.kind != tEOF {
		panic(p.errorAt(p.tok.off, "unexpected %s after the end of the expression%s", p.describe(), p.operatorHint()))
	}
	return newExpr(src, root), nil
}

// operatorHint suggests the upper-case spelling of a lower-case and/or/not.
func (p *parser) operatorHint() string {
	switch w := strings.ToUpper(p.tok.text); {
	case p.tok.kind == tIdent && (w == "AND" || w == "OR"):
		return "; operators are upper case: " + w
	case p.tok.kind == tIdent || p.tok.kind == tNumber || p.tok.kind == tWord:
		return "; expected an operator"
	}
	return ""
}

// parseExpr parses an expression; OR binds loosest.
//
//	expr := and ( ( "OR" | "||" ) and )*
func (p *parser) parseExpr() Node {
	x := p.parseAnd()
	for p.isWord("OR") || p.isPunct("||") {
		op := p.tok
		p.next()
		x = &Binary{Offset: op.off, Op: Op(op.text), X: x, Y: p.parseAnd()}
	}
	return x
}

// parseAnd parses a conjunction.
//
//	and := cmp ( ( "AND" | "&&" ) cmp )*
func (p *parser) parseAnd() Node {
	x := p.parseCmp()
	for p.isWord("AND") || p.isPunct("&&") {
		op := p.tok
		p.next()
		x = &Binary{Offset: op.off, Op: Op(op.text), X: x, Y: p.parseCmp()}
	}
	return x
}

// parseCmp parses comparisons, left to right: a < b < c is (a < b) < c.
//
//	cmp := sum ( ( "==" | "!=" | "<" | "<=" | ">" | ">=" ) sum )*
func (p *parser) parseCmp() Node {
	x := p.parseSum()
	for p.isPunct("==") || p.isPunct("!=") || p.isPunct("<") || p.isPunct("<=") || p.isPunct(">") || p.isPunct(">=") {
		op := p.tok
		p.next()
		x = &Binary{Offset: op.off, Op: Op(op.text), X: x, Y: p.parseSum()}
	}
	return x
}

// parseSum parses additions and subtractions.
//
//	sum := product ( ( "+" | "-" ) product )*
func (p *parser) parseSum() Node {
	x := p.parseProduct()
	for p.isPunct("+") || p.isPunct("-") {
		op := p.tok
		p.next()
		x = &Binary{Offset: op.off, Op: Op(op.text), X: x, Y: p.parseProduct()}
	}
	return x
}

// parseProduct parses multiplications and divisions.
//
//	product := unary ( ( "*" | "/" ) unary )*
func (p *parser) parseProduct() Node {
	x := p.parseUnary()
	for p.isPunct("*") || p.isPunct("/") {
		op := p.tok
		p.next()
		x = &Binary{Offset: op.off, Op: Op(op.text), X: x, Y: p.parseUnary()}
	}
	return x
}

// parseUnary parses unary subtraction, which binds looser than "^":
// -2 ^ 2 is -(2 ^ 2).
//
//	unary := "-" unary | power
func (p *parser) parseUnary() Node {
	if !p.isPunct("-") {
		return p.parsePower()
	}
	off := p.tok.off
	p.enter(off)
	p.next()
	x := &Unary{Offset: off, X: p.parseUnary()}
	p.depth--
	return x
}

// parsePower parses exponentiation, which groups to the right: 2 ^ 3 ^ 2
// is 2 ^ (3 ^ 2), and takes a signed exponent: 2 ^ -1.
//
//	power := primary ( "^" unary )?
func (p *parser) parsePower() Node {
	x := p.parsePrimary()
	if !p.isPunct("^") {
		return x
	}
	op := p.tok
	p.next()
	return &Binary{Offset: op.off, Op: OpPow, X: x, Y: p.parseUnary()}
}

// parsePrimary parses an operand.
//
//	primary := number | id | call | "(" expr ")" | "[" expr ( "," expr )* "]"
func (p *parser) parsePrimary() Node {
	t := p.tok
	switch t.kind {
	case tNumber:
		v, err := strconv.ParseFloat(t.text, 64)
		if err != nil {
			panic(p.errorAt(t.off, "the number %s is out of range", t.text))
		}
		p.next()
		return &Number{Offset: t.off, Text: t.text, Value: v}
	case tIdent:
		if p.followedBy('(') {
			if up := strings.ToUpper(t.text); isFunction(up) {
				panic(p.errorAt(t.off, "function names are upper case: write %s(", up))
			}
			panic(p.errorAt(t.off, "%s is an Id, not a function", t.text))
		}
		if len(t.text) > MaxIDLength {
			panic(p.errorAt(t.off, "the Id is %d characters long; at most %d are allowed", len(t.text), MaxIDLength))
		}
		p.next()
		return &Ref{Offset: t.off, ID: t.text}
	case tWord:
		return p.parseWord()
	case tString:
		panic(p.errorAt(t.off, "a quoted string is only an argument of METRICS, SEARCH, INSIGHT_RULE_METRIC, DB_PERF_INSIGHTS or LAMBDA"))
	}
	switch {
	case p.isPunct("("):
		p.enter(t.off)
		p.next()
		x := &Paren{Offset: t.off, X: p.parseExpr()}
		p.expectClose(")", t)
		p.depth--
		return x
	case p.isPunct("["):
		return p.parseArray()
	}
	panic(p.errorAt(t.off, "expected a number, an Id, a function or '(' but found %s", p.describe()))
}

// parseWord parses an upper-case word in operand position: a function call.
func (p *parser) parseWord() Node {
	t := p.tok
	if p.followedBy('(') {
		return p.parseCall()
	}
	switch {
	case t.text == "AND" || t.text == "OR":
		panic(p.errorAt(t.off, "expected an operand before %s", t.text))
	case t.text == "NOT":
		panic(p.errorAt(t.off, "metric math has no NOT operator; write x == 0 instead"))
	case isFunction(t.text):
		panic(p.errorAt(p.i, "expected '(' after the function name %s", t.text))
	case keywordUse(t.text) != "":
		panic(p.errorAt(t.off, "%s is only allowed as the %s", t.text, keywordUse(t.text)))
	}
	panic(p.errorAt(t.off, "unknown name %s: an Id must start with a lower-case letter, and %s is not a metric math function", t.text, t.text))
}

// parseCall parses a function call; the current token is its name.
//
//	call := FUNCTION "(" ( arg ( "," arg )* )? ")"
func (p *parser) parseCall() Node {
	name := p.tok
	f, ok := functions[name.text]
	if !ok {
		panic(p.errorAt(name.off, "unknown function %s", name.text))
	}
	p.enter(name.off)
	p.next() // the name
	open := p.tok
	p.next() // "("
	call := &Call{Offset: name.off, Func: name.text}
	if !p.isPunct(")") {
		for {
			if f.maxArgs >= 0 && len(call.Args) == f.maxArgs {
				panic(p.errorAt(p.tok.off, "%s takes %s", name.text, f.arity()))
			}
			call.Args = append(call.Args, p.parseArg(f, len(call.Args)))
			if !p.isPunct(",") {
				break
			}
			p.next()
		}
	}
	p.expectClose(")", open)
	if len(call.Args) < f.minArgs {
		panic(p.errorAt(name.off, "%s takes %s but has %d", name.text, f.arity(), len(call.Args)))
	}
	p.depth--
	return call
}

// parseArg parses argument i of a call of f: a keyword or a quoted string
// where f takes one, else an expression.
//
//	arg := KEYWORD | string | expr
func (p *parser) parseArg(f function, i int) Node {
	t := p.tok
	switch {
	case t.kind == tWord && f.keywordAllowed(i, t.text) && (p.followedBy(',') || p.followedBy(')')):
		p.next()
		return &Keyword{Offset: t.off, Name: t.text}
	case t.kind == tString && f.strings:
		p.next()
		return &StringLit{Offset: t.off, Quote: t.text[0], Text: t.text[1 : len(t.text)-1]}
	}
	return p.parseExpr()
}

// parseArray parses an array of time series; the current token is "[".
//
//	array := "[" expr ( "," expr )* "]"
func (p *parser) parseArray() Node {
	open := p.tok
	p.enter(open.off)
	p.next()
	if p.isPunct("]") {
		panic(p.errorAt(p.tok.off, "an array needs at least one element"))
	}
	arr := &Array{Offset: open.off}
	for {
		arr.Elems = append(arr.Elems, p.parseExpr())
		if !p.isPunct(",") {
			break
		}
		p.next()
	}
	p.expectClose("]", open)
	p.depth--
	return arr
}

// expectClose consumes the closing punctuation of the opening token open.
func (p *parser) expectClose(close string, open token) {
	if !p.isPunct(close) {
		e := newError(p.src, open.off, "")
		panic(p.errorAt(p.tok.off, "expected '%s' to close '%s' at %d:%d but found %s%s", close, open.text, e.Line, e.Col, p.describe(), p.operatorHint()))
	}
	p.next()
}

// enter counts one more level of nesting, refusing more than MaxNesting.
func (p *parser) enter(off int) {
	if p.depth++; p.depth > MaxNesting {
		panic(p.errorAt(off, "the expression nests deeper than %d levels", MaxNesting))
	}
}

// isPunct reports whether the current token is the punctuation s.
func (p *parser) isPunct(s string) bool { return p.tok.kind == tPunct && p.tok.text == s }

// isWord reports whether the current token is the upper-case word s.
func (p *parser) isWord(s string) bool { return p.tok.kind == tWord && p.tok.text == s }

// isFunction reports whether name is a metric math function.
func isFunction(name string) bool {
	_, ok := functions[name]
	return ok
}
