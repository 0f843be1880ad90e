package eventschema_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/eventschema"
	"github.com/eventwatch/eventwatch/filterpattern"
	"github.com/eventwatch/eventwatch/internal/datafile"
)

// blocks groups the entries of a keyed file into cases.
func blocks(t *testing.T, path string) []block {
	var out []block
	for _, e := range datafile.Keyed(t, path) {
		if e.NewBlock {
			out = append(out, block{line: e.Line, keys: map[string][]string{}})
		}
		b := out[len(out)-1]
		b.keys[e.Key] = append(b.keys[e.Key], e.Text)
	}
	return out
}

// Derived patterns are exactly as written, parse, and select the lines
// they should (run by filterpattern's matcher).
func TestDerivePattern(t *testing.T) {
	s := fixture(t)
	for _, b := range blocks(t, "testdata/derive.txt") {
		var where map[string]string
		if err := json.Unmarshal([]byte(b.one("where")), &where); err != nil {
			t.Fatalf("derive.txt:%d: where: %v", b.line, err)
		}
		got, err := eventschema.DerivePattern(s.EventField, event(t, s, b.one("event")), where)
		if errs := b.keys["error"]; len(errs) > 0 {
			if err == nil {
				t.Errorf("derive.txt:%d: got %s, want an error", b.line, got)
				continue
			}
			for _, want := range errs {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("derive.txt:%d: error %q does not hold %q", b.line, err, want)
				}
			}
			continue
		}
		if err != nil || got != b.one("pattern") {
			t.Errorf("derive.txt:%d: got %q, %v; want %q", b.line, got, err, b.one("pattern"))
			continue
		}
		p, err := filterpattern.Parse(got)
		if err != nil {
			t.Fatalf("derive.txt:%d: %v", b.line, err)
		}
		if p.String() != got {
			t.Errorf("derive.txt:%d: not canonical: %q parses back as %q", b.line, got, p.String())
		}
		for _, line := range b.keys["match"] {
			if !p.Match(line) {
				t.Errorf("derive.txt:%d: %s does not match %s", b.line, got, line)
			}
		}
		for _, line := range b.keys["nomatch"] {
			if p.Match(line) {
				t.Errorf("derive.txt:%d: %s matches %s", b.line, got, line)
			}
		}
	}
}

// A derived pattern passes CheckPattern, whatever the where.
func TestDerivedPatternsPassTheirCheck(t *testing.T) {
	s := fixture(t)
	for _, ev := range s.Events {
		for _, f := range ev.Fields {
			values := map[string][]string{
				eventschema.TypeString: {"x", "*"}, eventschema.TypeNumber: {"-1.5e3", "*"},
				eventschema.TypeBoolean: {"true", "false"}, eventschema.TypeEnum: f.Values,
			}[f.Type]
			for _, v := range values {
				p, err := eventschema.DerivePattern("", ev, map[string]string{f.Name: v})
				if err != nil {
					t.Fatalf("%s where %s=%s: %v", ev.Name, f.Name, v, err)
				}
				if errs := eventschema.CheckPattern("", ev, p); len(errs) > 0 {
					t.Errorf("%s: %v", p, errs)
				}
			}
		}
	}
}
