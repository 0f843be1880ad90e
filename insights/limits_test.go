package insights_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/insights"
	"github.com/eventwatch/eventwatch/insights/querytest"
)

// TestHostileNesting checks that deep nesting is refused with a positioned
// error before the parser recurses, for queries over and under the size
// limit.
func TestHostileNesting(t *testing.T) {
	deep := insights.MaxNestingDepth + 1
	cases := []struct {
		name, query, want string
	}{
		{"a million parentheses", "filter " + strings.Repeat("(", 1_000_000) + "x", "1:10001: the query is over 10000 characters"},
		{"a million minus signs", "fields " + strings.Repeat("-", 1_000_000) + "1", "1:10001: the query is over 10000 characters"},
		{"a million nots", "filter " + strings.Repeat("not ", 250_000) + "x", "1:10001: the query is over 10000 characters"},
		{"parentheses past the depth", "filter " + strings.Repeat("(", deep) + "x" + strings.Repeat(")", deep), "deeper than 100 levels"},
		{"minus past the depth", "fields " + strings.Repeat("-", deep) + "1 as v", "deeper than 100 levels"},
		{"not past the depth", "filter " + strings.Repeat("not ", deep) + "x", "deeper than 100 levels"},
		{"subqueries past the depth", "filter a in " + strings.Repeat("(filter a in ", deep) + "x", "deeper than 100 levels"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := insights.Parse(c.query)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Parse: %v, want an error containing %q", err, c.want)
			}
			if len(err.Error()) > 2000 {
				t.Errorf("the message is %d bytes long; it must not echo the query", len(err.Error()))
			}
		})
	}
	// at the limit it parses
	q := "filter " + strings.Repeat("(", insights.MaxNestingDepth-1) + "x" + strings.Repeat(")", insights.MaxNestingDepth-1)
	if _, err := insights.Parse(q); err != nil {
		t.Errorf("nesting of %d: %v", insights.MaxNestingDepth-1, err)
	}
}

// TestValueCap checks that a function whose result would pass
// MaxValueBytes stops the run with an error naming it, before building it.
func TestValueCap(t *testing.T) {
	line := strings.Repeat("a", 100_000)
	ev := []insights.Event{{Timestamp: 1, Message: line}}
	for _, c := range []struct{ query, want string }{
		{`fields replace(@message, "a", @message) as v`, "1:8: replace() would build a value of 9.3 GiB"},
		{`fields concat(@message, @message, @message, @message, @message, @message, @message, @message, @message, @message, @message) as v`, "1:8: concat() would build"},
		{`fields regexReplace(@message, /a/, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb") as v`, "1:8: regexReplace() would build"},
	} {
		_, err := querytest.Run(insights.MustParse(c.query), ev)
		var qe *insights.Error
		if !errors.As(err, &qe) || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "MaxValueBytes") {
			t.Errorf("%s: %v, want an error containing %q", c.query, err, c.want)
		}
	}
	// under the cap it runs
	res, err := querytest.Run(insights.MustParse(`fields replace(@message, "a", "bb") as v | display v`), ev)
	if err != nil || len(res.Rows) != 1 {
		t.Fatalf("replace under the cap: %v", err)
	}
}

func TestCommandNames(t *testing.T) {
	q := insights.MustParse("SOURCE logGroups() | filterIndex a = 1 | filter b in (SOURCE 'x' | fields b) | pattern @message | diff | display a")
	got := strings.Join(q.CommandNames(), ",")
	if want := "SOURCE,filterIndex,filter,subqueries,SOURCE,fields,pattern,diff,display"; got != want {
		t.Errorf("CommandNames = %s, want %s", got, want)
	}
}

// FuzzRun runs mutated queries over a few events with a lookup table: a
// query that parses must run without a panic (an error is fine).
func FuzzRun(f *testing.F) {
	for _, q := range validQueries(f) {
		f.Add(q)
	}
	events := decodeEvents(f, []string{
		`{"timestamp": 1793491200000, "logGroupName": "/aws/a", "message": "{\"id\":\"u1\",\"l\":[1,{\"x\":2}],\"n\":3}"}`,
		`{"timestamp": 1793491260000, "logGroupName": "123456789012:/app", "message": "plain text 42"}`,
		`{"timestamp": 1793404800000, "message": "{\"id\":\"u2\",\"l\":\"s\"}"}`,
	})
	tab, _ := insights.ReadLookupTable(strings.NewReader("id,name\nu1,Ana\n"))
	f.Fuzz(func(t *testing.T, src string) {
		q, err := insights.Parse(src)
		if err != nil {
			return
		}
		opts := insights.Options{Parallelism: 2, Now: mustTime("2026-11-01T12:00:00Z"),
			Start: mustTime("2026-11-01T00:00:00Z"), End: mustTime("2026-11-01T01:00:00Z"),
			LookupTables: map[string]*insights.LookupTable{"users": tab, "t": tab}}
		_, _ = q.Run(testContext(), querytest.Seq(events), opts)
	})
}
