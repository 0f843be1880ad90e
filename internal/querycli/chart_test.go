package querycli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/insights"
)

// chartRows builds a result of bin(1h) and n from pairs of hour and value.
func chartRows(values ...string) *insights.Result {
	res := &insights.Result{Fields: []string{"bin(1h)", "n"}}
	for i, v := range values {
		res.Rows = append(res.Rows, insights.Row{{Field: "bin(1h)", Value: "2026-11-01 0" + string(rune('0'+i)) + ":00:00.000"}, {Field: "n", Value: v}})
	}
	return res
}

// TestChartEdgeValues checks that negative, zero, huge and infinite sums
// draw without a panic and within the width.
func TestChartEdgeValues(t *testing.T) {
	for _, vals := range [][]string{
		{"-5", "3", "0"},
		{"0", "0"},
		{"1e308", "1e308", "5"},
		{"-1", "-2"},
		{"1.5"},
	} {
		var b bytes.Buffer
		if err := writeChart(&b, chartRows(vals...), "", 40); err != nil {
			t.Fatalf("%v: %v", vals, err)
		}
		for _, line := range strings.Split(strings.TrimRight(b.String(), "\n"), "\n") {
			if n := len([]rune(line)); n > 40 {
				t.Errorf("%v: line of %d columns is wider than 40: %q", vals, n, line)
			}
		}
	}
}

// FuzzChart draws arbitrary values without a panic.
func FuzzChart(f *testing.F) {
	f.Add("3", "-1", "x")
	f.Fuzz(func(t *testing.T, a, b, group string) {
		res := chartRows(a, b)
		res.Fields = append(res.Fields, "g")
		res.Rows[0] = append(res.Rows[0], insights.Cell{Field: "g", Value: group})
		_ = writeChart(&bytes.Buffer{}, res, "", 50)
		_ = writeChart(&bytes.Buffer{}, chartRows(a, b), "", 50)
	})
}
