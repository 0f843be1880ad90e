package filterpattern

import (
	"strconv"
)

// jsonStop ends an unquoted value inside a JSON pattern.
func jsonStop(c byte) bool { return c == ')' || c == '}' || c == '&' || c == '|' }

// parseJSON parses a JSON pattern at its '{'.
//
//	json_pattern := "{" ws* or_expr ws* "}"
func (p *parser) parseJSON() *JSONPattern {
	n := &JSONPattern{Offset: p.i}
	p.i++
	n.Expr = p.parseOr()
	p.skipBlanks()
	switch {
	case p.i >= len(p.src):
		panic(p.errorAt(p.i, "expected '}' to close the JSON pattern opened at offset %d", n.Offset))
	case p.src[p.i] != '}':
		panic(p.errorAt(p.i, "expected '&&', '||' or '}' but found %s", p.here()))
	}
	p.i++
	return n
}

// parseOr parses a disjunction; && binds tighter than ||.
//
//	or_expr := and_expr ( "||" and_expr )*
func (p *parser) parseOr() Expr {
	x := p.parseAnd()
	for p.skipBlanks(); p.at("||"); p.skipBlanks() {
		op := p.i
		p.i += 2
		x = &BinaryExpr{Offset: op, Op: "||", X: x, Y: p.parseAnd()}
	}
	return x
}

// parseAnd parses a conjunction.
//
//	and_expr := unary ( "&&" unary )*
func (p *parser) parseAnd() Expr {
	x := p.parseUnary()
	for p.skipBlanks(); p.at("&&"); p.skipBlanks() {
		op := p.i
		p.i += 2
		x = &BinaryExpr{Offset: op, Op: "&&", X: x, Y: p.parseUnary()}
	}
	if c := p.peek(); c == '&' || c == '|' {
		if !p.at("||") {
			panic(p.errorAt(p.i, "expected '%c%c' but found %s", c, c, p.here()))
		}
	}
	return x
}

// parseUnary parses a parenthesized expression or a condition.
//
//	unary := "(" or_expr ")" | condition
func (p *parser) parseUnary() Expr {
	p.skipBlanks()
	switch p.peek() {
	case '(':
		n := &ParenExpr{Offset: p.i}
		if p.depth++; p.depth > MaxNesting {
			panic(p.errorAt(p.i, "parentheses are nested more than %d deep", MaxNesting))
		}
		p.i++
		n.X = p.parseOr()
		p.depth--
		p.skipBlanks()
		if p.peek() != ')' {
			panic(p.errorAt(p.i, "expected ')' to close the '(' at offset %d but found %s", n.Offset, p.here()))
		}
		p.i++
		return n
	case '$':
		return p.parseCondition()
	default:
		panic(p.errorAt(p.i, "expected a selector such as $.field or '(' but found %s", p.here()))
	}
}

// parseCondition parses one test of a selected value.
//
//	condition := selector ws* ( cmp_op ws* value
//	                          | "IS" ws+ ( "NULL" | "TRUE" | "FALSE" )
//	                          | "NOT" ws+ "EXISTS" )
func (p *parser) parseCondition() *Condition {
	c := &Condition{Offset: p.i}
	c.Selector = p.parseSelector()
	p.skipBlanks()
	if op := p.readOp(); op != "" {
		c.Op = op
		p.skipBlanks()
		c.Value = p.parseValue(op, jsonStop)
		return c
	}
	wordAt := p.i
	switch w := p.readWord(); w {
	case "IS":
		p.skipBlanks()
		argAt := p.i
		switch arg := p.readWord(); arg {
		case "NULL":
			c.Op = OpIsNull
		case "TRUE":
			c.Op = OpIsTrue
		case "FALSE":
			c.Op = OpIsFalse
		case "NOT":
			panic(p.errorAt(argAt, "IS NOT is not supported; use != or NOT EXISTS"))
		default:
			p.i = argAt
			panic(p.errorAt(argAt, "expected NULL, TRUE or FALSE after IS but found %s", p.here()))
		}
	case "NOT":
		p.skipBlanks()
		argAt := p.i
		if p.readWord() != "EXISTS" {
			p.i = argAt
			panic(p.errorAt(argAt, "expected EXISTS after NOT but found %s", p.here()))
		}
		c.Op = OpNotExists
	case "EXISTS":
		panic(p.errorAt(wordAt, "EXISTS is not supported; use %s = * to test that the field exists", c.Selector))
	default:
		p.i = wordAt
		panic(p.errorAt(wordAt, "expected a comparison operator after %s", c.Selector))
	}
	return c
}

