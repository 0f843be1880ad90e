package filterpattern

import (
	"strconv"
	"strings"
)

// The parser reads the pattern source directly, one byte at a time; the
// helpers below are its lexer: they recognize blanks, names, quoted strings,
// regex literals, bare values and operators at the current offset.

// isBlank reports whether c separates tokens.
func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// isNameChar reports whether c may appear in a field name or selector key:
// "alphanumeric strings that support hyphen and underscore".
func isNameChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

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

// at reports whether the source continues with s.
func (p *parser) at(s string) bool { return strings.HasPrefix(p.src[p.i:], s) }

// here describes the text at the current offset for error messages.
func (p *parser) here() string {
	if p.i >= len(p.src) {
		return "end of pattern"
	}
	end := p.i + 1
	for end < len(p.src) && end-p.i < 12 && !isBlank(p.src[end]) {
		end++
	}
	return strconv.Quote(p.src[p.i:end])
}

// readName reads name := [A-Za-z0-9_-]+ and returns "" if there is none.
func (p *parser) readName() string {
	start := p.i
	for p.i < len(p.src) && isNameChar(p.src[p.i]) {
		p.i++
	}
	return p.src[start:p.i]
}

// readWord reads an upper- or lower-case keyword such as IS or NULL.
func (p *parser) readWord() string {
	start := p.i
	for p.i < len(p.src) && (p.src[p.i] >= 'A' && p.src[p.i] <= 'Z' || p.src[p.i] >= 'a' && p.src[p.i] <= 'z') {
		p.i++
	}
	return p.src[start:p.i]
}

// readQuoted reads quoted := '"' ( [^"\\] | '\\' any )* '"' at a '"' and
// returns the unescaped text: a backslash takes the next byte literally.
func (p *parser) readQuoted() string {
	start := p.i
	p.i++
	var b strings.Builder
	for p.i < len(p.src) {
		c := p.src[p.i]
		switch c {
		case '"':
			p.i++
			return b.String()
		case '\\':
			if p.i+1 >= len(p.src) {
				panic(p.errorAt(start, "unterminated string: a closing '\"' is missing"))
			}
			b.WriteByte(p.src[p.i+1])
			p.i += 2
		default:
			b.WriteByte(c)
			p.i++
		}
	}
	panic(p.errorAt(start, "unterminated string: a closing '\"' is missing"))
}

// readRegex reads regex_lit := "%" regex_body "%" at a '%' and returns the
// body. The body ends at the next '%' (use \x25 to match a percent sign).
func (p *parser) readRegex() string {
	start := p.i
	end := strings.IndexByte(p.src[p.i+1:], '%')
	if end < 0 {
		panic(p.errorAt(start, "unterminated regular expression: a closing '%%' is missing"))
	}
	body := p.src[p.i+1 : p.i+1+end]
	p.i += end + 2
	return body
}

// readBare reads an unquoted value: bytes up to a blank or a byte for
// which stop returns true.
func (p *parser) readBare(stop func(byte) bool) string {
	start := p.i
	for p.i < len(p.src) && !isBlank(p.src[p.i]) && !stop(p.src[p.i]) {
		p.i++
	}
	return p.src[start:p.i]
}

// readOp reads cmp_op := "=" | "!=" | "<" | "<=" | ">" | ">=" and returns ""
// (without moving) if there is none.
func (p *parser) readOp() Op {
	for _, op := range []Op{OpNe, OpLe, OpGe, OpEq, OpLt, OpGt} {
		if p.at(string(op)) {
			p.i += len(op)
			if op == OpEq && p.peek() == '=' {
				panic(p.errorAt(p.i-1, "'==' is not an operator; use '='"))
			}
			return op
		}
	}
	if p.peek() == '!' {
		panic(p.errorAt(p.i, "expected '!=' but found %s", p.here()))
	}
	return ""
}

// isNumber reports whether s is
//
//	number := [+-]? digits ( "." digits )? ( [eE] [+-]? digits )?
func isNumber[T string | []byte](s T) bool {
	i, n := 0, len(s)
	if i < n && (s[i] == '+' || s[i] == '-') {
		i++
	}
	d := i
	for i < n && isDigit(s[i]) {
		i++
	}
	if i == d {
		return false
	}
	if i < n && s[i] == '.' {
		i++
		d = i
		for i < n && isDigit(s[i]) {
			i++
		}
		if i == d {
			return false
		}
	}
	if i < n && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < n && (s[i] == '+' || s[i] == '-') {
			i++
		}
		d = i
		for i < n && isDigit(s[i]) {
			i++
		}
		if i == d {
			return false
		}
	}
	return i == n
}
