package stat

import (
	"strings"
	"testing"
)

// FuzzParse: Parse never panics; what it accepts prints canonically and
// parses back to the same Stat, and computes over a period without
// panicking. Seeded from testdata/parse.txt.
func FuzzParse(f *testing.F) {
	for _, c := range readData(f, "parse.txt", 2) {
		if c.Fields[0] != "<empty>" {
			f.Add(c.Fields[0])
		}
	}
	values := []float64{0, 0.5, 1, 1, 2, 3, 5, 8, 13, 150, 1000, 1001}
	f.Fuzz(func(t *testing.T, s string) {
		st, err := Parse(s)
		if err != nil {
			if IsValid(s) {
				t.Fatalf("Parse(%q) failed but IsValid is true", s)
			}
			pe, ok := err.(*ParseError)
			if !ok || pe.Offset < 0 || pe.Offset > len(s) || pe.Col < 1 {
				t.Fatalf("Parse(%q): bad error %#v", s, err)
			}
			return
		}
		text := st.String()
		again, err := Parse(text)
		if err != nil || again != st {
			t.Fatalf("Parse(%q).String() = %q, which parses to %v, %v", s, text, again, err)
		}
		if strings.TrimSpace(text) != text || text == "" {
			t.Fatalf("Parse(%q).String() = %q", s, text)
		}
		if _, ok := st.Compute(values); !ok && !st.IsExtended() {
			t.Fatalf("%s over %v: no datapoint", text, values)
		}
		st.Compute(values[:1])
	})
}
