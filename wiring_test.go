package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/eventwatch/eventwatch/config"
	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/queries"
)

// The synth refuses templates whose alarms cannot work: prod's templates
// from before the silence alarms named their log group (kept by package
// alarmtest) watch the account's IncomingLogEvents. The current goldens
// pass, and an alarm notifying a topic without subscribers is a warning.
func TestWiringCheckRefusesAnAccountWideSilenceAlarm(t *testing.T) {
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
	var warn bytes.Buffer
	err = checkWiring(fixtureConfig, old, &warn)
	for _, want := range []string{
		"eventwatch-prod/CheckoutSilenceAlarm2F2BF60B: alarm prod-checkout-critical-silence: AWS/Logs IncomingLogEvents has no LogGroupName dimension",
		"eventwatch-prod/OrdersSilenceAlarm70308174: alarm prod-orders-critical-silence",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("checkWiring: %v\nwant %q", err, want)
		}
	}
	current := map[string][]byte{}
	files, _ := filepath.Glob(filepath.Join("test", "golden", "*.template.json"))
	for _, f := range files {
		current[strings.TrimSuffix(filepath.Base(f), ".template.json")] = read(f)
	}
	if err := checkWiring(cfg, current, &warn); err != nil {
		t.Errorf("the golden templates: %v", err)
	}
}
