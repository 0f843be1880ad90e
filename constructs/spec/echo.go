package spec

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// echo quotes a value for an error message, cut to MaxEchoedValue
// characters with its length given, so that an error never repeats a
// megabyte of input.
func echo(s string) string {
	n := utf8.RuneCountInString(s)
	if n <= MaxEchoedValue {
		return strconv.Quote(s)
	}
	i := 0
	for k := 0; k < MaxEchoedValue; k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return fmt.Sprintf("%s… (%d characters)", strconv.Quote(s[:i]), n)
}

// chars counts characters (code points), as AWS counts the lengths of
// names, descriptions and patterns.
func chars(s string) int { return utf8.RuneCountInString(s) }
