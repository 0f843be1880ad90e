package stat

import (
	"bufio"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// dataLine is one case line of a testdata file: its line number and its
// fields, split at "|" and trimmed.
type dataLine struct {
	line   int
	fields []string
}

// readData reads the case lines of testdata/name, skipping blank lines and
// "#" comments, and checks that each has n fields.
func readData(t testing.TB, name string, n int) []dataLine {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []dataLine
	sc := bufio.NewScanner(f)
	for ln := 1; sc.Scan(); ln++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.SplitN(text, "|", n)
		if len(fields) != n {
			t.Fatalf("%s:%d: expected %d fields separated by |", name, ln, n)
		}
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
		}
		lines = append(lines, dataLine{ln, fields})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
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
		name, valuesText, want, source := c.fields[0], c.fields[1], c.fields[2], c.fields[3]
		if !cites(source) {
			t.Errorf("compute.txt:%d: source %q cites none of %v", c.line, source, sources)
		}
		st, err := Parse(name)
		if err != nil {
			t.Errorf("compute.txt:%d: Parse(%q): %v", c.line, name, err)
			continue
		}
		values, err := parseValues(valuesText)
		if err != nil {
			t.Fatalf("compute.txt:%d: values: %v", c.line, err)
		}
		got, ok := st.Compute(values)
		switch {
		case want == "none":
			if ok {
				t.Errorf("compute.txt:%d: %s%v = %v, want no datapoint (%s)", c.line, name, values, got, source)
			}
		case !ok:
			t.Errorf("compute.txt:%d: %s%v: no datapoint, want %s (%s)", c.line, name, values, want, source)
		default:
			w, err := strconv.ParseFloat(want, 64)
			if err != nil {
				t.Fatalf("compute.txt:%d: want: %v", c.line, err)
			}
			if math.Abs(got-w) > 1e-9*math.Max(1, math.Abs(w)) {
				t.Errorf("compute.txt:%d: %s%v = %v, want %v (%s)", c.line, name, values, got, w, source)
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
		input, want := c.fields[0], c.fields[1]
		if input == "<empty>" {
			input = ""
		}
		st, err := Parse(input)
		if wantErr, isErr := strings.CutPrefix(want, "error: "); isErr {
			if err == nil {
				t.Errorf("parse.txt:%d: Parse(%q) = %q, want an error containing %q", c.line, input, st, wantErr)
				continue
			}
			if !containsInOrder(err.Error(), strings.Split(wantErr, " ... ")) {
				t.Errorf("parse.txt:%d: Parse(%q) error:\n%v\nwant it to contain %q", c.line, input, err, wantErr)
			}
			if IsValid(input) {
				t.Errorf("parse.txt:%d: IsValid(%q) = true, want false", c.line, input)
			}
			continue
		}
		if err != nil {
			t.Errorf("parse.txt:%d: Parse(%q): %v", c.line, input, err)
			continue
		}
		if got := st.String(); got != want {
			t.Errorf("parse.txt:%d: Parse(%q).String() = %q, want %q", c.line, input, got, want)
		}
		if again, err := Parse(st.String()); err != nil || again != st {
			t.Errorf("parse.txt:%d: Parse(%q) = %v, %v; want the same Stat back", c.line, st, again, err)
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
