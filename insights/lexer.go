package insights

import (
	"strings"
)

// tokKind is the kind of a token.
type tokKind int

const (
	tEOF      tokKind = iota
	tIdent            // field or keyword: parts in tok.parts
	tString           // '...' or "...": value in tok.val
	tRegex            // /.../: pattern in tok.val (only after rescanRegex)
	tNumber           // 12, 1.5: text in tok.val
	tDuration         // 5m: count in tok.val, unit in tok.unit
	tPipe             // |
	tComma            // ,
	tLParen           // (
	tRParen           // )
	tLBrack           // [
	tRBrack           // ]
	tEq               // =
	tNe               // !=
	tLt               // <
	tLe               // <=
	tGt               // >
	tGe               // >=
	tMatch            // =~
	tPlus             // +
	tMinus            // -
	tStar             // *
	tSlash            // /
	tPercent          // %
	tCaret            // ^
	tColon            // : (SOURCE logGroups(namePrefix: [...]))
	tIllegal          // after a lexical error
)

var tokNames = [...]string{
	tEOF: "end of query", tIdent: "name", tString: "string", tRegex: "regex", tNumber: "number",
	tDuration: "duration", tPipe: `"|"`, tComma: `","`, tLParen: `"("`, tRParen: `")"`,
	tLBrack: `"["`, tRBrack: `"]"`, tEq: `"="`, tNe: `"!="`, tLt: `"<"`, tLe: `"<="`, tGt: `">"`,
	tGe: `">="`, tMatch: `"=~"`, tPlus: `"+"`, tMinus: `"-"`, tStar: `"*"`, tSlash: `"/"`,
	tPercent: `"%"`, tCaret: `"^"`, tColon: `":"`, tIllegal: "invalid input",
}

// token is one lexical token.
type token struct {
	kind   tokKind
	pos    int      // byte offset of the first byte
	end    int      // byte offset after the last byte
	val    string   // decoded value (see tokKind)
	unit   string   // canonical duration unit
	parts  []string // name segments of an identifier
	quoted bool     // some segment of an identifier was backquoted
}

// keyword reports whether t is the unquoted single-segment keyword kw
// (kw in lower case).
func (t token) keyword(kw string) bool {
	return t.kind == tIdent && !t.quoted && len(t.parts) == 1 && strings.EqualFold(t.parts[0], kw)
}

// lexer turns query text into tokens, one at a time.
type lexer struct {
	src string
	pos int
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '@' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// next returns the next token, skipping blanks and # comments.
func (lx *lexer) next() (token, *Error) {
	src := lx.src
	for lx.pos < len(src) {
		c := src[lx.pos]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			lx.pos++
			continue
		}
		if c == '#' {
			for lx.pos < len(src) && src[lx.pos] != '\n' {
				lx.pos++
			}
			continue
		}
		break
	}
	start := lx.pos
	tok := token{pos: start}
	if start >= len(src) {
		// point at the end of the last line with text, not after trailing
		// blank lines
		end := len(strings.TrimRight(src, " \t\r\n"))
		tok.kind, tok.pos, tok.end = tEOF, end, end
		return tok, nil
	}
	c := src[start]
	two := ""
	if start+1 < len(src) {
		two = src[start : start+2]
	}
	op := func(k tokKind, n int) (token, *Error) {
		lx.pos += n
		tok.kind, tok.end = k, lx.pos
		return tok, nil
	}
	switch {
	case two == "!=":
		return op(tNe, 2)
	case two == "<=":
		return op(tLe, 2)
	case two == ">=":
		return op(tGe, 2)
	case two == "=~":
		return op(tMatch, 2)
	case two == "==":
		return op(tEq, 2)
	}
	switch c {
	case '|':
		return op(tPipe, 1)
	case ',':
		return op(tComma, 1)
	case '(':
		return op(tLParen, 1)
	case ')':
		return op(tRParen, 1)
	case '[':
		return op(tLBrack, 1)
	case ']':
		return op(tRBrack, 1)
	case '=':
		return op(tEq, 1)
	case '<':
		return op(tLt, 1)
	case '>':
		return op(tGt, 1)
	case '+':
		return op(tPlus, 1)
	case '-':
		return op(tMinus, 1)
	case '*':
		return op(tStar, 1)
	case '/':
		return op(tSlash, 1)
	case '%':
		return op(tPercent, 1)
	case '^':
		return op(tCaret, 1)
	case ':':
		return op(tColon, 1)
	case '"', '\'':
		return lx.scanString()
	}
	if isDigit(c) {
		if t, ok := lx.scanNumber(); ok {
			return t, nil
		}
	}
	if isIdentByte(c) || c == '`' {
		return lx.scanIdent()
	}
	return tok, newError(src, start, "unexpected character %q", src[start:start+runeLen(src[start:])])
}

func runeLen(s string) int {
	for i := range s {
		if i > 0 {
			return i
		}
	}
	return len(s)
}

