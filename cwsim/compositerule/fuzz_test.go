package compositerule

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

// FuzzParse checks that Parse never panics, that errors carry a position
// inside the source, that String round-trips, and that Eval of what
// parses never panics.
func FuzzParse(f *testing.F) {
	for _, c := range loadCases(f) {
		f.Add(c.rule)
	}
	states := []string{"OK", "ALARM", "INSUFFICIENT_DATA", "alarm"}
	f.Fuzz(func(t *testing.T, src string) {
		r, err := Parse(src)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Offset < 0 || e.Offset > len(src) || e.Line < 1 || e.Col < 1 {
				t.Fatalf("Parse(%q): bad error %#v", src, err)
			}
			_ = e.Error()
			return
		}
		q, err := Parse(r.String())
		if err != nil {
			t.Fatalf("Parse(%q) ok but its String %q fails: %v", src, r.String(), err)
		}
		if q.String() != r.String() || !sameTree(r.AST(), q.AST()) || !reflect.DeepEqual(r.Alarms(), q.Alarms()) {
			t.Fatalf("round trip changed the tree: %q -> %q -> %q", src, r.String(), q.String())
		}
		if len(r.Alarms()) > MaxAlarms {
			t.Fatalf("Parse(%q) accepted %d alarms", src, len(r.Alarms()))
		}
		_, err = r.Eval(func(ref string) (string, bool) { return states[len(ref)%len(states)], len(ref)%5 != 0 })
		if err != nil && !errors.As(err, new(*Error)) {
			t.Fatalf("Eval(%q): error %T", src, err)
		}
	})
}

// FuzzSuppressor checks that Reason and Release never panic, and that
// Release is never before t.
func FuzzSuppressor(f *testing.F) {
	f.Add(int64(60), int64(120), []byte{0, 1, 100, 2, 200, 0}, int64(150))
	f.Fuzz(func(t *testing.T, wait, ext int64, hist []byte, at int64) {
		s := Suppressor{WaitPeriod: time.Duration(wait) * time.Second, ExtensionPeriod: time.Duration(ext) * time.Second}
		var h []Transition
		for i := 0; i+1 < len(hist); i += 2 {
			h = append(h, Transition{At: t0.Add(time.Duration(hist[i]) * time.Second), State: []string{"OK", "ALARM", "INSUFFICIENT_DATA"}[hist[i+1]%3]})
		}
		tt := t0.Add(time.Duration(at%1000) * time.Second)
		_ = s.Reason(h, tt)
		if rel, ok := s.Release(h, tt); ok && rel.Before(tt) && s.ExtensionPeriod >= 0 {
			t.Fatalf("Release(%v, %v) = %v, before t", h, tt, rel)
		}
	})
}
