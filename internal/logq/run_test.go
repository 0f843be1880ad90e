package logq

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runLogq(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestDispatch(t *testing.T) {
	code, out, _ := runLogq("--help")
	if code != exitOK {
		t.Errorf("--help: exit %d", code)
	}
	for _, c := range commands {
		if !strings.Contains(out, "\n  "+c.name+" ") {
			t.Errorf("--help does not list %s:\n%s", c.name, out)
		}
	}
	if code, out, _ := runLogq("help", "query"); code != exitOK || !strings.Contains(out, "usage: logq query") {
		t.Errorf("help query: %d %q", code, out)
	}
	if code, _, errs := runLogq("help", "grep"); code != exitUsage || !strings.Contains(errs, "expected one command") {
		t.Errorf("help grep: %d %q", code, errs)
	}
	if code, _, errs := runLogq("grep"); code != exitUsage || !strings.Contains(errs, `unknown command "grep"`) {
		t.Errorf("unknown command: %d %q", code, errs)
	}
	if code, _, _ := runLogq(); code != exitUsage {
		t.Errorf("no command: %d", code)
	}
}

func TestTestPassesOnTheBuiltInConfig(t *testing.T) {
	code, out, errs := runLogq("test")
	if code != exitOK || !strings.Contains(out, "0 failed") {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
}

// A failing example names the file and line, the service and event, the log
// line and what differed; the exit status is 1.
func TestTestReportsFailingExamples(t *testing.T) {
	dir := writeConfig(t, `owner: team
services:
  - name: orders
    events:
      - name: slow
        pattern: '{ $.event = "worker" && $.time > 10 }'
        metric: {value: $.time}
        examples:
          match:
            - line: '{"event":"worker","time":12}'
              value: 11
            - line: '{"event":"worker","time":3}'
          noMatch:
            - '{"event":"worker","time":30}'
`)
	code, out, _ := runLogq("test", dir)
	if code != exitFailed {
		t.Fatalf("exit %d, want 1\n%s", code, out)
	}
	for _, want := range []string{
		"services.yaml:10: orders/slow: FAIL: expected metric value 11, got 12",
		"services.yaml:12: orders/slow: FAIL: the pattern does not match this line, and it must",
		"services.yaml:14: orders/slow: FAIL: the pattern",
		`line: {"event":"worker","time":3}`,
		"3 event examples: 0 passed, 3 failed",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// -v may follow the config directory, as any flag may follow the
// arguments; "--" ends the flags.
func TestTestFlagsAfterTheDirectory(t *testing.T) {
	dir := writeConfig(t, `owner: team
services:
  - name: orders
    events:
      - name: failed
        pattern: '{ $.event = "worker" && $.success = "False" }'
        examples:
          match:
            - line: '{"event":"worker","success":"False"}'
`)
	code, out, errs := runLogq("test", dir, "-v")
	if code != exitOK || !strings.Contains(out, "orders/failed") || !strings.Contains(out, "1 event examples: 1 passed, 0 failed") {
		t.Errorf("test DIR -v: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs := runLogq("test", "--", "-v"); code != exitUsage || !strings.Contains(errs, "-v") {
		t.Errorf("test -- -v: exit %d, want 2 (no directory -v)\n%s", code, errs)
	}
	if code, _, errs := runLogq("test", dir, "--verbose"); code != exitUsage || !strings.Contains(errs, "logq test: unknown flag --verbose") {
		t.Errorf("test DIR --verbose: exit %d\n%s", code, errs)
	}
}

func TestTestRejectsAnInvalidConfig(t *testing.T) {
	dir := writeConfig(t, "owner: team\nservices:\n  - name: orders\n    evnts: []\n")
	code, _, errs := runLogq("test", dir)
	if code != exitUsage || !strings.Contains(errs, `services.yaml:4:5: services[0].evnts: unknown key "evnts"`) {
		t.Errorf("exit %d\n%s", code, errs)
	}
}

func writeConfig(t *testing.T, services string) string {
	t.Helper()
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "environments"), 0o755)
	os.WriteFile(filepath.Join(dir, "services.yaml"), []byte(services), 0o644)
	os.WriteFile(filepath.Join(dir, "environments", "dev.yaml"), []byte("account: \"111111111111\"\nregion: eu-west-1\n"), 0o644)
	return dir
}
