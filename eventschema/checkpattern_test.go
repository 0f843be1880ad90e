package eventschema_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/eventschema"
	"github.com/eventwatch/eventwatch/filterpattern"
)

// Each pattern of checkpattern.txt gets exactly its problems, at their
// columns.
func TestCheckPattern(t *testing.T) {
	s := fixture(t)
	for _, b := range blocks(t, "testdata/checkpattern.txt") {
		pattern := b.one("pattern")
		errs := eventschema.CheckPattern(s.EventField, event(t, s, b.one("event")), pattern)
		want := b.keys["problem"]
		if len(errs) != len(want) {
			t.Errorf("checkpattern.txt:%d: %s: got %d problems, want %d: %v", b.line, pattern, len(errs), len(want), errs)
			continue
		}
		for i, err := range errs {
			col, msg, _ := strings.Cut(want[i], ": ")
			var fe *filterpattern.Error
			if !errors.As(err, &fe) {
				col, msg = "", want[i]
			} else if fmt.Sprint(fe.Col) != col {
				t.Errorf("checkpattern.txt:%d: problem %d is at column %d, want %s: %v", b.line, i+1, fe.Col, col, err)
			}
			if !strings.Contains(err.Error(), msg) {
				t.Errorf("checkpattern.txt:%d: problem %d is %q, want %q", b.line, i+1, err, msg)
			}
		}
	}
}

func TestCheckPatternSaysANonJSONPatternIsNotChecked(t *testing.T) {
	errs := eventschema.CheckPattern("", eventschema.Event{Name: "x"}, "[ip, user, status = 404]")
	if len(errs) != 1 || !errors.Is(errs[0], eventschema.ErrNotJSON) {
		t.Fatalf("got %v, want one error wrapping ErrNotJSON", errs)
	}
}

func TestPatternEvents(t *testing.T) {
	for pattern, want := range map[string]string{
		`{ $.event = "a" && $.x = 1 }`:          "a",
		`{ ($.event = "b") || $.event = a }`:    "a b",
		`{ $.event = "a*" || $.event != "c" }`:  "",
		`{ $.kind = "a" }`:                      "",
		`ERROR`:                                 "",
		`{ $.event = "a" && $.event = "a" }`:    "a",
		`{ $.event.name = "a" || $.event = * }`: "",
	} {
		if got := strings.Join(eventschema.PatternEvents("", pattern), " "); got != want {
			t.Errorf("PatternEvents(%s) = %q, want %q", pattern, got, want)
		}
	}
}
