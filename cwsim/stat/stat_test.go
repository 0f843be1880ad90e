package stat

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestPercentileIsMaxOfTrimmedSet follows "Percentiles versus trimmed mean"
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html):
// "Both p99 and tm99 ignore the 1% of the data points with the highest
// values ... p99 is the maximum value of the remaining 99%, while tm99 is
// the average of the remaining 99%." So pNN is the largest value TM(:NN%)
// keeps, and tmNN = tsNN / tcNN, for any sample.
func TestPercentileIsMaxOfTrimmedSet(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, pct := range []string{"1", "10", "25", "50", "70", "90", "95", "99", "99.9", "33.3333333333"} {
		p, tm, tc, ts := mustParse(t, "p"+pct), mustParse(t, "tm"+pct), mustParse(t, "tc"+pct), mustParse(t, "ts"+pct)
		for n := 1; n <= 300; n += 7 {
			values := make([]float64, n)
			for i := range values {
				values[i] = float64(r.IntN(50)) // with ties
			}
			sorted := slices.Sorted(slices.Values(values))
			kept := keptByRank(sorted, 0, tm.upper.units)
			gotP, _ := p.Compute(values)
			if gotP != kept[len(kept)-1] {
				t.Fatalf("p%s of %v = %v, want the largest value tm%s keeps, %v", pct, values, gotP, pct, kept[len(kept)-1])
			}
			mean, _ := tm.Compute(values)
			count, _ := tc.Compute(values)
			total, _ := ts.Compute(values)
			if count != float64(len(kept)) || total != sum(kept) || mean != total/count {
				t.Fatalf("n=%d %s: tm=%v tc=%v ts=%v, want ts = tm * tc over %d kept values", n, pct, mean, count, total, len(kept))
			}
		}
	}
}

// TestExtendedStatistics pins which statistics go in an alarm's
// ExtendedStatistic ("Requirements to use percentiles, trimmed mean, and
// some other statistics", Statistics-definitions.html, lists percentiles,
// trimmed mean, interquartile mean, winsorized mean, trimmed sum, trimmed
// count and percentile rank) and so need a spread of values.
func TestExtendedStatistics(t *testing.T) {
	for _, c := range []struct {
		stat     string
		extended bool
	}{
		{"SampleCount", false}, {"Average", false}, {"Sum", false}, {"Minimum", false}, {"Maximum", false},
		{"p99", true}, {"tm99", true}, {"TM(10%:90%)", true}, {"IQM", true}, {"wm99", true},
		{"tc99", true}, {"TS(80%:)", true}, {"PR(:300)", true},
	} {
		st := mustParse(t, c.stat)
		if st.IsExtended() != c.extended || st.NeedsValueDistribution() != c.extended {
			t.Errorf("%s: IsExtended=%v NeedsValueDistribution=%v, want both %v",
				c.stat, st.IsExtended(), st.NeedsValueDistribution(), c.extended)
		}
	}
}

// TestZeroStat: the zero Stat is no statistic.
func TestZeroStat(t *testing.T) {
	var s Stat
	if s.String() != "" || s.IsExtended() {
		t.Errorf("zero Stat: String=%q IsExtended=%v", s.String(), s.IsExtended())
	}
	if _, ok := s.Compute([]float64{1}); ok {
		t.Error("zero Stat computed a datapoint")
	}
}

// TestParseErrorShowsCaret checks the error's position and caret line.
func TestParseErrorShowsCaret(t *testing.T) {
	_, err := Parse("TM(10%:90)")
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("Parse error %T, want *ParseError", err)
	}
	want := "col 8: both bounds must be percentages, or neither\nTM(10%:90)\n       ^"
	if pe.Offset != 7 || pe.Col != 8 || err.Error() != want {
		t.Errorf("error at offset %d col %d:\n%s\nwant offset 7, col 8:\n%s", pe.Offset, pe.Col, err, want)
	}
}

func mustParse(t testing.TB, s string) Stat {
	t.Helper()
	st, err := Parse(s)
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	return st
}

// BenchmarkComputeP99 computes p99 over a period of 1000 raw values.
func BenchmarkComputeP99(b *testing.B) {
	st := mustParse(b, "p99")
	values := make([]float64, 1000)
	for i := range values {
		values[i] = float64((i * 7919) % 1000)
	}
	b.ReportAllocs()
	for b.Loop() {
		st.Compute(values)
	}
}

// ExampleParse parses a trimmed mean and computes it over one period.
func ExampleParse() {
	s, err := Parse("tm90")
	if err != nil {
		panic(err)
	}
	// One period of latencies, one of them an outlier that tm90 leaves out.
	v, ok := s.Compute([]float64{10, 11, 12, 10, 11, 12, 10, 11, 12, 900})
	fmt.Println(s, v, ok)
	// Output: tm90 11 true
}
