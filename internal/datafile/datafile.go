// Package datafile reads the test data files of the engines (tests as
// data): keyed files, whose blocks of "key: text" lines each describe a
// case (filterpattern, cwsim/metricmath, cwsim/compositerule), and table
// files of one case per line, fields split at "|" (cwsim/stat,
// cwsim/alarmstate). Blank lines and "#" comments are skipped; a problem
// stops the test with the file and line.
package datafile

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/internal/safefile"
)

// Entry is one "key: text" line of a keyed file.
type Entry struct {
	Line      int
	Key, Text string
	// NewBlock is true for the first entry after a blank line (or the
	// start of the file): a case's lines are not split by blank lines.
	NewBlock bool
}

// Keyed reads a keyed file. A key ending in "-q" takes a Go-quoted text
// ("match-q: \"a\\tb\""), given as Key without the suffix and Text unquoted.
func Keyed(t testing.TB, path string) []Entry {
	t.Helper()
	var out []Entry
	newBlock := true
	scan(t, path, func(ln int, line string) {
		if line == "" {
			newBlock = true
			return
		}
		if strings.HasPrefix(line, "#") {
			return
		}
		key, text, ok := strings.Cut(line, ":")
		if !ok {
			t.Fatalf("%s:%d: expected key: text", filepath.Base(path), ln)
		}
		text = strings.TrimPrefix(text, " ")
		if k, quoted := strings.CutSuffix(key, "-q"); quoted {
			key = k
			var err error
			if text, err = strconv.Unquote(text); err != nil {
				t.Fatalf("%s:%d: %v", filepath.Base(path), ln, err)
			}
		}
		out = append(out, Entry{Line: ln, Key: key, Text: text, NewBlock: newBlock})
		newBlock = false
	})
	return out
}

// Row is one case line of a table file.
type Row struct {
	Line   int
	Fields []string
}

// Table reads a table file whose case lines have n fields separated by
// "|", each trimmed.
func Table(t testing.TB, path string, n int) []Row {
	t.Helper()
	var out []Row
	scan(t, path, func(ln int, line string) {
		text := strings.TrimSpace(line)
		if text == "" || strings.HasPrefix(text, "#") {
			return
		}
		fields := strings.SplitN(text, "|", n)
		if len(fields) != n {
			t.Fatalf("%s:%d: expected %d fields separated by |", filepath.Base(path), ln, n)
		}
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
		}
		out = append(out, Row{ln, fields})
	})
	return out
}

// scan calls fn with each line of path and its number. The file is read
// as query test data (safefile.QueryTestData: text, at most 32 MiB).
func scan(t testing.TB, path string, fn func(ln int, line string)) {
	t.Helper()
	data, err := safefile.ReadFile(path, safefile.QueryTestData)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	for i, line := range lines {
		fn(i+1, strings.TrimSuffix(line, "\r"))
	}
}
