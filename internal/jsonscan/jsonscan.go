// Package jsonscan is the lexical layer of JSON (RFC 8259) shared by the
// filter pattern and Logs Insights engines: it validates, skips and decodes
// JSON tokens in place, without allocating (AppendUnescaped grows only the
// slice it is given).
//
// Every function takes the text and an offset into it and returns the offset
// just past what it read, so that callers keep their own cursor and walk the
// structure they care about; the text may be a string or a byte slice. After
// a syntax error the offset returned is unspecified.
// Validation follows RFC 8259 exactly, as encoding/json.Valid does: bytes of
// 0x80 and above inside strings are taken as they are (UTF-8 is not checked).
package jsonscan

import (
	"unicode/utf16"
	"unicode/utf8"
)

// Text is JSON text: a string or a byte slice.
type Text interface{ ~string | ~[]byte }

// Kind is the type of a JSON value.
type Kind uint8

// The kinds of JSON values; Invalid reports a syntax error.
const (
	Invalid Kind = iota
	String
	Number
	True
	False
	Null
	Object
	Array
)

// MaxDepth is the nesting depth Valid accepts, the same as encoding/json.
const MaxDepth = 10000

// plain marks the bytes that need no attention inside a JSON string.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 256; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// SkipSpace returns the offset of the first byte at or after i that is not
// JSON whitespace (space, tab, newline, carriage return), or len(s).
func SkipSpace[T Text](s T, i int) int {
	for i < len(s) {
		switch s[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// SkipString reads the string whose '"' is at s[i] and returns the offset
// after its closing quote, whether it holds escapes, and whether it is
// valid: no control characters, only the escapes of RFC 8259, \u followed
// by 4 hex digits.
func SkipString[T Text](s T, i int) (end int, escaped, ok bool) {
	i++
	for {
		for i < len(s) && plain[s[i]] {
			i++
		}
		if i >= len(s) {
			return i, false, false
		}
		switch s[i] {
		case '"':
			return i + 1, escaped, true
		case '\\':
			escaped = true
			if i+1 >= len(s) {
				return i, false, false
			}
			switch s[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if _, ok := hex4(s, i+2); !ok {
					return i, false, false
				}
				i += 6
			default:
				return i, false, false
			}
		default: // a control character
			return i, false, false
		}
	}
}

// SkipNumber reads the number at s[i] and returns the offset after it and
// whether there was one:
//
//	number := "-"? ( "0" | [1-9] [0-9]* ) ( "." [0-9]+ )? ( [eE] [+-]? [0-9]+ )?
//
// A number is not checked against what follows it ("01" reads as 0).
func SkipNumber[T Text](s T, i int) (int, bool) {
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && s[i] >= '1' && s[i] <= '9':
		i = skipDigits(s, i+1)
	default:
		return i, false
	}
	if i < len(s) && s[i] == '.' {
		d := i + 1
		if i = skipDigits(s, d); i == d {
			return i, false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		d := i
		if i = skipDigits(s, d); i == d {
			return i, false
		}
	}
	return i, true
}

func skipDigits[T Text](s T, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// SkipLiteral reads the literal word (true, false or null) at s[i] and
// returns the offset after it and whether it was there.
func SkipLiteral[T Text](s T, i int, word string) (int, bool) {
	if len(s)-i < len(word) {
		return i, false
	}
	for k := 0; k < len(word); k++ {
		if s[i+k] != word[k] {
			return i, false
		}
	}
	return i + len(word), true
}

// SkipScalar reads the string, number or literal at s[i] and returns its
// kind and the offset after it; the kind is Invalid when the value is not
// valid or not a scalar.
func SkipScalar[T Text](s T, i int) (Kind, int) {
	if i >= len(s) {
		return Invalid, i
	}
	var ok bool
	switch s[i] {
	case '"':
		if i, _, ok = SkipString(s, i); ok {
			return String, i
		}
	case 't':
		if i, ok = SkipLiteral(s, i, "true"); ok {
			return True, i
		}
	case 'f':
		if i, ok = SkipLiteral(s, i, "false"); ok {
			return False, i
		}
	case 'n':
		if i, ok = SkipLiteral(s, i, "null"); ok {
			return Null, i
		}
	default:
		if i, ok = SkipNumber(s, i); ok {
			return Number, i
		}
	}
	return Invalid, i
}

// SkipValue reads the value at s[i], validating all of it, and returns its
// kind and the offset after it. Objects and arrays may nest at most depth
// levels (0: scalars only); deeper values are Invalid.
func SkipValue[T Text](s T, i, depth int) (Kind, int) {
	if i >= len(s) || s[i] != '{' && s[i] != '[' {
		return SkipScalar(s, i)
	}
	if depth <= 0 {
		return Invalid, i
	}
	kind, close := Object, byte('}')
	if s[i] == '[' {
		kind, close = Array, ']'
	}
	i, empty := Open(s, i)
	if empty {
		return kind, i
	}
	for {
		var ok, more bool
		i = SkipSpace(s, i)
		if kind == Object {
			if i, ok = member(s, i); !ok {
				return Invalid, i
			}
		}
		var k Kind
		if k, i = SkipValue(s, i, depth-1); k == Invalid {
			return Invalid, i
		}
		if i, more, ok = Next(s, i, close); !ok {
			return Invalid, i
		}
		if !more {
			return kind, i
		}
	}
}

// Open reads the '{' or '[' at s[i] and the whitespace after it, and returns
// the offset of the first member or element. When the object or array is
// empty it reads the closing bracket too and reports empty.
func Open[T Text](s T, i int) (j int, empty bool) {
	close := s[i] + 2 // '{' + 2 == '}', '[' + 2 == ']'
	i = SkipSpace(s, i+1)
	if i < len(s) && s[i] == close {
		return i + 1, true
	}
	return i, false
}

// member reads the name of an object member at s[i] with the colon and
// whitespace after it, and returns the offset of the member's value and
// whether the name and colon were valid.
func member[T Text](s T, i int) (int, bool) {
	if i >= len(s) || s[i] != '"' {
		return i, false
	}
	i, _, ok := SkipString(s, i)
	if !ok {
		return i, false
	}
	return Colon(s, i)
}

// Colon reads whitespace, a ':' and whitespace, and returns the offset after
// them and whether the colon was there.
func Colon[T Text](s T, i int) (int, bool) {
	i = SkipSpace(s, i)
	if i >= len(s) || s[i] != ':' {
		return i, false
	}
	return SkipSpace(s, i+1), true
}

// Next reads what follows a member or element: whitespace, then either a
// ',' (more is true: another member follows) or the closing bracket close
// (more is false). ok is false for anything else. It is small enough to be
// inlined.
func Next[T Text](s T, i int, close byte) (j int, more, ok bool) {
	if i = SkipSpace(s, i); i < len(s) {
		if s[i] == ',' {
			return i + 1, true, true
		}
		if s[i] == close {
			return i + 1, false, true
		}
	}
	return i, false, false
}

// Valid reports whether s is one valid JSON value, with optional whitespace
// around it, nested at most MaxDepth levels: the same answer as
// encoding/json.Valid.
func Valid[T Text](s T) bool {
	k, i := SkipValue(s, SkipSpace(s, 0), MaxDepth)
	return k != Invalid && SkipSpace(s, i) == len(s)
}

// AppendUnescaped appends the content of a JSON string, s being the text
// between its quotes, to dst with its escapes decoded. A \u escape of a lone
// surrogate becomes U+FFFD, as in encoding/json. Invalid escapes, which a
// validated string does not hold, are read leniently: a backslash before any
// other byte stands for that byte, \u without 4 hex digits for "u", and a
// trailing backslash for itself.
func AppendUnescaped[T Text](dst []byte, s T) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			dst = append(dst, c)
			continue
		}
		i++
		switch c = s[i]; c {
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			r, ok := hex4(s, i+1)
			if !ok {
				dst = append(dst, 'u')
				continue
			}
			i += 4
			if utf16.IsSurrogate(r) && i+2 < len(s) && s[i+1] == '\\' && s[i+2] == 'u' {
				if r2, ok := hex4(s, i+3); ok {
					if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
						r = d
						i += 6
					}
				}
			}
			dst = utf8.AppendRune(dst, r) // a lone surrogate appends U+FFFD
		default: // '"', '\\', '/' and, leniently, any other byte
			dst = append(dst, c)
		}
	}
	return dst
}

// hex4 decodes the 4 hex digits at s[i:i+4], reporting false when there are
// not 4 of them.
func hex4[T Text](s T, i int) (rune, bool) {
	if len(s)-i < 4 {
		return 0, false
	}
	var r rune
	for k := i; k < i+4; k++ {
		c := s[k]
		switch {
		case isDigit(c):
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}
