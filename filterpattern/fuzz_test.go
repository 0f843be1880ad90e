package filterpattern

import (
	"strings"
	"testing"
)

// FuzzParse checks that Parse never panics, that errors carry a position
// inside the source, and that String round-trips.
func FuzzParse(f *testing.F) {
	for _, c := range loadCases(f) {
		f.Add(c.pattern)
	}
	f.Fuzz(func(t *testing.T, src string) {
		p, err := Parse(src)
		if err != nil {
			e, ok := err.(*Error)
			if !ok || e.Offset < 0 || e.Offset > len(src) || e.Line < 1 || e.Col < 1 {
				t.Fatalf("Parse(%q): bad error %#v", src, err)
			}
			_ = e.Error()
			return
		}
		q, err := Parse(p.String())
		if err != nil {
			t.Fatalf("Parse(%q) ok but its String %q fails: %v", src, p.String(), err)
		}
		if q.String() != p.String() {
			t.Fatalf("String not stable: %q -> %q -> %q", src, p.String(), q.String())
		}
	})
}

// FuzzMatch checks that matching and extraction never panic and that Match
// and MatchBytes agree, on patterns and messages from the data file.
func FuzzMatch(f *testing.F) {
	for _, c := range loadCases(f) {
		for _, m := range append(c.matches, c.nomatch...) {
			f.Add(c.pattern, m)
		}
	}
	f.Fuzz(func(t *testing.T, src, msg string) {
		p, err := Parse(src)
		if err != nil {
			return
		}
		got := p.Match(msg)
		if got != p.MatchBytes([]byte(msg)) {
			t.Fatalf("Match and MatchBytes disagree on %q / %q", src, msg)
		}
		checkPrefilter(t, p, msg, got)
		value := "1"
		dims := map[string]string{}
		switch p.Kind() {
		case KindJSON:
			value, dims["d"] = "$.a", "$.b[0]"
		case KindSpaceDelimited:
			if fs := p.Fields(); len(fs) > 0 {
				value, dims["d"] = "$"+fs[len(fs)-1], "$"+fs[0]
			}
		}
		x, err := p.NewExtractor(value, dims)
		if err != nil {
			if !strings.Contains(err.Error(), "names no field") {
				t.Fatalf("NewExtractor(%q, %v) on %q: %v", value, dims, src, err)
			}
			return
		}
		if _, ok := x.Extract(msg); ok != got {
			t.Fatalf("Extract and Match disagree on %q / %q", src, msg)
		}
	})
}
