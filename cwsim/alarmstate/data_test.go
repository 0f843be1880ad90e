package alarmstate

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/internal/datafile"
)

// dataLine is one case line of a testdata file.
type dataLine = datafile.Row

// readData reads the case lines of testdata/name, each of n fields, the
// last citing its source.
func readData(t testing.TB, name string, n int) []dataLine {
	t.Helper()
	rows := datafile.Table(t, "testdata/"+name, n)
	for _, r := range rows {
		if src := r.Fields[n-1]; !strings.HasPrefix(src, "[") {
			t.Fatalf("%s:%d: the last field must cite its source, got %q", name, r.Line, src)
		}
	}
	return rows
}

// parseConfig reads "OPERATOR THRESHOLD M/N TREAT" ("-" for no TREAT).
func parseConfig(text string) (Config, error) {
	f := strings.Fields(text)
	if len(f) != 4 {
		return Config{}, fmt.Errorf("config %q: want OPERATOR THRESHOLD M/N TREAT", text)
	}
	th, err := strconv.ParseFloat(f[1], 64)
	if err != nil {
		return Config{}, err
	}
	m, n, ok := strings.Cut(f[2], "/")
	if !ok {
		return Config{}, fmt.Errorf("config %q: want M/N", text)
	}
	c := Config{ComparisonOperator: f[0], Threshold: th, TreatMissingData: f[3]}
	if c.DatapointsToAlarm, err = strconv.Atoi(m); err != nil {
		return Config{}, err
	}
	if c.EvaluationPeriods, err = strconv.Atoi(n); err != nil {
		return Config{}, err
	}
	if c.TreatMissingData == "-" {
		c.TreatMissingData = ""
	}
	return c, nil
}

// parseWindow reads space-separated datapoints: a value, "-" for missing,
// or VALUE[LOWER:UPPER] with the anomaly band.
func parseWindow(text string) ([]Point, error) {
	var w []Point
	for _, tok := range strings.Fields(text) {
		if tok == "-" {
			w = append(w, Point{})
			continue
		}
		p := Point{Present: true}
		value, band, hasBand := strings.Cut(tok, "[")
		var err error
		if p.Value, err = strconv.ParseFloat(value, 64); err != nil {
			return nil, err
		}
		if hasBand {
			if p.Lower, p.Upper, err = parseBand(strings.TrimSuffix(band, "]")); err != nil {
				return nil, err
			}
		}
		w = append(w, p)
	}
	return w, nil
}

// parseBand reads "LOWER:UPPER".
func parseBand(text string) (lower, upper float64, err error) {
	lo, hi, ok := strings.Cut(text, ":")
	if !ok {
		return 0, 0, fmt.Errorf("band %q: want LOWER:UPPER", text)
	}
	if lower, err = strconv.ParseFloat(lo, 64); err != nil {
		return 0, 0, err
	}
	upper, err = strconv.ParseFloat(hi, 64)
	return lower, upper, err
}

// symbolicWindow turns a documented row ("0 - X - X": non-breaching,
// missing, breaching) into points for GreaterThanThreshold 10.
func symbolicWindow(text string) ([]Point, error) {
	var w []Point
	for _, tok := range strings.Fields(text) {
		switch tok {
		case "0":
			w = append(w, Point{Value: 5, Present: true})
		case "X":
			w = append(w, Point{Value: 20, Present: true})
		case "-":
			w = append(w, Point{})
		default:
			return nil, fmt.Errorf("datapoint %q: want 0, X or -", tok)
		}
	}
	return w, nil
}

