package metricmath

import (
	"strconv"
	"unicode/utf8"
)

// The lexer turns the source into tokens, one at a time, at the parser's
// offset. Blanks (space, tab, newline, carriage return) separate tokens.
//
//	number  := digit+ ( "." digit+ )? ( [eE] [+-]? digit+ )?
//	id      := [a-z] [a-zA-Z0-9_]*
//	word    := [A-Z] [A-Z0-9_]*                  function names and keywords
//	string  := "'" [^']* "'" | '"' [^"]* '"'     no escapes
//	punct   := "+" "-" "*" "/" "^" "(" ")" "[" "]" ","
//	         | "==" "!=" "<" "<=" ">" ">=" "&&" "||"

// tokKind is the kind of a token.
type tokKind int

const (
	tEOF tokKind = iota
	tNumber
	tIdent
	tWord
	tString
	tPunct
)

// token is one token: its kind, its text as written and its byte offset.
type token struct {
	kind tokKind
	text string
	off  int
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isLower(c byte) bool { return c >= 'a' && c <= 'z' }
func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func isIDChar(c byte) bool {
	return isLower(c) || isUpper(c) || isDigit(c) || c == '_'
}

// twoCharOps are the operators of two characters, tried before one.
var twoCharOps = [...]string{"==", "!=", "<=", ">=", "&&", "||"}

// next reads the token at the current offset into p.tok.
func (p *parser) next() {
	for p.i < len(p.src) && isBlank(p.src[p.i]) {
		p.i++
	}
	start := p.i
	if p.i >= len(p.src) {
		p.tok = token{kind: tEOF, off: start}
		return
	}
	c := p.src[p.i]
	switch {
	case isDigit(c):
		p.tok = token{kind: tNumber, text: p.readNumber(), off: start}
	case isLower(c):
		for p.i < len(p.src) && isIDChar(p.src[p.i]) {
			p.i++
		}
		p.tok = token{kind: tIdent, text: p.src[start:p.i], off: start}
	case isUpper(c):
		lower := false
		for p.i < len(p.src) && isIDChar(p.src[p.i]) {
			lower = lower || isLower(p.src[p.i])
			p.i++
		}
		if lower {
			panic(p.errorAt(start, "%s: an Id must start with a lower-case letter, and function names are upper case", strconv.Quote(p.src[start:p.i])))
		}
		p.tok = token{kind: tWord, text: p.src[start:p.i], off: start}
	case c == '_':
		panic(p.errorAt(start, "an Id must start with a lower-case letter"))
	case c == '"' || c == '\'':
		p.tok = token{kind: tString, text: p.readString(), off: start}
	case c == '.' && p.i+1 < len(p.src) && isDigit(p.src[p.i+1]):
		panic(p.errorAt(start, "a number needs a digit before '.' (write 0.5, not .5)"))
	default:
		p.tok = token{kind: tPunct, text: p.readPunct(), off: start}
	}
}

// readNumber reads a number literal.
func (p *parser) readNumber() string {
	start := p.i
	p.digits()
	if p.i < len(p.src) && p.src[p.i] == '.' {
		p.i++
		if p.digits() == 0 {
			panic(p.errorAt(p.i, "expected a digit after '.' in the number %s", p.src[start:p.i]))
		}
	}
	if p.i < len(p.src) && (p.src[p.i] == 'e' || p.src[p.i] == 'E') {
		p.i++
		if p.i < len(p.src) && (p.src[p.i] == '+' || p.src[p.i] == '-') {
			p.i++
		}
		if p.digits() == 0 {
			panic(p.errorAt(p.i, "expected the digits of the exponent in the number %s", p.src[start:p.i]))
		}
	}
	if p.i < len(p.src) && (isIDChar(p.src[p.i]) || p.src[p.i] == '.') {
		panic(p.errorAt(p.i, "unexpected %q after the number %s (an Id must start with a lower-case letter)", p.src[p.i], p.src[start:p.i]))
	}
	return p.src[start:p.i]
}

// digits skips decimal digits and returns how many there were.
func (p *parser) digits() int {
	start := p.i
	for p.i < len(p.src) && isDigit(p.src[p.i]) {
		p.i++
	}
	return p.i - start
}

// readString reads a string between single or double quotes and returns it
// with its quotes. There are no escapes: the string ends at the next quote
// of the same kind.
func (p *parser) readString() string {
	start := p.i
	q := p.src[p.i]
	for p.i++; p.i < len(p.src); p.i++ {
		if p.src[p.i] == q {
			p.i++
			return p.src[start:p.i]
		}
	}
	panic(p.errorAt(start, "unterminated string: a closing %c is missing", q))
}

// readPunct reads an operator or a punctuation mark.
func (p *parser) readPunct() string {
	start := p.i
	for _, op := range twoCharOps {
		if len(p.src)-p.i >= 2 && p.src[p.i:p.i+2] == op {
			p.i += 2
			return op
		}
	}
	c := p.src[p.i]
	switch c {
	case '+', '-', '*', '/', '^', '(', ')', '[', ']', ',', '<', '>':
		p.i++
		return p.src[start:p.i]
	case '=':
		panic(p.errorAt(start, "'=' is not an operator; compare with '=='"))
	case '!':
		panic(p.errorAt(start, "metric math has no '!' (NOT) operator; write x == 0 instead"))
	case '&':
		panic(p.errorAt(start, "expected '&&' (or AND)"))
	case '|':
		panic(p.errorAt(start, "expected '||' (or OR)"))
	}
	r, _ := utf8.DecodeRuneInString(p.src[p.i:])
	panic(p.errorAt(start, "unexpected character %q", r))
}

// peekText quotes the text at the current offset, for error messages.
func (p *parser) peekText() string {
	if p.i >= len(p.src) {
		return "end of expression"
	}
	end := p.i + 1
	for end < len(p.src) && end-p.i < 12 && !isBlank(p.src[end]) {
		end++
	}
	return strconv.Quote(p.src[p.i:end])
}

// describe names the current token for error messages.
func (p *parser) describe() string {
	if p.tok.kind == tEOF {
		return "end of expression"
	}
	return strconv.Quote(p.tok.text)
}

// followedBy reports whether the next non-blank byte after the current
// token is c.
func (p *parser) followedBy(c byte) bool {
	j := p.i
	for j < len(p.src) && isBlank(p.src[j]) {
		j++
	}
	return j < len(p.src) && p.src[j] == c
}
