// Package corpustest runs test corpora kept as txtar archives: each
// archive is one case, its comment the case's expectations (read by the
// test), its files the inputs, written to a temporary directory. It serves
// the logq commands' broken-input corpora.
package corpustest

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// Run runs each archive matching pattern as a subtest named after its
// file, after writing its files into a temporary directory dir, with
// <<REPEAT n|text>> expanded to text repeated n times (for inputs too
// large to commit). It fails when fewer than min archives match, so that a
// moved corpus cannot pass by running nothing.
func Run(t *testing.T, pattern string, min int, fn func(t *testing.T, ar *txtar.Archive, dir string)) {
	t.Helper()
	files, _ := filepath.Glob(pattern)
	if len(files) < min {
		t.Fatalf("%s: %d cases, want at least %d", pattern, len(files), min)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			for _, f := range ar.Files {
				path := filepath.Join(dir, f.Name)
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(ExpandRepeats(string(f.Data))), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			fn(t, ar, dir)
		})
	}
}

var repeat = regexp.MustCompile(`<<REPEAT (\d+)\|(.*?)>>`)

// ExpandRepeats replaces each <<REPEAT n|text>> in s with text repeated n times.
func ExpandRepeats(s string) string {
	return repeat.ReplaceAllStringFunc(s, func(m string) string {
		sub := repeat.FindStringSubmatch(m)
		n, _ := strconv.Atoi(sub[1])
		return strings.Repeat(sub[2], n)
	})
}
