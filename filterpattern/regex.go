package filterpattern

import (
	"regexp"
	"regexp/syntax"
	"strings"

	"github.com/eventwatch/eventwatch/internal/regexbound"
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
	if n := regexbound.Size(tree); n > MaxRegexProgram {
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
