package metricmath

import "testing"

// benchEnv is a plain Env with two Ids.
type benchEnv struct{ num, den float64 }

func (e benchEnv) Value(id string) (float64, bool) {
	switch id {
	case "numerator":
		return e.num, true
	case "denominator":
		return e.den, true
	}
	return 0, false
}
func (benchEnv) Previous(string) (float64, bool) { return 0, false }
func (benchEnv) Band(_ string, n float64) (float64, float64, bool) {
	return 10 - n, 10 + n, true
}

// BenchmarkEvalErrorRate evaluates the error-rate expression of our
// templates, once per period.
func BenchmarkEvalErrorRate(b *testing.B) {
	e, err := Parse("IF(denominator > 0, numerator / denominator, 0)")
	if err != nil {
		b.Fatal(err)
	}
	env := benchEnv{num: 3, den: 120}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Eval(env); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvalBand evaluates an anomaly detection band.
func BenchmarkEvalBand(b *testing.B) {
	e, err := Parse("ANOMALY_DETECTION_BAND(m0, 3)")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Eval(benchEnv{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParse parses the error-rate expression.
func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("IF(denominator > 0, numerator / denominator, 0)"); err != nil {
			b.Fatal(err)
		}
	}
}
