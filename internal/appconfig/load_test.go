package appconfig_test

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/queries"
)

// Each testdata/invalid/<case>.txtar is a small config directory whose
// first comment line is the error Load must report (a prefix or, after the
// file:line part, a substring of it). A case whose comment lists several
// lines expects exactly that many errors, in that order, each containing
// its line: the way to say that a problem is reported and its cascades are
// not. A new rule gets a new file.
func TestInvalidConfigsReportFileLineAndField(t *testing.T) {
	files, _ := filepath.Glob("testdata/invalid/*.txtar")
	if len(files) < 10 {
		t.Fatalf("expected the invalid config cases in testdata/invalid, found %d", len(files))
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			want := strings.Split(strings.TrimSpace(string(ar.Comment)), "\n")
			fsys := fstest.MapFS{}
			for _, f := range ar.Files {
				fsys[f.Name] = &fstest.MapFile{Data: f.Data}
			}
			_, err = appconfig.Load(fsys, "cfg", queries.FS)
			if err == nil {
				t.Fatalf("Load accepted the config; want the error %q", want)
			}
			got := err.Error()
			if strings.Contains(got, "goroutine") || strings.Contains(got, "panic") {
				t.Errorf("error looks like a crash:\n%s", got)
			}
			if len(want) == 1 {
				if !strings.Contains(got, "cfg/"+want[0]) {
					t.Errorf("error:\n%s\nwant it to contain:\ncfg/%s", got, want[0])
				}
				return
			}
			var list appconfig.ErrorList
			if !errors.As(err, &list) || len(list) != len(want) {
				t.Fatalf("error:\n%s\nwant %d errors, each containing its line of:\ncfg/%s", got, len(want), strings.Join(want, "\ncfg/"))
			}
			for i, e := range list {
				if !strings.Contains(e.Error(), "cfg/"+want[i]) {
					t.Errorf("error %d:\n%s\nwant it to contain:\ncfg/%s", i+1, e, want[i])
				}
			}
		})
	}
}

func TestExampleConfigPlansEveryEnvironment(t *testing.T) {
	cfg := loadExample(t)
	if got := strings.Join(cfg.EnvironmentNames(), ","); got != "dev,prod,staging" {
		t.Fatalf("environments = %s, want dev,prod,staging", got)
	}
	for _, env := range cfg.EnvironmentNames() {
		plans, err := cfg.Plan(env)
		if err != nil {
			t.Fatal(err)
		}
		if len(plans) != 1 || plans[0].StackName != "eventwatch-"+env {
			t.Errorf("%s: stacks %v, want one named eventwatch-%s", env, plans, env)
		}
		if plans[0].Tags["environment"] != env || plans[0].Tags["owner"] == "" {
			t.Errorf("%s: stack tags %v lack environment or owner", env, plans[0].Tags)
		}
	}
}

func TestEnvironmentOverridesThresholdAndActions(t *testing.T) {
	cfg := loadExample(t)
	alarm := func(env, name string) (float64, bool) {
		plans, _ := cfg.Plan(env)
		for _, it := range plans[0].Items {
			if it.Alarm != nil && it.Alarm.AlarmName == env+"-"+name {
				return it.Alarm.Threshold, it.Alarm.ActionsDisabled
			}
		}
		t.Fatalf("no alarm %s-%s", env, name)
		return 0, false
	}
	if th, disabled := alarm("dev", "orders-critical-queue-worker-failure"); th != 10 || !disabled {
		t.Errorf("dev: threshold %g disabled %v, want the override 10 and actions disabled", th, disabled)
	}
	if th, disabled := alarm("prod", "orders-critical-queue-worker-failure"); th != 3 || disabled {
		t.Errorf("prod: threshold %g disabled %v, want services.yaml's 3 and actions enabled", th, disabled)
	}
}

// A stack over CloudFormation's resource limit fails at synth, and a
// service's `stack` key splits it.
func TestStackResourceLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString("owner: team\nservices:\n")
	for i := range 60 {
		fmt.Fprintf(&b, "  - name: svc%d\n    events:\n", i)
		for j := range 5 {
			fmt.Fprintf(&b, "      - name: e%d\n        pattern: '{ $.event = \"e%d\" }'\n        alarm: {threshold: 1}\n", j, j)
		}
	}
	env := "account: \"111111111111\"\nregion: eu-west-1\n"
	fsys := fstest.MapFS{"services.yaml": {Data: []byte(b.String())}, "environments/dev.yaml": {Data: []byte(env)}}
	_, err := appconfig.Load(fsys, "cfg", queries.FS)
	if err == nil || !strings.Contains(err.Error(), "CloudFormation allows at most 500") {
		t.Fatalf("got %v, want the 500-resource limit", err)
	}
	split := strings.Replace(b.String(), "  - name: svc30\n", "  - name: svc30\n    stack: more\n", 1)
	for i := 31; i < 60; i++ {
		split = strings.Replace(split, fmt.Sprintf("  - name: svc%d\n", i), fmt.Sprintf("  - name: svc%d\n    stack: more\n", i), 1)
	}
	fsys["services.yaml"] = &fstest.MapFile{Data: []byte(split)}
	cfg, err := appconfig.Load(fsys, "cfg", queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	plans, _ := cfg.Plan("dev")
	if len(plans) != 2 || plans[1].StackName != "eventwatch-dev-more" {
		t.Fatalf("plans %d, want eventwatch-dev and eventwatch-dev-more", len(plans))
	}
}

