package appconfig_test

import (
	"testing"

	"github.com/eventwatch/eventwatch/config"
	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/queries"
)

func loadExample(t *testing.T) *appconfig.Config {
	t.Helper()
	cfg, err := appconfig.Load(config.FS, "config", queries.FS)
	if err != nil {
		t.Fatalf("the example config does not load:\n%v", err)
	}
	return cfg
}

// The shipped config's event contract tests: every example of every event.
func TestExampleConfigEventExamples(t *testing.T) {
	results := loadExample(t).CheckExamples()
	if len(results) == 0 {
		t.Fatal("the example config has no event examples")
	}
	perEvent := map[string]int{}
	for _, r := range results {
		perEvent[r.Service+"/"+r.Event]++
		if r.Failed() {
			t.Errorf("%s", r)
		}
	}
	cfg := loadExample(t)
	for _, svc := range cfg.Services.Services {
		for _, ev := range svc.Events {
			if perEvent[svc.Name+"/"+ev.Name] == 0 {
				t.Errorf("%s/%s has no examples; every shipped event carries some", svc.Name, ev.Name)
			}
		}
	}
}
