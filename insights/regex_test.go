package insights_test

import (
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/insights"
	"github.com/eventwatch/eventwatch/insights/querytest"
)

// atLimit is a regex of 255 instructions, the largest of its form under
// MaxRegexProgram (256): x{1,127} is 1 + 2*126, then y and the concatenation.
const atLimit = `/x{1,127}y/`

// TestRegexLimitsParse checks queries at the regex limits: they parse, and
// a subquery's regexes count apart from the outer query's. Queries over
// them are in testdata/errors.cases.
func TestRegexLimitsParse(t *testing.T) {
	four := strings.Repeat("a =~ "+atLimit+" or ", 3) + "a =~ " + atLimit // 1020 in all
	for _, q := range []string{
		"filter @message =~ " + atLimit,
		"filter " + four,
		"filter " + four + " | filter b in (filter " + four + " | fields b)",
		`parse @message /(?<ip>\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})/`,
	} {
		if _, err := insights.Parse(q); err != nil {
			t.Errorf("Parse(%.60s...): %v", q, err)
		}
	}
}

// TestRegexWorkBound runs queries with the largest regexes allowed over
// messages of 1 MiB and more, and checks through the engine's hook that
// the regex work of the row, the size of each regex times the bytes it
// scans, stays within MaxRegexWork; and what the window means for matches.
func TestRegexWorkBound(t *testing.T) {
	const mib = 1 << 20
	// text of n bytes: no x, with "xy" at offset at (when at >= 0)
	text := func(n, at int) string {
		b := []byte(strings.Repeat("é.", n/3) + strings.Repeat("-", n%3))
		if at >= 0 {
			copy(b[at-at%3:], "xy") // over an é, keeping UTF-8 valid
		}
		return string(b)
	}
	four := strings.Repeat("@message =~ "+atLimit+" or ", 3) + "@message =~ " + atLimit
	cases := []struct {
		name, query, message string
		scanned              int // bytes each regex scans
		rows                 int // rows the query returns
		// v, when set, gives the value of v in the first row from the
		// message and the bytes the first regex scanned
		v func(message string, scanned int) string
	}{
		{"one regex at the limit sees a whole 1 MiB event",
			"filter @message =~ " + atLimit, text(mib, mib-2), mib, 1, nil},
		{"regexes at MaxQueryRegexProgram see about the first 256 KiB",
			"filter " + four, text(mib, mib-2), insights.MaxRegexWork / 1020, 0, nil},
		{"... and match within them",
			"filter " + four, text(mib, 1000), insights.MaxRegexWork / 1020, 1, nil},
		{"a message over CloudWatch's 1 MiB is cut for the largest regex",
			"filter @message =~ " + atLimit, text(2*mib, 2*mib-2), insights.MaxRegexWork / 255, 0, nil},
		{"parse captures within the window",
			"parse @message /(?<v>x[a-z]{1,126})/ | filter " + strings.Repeat("@message =~ "+atLimit+" or ", 2) + "@message =~ " + atLimit,
			text(mib, 1000), insights.MaxRegexWork / (253 + 3*255), 1,
			func(string, int) string { return "xy" }},
		{"regexReplace replaces within the window and keeps the rest",
			`fields regexReplace(@message, "é", "e") as v | filter ` + four,
			text(mib, 1000), insights.MaxRegexWork / (1 + 4*255), 1,
			func(m string, n int) string { return strings.ReplaceAll(m[:n], "é", "e") + m[n:] }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q := insights.MustParse(c.query)
			work, scans, first := 0, 0, -1
			restore := insights.SetRegexScanHook(func(size, n int) {
				if scans == 0 {
					first = n
				}
				scans++
				work += size * n
				if size > insights.MaxRegexProgram {
					t.Errorf("a regex of %d instructions ran", size)
				}
				if n > c.scanned || n < c.scanned-1 { // cut before a partial é
					t.Errorf("a regex scanned %d bytes, want %d", n, c.scanned)
				}
			})
			defer restore()
			res, err := querytest.Run(q, []insights.Event{{Timestamp: 1, Message: c.message}})
			if err != nil {
				t.Fatal(err)
			}
			if scans == 0 || work > insights.MaxRegexWork {
				t.Errorf("%d scans did %d steps of regex work, want 1 or more and at most MaxRegexWork (%d)", scans, work, insights.MaxRegexWork)
			}
			if len(res.Rows) != c.rows {
				t.Fatalf("%d rows, want %d", len(res.Rows), c.rows)
			}
			if c.v != nil {
				want := c.v(c.message, first)
				if v, _ := res.Rows[0].Get("v"); v != want {
					t.Errorf("v = %.40q... (%d bytes), want %.40q... (%d bytes)", v, len(v), want, len(want))
				}
			}
		})
	}
}
