package test

import (
	"bytes"
	"testing"

	"github.com/eventwatch/eventwatch/internal/alarmtest"
)

// TestAlarmScenarios runs the scenarios of test/alarms on the synthesized
// templates: log lines in, alarm states and pages out (package cwsim).
func TestAlarmScenarios(t *testing.T) {
	asm, err := alarmtest.OpenAssembly(synthesized.dir)
	if err != nil {
		t.Fatal(err)
	}
	files, err := alarmtest.LoadPaths([]string{"alarms"})
	if err != nil {
		t.Fatal(err)
	}
	runScenarios(t, asm, files)
}

// TestEveryAlarmFiresFromItsExamples runs, for every alarm of every
// environment of the config, the scenario generated from its event's
// examples that must fire it and the one that must leave it quiet. An
// alarm that no example can fire fails here, named.
func TestEveryAlarmFiresFromItsExamples(t *testing.T) {
	asm, err := alarmtest.OpenAssembly(synthesized.dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, env := range synthesized.config.EnvironmentNames() {
		files, problems := alarmtest.Generate(synthesized.config, env)
		for _, p := range problems {
			t.Error(p)
		}
		if len(files) == 0 {
			t.Errorf("environment %s: no scenario generated", env)
		}
		runScenarios(t, asm, files)
	}
}

func runScenarios(t *testing.T, asm *alarmtest.Assembly, files []*alarmtest.File) {
	t.Helper()
	var out bytes.Buffer
	sum := alarmtest.RunFiles(asm, files, &out, false)
	if !sum.OK() {
		t.Errorf("%s\n%s", sum, out.String())
	} else {
		t.Log(sum)
	}
}
