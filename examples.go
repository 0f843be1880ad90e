package main

import (
	"fmt"
	"strings"

	"github.com/eventwatch/eventwatch/internal/appconfig"
)

// checkExamples runs every event example of the config against its
// pattern and metric, as `make test` and `logq test` do, so that an edit
// that breaks an example (a "failed" that became "FAILED") fails the synth
// with the file and line, not only the tests. It takes milliseconds.
func checkExamples(cfg *appconfig.Config) error {
	var failed []string
	for _, r := range cfg.CheckExamples() {
		if r.Failed() {
			failed = append(failed, r.String())
		}
	}
	if len(failed) == 0 {
		return nil
	}
	return fmt.Errorf("event examples that their pattern no longer matches as written (logq test shows them all):\n%s", strings.Join(failed, "\n"))
}
