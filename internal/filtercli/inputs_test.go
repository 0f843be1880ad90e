package filtercli

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/eventwatch/eventwatch/internal/corpustest"
)

// Each testdata/inputs/<case>.txtar is one run of logq filter on broken or
// hostile input. Its comment holds the run, one "key: value" per line:
//
//	args: the arguments, split at blanks; {name} is the path of the
//	      archive's file name, {dir} the folder holding them
//	arg: one more argument, blanks included
//	stdin: standard input (Go-quoted)
//	exit: the expected exit code
//	stdout: the exact standard output (Go-quoted)
//	stderr: a substring standard error must hold (repeatable)
//
// The archive's files are the inputs (corpustest.Run writes them;
// <<REPEAT n|text>> in a file is text repeated n times).
func TestBrokenInputs(t *testing.T) {
	corpustest.Run(t, "testdata/inputs/*.txtar", 5, func(t *testing.T, ar *txtar.Archive, dir string) {
		var args []string
		var stdin, wantOut string
		var wantErr []string
		wantCode, haveOut := -1, false
		for _, line := range strings.Split(strings.TrimSpace(string(ar.Comment)), "\n") {
			key, val, _ := strings.Cut(line, ":")
			val = strings.TrimPrefix(val, " ")
			switch key {
			case "args":
				for _, a := range strings.Fields(val) {
					args = append(args, placeholder.ReplaceAllStringFunc(a, func(m string) string {
						if m == "{dir}" {
							return dir
						}
						return filepath.Join(dir, m[1:len(m)-1])
					}))
				}
			case "arg":
				args = append(args, val)
			case "stdin":
				stdin = unquote(t, val)
			case "exit":
				wantCode, _ = strconv.Atoi(val)
			case "stdout":
				wantOut, haveOut = unquote(t, val), true
			case "stderr":
				wantErr = append(wantErr, strings.ReplaceAll(val, "{dir}", dir))
			default:
				t.Fatalf("unknown key %q", key)
			}
		}
		var stdout, stderr bytes.Buffer
		code := Run(args, strings.NewReader(stdin), &stdout, &stderr)
		if code != wantCode {
			t.Errorf("exit code %d, want %d; stderr:\n%.2000s", code, wantCode, stderr.String())
		}
		if haveOut && stdout.String() != wantOut {
			t.Errorf("stdout:\n%.2000q\nwant:\n%.2000q", stdout.String(), wantOut)
		}
		for _, s := range wantErr {
			if !strings.Contains(stderr.String(), s) {
				t.Errorf("stderr lacks %q:\n%.2000s", s, stderr.String())
			}
		}
		if strings.Contains(stderr.String(), "goroutine") || stderr.Len() > 4096 {
			t.Errorf("stderr is a crash or echoes the input:\n%.4096s", stderr.String())
		}
	})
}

var placeholder = regexp.MustCompile(`\{[A-Za-z][\w.-]*\}`)

func unquote(t *testing.T, s string) string {
	t.Helper()
	u, err := strconv.Unquote(s)
	if err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	return u
}