// TestMissingDataTables runs testdata/missing_data.txt: every row of the
// documented tables, for every TreatMissingData and every previous state.
func TestMissingDataTables(t *testing.T) {
	treatments := []string{TreatMissing, TreatIgnore, TreatBreaching, TreatNotBreaching}
	for _, c := range readData(t, "missing_data.txt", 7) {
		var m, n int
		if _, err := fmt.Sscanf(c.Fields[0], "%d/%d", &m, &n); err != nil {
			t.Fatalf("missing_data.txt:%d: M/N: %v", c.Line, err)
		}
		window, err := symbolicWindow(c.Fields[1])
		if err != nil {
			t.Fatalf("missing_data.txt:%d: %v", c.Line, err)
		}
		for i, treat := range treatments {
			cfg := Config{ComparisonOperator: GreaterThanThreshold, Threshold: 10,
				EvaluationPeriods: n, DatapointsToAlarm: m, TreatMissingData: treat}
			if cfg.EvaluationRange() != len(window) {
				t.Fatalf("missing_data.txt:%d: EvaluationRange() = %d, the table's is %d", c.Line, cfg.EvaluationRange(), len(window))
			}
			for _, prev := range []State{OK, Alarm, InsufficientData} {
				want := State(c.Fields[2+i])
				if want == "retain" {
					want = prev
				}
				got, reason := Evaluate(cfg, prev, window)
				if got != want {
					t.Errorf("missing_data.txt:%d: %s %s from %s = %s (%s), want %s; %s",
						c.Line, c.Fields[1], treat, prev, got, reason, want, c.Fields[6])
				}
				if !strings.HasSuffix(reason, ".") || len(reason) < 20 {
					t.Errorf("missing_data.txt:%d: reason %q is not a sentence", c.Line, reason)
				}
			}
		}
	}
}

// TestEvaluateData runs testdata/evaluate.txt.
func TestEvaluateData(t *testing.T) {
	for _, c := range readData(t, "evaluate.txt", 6) {
		cfg, err := parseConfig(c.Fields[0])
		if err != nil {
			t.Fatalf("evaluate.txt:%d: %v", c.Line, err)
		}
		prev := State(c.Fields[1])
		if prev == "<empty>" {
			prev = ""
		}
		window, err := parseWindow(c.Fields[2])
		if err != nil {
			t.Fatalf("evaluate.txt:%d: window: %v", c.Line, err)
		}
		got, reason := Evaluate(cfg, prev, window)
		if want := State(c.Fields[3]); got != want {
			t.Errorf("evaluate.txt:%d: %s from %q over %s = %s (%s), want %s; %s",
				c.Line, c.Fields[0], prev, c.Fields[2], got, reason, want, c.Fields[5])
		}
		if want := c.Fields[4]; want != "-" && !strings.Contains(reason, want) {
			t.Errorf("evaluate.txt:%d: reason\n%s\nwant it to contain\n%s", c.Line, reason, want)
		}
		if reason == "" {
			t.Errorf("evaluate.txt:%d: no reason", c.Line)
		}
	}
}

// TestOperatorsData runs testdata/operators.txt through Breaches.
func TestOperatorsData(t *testing.T) {
	for _, c := range readData(t, "operators.txt", 6) {
		th, err1 := strconv.ParseFloat(c.Fields[1], 64)
		v, err2 := strconv.ParseFloat(c.Fields[2], 64)
		want, err3 := strconv.ParseBool(c.Fields[4])
		if err := firstErr(err1, err2, err3); err != nil {
			t.Fatalf("operators.txt:%d: %v", c.Line, err)
		}
		p := Point{Value: v, Present: true}
		if c.Fields[3] != "-" {
			var err error
			if p.Lower, p.Upper, err = parseBand(c.Fields[3]); err != nil {
				t.Fatalf("operators.txt:%d: %v", c.Line, err)
			}
		}
		cfg := Config{ComparisonOperator: c.Fields[0], Threshold: th, EvaluationPeriods: 1}
		if got := cfg.Breaches(p); got != want {
			t.Errorf("operators.txt:%d: %s %v with threshold %v band %s: Breaches = %v, want %v; %s",
				c.Line, c.Fields[0], v, th, c.Fields[3], got, want, c.Fields[5])
		}
		p.Present = false
		if cfg.Breaches(p) {
			t.Errorf("operators.txt:%d: a missing point breaches", c.Line)
		}
	}
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
