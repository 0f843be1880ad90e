package alarmtest_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/config"
	"github.com/eventwatch/eventwatch/internal/alarmtest"
	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/queries"
)

// The shipped scenarios pass on the templates the app synthesizes.
func TestShippedScenariosOnGoldenTemplates(t *testing.T) {
	files, err := alarmtest.LoadPaths([]string{filepath.Join("..", "..", "test", "alarms")})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if sum := alarmtest.RunFiles(openGolden(t), files, &out, false); !sum.OK() {
		t.Errorf("%s\n%s", sum, out.String())
	}
}

// Before the silence alarms named their log group, they watched the
// account's IncomingLogEvents: the silence scenario fails on those
// templates (kept in testdata), with the timeline that shows why.
func TestSilenceScenarioCatchesAnAccountWideSilenceAlarm(t *testing.T) {
	asm, err := alarmtest.OpenAssembly(filepath.Join("testdata", "account-wide-silence"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := alarmtest.LoadFile(filepath.Join("testdata", "account-wide-silence", "prod-silence.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	sum := alarmtest.RunFiles(asm, []*alarmtest.File{f}, &out, false)
	if sum.Failed != 1 || !strings.Contains(out.String(), "prod-orders-critical-silence never went to ALARM by +47m") {
		t.Errorf("the silence scenario should fail on the account-wide silence alarm; got %s\n%s", sum, out.String())
	}
	t.Log(out.String())
}

// Every alarm of every environment of the example config gets a firing
// and a quiet scenario from its examples, and they pass.
func TestGeneratedScenariosOnGoldenTemplates(t *testing.T) {
	cfg, err := appconfig.Load(config.FS, "config", queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	asm := openGolden(t)
	for _, env := range cfg.EnvironmentNames() {
		files, problems := alarmtest.Generate(cfg, env)
		for _, p := range problems {
			t.Error(p)
		}
		var out bytes.Buffer
		sum := alarmtest.RunFiles(asm, files, &out, false)
		if !sum.OK() || sum.Passed == 0 {
			t.Errorf("%s: %s\n%s", env, sum, out.String())
		}
	}
}
