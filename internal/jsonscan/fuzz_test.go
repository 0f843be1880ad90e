package jsonscan

import (
	"encoding/json"
	"testing"
	"unicode/utf8"
)

// FuzzValid checks that Valid agrees with encoding/json.Valid, that the
// string and byte slice forms agree, and that a string SkipString accepts
// decodes as encoding/json decodes it (when it is valid UTF-8: encoding/json
// replaces invalid bytes with U+FFFD, AppendUnescaped keeps them).
func FuzzValid(f *testing.F) {
	for _, s := range validCases {
		f.Add(s)
	}
	for _, c := range scalarCases {
		f.Add(c.in)
	}
	for _, c := range unescapeCases {
		f.Add(`"` + c.in + `"`)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, want := Valid(s), json.Valid([]byte(s))
		if got != want {
			t.Fatalf("Valid(%q) = %v, encoding/json says %v", s, got, want)
		}
		if Valid([]byte(s)) != got {
			t.Fatalf("Valid([]byte(%q)) differs from Valid of the string", s)
		}
		i := SkipSpace(s, 0)
		if i >= len(s) || s[i] != '"' {
			return
		}
		end, _, ok := SkipString(s, i)
		if !ok || !utf8.ValidString(s[i:end]) {
			return
		}
		var str string
		if err := json.Unmarshal([]byte(s[i:end]), &str); err != nil {
			t.Fatalf("SkipString accepts %q, encoding/json does not: %v", s[i:end], err)
		}
		if dec := string(AppendUnescaped(nil, s[i+1:end-1])); dec != str {
			t.Fatalf("AppendUnescaped(%q) = %q, encoding/json gives %q", s[i+1:end-1], dec, str)
		}
	})
}
