package compositerule

import "testing"

// BenchmarkEval evaluates a rule like those the constructs synthesize.
func BenchmarkEval(b *testing.B) {
	r, err := Parse(`(ALARM("arn:aws:cloudwatch:eu-west-1:123456789012:alarm:checkout-5xx") OR ALARM("arn:aws:cloudwatch:eu-west-1:123456789012:alarm:checkout-p99")) AND NOT ALARM(DeploymentInProgress)`)
	if err != nil {
		b.Fatal(err)
	}
	state := func(string) (string, bool) { return "ALARM", true }
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Eval(state); err != nil {
			b.Fatal(err)
		}
	}
}
