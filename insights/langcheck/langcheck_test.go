package langcheck_test

import (
	"os"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/insights/langcheck"
)

// runCases checks every line of a case file with check: a line without
// " => " must pass; one with it must fail at the position with the text.
func runCases(t *testing.T, file string, check func(string) error) {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for i, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		n++
		query, want, hasErr := strings.Cut(line, " => ")
		err := check(query)
		if !hasErr {
			if err != nil {
				t.Errorf("%s:%d: %q: %v", file, i+1, query, err)
			}
			continue
		}
		pos, text, _ := strings.Cut(want, ": ")
		if err == nil || !strings.HasPrefix(err.Error(), pos+": ") || !strings.Contains(err.Error(), text) {
			t.Errorf("%s:%d: %q: got %v, want %s", file, i+1, query, err, want)
		}
	}
	if n < 10 {
		t.Errorf("%s: only %d cases", file, n)
	}
}

func TestSQL(t *testing.T) { runCases(t, "testdata/sql.txt", langcheck.SQL) }

func TestPPL(t *testing.T) { runCases(t, "testdata/ppl.txt", langcheck.PPL) }

func TestCheckDispatch(t *testing.T) {
	for _, c := range []struct{ lang, query, want string }{
		{"", "fields a |", "expected a command"},
		{"CWLI", "stats count(*)", ""},
		{"SQL", "SELECT a FROM `x`", ""},
		{"SQL", "fields a", "expected SELECT"},
		{"PPL", "fields a", ""},
		{"PPL", "SELECT a FROM x", "unknown PPL command"},
		{"KQL", "x", "unknown query language"},
	} {
		err := langcheck.Check(c.lang, c.query)
		if (err == nil) != (c.want == "") || err != nil && !strings.Contains(err.Error(), c.want) {
			t.Errorf("Check(%q, %q) = %v, want %q", c.lang, c.query, err, c.want)
		}
	}
	long := "SELECT a FROM `x` WHERE a = '" + strings.Repeat("é", 10_000) + "'"
	if err := langcheck.SQL(long); err == nil || !strings.Contains(err.Error(), "at most 10000") {
		t.Errorf("a query over 10000 characters: %v", err)
	}
}

func FuzzSQL(f *testing.F) {
	f.Add("SELECT a FROM `x` WHERE b = 'c' ORDER BY a LIMIT 5")
	f.Fuzz(func(t *testing.T, q string) { _ = langcheck.SQL(q) })
}

func FuzzPPL(f *testing.F) {
	f.Add("fields a | where b = 'c' | head 5")
	f.Fuzz(func(t *testing.T, q string) { _ = langcheck.PPL(q) })
}
