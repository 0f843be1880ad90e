package insights

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// This file bounds the work of one row: the functions that can build long
// strings check the size of their result before they build it (see
// MaxValueBytes).

// fail records the first run error; Run returns it.
func (p *plan) fail(err *Error) {
	p.failed.CompareAndSwap(nil, err)
}

// tooBig records that the call at pos would build size bytes.
func (x *inst) tooBig(pos Pos, name string, size int) value {
	x.p.fail(newError(x.p.q.src, int(pos), "%s() would build a value of %s; a value is capped at %s (MaxValueBytes, CloudWatch's largest event)", name, byteSize(size), byteSize(MaxValueBytes)))
	return nullValue
}

// byteSize formats n bytes for a message.
func byteSize(n int) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// replacedSize is the length of strings.ReplaceAll(s, old, repl).
func replacedSize(s, old, repl string) int {
	n := 0
	if old == "" {
		n = utf8.RuneCountInString(s) + 1
	} else {
		n = strings.Count(s, old)
	}
	return len(s) + n*(len(repl)-len(old))
}

// boundedReplace replaces every match of re in s by repl (with $1
// expansion), failing once the result passes MaxValueBytes. Matches are
// searched in the regex's window of s; the rest of s is kept as it is.
func boundedReplace(re *regex, s, repl string) (string, bool) {
	var dst []byte
	last := 0
	for _, m := range re.findAll(s) {
		dst = append(dst, s[last:m[0]]...)
		dst = re.re.ExpandString(dst, repl, s, m)
		last = m[1]
		if len(dst) > MaxValueBytes {
			return "", false
		}
	}
	dst = append(dst, s[last:]...)
	return string(dst), len(dst) <= MaxValueBytes
}
