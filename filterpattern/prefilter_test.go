package filterpattern

import (
	"bytes"
	"strings"
	"testing"
)

// checkPrefilter checks that the prefilter lets every match through, and
// that Lines finds msg (as a line among others) when MayMatch would need
// to look at it.
func checkPrefilter(t *testing.T, p *Pattern, msg string, matched bool) {
	t.Helper()
	f := p.Prefilter()
	if f == nil {
		return
	}
	may := f.MayMatch([]byte(msg))
	if matched && !may {
		t.Fatalf("%q matches %q but its prefilter rejects it", p.Source(), msg)
	}
	if strings.Contains(msg, "\n") {
		return
	}
	data := []byte("x\n" + msg + "\ny")
	found := false
	f.Lines(data, func(start, end int) bool {
		if start == 2 && end == 2+len(msg) {
			found = true
		}
		return true
	})
	if may && !found {
		t.Fatalf("prefilter of %q: Lines skips %q, which MayMatch lets through", p.Source(), msg)
	}
}

// Every match and non-match of the data file passes through the
// prefilter as the matcher decides.
func TestPrefilterLetsMatchesThrough(t *testing.T) {
	withFilter := 0
	for _, c := range loadCases(t) {
		p, err := Parse(c.pattern)
		if err != nil {
			continue
		}
		if p.Prefilter() != nil {
			withFilter++
		}
		for _, m := range append(c.matches, c.nomatch...) {
			checkPrefilter(t, p, m, p.Match(m))
		}
	}
	if withFilter == 0 {
		t.Fatal("no pattern of the data file has a prefilter")
	}
}

func TestPrefilterNeedles(t *testing.T) {
	tests := []struct {
		pattern string
		needles []string // nil: no prefilter
		json    bool
	}{
		{`ERROR ?WARN -DEBUG "a phrase"`, []string{"ERROR", "a phrase"}, false},
		{`?ERROR ?WARN`, nil, false},
		{`%ERR.R%`, nil, false},
		{`[ip, user, status = 404]`, nil, false},
		{`{ $.event = "my-queue-worker" && $.success = "False" }`, []string{"my-queue-worker", "False"}, true},
		{`{ $.event = "a" || $.event = "b" }`, nil, true},
		{`{ ($.event = "a" || $.x = 1) && $.path = "/api/*/orders" }`, []string{"/orders"}, true},
		{`{ $.event != "a" && $.n > 3 && $.q = "has\"quote" }`, nil, true},
		{`{ $.event = * }`, nil, true},
	}
	for _, tt := range tests {
		p, err := Parse(tt.pattern)
		if err != nil {
			t.Fatalf("%s: %v", tt.pattern, err)
		}
		f := p.Prefilter()
		if tt.needles == nil {
			if f != nil {
				t.Errorf("%s: prefilter %q, want none", tt.pattern, f.needles)
			}
			continue
		}
		if f == nil || string(bytes.Join(f.needles, []byte("|"))) != strings.Join(tt.needles, "|") || f.json != tt.json {
			t.Errorf("%s: prefilter %+v, want needles %q (json %v)", tt.pattern, f, tt.needles, tt.json)
		}
	}
}

func TestPrefilterLines(t *testing.T) {
	p, _ := Parse(`{ $.event = "worker" }`)
	data := []byte("{\"event\":\"worker\"}\nnothing\n{\"e\\u0076ent\":1}\n\nworker worker\nlast worker")
	var got []string
	p.Prefilter().Lines(data, func(start, end int) bool {
		got = append(got, string(data[start:end]))
		return true
	})
	want := []string{`{"event":"worker"}`, `{"e\u0076ent":1}`, "worker worker", "last worker"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("Lines gave %q, want %q", got, want)
	}
}
