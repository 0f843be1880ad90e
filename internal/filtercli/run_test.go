package filtercli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const events = `{"event":"my-queue-worker","success":"True","time_sec":1.5,"queue":"orders"}
{"event":"my-queue-worker","success":"False","time_sec":2.25,"queue":"orders"}
not json at all
{"event":"httpbin-post","success":"False"}
{"event":"my-queue-worker","success":"False","queue":"refunds"}
`

func TestRun(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.jsonl")
	b := filepath.Join(dir, "b.log")
	if err := os.WriteFile(a, []byte(events), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(b, []byte("ERROR one\nINFO two\nERROR three"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.log")
	worker := `{ $.event = "my-queue-worker" && $.success = "False" }`

	tests := []struct {
		name       string
		args       []string
		stdin      string
		wantCode   int
		wantOut    string // exact stdout, unless wantOutHas is set
		wantOutHas []string
		wantErrHas []string
	}{
		{name: "stdin match", args: []string{"ERROR"}, stdin: "ERROR a\nINFO b\n", wantCode: ExitMatch, wantOut: "ERROR a\n"},
		{name: "stdin dash", args: []string{"ERROR", "-"}, stdin: "ERROR a\n", wantCode: ExitMatch, wantOut: "ERROR a\n"},
		{name: "no match", args: []string{"FATAL"}, stdin: "ERROR a\n", wantCode: ExitNoMatch, wantOut: ""},
		{name: "json pattern on file", args: []string{worker, a}, wantCode: ExitMatch,
			wantOut: "{\"event\":\"my-queue-worker\",\"success\":\"False\",\"time_sec\":2.25,\"queue\":\"orders\"}\n{\"event\":\"my-queue-worker\",\"success\":\"False\",\"queue\":\"refunds\"}\n"},
		{name: "last line without newline", args: []string{"ERROR", b}, wantCode: ExitMatch, wantOut: "ERROR one\nERROR three\n"},
		{name: "json output with value and dimension", args: []string{"--json", "--value", "$.time_sec", "--dimension", "Queue=$.queue", worker, a}, wantCode: ExitMatch,
			wantOut: `{"line":2,"message":"{\"event\":\"my-queue-worker\",\"success\":\"False\",\"time_sec\":2.25,\"queue\":\"orders\"}","value":2.25,"dimensions":{"Queue":"orders"}}` + "\n" +
				`{"line":5,"message":"{\"event\":\"my-queue-worker\",\"success\":\"False\",\"queue\":\"refunds\"}","value":null,"dimensions":{"Queue":"refunds"}}` + "\n"},
		{name: "json output plain", args: []string{"--json", "ERROR"}, stdin: "x\nERROR \"q\"\t\x01\n", wantCode: ExitMatch,
			wantOut: `{"line":2,"message":"ERROR \"q\"\t\u0001"}` + "\n"},
		{name: "flags after pattern, = form", args: []string{"ERROR", b, "--json", "--value=1"}, wantCode: ExitMatch,
			wantOut: `{"line":1,"message":"ERROR one","value":1}` + "\n" + `{"line":3,"message":"ERROR three","value":1}` + "\n"},
		{name: "flags after stdin's -", args: []string{"[level, msg]", "-", "--dimension", "Level=$level", "--json"}, stdin: "ERROR a\n", wantCode: ExitMatch,
			wantOut: `{"line":1,"message":"ERROR a","value":1,"dimensions":{"Level":"ERROR"}}` + "\n"},
		{name: "flags between files", args: []string{"ERROR", b, "--json", b}, wantCode: ExitMatch,
			wantOutHas: []string{`{"file":"` + b + `","line":3,"message":"ERROR three"}`}},
		{name: "several files name the file", args: []string{"--json", "ERROR", b, b}, wantCode: ExitMatch,
			wantOutHas: []string{`{"file":"` + b + `","line":1,"message":"ERROR one"}`, `"line":3`}},
		{name: "exclusion pattern after --", args: []string{"--", "-ERROR"}, stdin: "ERROR a\nINFO b\n", wantCode: ExitMatch, wantOut: "INFO b\n"},
		{name: "space-delimited value", args: []string{"--json", "--value", "$bytes", "[ip, ..., status = 4*, bytes]"}, stdin: "1.2.3.4 x 404 17\n1.2.3.4 x 200 18\n", wantCode: ExitMatch,
			wantOut: `{"line":1,"message":"1.2.3.4 x 404 17","value":17}` + "\n"},
		{name: "bad pattern", args: []string{"{ $.event \"x\" }"}, wantCode: ExitError,
			wantErrHas: []string{"1:11: expected a comparison operator after $.event", "{ $.event \"x\" }\n          ^"}},
		{name: "missing file continues", args: []string{"ERROR", missing, b}, wantCode: ExitError, wantOut: "ERROR one\nERROR three\n",
			wantErrHas: []string{"missing.log"}},
		{name: "bad extractor", args: []string{"--value", "$.x", "ERROR"}, wantCode: ExitError, wantErrHas: []string{"needs a JSON pattern"}},
		{name: "too many dimensions", args: []string{"--dimension", "a=$.a", "--dimension", "b=$.b", "--dimension", "c=$.c", "--dimension", "d=$.d", "{ $.a = 1 }"},
			wantCode: ExitError, wantErrHas: []string{"at most 3 dimensions are allowed, got 4"}},
		{name: "bad dimension flag", args: []string{"--dimension", "oops", "ERROR"}, wantCode: ExitError, wantErrHas: []string{"NAME=EXPR"}},
		{name: "unknown flag", args: []string{"-DEBUG"}, wantCode: ExitError, wantErrHas: []string{"unknown flag -DEBUG", "--"}},
		{name: "missing pattern", args: nil, wantCode: ExitError, wantErrHas: []string{"missing PATTERN"}},
		{name: "flag without value", args: []string{"ERROR", "--value"}, wantCode: ExitError, wantErrHas: []string{"--value needs a value"}},
		{name: "help", args: []string{"--help"}, wantCode: ExitMatch, wantOutHas: []string{"usage: logq filter", "Examples:", "Exit status"}},
		{name: "short help", args: []string{"-h", "ERROR"}, wantCode: ExitMatch, wantOutHas: []string{"usage: logq filter"}},
		{name: "help after the arguments", args: []string{"ERROR", b, "--help"}, wantCode: ExitMatch, wantOutHas: []string{"usage: logq filter"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := Run(tt.args, strings.NewReader(tt.stdin), &stdout, &stderr)
			if code != tt.wantCode {
				t.Errorf("exit code = %d, want %d; stderr:\n%s", code, tt.wantCode, stderr.String())
			}
			if tt.wantOutHas == nil && stdout.String() != tt.wantOut {
				t.Errorf("stdout:\n%s\nwant:\n%s", stdout.String(), tt.wantOut)
			}
			for _, s := range tt.wantOutHas {
				if !strings.Contains(stdout.String(), s) {
					t.Errorf("stdout lacks %q:\n%s", s, stdout.String())
				}
			}
			for _, s := range tt.wantErrHas {
				if !strings.Contains(stderr.String(), s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr.String())
				}
			}
			if tt.wantErrHas == nil && stderr.Len() > 0 {
				t.Errorf("unexpected stderr:\n%s", stderr.String())
			}
			if strings.Contains(strings.Join(tt.args, " "), "--json") && code == ExitMatch {
				for _, line := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
					if !json.Valid([]byte(line)) {
						t.Errorf("invalid JSON output line %q", line)
					}
				}
			}
		})
	}
}

// TestLongLine checks that events up to CloudWatch's 1 MiB are read, and
// that longer lines are reported with file and line.
func TestLongLine(t *testing.T) {
	big := `{"k":"` + strings.Repeat("x", 1<<20) + `"}`
	var stdout, stderr bytes.Buffer
	if code := Run([]string{"{ $.k = x* }"}, strings.NewReader(big+"\n"), &stdout, &stderr); code != ExitMatch {
		t.Fatalf("exit code = %d, stderr %s", code, stderr.String())
	}
	stdout.Reset()
	huge := strings.Repeat("y", MaxLineBytes+1)
	code := Run([]string{"ERROR"}, strings.NewReader("ERROR\n"+huge+"\n"), &stdout, &stderr)
	if code != ExitError || !strings.Contains(stderr.String(), "(standard input):2: line longer than") {
		t.Fatalf("exit code = %d, stderr %q", code, stderr.String())
	}
	if stdout.String() != "ERROR\n" {
		t.Fatalf("stdout = %q", stdout.String())
	}
}
