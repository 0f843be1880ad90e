package appconfig_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/queries"
)

const devEnv = "account: \"111111111111\"\nregion: eu-west-1\n"

// aliasBomb is a services.yaml of about 40 KB whose anchors nest n × n × n:
// n services, each with n events, each with n example lines.
func aliasBomb(n int) string {
	var b strings.Builder
	b.WriteString("app: shop\nowner: team\nservices:\n  - &s\n    name: orders\n    events:\n      - &e\n        name: e\n        pattern: x\n        examples:\n          noMatch: [")
	b.WriteString(strings.Repeat("x,", n-1) + "x]\n")
	b.WriteString(strings.Repeat("      - *e\n", n-1))
	b.WriteString(strings.Repeat("  - *s\n", n-1))
	return b.String()
}

// The 2000 × 2000 × 2000 alias bomb of issue 8 (9 GB and no end before)
// fails fast, with a message that names the alias.
func TestAliasBombFailsFast(t *testing.T) {
	bomb := aliasBomb(2000)
	fsys := fstest.MapFS{"services.yaml": {Data: []byte(bomb)}, "environments/dev.yaml": {Data: []byte(devEnv)}}
	start := time.Now()
	_, err := appconfig.Load(fsys, "cfg", queries.FS)
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("Load took %v on a %d-byte alias bomb", took, len(bomb))
	}
	if err == nil || !strings.Contains(err.Error(), "the alias *") || !strings.Contains(err.Error(), "YAML nodes") {
		t.Fatalf("got %v, want the alias expansion limit", err)
	}
}

