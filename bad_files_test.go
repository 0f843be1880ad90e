package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/eventwatch/eventwatch/internal/alarmtest"
	"github.com/eventwatch/eventwatch/internal/querycli"
)

// badFile makes one broken file at p; it skips the test where the system
// cannot make it.
func badFile(t *testing.T, p, kind string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(p), 0o755)
	var err error
	switch kind {
	case "fifo":
		err = syscall.Mkfifo(p, 0o644)
	case "/dev/zero":
		if _, serr := os.Stat("/dev/zero"); serr != nil {
			t.Skip("no /dev/zero here")
		}
		err = os.Symlink("/dev/zero", p)
	case "loop":
		err = os.Symlink(filepath.Base(p), p)
	case "nul":
		err = os.WriteFile(p, []byte("fields @timestamp\n| filter @message like 'a\x00b'\n"), 0o644)
	case "latin1":
		err = os.WriteFile(p, []byte("fields @timestamp\n| filter @message like 'caf\xe9'\n"), 0o644)
	case "file":
		err = os.WriteFile(p, []byte("fields @timestamp\n"), 0o644)
	default:
		t.Fatalf("no broken file %q", kind)
	}
	if err != nil {
		t.Skipf("cannot make a %s here: %v", kind, err)
	}
}

// badConfig is a config directory whose only problem is the broken file
// at rel.
func badConfig(t *testing.T, rel, kind string) string {
	dir := configDir(t, `owner: team
services:
  - name: orders
    events:
      - name: failed
        pattern: ERROR
queries:
  - file: ok
    logGroups: [orders]
`, "")
	os.MkdirAll(filepath.Join(dir, "queries"), 0o755)
	os.WriteFile(filepath.Join(dir, "queries", "ok.insights"), []byte("fields @timestamp\n"), 0o644)
	if rel == "queries" {
		os.RemoveAll(filepath.Join(dir, "queries"))
	}
	badFile(t, filepath.Join(dir, rel), kind)
	return dir
}

// synth loads the config of a directory as `make synth CONFIG=DIR` does.
func synth(t *testing.T, rel, kind string) (string, error) {
	dir := badConfig(t, rel, kind)
	_, err := loadConfig(dir)
	return dir, err
}

// logqCheck runs `logq check DIR` on a queries folder with the broken file
// at rel, and the files of more; its report is the error.
func logqCheck(t *testing.T, rel, kind string, more ...string) (string, error) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "ok.insights"), []byte("fields @timestamp\n"), 0o644)
	for i := 0; i+1 < len(more); i += 2 {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, more[i])), 0o755)
		os.WriteFile(filepath.Join(dir, more[i]), []byte(more[i+1]), 0o644)
	}
	badFile(t, filepath.Join(dir, rel), kind)
	var stdout, stderr bytes.Buffer
	if code := querycli.RunCheck([]string{dir}, strings.NewReader(""), &stdout, &stderr); code == querycli.ExitOK {
		return dir, nil
	}
	return dir, errString(stdout.String() + stderr.String())
}

// logqQuery runs `logq query` with args, where {} is the broken file.
func logqQuery(t *testing.T, kind string, args ...string) (string, error) {
	dir := t.TempDir()
	p := filepath.Join(dir, "bad")
	badFile(t, p, kind)
	events := filepath.Join(dir, "events.jsonl")
	os.WriteFile(events, []byte(`{"timestamp": 1793491200000, "message": "a"}`+"\n"), 0o644)
	for i, a := range args {
		args[i] = strings.ReplaceAll(strings.ReplaceAll(a, "{}", p), "{events}", events)
	}
	var stdout, stderr bytes.Buffer
	if code := querycli.RunQuery(args, strings.NewReader(""), &stdout, &stderr); code == querycli.ExitOK {
		return dir, nil
	}
	return dir, errString(stderr.String())
}

// baseline compares the example config's prod stack with a -c baseline
// directory whose template is broken.
func baseline(t *testing.T, kind string) (string, error) {
	cfg, err := loadConfig("")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	badFile(t, filepath.Join(dir, "eventwatch-prod.template.json"), kind)
	return dir, checkBaseline(dir, cfg, []string{"prod"}, map[string][]byte{"eventwatch-prod": []byte(`{"Resources": {}}`)})
}

// scenario loads a broken alarm scenario file (logq alarms test).
func scenario(t *testing.T, kind string) (string, error) {
	dir := t.TempDir()
	badFile(t, filepath.Join(dir, "prod-orders.yaml"), kind)
	_, err := alarmtest.LoadFile(filepath.Join(dir, "prod-orders.yaml"))
	return dir, err
}

type errString string

func (e errString) Error() string { return string(e) }