// parseSelector parses a JSON path at its '$' and enforces the wildcard
// quotas.
//
//	selector := "$" ( "." name | "." "*" | "[" index "]" | "[" "*" "]" | "."? "[" "'" key "'" "]" )+
func (p *parser) parseSelector() *Selector {
	s := &Selector{Offset: p.i}
	p.i++
	wildcards := 0
	for {
		stepAt := p.i
		var st Step
		switch {
		case p.at(".*"):
			st = Step{Kind: StepWildcard}
			p.i += 2
		case p.at(".[") || p.at("["):
			if p.peek() == '.' {
				p.i++
			}
			st = p.parseBracketStep(p.peek() == '[' && stepAt != p.i)
		case p.at("."):
			p.i++
			key := p.readName()
			if key == "" {
				panic(p.errorAt(p.i, "expected a field name, '*' or ['key'] after '.' but found %s", p.here()))
			}
			st = Step{Kind: StepKey, Key: key}
		default:
			if len(s.Steps) == 0 {
				panic(p.errorAt(p.i, "expected '.' or '[' after '$' but found %s", p.here()))
			}
			return s
		}
		if st.Kind == StepWildcard {
			wildcards++
			p.wildcards++
			if wildcards > MaxWildcardsPerSelector {
				panic(p.errorAt(stepAt, "a selector may hold at most %d wildcard", MaxWildcardsPerSelector))
			}
			if p.wildcards > MaxWildcardsPerPattern {
				panic(p.errorAt(stepAt, "a pattern may hold at most %d wildcard selectors", MaxWildcardsPerPattern))
			}
		}
		s.Steps = append(s.Steps, st)
	}
}

// parseBracketStep parses a bracketed step at its '['. dotted tells that a
// '.' came before the bracket, which only a quoted key may follow.
//
//	"[" index "]" | "[" "*" "]" | "[" "'" key "'" "]"
func (p *parser) parseBracketStep(dotted bool) Step {
	open := p.i
	p.i++
	var st Step
	switch c := p.peek(); {
	case c == '\'':
		p.i++
		start := p.i
		for p.i < len(p.src) && p.src[p.i] != '\'' {
			p.i++
		}
		if p.i >= len(p.src) {
			panic(p.errorAt(start-1, "unterminated key: a closing \"'\" is missing"))
		}
		if p.i == start {
			panic(p.errorAt(start, "expected a key between the quotes"))
		}
		st = Step{Kind: StepKey, Key: p.src[start:p.i], Bracket: true}
		p.i++
	case dotted:
		panic(p.errorAt(p.i, "expected a quoted key such as ['name'] after '.[' but found %s", p.here()))
	case c == '*':
		p.i++
		st = Step{Kind: StepWildcard, Bracket: true}
	case isDigit(c):
		start := p.i
		for p.i < len(p.src) && isDigit(p.src[p.i]) {
			p.i++
		}
		idx, err := strconv.Atoi(p.src[start:p.i])
		if err != nil || idx > 1<<30 {
			panic(p.errorAt(start, "array index %s is too large", p.src[start:p.i]))
		}
		st = Step{Kind: StepIndex, Index: idx}
	default:
		panic(p.errorAt(p.i, "expected an index, '*' or a quoted key after '[' but found %s", p.here()))
	}
	if p.peek() != ']' {
		panic(p.errorAt(p.i, "expected ']' to close the '[' at offset %d but found %s", open, p.here()))
	}
	p.i++
	return st
}
