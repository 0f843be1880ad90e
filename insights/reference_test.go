package insights_test

import (
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/insights"
)

// documentedCommands are the commands of the Logs Insights command
// reference (CWL_QuerySyntax and its command pages), subqueries included.
var documentedCommands = []string{
	"fields", "display", "filter", "where", "stats", "sort", "limit", "limit any", "parse", "dedup",
	"unmask", "pattern", "anomaly", "diff", "unnest", "lookup", "join", "subqueries", "filterIndex",
	"SOURCE", "addtotals", "accum", "appendcols", "autoregress", "logcompare", "filldown",
	"fillmissing", "cidrlookup", "outlier", "sessionize", "countFrequent", "relevantfields", "expand",
}

// TestReferenceCoverage checks that the data has a valid and an invalid
// example of every documented command and of every function.
func TestReferenceCoverage(t *testing.T) {
	have := map[string]bool{}
	for _, c := range allCases(t) {
		have[c.name] = true
		kind := ""
		switch {
		case strings.HasSuffix(c.name, " valid"):
			kind = "valid"
		case strings.HasSuffix(c.name, " invalid"):
			kind = "invalid"
		}
		if (kind == "valid") != (c.err == "") && kind != "" {
			t.Errorf("%s:%d: %q: a %s example must %s an error", c.file, c.line, c.name, kind, map[string]string{"valid": "have no", "invalid": "expect"}[kind])
		}
	}
	want := func(what string) {
		for _, kind := range []string{"valid", "invalid"} {
			if !have[what+" "+kind] {
				t.Errorf("no %q case in testdata/*.cases", what+" "+kind)
			}
		}
	}
	for _, c := range documentedCommands {
		want("command " + c)
	}
	for name := range insights.FunctionArity() {
		want("function " + name)
	}
}
