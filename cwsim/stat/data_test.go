package stat

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/internal/datafile"
)

// dataLine is one case line of a testdata file.
type dataLine = datafile.Row

// readData reads the case lines of testdata/name, each of n fields.
func readData(t testing.TB, name string, n int) []dataLine {
	t.Helper()
	return datafile.Table(t, "testdata/"+name, n)
}

// parseValues reads space-separated numbers; "a..b" expands to a, a+1, ..., b.
func parseValues(text string) ([]float64, error) {
	var vs []float64
	for _, f := range strings.Fields(text) {
		if from, to, ok := strings.Cut(f, ".."); ok {
			a, err1 := strconv.Atoi(from)
			b, err2 := strconv.Atoi(to)
			if err1 != nil || err2 != nil {
				return nil, strconv.ErrSyntax
			}
			for i := a; i <= b; i++ {
				vs = append(vs, float64(i))
			}
			continue
		}
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			return nil, err
		}
		vs = append(vs, v)
	}
	return vs, nil
}

// sources are the citations a compute case may give.
var sources = []string{"[defs]", "[concepts]", "[reading]"}

// TestComputeData runs testdata/compute.txt: each line a statistic, the raw
// values of one period, the expected datapoint and the documentation it
// follows.
func TestComputeData(t *testing.T) {
	for _, c := range readData(t, "compute.txt", 4) {
		name, valuesText, want, source := c.Fields[0], c.Fields[1], c.Fields[2], c.Fields[3]
		if !cites(source) {
			t.Errorf("compute.txt:%d: source %q cites none of %v", c.Line, source, sources)
		}
		st, err := Parse(name)
		if err != nil {
			t.Errorf("compute.txt:%d: Parse(%q): %v", c.Line, name, err)
			continue
		}
		values, err := parseValues(valuesText)
		if err != nil {
			t.Fatalf("compute.txt:%d: values: %v", c.Line, err)
		}
		got, ok := st.Compute(values)
		switch {
		case want == "none":
			if ok {
				t.Errorf("compute.txt:%d: %s%v = %v, want no datapoint (%s)", c.Line, name, values, got, source)
			}
		case !ok:
			t.Errorf("compute.txt:%d: %s%v: no datapoint, want %s (%s)", c.Line, name, values, want, source)
		default:
			w, err := strconv.ParseFloat(want, 64)
			if err != nil {
				t.Fatalf("compute.txt:%d: want: %v", c.Line, err)
			}
			if math.Abs(got-w) > 1e-9*math.Max(1, math.Abs(w)) {
				t.Errorf("compute.txt:%d: %s%v = %v, want %v (%s)", c.Line, name, values, got, w, source)
			}
		}
	}
}

// cites tells whether a source field names a known citation.
func cites(source string) bool {
	for _, s := range sources {
		if strings.HasPrefix(source, s) {
			return true
		}
	}
	return false
}

// TestParseData runs testdata/parse.txt: each line an input and its
// canonical text, or the error Parse must report.
func TestParseData(t *testing.T) {
	for _, c := range readData(t, "parse.txt", 2) {
		input, want := c.Fields[0], c.Fields[1]
		if input == "<empty>" {
			input = ""
		}
		st, err := Parse(input)
		if wantErr, isErr := strings.CutPrefix(want, "error: "); isErr {
			if err == nil {
				t.Errorf("parse.txt:%d: Parse(%q) = %q, want an error containing %q", c.Line, input, st, wantErr)
				continue
			}
			if !containsInOrder(err.Error(), strings.Split(wantErr, " ... ")) {
				t.Errorf("parse.txt:%d: Parse(%q) error:\n%v\nwant it to contain %q", c.Line, input, err, wantErr)
			}
			if IsValid(input) {
				t.Errorf("parse.txt:%d: IsValid(%q) = true, want false", c.Line, input)
			}
			continue
		}
		if err != nil {
			t.Errorf("parse.txt:%d: Parse(%q): %v", c.Line, input, err)
			continue
		}
		if got := st.String(); got != want {
			t.Errorf("parse.txt:%d: Parse(%q).String() = %q, want %q", c.Line, input, got, want)
		}
		if again, err := Parse(st.String()); err != nil || again != st {
			t.Errorf("parse.txt:%d: Parse(%q) = %v, %v; want the same Stat back", c.Line, st, again, err)
		}
	}
}

// containsInOrder tells whether s contains every part, one after another.
func containsInOrder(s string, parts []string) bool {
	for _, p := range parts {
		i := strings.Index(s, p)
		if i < 0 {
			return false
		}
		s = s[i+len(p):]
	}
	return true
}