// A config path that is not a regular file is refused at once, named by
// its kind; a named pipe is never opened (opening it would block).
func TestNotRegularFilesAreRefused(t *testing.T) {
	fsys := fstest.MapFS{
		"services.yaml":         {Mode: fs.ModeNamedPipe},
		"environments/dev.yaml": {Data: []byte(devEnv)},
	}
	_, err := appconfig.Load(fsys, "cfg", queries.FS)
	if err == nil || !strings.Contains(err.Error(), "cfg/services.yaml: is a named pipe (FIFO), not a regular file") {
		t.Fatalf("got %v", err)
	}
	fsys["services.yaml"] = &fstest.MapFile{Data: []byte("owner: team\nservices: []\n")}
	fsys["environments/prod.yaml"] = &fstest.MapFile{Mode: fs.ModeDevice}
	_, err = appconfig.Load(fsys, "cfg", queries.FS)
	if err == nil || !strings.Contains(err.Error(), "cfg/environments/prod.yaml: is a device, not a regular file") {
		t.Fatalf("got %v", err)
	}

	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "environments"), 0o755)
	os.WriteFile(filepath.Join(dir, "services.yaml"), []byte("owner: team\nservices: []\n"), 0o644)
	if err := syscall.Mkfifo(filepath.Join(dir, "environments", "dev.yaml"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	done := make(chan error, 1)
	go func() { _, err := appconfig.Load(os.DirFS(dir), dir, queries.FS); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "named pipe") {
			t.Fatalf("got %v, want the named pipe refused", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Load blocked on a named pipe")
	}
}

// Merge keys work as YAML defines them: the mapping's own keys win, and
// the merged result is checked as strictly as anything written out.
func TestMergeKeys(t *testing.T) {
	services := `owner: team
services:
  - name: orders
    events:
      - &failed
        name: failed
        pattern: 'ERROR'
        alarm: &alarm
          threshold: 1
          severity: critical
          evaluationPeriods: 3
      - <<: *failed
        name: slow
        alarm:
          <<: *alarm
          threshold: 30
      - <<: [{name: third}, *failed]
`
	fsys := fstest.MapFS{"services.yaml": {Data: []byte(services)}, "environments/dev.yaml": {Data: []byte(devEnv)}}
	cfg, err := appconfig.Load(fsys, "cfg", queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	slow := cfg.Services.Services[0].Events[1]
	if slow.Name != "slow" || slow.Pattern != "ERROR" || *slow.Alarm.Threshold != 30 || slow.Alarm.Severity != "critical" || slow.Alarm.EvaluationPeriods != 3 {
		t.Fatalf("merged event = %+v, alarm %+v", slow, *slow.Alarm)
	}
	// In a list of mappings, the earlier one wins.
	third := cfg.Services.Services[0].Events[2]
	if third.Name != "third" || third.Pattern != "ERROR" {
		t.Fatalf("event merged from a list = %+v, want name third and the pattern of *failed", third)
	}
}

// Environment files named *.yml are read like *.yaml.
func TestYmlEnvironmentFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"services.yaml":         {Data: []byte("owner: team\nservices:\n  - name: orders\n    events: []\n")},
		"environments/dev.yaml": {Data: []byte(devEnv)},
		"environments/prod.yml": {Data: []byte("account: \"333333333333\"\nregion: us-east-1\n")},
		"environments/.swp":     {Data: []byte("editor state")},
	}
	cfg, err := appconfig.Load(fsys, "cfg", queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(cfg.EnvironmentNames(), ","); got != "dev,prod" {
		t.Fatalf("environments %s, want dev,prod", got)
	}
}

func TestSelectEnvironments(t *testing.T) {
	cfg := loadExample(t)
	for _, c := range []struct{ sel, want, err string }{
		{"", "dev,prod,staging", ""},
		{"prod", "prod", ""},
		{"prod, dev", "prod,dev", ""},
		{"dev,dev", "", `-c env=dev,dev: environment "dev" is selected twice`},
		{"dev,,prod", "", "-c env=dev,,prod: an empty environment name; expected a comma-separated list of dev, prod, staging"},
		{"qa", "", `-c env=qa: unknown environment "qa"; expected one of dev, prod, staging`},
		{"prd", "", `-c env=prd: unknown environment "prd"; did you mean prod?`},
		// Every problem, one a line.
		{"stagign,,prod,prod", "", "-c env=stagign,,prod,prod: unknown environment \"stagign\"; did you mean staging?\n" +
			"-c env=stagign,,prod,prod: an empty environment name; expected a comma-separated list of dev, prod, staging\n" +
			"-c env=stagign,,prod,prod: environment \"prod\" is selected twice; expected each environment at most once"},
		{strings.Repeat("x", 5000), "", "(5000 characters)"},
	} {
		got, err := cfg.SelectEnvironments(c.sel)
		switch {
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("SelectEnvironments(%.20q) error %v, want %q", c.sel, err, c.err)
		case c.err != "" && len(err.Error()) > 400:
			t.Errorf("SelectEnvironments(%.20q) echoes the selection: %d bytes", c.sel, len(err.Error()))
		case c.err == "" && (err != nil || strings.Join(got, ",") != c.want):
			t.Errorf("SelectEnvironments(%q) = %v, %v; want %s", c.sel, got, err, c.want)
		}
	}
}

// Errors quote values cut to MaxEchoedValue characters: a megabyte value
// gives a short message that names its field.
func TestErrorsDoNotEchoLongValues(t *testing.T) {
	long := strings.Repeat("x", 1<<20)
	fsys := fstest.MapFS{
		"services.yaml":         {Data: []byte("owner: team\nservices:\n  - name: " + long + "\n    events: []\n")},
		"environments/dev.yaml": {Data: []byte(devEnv + "removalPolicy: " + long + "\n")},
	}
	_, err := appconfig.Load(fsys, "cfg", queries.FS)
	var list appconfig.ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		t.Fatalf("got %v", err)
	}
	for _, e := range list {
		if len(e.Error()) > 1000 || !strings.Contains(e.Error(), "(1048576 characters)") {
			t.Errorf("error of %d bytes, or without the length: %.300s", len(e.Error()), e.Error())
		}
	}
}

// A trailing '---' (an empty document) is harmless; one with content is
// refused (testdata/invalid/second-document.txtar).
func TestTrailingDocumentMarker(t *testing.T) {
	fsys := fstest.MapFS{
		"services.yaml":         {Data: []byte("owner: team\nservices:\n  - name: orders\n    events: []\n---\n# nothing\n")},
		"environments/dev.yaml": {Data: []byte(devEnv + "...\n")},
	}
	if _, err := appconfig.Load(fsys, "cfg", queries.FS); err != nil {
		t.Fatal(err)
	}
	fsys["services.yaml"].Data = append(fsys["services.yaml"].Data, "---\nowner: other\n"...)
	if _, err := appconfig.Load(fsys, "cfg", queries.FS); err == nil || !strings.Contains(err.Error(), "cfg/services.yaml:7: holds a second YAML document") {
		t.Fatalf("got %v", err)
	}
}

// A megabyte key is cut in the field path of its error too.
func TestErrorsDoNotEchoLongKeys(t *testing.T) {
	key := strings.Repeat("k", 1<<20)
	fsys := fstest.MapFS{
		"services.yaml":         {Data: []byte("owner: team\nservices:\n  - name: orders\n    events: []\n")},
		"environments/dev.yaml": {Data: []byte(devEnv + "thresholds:\n  " + key + ": 1\n  " + key + "x: high\n")},
	}
	_, err := appconfig.Load(fsys, "cfg", queries.FS)
	if err == nil {
		t.Fatal("Load accepted thresholds of unknown alarms")
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		if len(line) > 1000 {
			t.Errorf("error line of %d bytes: %.300s", len(line), line)
		}
	}
}
