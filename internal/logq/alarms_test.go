package logq

import (
	"path/filepath"
	"strings"
	"testing"
)

var (
	goldenTemplates = filepath.Join("..", "..", "test", "golden")
	// accountWide holds prod's templates from before the silence fix and
	// the silence scenario that catches it (package alarmtest's fixture).
	accountWide = filepath.Join("..", "alarmtest", "testdata", "account-wide-silence")
)

// logq alarms test runs scenario files and the generated scenarios on
// synthesized templates, flags anywhere, and exits 0 when all pass.
func TestAlarmsTestPasses(t *testing.T) {
	code, out, errs := runLogq("alarms", "test", "--cdk-out", goldenTemplates, "--generate")
	if code != exitOK || !strings.Contains(out, "passed, 0 failed") || !strings.Contains(out, "generated:") {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
}

// A failed expectation exits 1 and prints the timeline that explains it:
// the silence scenario on templates whose silence alarms watch the whole
// account.
func TestAlarmsTestFailurePrintsTheTimeline(t *testing.T) {
	code, out, _ := runLogq("alarms", "test", "--cdk-out", accountWide, filepath.Join(accountWide, "prod-silence.yaml"))
	for _, want := range []string{"FAIL", "prod-silence.yaml:22: prod-orders-critical-silence never went to ALARM by +47m", "datapoints (period start, value)", "0 passed, 1 failed"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if code != exitFailed {
		t.Errorf("exit %d, want %d", code, exitFailed)
	}
}

// Usage errors and unreadable inputs exit 2 with a message.
func TestAlarmsTestUsage(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"alarms"}, "expected the subcommand test"},
		{[]string{"alarms", "test", "--cdk-out", goldenTemplates}, "name scenario files or directories, or --generate"},
		{[]string{"alarms", "test", "--cdk-out", filepath.Join(t.TempDir(), "none"), accountWide}, "run make synth first"},
		{[]string{"alarms", "test", "--cdk-out", goldenTemplates, filepath.Join("..", "alarmtest", "testdata", "bad", "unknown-key.yaml")}, `unknown key "evry"`},
	}
	for _, c := range cases {
		code, _, errs := runLogq(c.args...)
		if code != exitUsage || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d %q, want 2 and %q", c.args, code, errs, c.want)
		}
	}
	if code, out, _ := runLogq("alarms", "test", "--help"); code != exitOK || !strings.Contains(out, "promtool") {
		t.Errorf("--help: %d %q", code, out)
	}
}
