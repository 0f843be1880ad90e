package jsjson

import (
	"math"
	"testing"
)

// Strings and numbers come out as node -e 'console.log(JSON.stringify(v))' prints them.
func TestAsJSONStringify(t *testing.T) {
	strings := map[string]string{
		"plain":                   `"plain"`,
		`"quoted" \ back`:         `"\"quoted\" \\ back"`,
		"tab\tnew\nret\rbs\bff\f": `"tab\tnew\nret\rbs\bff\f"`,
		"ctl\x01\x1f":             `"ctl\u0001\u001f"`,
		"<a & b> \u2028 · 注文":     "\"<a & b> \u2028 · 注文\"",
	}
	for in, want := range strings {
		if got := Quote(in); got != want {
			t.Errorf("Quote(%q) = %s, want %s", in, got, want)
		}
	}
	numbers := map[float64]string{3: "3", 2.5: "2.5", 0.1: "0.1", 1e21: "1e+21", 1e-7: "1e-7", -0.000001: "-0.000001", math.NaN(): "null"}
	for in, want := range numbers {
		if got := Number(in); got != want {
			t.Errorf("Number(%v) = %s, want %s", in, got, want)
		}
	}
}
