package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/eventwatch/eventwatch/config"
	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/queries"
)

// The synth refuses templates whose alarms cannot work, at the config line
// of the alarm when the cloud assembly records it: prod's templates from
// before the silence alarms named their log group (kept by package
// alarmtest) watch the account's IncomingLogEvents. The current goldens
// pass.
func TestOutputRulesRefuseAnAccountWideSilenceAlarm(t *testing.T) {
	// The fixture's stack is eventwatch-prod: a config with that environment.
	fixtureConfig, err := appconfig.Load(fstest.MapFS{
		"services.yaml":          {Data: []byte("app: eventwatch\nowner: team\nservices:\n  - name: orders\n    events: []\n")},
		"environments/prod.yaml": {Data: []byte("account: \"333333333333\"\nregion: eu-west-1\n")},
	}, "fixture", queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := appconfig.Load(config.FS, "config", queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	read := func(path string) []byte {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	old := map[string][]byte{"eventwatch-prod": read(filepath.Join("internal", "alarmtest", "testdata", "account-wide-silence", "eventwatch-prod.template.json"))}
	err = checkRules(t.TempDir(), fixtureConfig, old, io.Discard)
	for _, want := range []string{
		"eventwatch-prod/CheckoutSilenceAlarm2F2BF60B (AWS::CloudWatch::Alarm): alarm prod-checkout-critical-silence: AWS/Logs IncomingLogEvents has no LogGroupName dimension",
		"eventwatch-prod/OrdersSilenceAlarm70308174 (AWS::CloudWatch::Alarm): alarm prod-orders-critical-silence",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("checkRules: %v\nwant %q", err, want)
		}
	}
	current := map[string][]byte{}
	files, _ := filepath.Glob(filepath.Join("test", "golden", "*.template.json"))
	for _, f := range files {
		current[strings.TrimSuffix(filepath.Base(f), ".template.json")] = read(f)
	}
	if err := checkRules(filepath.Join("test", "golden"), cfg, current, io.Discard); err != nil {
		t.Errorf("the golden templates: %v", err)
	}
}

// A rule on the output that the config's own checks do not make (a metric
// name outside ASCII) fails the synth at the config line of the event.
func TestOutputRuleFailureNamesTheConfigLine(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Node.js")
	}
	dir := configDir(t, `owner: team
services:
  - name: orders
    events:
      - name: failed
        pattern: '{ $.status = "failed" }'
        metric:
          name: commandes-échouées
`, "")
	code, stderr := synthWith(t, map[string]any{"config": dir})
	want := filepath.Join(dir, "services.yaml") + ":5: services[0].events[0]: eventwatch-dev/"
	if code != 1 || !strings.Contains(stderr, want) || !strings.Contains(stderr, "MetricName") {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and %q", code, stderr, want)
	}
}
