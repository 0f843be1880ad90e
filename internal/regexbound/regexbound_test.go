package regexbound

import (
	"regexp/syntax"
	"strings"
	"testing"
)

func parse(t *testing.T, expr string) *syntax.Regexp {
	t.Helper()
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	return re
}

// TestSizeMatchesProgram checks that Size stays within a few instructions of
// the program regexp actually compiles, from one instruction to thousands.
func TestSizeMatchesProgram(t *testing.T) {
	for _, c := range []struct {
		expr string
		size int
	}{
		{`a`, 1},
		{`ERROR`, 5},
		{`(?i)timeout`, 7},
		{`^starting|^initializing|^shutting down`, 41},
		{`\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}`, 29},
		{`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`, 44},
		{`[0-9a-f]{64}`, 64},
		{`"path":"(?<p>[^"]+)"`, 13},
		{`(?s)(.*?) foo (.*?) bar (.*)`, 20},
		{`(?<version>\d+) (?<account>\d+) (?<eni>eni-\w+) (?<src>\S+) (?<dst>\S+) (?<sport>\d+) (?<dport>\d+) (?<proto>\d+) (?<packets>\d+) (?<bytes>\d+) (?<start>\d+) (?<end>\d+) (?<action>ACCEPT|REJECT) (?<status>\S+)`, 83},
		{`x{1,127}y`, 255},
		{`[a-z]{1,200}b`, 401},
		{`a{1000}`, 1000},
		{strings.Repeat(`a{1000}`, 10), 10009},
	} {
		re := parse(t, c.expr)
		got := Size(re)
		if got != c.size {
			t.Errorf("Size(%.40s) = %d, want %d", c.expr, got, c.size)
		}
		prog, err := syntax.Compile(re.Simplify())
		if err != nil {
			t.Fatal(err)
		}
		// The program adds a few bookkeeping instructions (fail, match,
		// captures) and shares some; the estimate is within 10% + 6.
		if n := len(prog.Inst); got < n*9/10-6 || got > n*11/10+6 {
			t.Errorf("Size(%.40s) = %d, but it compiles to %d instructions", c.expr, got, n)
		}
	}
}

// TestSizeSaturates checks that nested counted repetitions, which regexp
// refuses but syntax.Parse may build, do not overflow.
func TestSizeSaturates(t *testing.T) {
	re := parse(t, `a{1000}`)
	for range 5 {
		re = &syntax.Regexp{Op: syntax.OpRepeat, Min: 1000, Max: 1000, Sub: []*syntax.Regexp{re}}
	}
	if got := Size(re); got != ceiling {
		t.Errorf("Size = %d, want the ceiling %d", got, ceiling)
	}
}
