package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/config"
	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/queries"
)

// The synth refuses templates whose alarms cannot work: prod's templates
// from before the silence alarms named their log group (kept by package
// alarmtest) watch the account's IncomingLogEvents. The current goldens
// pass, and an alarm notifying a topic without subscribers is a warning.
func TestWiringCheckRefusesAnAccountWideSilenceAlarm(t *testing.T) {
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
	err = checkWiring(cfg, old, &warn)
	for _, want := range []string{
		"eventwatch-prod/CheckoutSilenceAlarm2F2BF60B: alarm prod-checkout-critical-silence: AWS/Logs IncomingLogEvents has no LogGroupName dimension",
		"eventwatch-prod/OrdersSilenceAlarm70308174: alarm prod-orders-critical-silence",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("checkWiring: %v\nwant %q", err, want)
		}
	}
	current := map[string][]byte{}
	for _, env := range cfg.EnvironmentNames() {
		current["eventwatch-"+env] = read(filepath.Join("test", "golden", "eventwatch-"+env+".template.json"))
	}
	if err := checkWiring(cfg, current, &warn); err != nil {
		t.Errorf("the golden templates: %v", err)
	}
}