var update = flag.Bool("update", false, "rewrite the committed JSON Schemas")

// The committed schemas are what the Go types generate.
func TestSchemasAreUpToDate(t *testing.T) {
	schemas, err := appconfig.Schemas("github.com/eventwatch/eventwatch/internal/appconfig", ".")
	if err != nil {
		t.Fatal(err)
	}
	for name, s := range schemas {
		b, _ := s.MarshalJSON()
		var want []byte
		path := filepath.Join("..", "..", "config", "schema", name)
		if want, err = os.ReadFile(path); err != nil {
			t.Fatal(err)
		}
		got := indent(t, b)
		if *update {
			os.WriteFile(path, got, 0o644)
			continue
		}
		if string(got) != string(want) {
			t.Errorf("%s is out of date: run `make schema` (or go test ./internal/appconfig -update)", path)
		}
	}
}

// A saved query in a subfolder keeps its path as its console name, and runs
// on the log groups of the services the config names.
func TestSavedQueryNameFromPath(t *testing.T) {
	fsys := fstest.MapFS{
		"services.yaml":              {Data: []byte("owner: team\nservices:\n  - name: orders\n    events: []\n  - name: payments\n    events: []\nqueries:\n  - file: team/slow\n    logGroups: [orders, payments]\n")},
		"queries/team/slow.insights": {Data: []byte("filter duration > 1000 | sort duration desc | limit 20\n")},
		"environments/dev.yaml":      {Data: []byte("account: \"111111111111\"\nregion: eu-west-1\n")},
	}
	cfg, err := appconfig.Load(fsys, "cfg", queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	plans, _ := cfg.Plan("dev")
	for _, it := range plans[0].Items {
		if it.Query == nil {
			continue
		}
		if it.Query.Name != "team/slow" || strings.Join(it.Query.LogGroupNames, ",") != "/eventwatch/dev/orders,/eventwatch/dev/payments" {
			t.Errorf("query %q on %v, want team/slow on both log groups", it.Query.Name, it.Query.LogGroupNames)
		}
		return
	}
	t.Fatal("no saved query in the plan")
}

// Problems found by different phases of the checks, in two files, are all
// reported in one run, sorted by file and then line: the environment
// file's unknown key (found while decoding) comes first, then services.yaml's
// broken pattern (found by the construct's validation, the last phase) on
// line 7 before its ratio of an unknown event (found by the first phase
// after decoding) on line 12.
func TestEveryProblemInOneRunInFileAndLineOrder(t *testing.T) {
	fsys := fstest.MapFS{
		"services.yaml": {Data: []byte(`app: shop
owner: team
services:
  - name: orders
    events:
      - name: failed
        pattern: '{ $.ok IS }'
      - name: run
        pattern: '{ $.event = "run" }'
    ratios:
      - name: failure-rate
        numerator: faild
        denominator: run
        alarm: {threshold: 0.1}
`)},
		"environments/dev.yaml": {Data: []byte(devEnv + "alarmAction: false\n")},
	}
	_, err := appconfig.Load(fsys, "cfg", queries.FS)
	var list appconfig.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("got %v, want an ErrorList", err)
	}
	want := []string{
		`cfg/environments/dev.yaml:3:1: alarmAction: unknown key "alarmAction"; did you mean alarmActions?`,
		`cfg/services.yaml:7:29: services[0].events[0].pattern: expected NULL, TRUE or FALSE after IS but found "}"`,
		`cfg/services.yaml:12: services[0].ratios[0].numerator: "faild" is not an event of service orders; did you mean failed?`,
	}
	if len(list) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%v", len(list), len(want), err)
	}
	for i, e := range list {
		if !strings.HasPrefix(e.Error(), want[i]) {
			t.Errorf("error %d is\n%s\nwant it to start with\n%s", i+1, e, want[i])
		}
	}
}