// scanString scans a quoted string. Escapes: \n \t \r \\ \" \'; any other
// backslash is kept with the byte after it.
func (lx *lexer) scanString() (token, *Error) {
	src, start := lx.src, lx.pos
	q := src[start]
	var b strings.Builder
	i := start + 1
	for i < len(src) {
		c := src[i]
		switch {
		case c == q:
			lx.pos = i + 1
			return token{kind: tString, pos: start, end: lx.pos, val: b.String()}, nil
		case c == '\\' && i+1 < len(src):
			switch e := src[i+1]; e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case '\\', '"', '\'':
				b.WriteByte(e)
			default:
				b.WriteByte('\\')
				b.WriteByte(e)
			}
			i += 2
		default:
			b.WriteByte(c)
			i++
		}
	}
	return token{}, newError(src, start, "unterminated string: expected a closing %c", q)
}

// rescanRegex scans a regex literal starting at the "/" at offset start and
// leaves the lexer after it. `\/` stands for "/"; other escapes are kept.
func (lx *lexer) rescanRegex(start int) (token, *Error) {
	src := lx.src
	var b strings.Builder
	i := start + 1
	for i < len(src) {
		c := src[i]
		switch {
		case c == '/':
			lx.pos = i + 1
			return token{kind: tRegex, pos: start, end: lx.pos, val: b.String()}, nil
		case c == '\n':
			i = len(src)
		case c == '\\' && i+1 < len(src):
			if src[i+1] != '/' {
				b.WriteByte('\\')
			}
			b.WriteByte(src[i+1])
			i += 2
		default:
			b.WriteByte(c)
			i++
		}
	}
	return token{}, newError(src, start, "unterminated regex: expected a closing /")
}

// durationUnits maps every accepted unit spelling to its canonical form.
var durationUnits = map[string]string{}

func init() {
	for canon, names := range map[string][]string{
		"ms": {"ms", "msec", "msecs", "millisecond", "milliseconds"},
		"s":  {"s", "sec", "secs", "second", "seconds"},
		"m":  {"m", "min", "mins", "minute", "minutes"},
		"h":  {"h", "hr", "hrs", "hour", "hours"},
		"d":  {"d", "day", "days"},
		"w":  {"w", "week", "weeks"},
		"mo": {"mo", "mon", "mons", "month", "months"},
		"q":  {"q", "qtr", "qtrs", "quarter", "quarters"},
		"y":  {"y", "yr", "yrs", "year", "years"},
	} {
		for _, n := range names {
			durationUnits[n] = canon
		}
	}
}

// scanNumber scans 12, 1.5 or a duration 5m. It reports false when the
// digits start an identifier instead (5xx).
func (lx *lexer) scanNumber() (token, bool) {
	src, start := lx.src, lx.pos
	i := start
	for i < len(src) && isDigit(src[i]) {
		i++
	}
	intEnd := i
	if i+1 < len(src) && src[i] == '.' && isDigit(src[i+1]) {
		i++
		for i < len(src) && isDigit(src[i]) {
			i++
		}
	}
	if i < len(src) && isIdentByte(src[i]) {
		j := i
		for j < len(src) && (src[j] >= 'a' && src[j] <= 'z' || src[j] >= 'A' && src[j] <= 'Z') {
			j++
		}
		unit, ok := durationUnits[strings.ToLower(src[i:j])]
		if i != intEnd || !ok || j < len(src) && (isIdentByte(src[j]) || src[j] == '.' || src[j] == '`') {
			return token{}, false
		}
		lx.pos = j
		return token{kind: tDuration, pos: start, end: j, val: src[start:i], unit: unit}, true
	}
	if i < len(src) && (src[i] == '`' || src[i] == '.' && i+1 < len(src) && (isIdentByte(src[i+1]) || src[i+1] == '`')) {
		return token{}, false
	}
	lx.pos = i
	return token{kind: tNumber, pos: start, end: i, val: src[start:i]}, true
}

// scanIdent scans a field name: segments of [A-Za-z0-9_@] or `backquoted
// text` joined by ".", with adjacent pieces concatenated (@`a:b` is one
// segment "@a:b") and [N] as an index segment.
func (lx *lexer) scanIdent() (token, *Error) {
	src, start := lx.src, lx.pos
	tok := token{kind: tIdent, pos: start}
	var cur strings.Builder
	have := false
	i := start
	for i < len(src) {
		c := src[i]
		switch {
		case c == '`':
			end := strings.IndexByte(src[i+1:], '`')
			if end < 0 {
				return token{}, newError(src, i, "unterminated name: expected a closing `")
			}
			cur.WriteString(src[i+1 : i+1+end])
			tok.quoted, have = true, true
			i += end + 2
		case isIdentByte(c):
			cur.WriteByte(c)
			have = true
			i++
		case c == '.' && have && i+1 < len(src) && (isIdentByte(src[i+1]) || src[i+1] == '`'):
			tok.parts = append(tok.parts, cur.String())
			cur.Reset()
			have = false
			i++
		case c == '[' && have:
			j := i + 1
			for j < len(src) && isDigit(src[j]) {
				j++
			}
			if j == i+1 || j >= len(src) || src[j] != ']' {
				goto done
			}
			tok.parts = append(tok.parts, cur.String())
			cur.Reset()
			cur.WriteString(src[i+1 : j])
			i = j + 1
		default:
			goto done
		}
	}
done:
	tok.parts = append(tok.parts, cur.String())
	lx.pos = i
	tok.end = i
	return tok, nil
}
