// Package jsjson writes JSON values as JavaScript's JSON.stringify writes
// them, for output that must match aws-cdk-lib's byte for byte.
package jsjson

import (
	"encoding/json"
	"strings"
)

// Quote is s quoted as JSON.stringify quotes it: '"' and '\' escaped,
// control characters as \b \t \n \f \r or \u00xx, everything else as it is
// (no escaping of '<', '>', '&', U+2028 or U+2029, unlike encoding/json).
func Quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	const hex = "0123456789abcdef"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			b.WriteString(`\"`)
		case c == '\\':
			b.WriteString(`\\`)
		case c == '\b':
			b.WriteString(`\b`)
		case c == '\t':
			b.WriteString(`\t`)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\f':
			b.WriteString(`\f`)
		case c == '\r':
			b.WriteString(`\r`)
		case c < 0x20:
			b.WriteString(`\u00`)
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&0xf])
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Number is f as JSON.stringify writes it (encoding/json follows
// ECMAScript's number-to-string conversion); NaN and the infinities are
// null, as there.
func Number(f float64) string {
	b, err := json.Marshal(f)
	if err != nil {
		return "null"
	}
	return string(b)
}
