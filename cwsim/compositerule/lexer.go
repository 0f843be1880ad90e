package compositerule

import (
	"strconv"
	"unicode/utf8"
)

// The parser reads the rule one byte at a time; the helpers below are its
// lexer. Blanks (space, tab, newline, carriage return) separate tokens.
//
//	word   := [A-Za-z0-9_]+          keywords: TRUE FALSE AND OR NOT ALARM OK INSUFFICIENT_DATA
//	name   := quoted | bare
//	quoted := '"' [^"]* '"'          no escapes: the name ends at the next '"'
//	bare   := [^ \t\n\r()"]+

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isWordChar(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_'
}

// skipBlanks advances past blanks.
func (p *parser) skipBlanks() {
	for p.i < len(p.src) && isBlank(p.src[p.i]) {
		p.i++
	}
}

// peek returns the byte at the current offset, or 0 at the end.
func (p *parser) peek() byte {
	if p.i < len(p.src) {
		return p.src[p.i]
	}
	return 0
}

// peekWord returns the word at the current offset without moving, or "".
func (p *parser) peekWord() string {
	end := p.i
	for end < len(p.src) && isWordChar(p.src[end]) {
		end++
	}
	return p.src[p.i:end]
}

// here describes the text at the current offset for error messages.
func (p *parser) here() string {
	if p.i >= len(p.src) {
		return "end of rule"
	}
	if w := p.peekWord(); w != "" {
		return strconv.Quote(w)
	}
	r, _ := utf8.DecodeRuneInString(p.src[p.i:])
	return strconv.QuoteRune(r)
}

// readName reads an alarm name, quoted or bare, and reports whether it
// was quoted.
func (p *parser) readName() (name string, quoted bool) {
	start := p.i
	if p.peek() == '"' {
		p.i++
		for p.i < len(p.src) && p.src[p.i] != '"' {
			p.i++
		}
		if p.i >= len(p.src) {
			panic(p.errorAt(start, "unterminated alarm name: a closing '\"' is missing"))
		}
		p.i++
		return p.src[start+1 : p.i-1], true
	}
	for p.i < len(p.src) && !isBlank(p.src[p.i]) && p.src[p.i] != '(' && p.src[p.i] != ')' && p.src[p.i] != '"' {
		p.i++
	}
	return p.src[start:p.i], false
}
