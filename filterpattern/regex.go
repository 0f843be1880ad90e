package filterpattern

import (
	"regexp"
	"regexp/syntax"
	"strings"
)

// regexAllowed marks the bytes CloudWatch accepts in a regex body:
// [A-Za-z0-9], the symbols : _ # = @ / ; , - and the operators
// ^ $ ? [ ] { } | \ * + . ; plus ' ', which the documentation's own example
// %^starting|^initializing|^shutting down% uses.
var regexAllowed = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = isNameChar(byte(c))
	}
	for _, c := range []byte(":_#=@/;,-^$?[]{}|\\*+. ") {
		t[c] = true
	}
	return t
}()

// compileRegex checks body (which starts at byte offset off of src) against
// the documented regex subset and compiles it with Go's regexp (RE2), which
// implements the subset. An omitted lower bound {,n} becomes {0,n}, since
// RE2 reads {,n} literally.
func compileRegex(src string, off int, body string) (*regexp.Regexp, *Error) {
	if body == "" {
		return nil, newError(src, off, "empty regular expression")
	}
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case regexAllowed[c]:
		case c == '(' || c == ')':
			return nil, newError(src, off+i, "'%c' is not supported in regular expressions (no groups); use \\x%02x to match it", c, c)
		case c >= 0x80:
			return nil, newError(src, off+i, "multi-byte characters are not supported in regular expressions")
		default:
			return nil, newError(src, off+i, "%q is not allowed in regular expressions; use \\x%02x to match it", c, c)
		}
	}
	fixed := fixLowerBounds(body)
	tree, err := syntax.Parse(fixed, syntax.Perl)
	if err != nil {
		msg := strings.TrimPrefix(err.Error(), "error parsing regexp: ")
		return nil, newError(src, off, "invalid regular expression: %s", msg)
	}
	// Measured on the parse tree, before anything is compiled.
	if n := programSize(tree); n > MaxRegexProgram {
		return nil, newError(src, off, "the regular expression is too complex to match in bounded time (about %d steps per character, at most %d); use smaller repetition counts such as {1,64}", n, MaxRegexProgram)
	}
	re, err := regexp.Compile(fixed)
	if err != nil {
		msg := strings.TrimPrefix(err.Error(), "error parsing regexp: ")
		return nil, newError(src, off, "invalid regular expression: %s", msg)
	}
	return re, nil
}

// fixLowerBounds rewrites {,n} to {0,n} outside character classes.
func fixLowerBounds(body string) string {
	if !strings.Contains(body, "{,") {
		return body
	}
	var b strings.Builder
	inClass := false
	for i := 0; i < len(body); i++ {
		c := body[i]
		b.WriteByte(c)
		switch {
		case c == '\\' && i+1 < len(body):
			i++
			b.WriteByte(body[i])
		case c == '[':
			inClass = true
		case c == ']':
			inClass = false
		case c == '{' && !inClass && i+1 < len(body) && body[i+1] == ',':
			b.WriteByte('0')
		}
	}
	return b.String()
}

// programSize estimates the number of instructions the regex compiles to,
// the work per character of the message in the worst case, from its parse
// tree: a counted repetition costs its count times its operand. It
// saturates instead of overflowing.
func programSize(re *syntax.Regexp) int {
	const ceiling = 1 << 30
	add := func(a, b int) int { return min(a+b, ceiling) }
	mul := func(a, b int) int {
		if a != 0 && b > ceiling/a {
			return ceiling
		}
		return a * b
	}
	switch re.Op {
	case syntax.OpLiteral:
		return max(len(re.Rune), 1)
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest:
		return add(programSize(re.Sub[0]), 1)
	case syntax.OpRepeat:
		sub := programSize(re.Sub[0])
		if re.Max < 0 {
			return add(mul(sub, re.Min), add(sub, 1))
		}
		return add(mul(sub, re.Min), mul(add(sub, 1), re.Max-re.Min))
	case syntax.OpCapture:
		return programSize(re.Sub[0])
	case syntax.OpConcat, syntax.OpAlternate:
		n := len(re.Sub) - 1
		for _, sub := range re.Sub {
			n = add(n, programSize(sub))
		}
		return n
	}
	return 1
}
