package appconfig

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// cut shortens a value echoed in a message to MaxEchoedValue characters,
// saying how long it was, so that an error never repeats megabytes of input.
func cut(s string) string {
	n := utf8.RuneCountInString(s)
	if n <= MaxEchoedValue {
		return s
	}
	i, k := 0, 0
	for k < MaxEchoedValue {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		k++
	}
	return fmt.Sprintf("%s… (%d characters)", s[:i], n)
}

// quote is strconv.Quote of a value cut to MaxEchoedValue characters.
func quote(s string) string {
	n := utf8.RuneCountInString(s)
	if n <= MaxEchoedValue {
		return strconv.Quote(s)
	}
	short := cut(s)
	i := len(short) - len(fmt.Sprintf("… (%d characters)", n))
	return fmt.Sprintf("%s… (%d characters)", strconv.Quote(short[:i]), n)
}

// cutField shortens a key path (which holds the keys as written, however
// long) to MaxEchoedField characters.
func cutField(path string) string {
	if length(path) <= MaxEchoedField {
		return path
	}
	i := 0
	for k := 0; k < MaxEchoedField; k++ {
		_, size := utf8.DecodeRuneInString(path[i:])
		i += size
	}
	return path[:i] + "…"
}

// length counts characters, as AWS counts the lengths of names.
func length(s string) int { return utf8.RuneCountInString(s) }
