package alarmtest_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/internal/alarmtest"
)

var update = flag.Bool("update", false, "rewrite config/schema/scenario.schema.json")

// A broken scenario file reports every problem with file:line and what is
// expected, before anything runs.
func TestBadScenarioFiles(t *testing.T) {
	cases := []struct{ file, want string }{
		{"unknown-key.yaml", `testdata/bad/unknown-key.yaml:5:5: logs[0].evry: unknown key "evry"`},
		{"two-kinds.yaml", `testdata/bad/two-kinds.yaml:3: logs[0]: set line or json (exactly one)`},
		{"two-kinds.yaml", `every and until go together`},
		{"two-kinds.yaml", `testdata/bad/two-kinds.yaml:8: expect[0]: set exactly one of alarm, notified, notNotified, quiet and filterDisabled`},
		{"two-kinds.yaml", `testdata/bad/two-kinds.yaml:10: expect[0].at: "soon" is not an offset`},
	}
	for _, c := range cases {
		_, err := alarmtest.LoadFile(filepath.Join("testdata", "bad", c.file))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.file, err, c.want)
		}
	}
}

// A scenario that names an alarm, a service or an anomaly alarm's band
// the templates do not have cannot pass by accident: it is an error with
// its line and the names that exist.
func TestScenarioNamesMustExist(t *testing.T) {
	asm := openGolden(t)
	model, err := asm.Model("prod")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ file, want string }{
		{"unknown-alarm.yaml", `unknown-alarm.yaml:6: expect[0].alarm: "prod-checkout-critical-silense" names no alarm of environment prod; expected one of`},
		{"unknown-service.yaml", `unknown-service.yaml:3: logs[0].service: "chekout" is no service of environment prod; expected one of checkout, orders`},
		{"anomaly-without-band.yaml", `prod-orders-warning-queue-worker-run is an anomaly detection alarm: give its band`},
	}
	for _, c := range cases {
		f, err := alarmtest.LoadFile(filepath.Join("testdata", "bad", c.file))
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		if _, err := alarmtest.Run(f, model); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.file, err, c.want)
		}
	}
}

// The committed scenario schema is what the Go types generate.
func TestScenarioSchemaIsUpToDate(t *testing.T) {
	s, err := alarmtest.Schema("github.com/eventwatch/eventwatch/internal/alarmtest", ".")
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	var got strings.Builder
	got.Write(indentJSON(t, b))
	path := filepath.Join("..", "..", "config", "schema", "scenario.schema.json")
	if *update {
		os.WriteFile(path, []byte(got.String()), 0o644)
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Errorf("%s is out of date: run `make schema` (or go test ./internal/alarmtest -update)", path)
	}
}
