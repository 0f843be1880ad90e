package querycli

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/eventwatch/eventwatch/internal/corpustest"
)

// TestBadInputs runs the corpus testdata/bad/*.txtar: each archive holds
// the files of one run and a header of expectations:
//
//	args: FLAGS AND FILES         (single quotes group words)
//	check: true                   run logq check instead of logq query
//	exit: N
//	stderr: TEXT                  a line of stderr contains TEXT (repeatable)
//	stdout: TEXT                  a line of stdout contains TEXT (repeatable)
//	stdout-lacks: TEXT            stdout does not contain TEXT
//	stdout-empty: true
//
// corpustest.Run writes the archive's files to a temporary directory (in
// them <<REPEAT N|TEXT>> stands for TEXT repeated N times, so that huge
// inputs stay small in the repository); file arguments are found there.
func TestBadInputs(t *testing.T) {
	corpustest.Run(t, "testdata/bad/*.txtar", 20, func(t *testing.T, ar *txtar.Archive, dir string) {
		h := parseHeader(t, string(ar.Comment))
		args := splitArgs(h["args"][0])
		for i, a := range args {
			if _, err := os.Stat(filepath.Join(dir, a)); err == nil && !strings.HasPrefix(a, "-") || a == "nope.jsonl" {
				args[i] = filepath.Join(dir, a)
			}
			if k, v, ok := strings.Cut(a, "="); ok && strings.HasPrefix(k, "--lookup") {
				args[i] = k + "=" + filepath.Join(dir, v)
			}
			if prev := i > 0 && args[i-1] == "--lookup"; prev {
				if name, v, ok := strings.Cut(a, "="); ok {
					args[i] = name + "=" + filepath.Join(dir, v)
				}
			}
		}
		var out, errb bytes.Buffer
		code := 0
		if len(h["check"]) > 0 {
			code = RunCheck(args, strings.NewReader(""), &out, &errb)
		} else {
			code = RunQuery(args, strings.NewReader(""), &out, &errb)
		}
		want, _ := strconv.Atoi(h["exit"][0])
		if code != want {
			t.Errorf("exit %d, want %d\nstderr:\n%s", code, want, trim(errb.String()))
		}
		for _, s := range h["stderr"] {
			if !strings.Contains(errb.String(), s) {
				t.Errorf("stderr lacks %q:\n%s", s, trim(errb.String()))
			}
		}
		for _, s := range h["stdout"] {
			if !strings.Contains(out.String(), s) {
				t.Errorf("stdout lacks %q:\n%s", s, trim(out.String()))
			}
		}
		for _, s := range h["stdout-lacks"] {
			if strings.Contains(out.String(), s) {
				t.Errorf("stdout has %q:\n%s", s, trim(out.String()))
			}
		}
		if len(h["stdout-empty"]) > 0 && out.Len() > 0 {
			t.Errorf("stdout is not empty:\n%s", trim(out.String()))
		}
		if errb.Len() > 4096 {
			t.Errorf("stderr is %d bytes; messages must not echo the input", errb.Len())
		}
	})
}

func parseHeader(t *testing.T, comment string) map[string][]string {
	h := map[string][]string{}
	for _, line := range strings.Split(comment, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, ": ")
		if !ok {
			t.Fatalf("bad header line %q", line)
		}
		h[k] = append(h[k], v)
	}
	if len(h["args"]) != 1 || len(h["exit"]) != 1 {
		t.Fatal("a case needs one args: and one exit: line")
	}
	return h
}

// splitArgs splits on spaces; single quotes group words.
func splitArgs(s string) []string {
	var args []string
	var cur strings.Builder
	in, have := false, false
	for _, r := range s {
		switch {
		case r == '\'':
			in, have = !in, true
		case r == ' ' && !in:
			if have {
				args = append(args, cur.String())
				cur.Reset()
				have = false
			}
		default:
			cur.WriteRune(r)
			have = true
		}
	}
	if have {
		args = append(args, cur.String())
	}
	return args
}

func trim(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "..."
	}
	return s
}