// Broken files in every place the app and logq read files from fail at
// once, naming the file and what was expected there: none hangs on a
// named pipe, fills memory from /dev/zero, calls a symbolic link loop
// missing, lets a NUL byte or invalid UTF-8 into a template, or blames a
// queries file on services.yaml. {dir} is the case's directory.
func TestBadFilesFailFastWithTheirName(t *testing.T) {
	const query = "expected a query file (text)"
	cases := []struct {
		name string
		run  func(t *testing.T) (string, error)
		want []string
		not  []string
	}{
		{"named pipe as a saved query, synth", func(t *testing.T) (string, error) { return synth(t, "queries/fifo.insights", "fifo") },
			[]string{"{dir}/queries/fifo.insights: is a named pipe (FIFO), not a regular file; " + query}, nil},
		{"named pipe as a saved query, logq check", func(t *testing.T) (string, error) { return logqCheck(t, "fifo.insights", "fifo") },
			[]string{"{dir}/fifo.insights: fifo.insights: is a named pipe (FIFO), not a regular file; " + query}, nil},
		{"named pipe as a lookup table, logq check", func(t *testing.T) (string, error) {
			return logqCheck(t, "testdata/t.csv", "fifo",
				"lk.insights", "fields @message | lookup t k OUTPUT v",
				"testdata/lk.events.jsonl", `{"timestamp": 1793491200000, "message": "a"}`+"\n",
				"testdata/lk.expected.json", `[{"@message": "a"}]`)
		}, []string{"testdata/t.csv: the lookup table of t: testdata/t.csv: is a named pipe (FIFO), not a regular file; expected a lookup table (CSV)"}, nil},
		{"named pipe as the query of logq query -f", func(t *testing.T) (string, error) { return logqQuery(t, "fifo", "-f", "{}", "{events}") },
			[]string{"{dir}/bad: is a named pipe (FIFO), not a regular file; " + query}, nil},
		{"named pipe as a lookup table of logq query", func(t *testing.T) (string, error) {
			return logqQuery(t, "fifo", "-q", "fields @message | lookup t k OUTPUT v", "--lookup", "t={}", "{events}")
		}, []string{"{dir}/bad: is a named pipe (FIFO), not a regular file; expected a lookup table (CSV)"}, nil},
		{"named pipe as a baseline template", func(t *testing.T) (string, error) { return baseline(t, "fifo") },
			[]string{"{dir}/eventwatch-prod.template.json: is a named pipe (FIFO), not a regular file; expected a CloudFormation template (JSON)"}, nil},
		{"named pipe as a scenario file", func(t *testing.T) (string, error) { return scenario(t, "fifo") },
			[]string{"{dir}/prod-orders.yaml: is a named pipe (FIFO), not a regular file; expected an alarm scenario (YAML)"}, nil},
		{"/dev/zero as a saved query, synth", func(t *testing.T) (string, error) { return synth(t, "queries/zero.insights", "/dev/zero") },
			[]string{"{dir}/queries/zero.insights: is a device, not a regular file; " + query}, nil},
		{"/dev/zero as a saved query, logq check", func(t *testing.T) (string, error) { return logqCheck(t, "zero.insights", "/dev/zero") },
			[]string{"zero.insights: is a device, not a regular file; " + query}, nil},
		{"/dev/zero as a baseline template", func(t *testing.T) (string, error) { return baseline(t, "/dev/zero") },
			[]string{"{dir}/eventwatch-prod.template.json: is a device, not a regular file; expected a CloudFormation template (JSON)"}, nil},
		{"/dev/zero as input of logq query", func(t *testing.T) (string, error) { return logqQuery(t, "/dev/zero", "-q", "fields @message", "{}") },
			[]string{"{dir}/bad: is a device, not a regular file or a pipe; expected a log file, a pipe, or - for standard input"}, nil},
		{"symbolic link loop among the saved queries", func(t *testing.T) (string, error) { return synth(t, "queries/loop.insights", "loop") },
			[]string{"{dir}/queries/loop.insights: is a symbolic link loop (too many levels of symbolic links); " + query}, []string{"no saved query", "missing", "no such file"}},
		{"symbolic link loop among the saved queries, logq check", func(t *testing.T) (string, error) { return logqCheck(t, "loop.insights", "loop") },
			[]string{"loop.insights: is a symbolic link loop (too many levels of symbolic links); " + query}, []string{"no such file"}},
		{"NUL byte in a saved query, logq check", func(t *testing.T) (string, error) { return logqCheck(t, "nul.insights", "nul") },
			[]string{"nul.insights:2:26: has a NUL byte (a binary file?); " + query + " in UTF-8"}, nil},
		{"NUL byte in a saved query", func(t *testing.T) (string, error) { return synth(t, "queries/nul.insights", "nul") },
			[]string{"{dir}/queries/nul.insights:2:26: has a NUL byte (a binary file?); " + query + " in UTF-8"}, nil},
		{"invalid UTF-8 in a saved query", func(t *testing.T) (string, error) { return synth(t, "queries/latin1.insights", "latin1") },
			[]string{"{dir}/queries/latin1.insights:2:28: has the byte 0xE9, which is not UTF-8; " + query + " in UTF-8"}, nil},
		{"queries as a regular file in a config directory", func(t *testing.T) (string, error) { return synth(t, "queries", "file") },
			[]string{"{dir}/queries: is a regular file, not a folder; expected a folder of saved queries"}, []string{"no saved query"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			type result struct {
				dir string
				err error
			}
			done := make(chan result, 1)
			start := time.Now()
			go func() {
				dir, err := c.run(t)
				done <- result{dir, err}
			}()
			var r result
			select {
			case r = <-done:
			case <-time.After(time.Second):
				t.Fatal("still running after 1s: a read blocks")
			}
			if took := time.Since(start); took > 500*time.Millisecond {
				t.Errorf("took %v", took)
			}
			if len(c.want) == 0 {
				if r.err != nil {
					t.Fatalf("unexpected error: %v", r.err)
				}
				return
			}
			if r.err == nil {
				t.Fatal("no error")
			}
			msg := r.err.Error()
			t.Log(msg)
			for _, w := range c.want {
				if w = strings.ReplaceAll(w, "{dir}", r.dir); !strings.Contains(msg, w) {
					t.Errorf("error:\n%s\nwant it to contain:\n%s", msg, w)
				}
			}
			for _, n := range c.not {
				if strings.Contains(msg, n) {
					t.Errorf("error:\n%s\nmentions %q", msg, n)
				}
			}
		})
	}
}
