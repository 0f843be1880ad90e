package insights_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/eventwatch/eventwatch/insights"
	"github.com/eventwatch/eventwatch/insights/querytest"
)

// A case file (testdata/*.cases) holds query cases:
//
//	# comment
//	-- events                 events shared by the cases below (CloudWatch event JSON lines)
//	{"timestamp": 0, "message": "..."}
//	=== name                  a case; the lines up to the next "--" are the query
//	filter x = 1
//	-- events                 (optional) this case's own events
//	-- fields                 (optional) expected columns, one per line
//	-- rows                   expected rows in order, one JSON object per line
//	-- error                  or: the expected error, "line:col: text in the message"
//	-- lookup NAME            (optional) a lookup table, CSV lines with a header
//	-- range                  (optional) the query range: START END (RFC 3339)
//	-- run error              (optional) the expected error of Run
//
// A new case is one more "=== name" block.
type dataCase struct {
	file, name string
	line       int
	query      string
	events     []string
	fields     []string
	hasFields  bool
	rows       []string
	hasRows    bool
	err        string
	runErr     string
	lookups    map[string][]string
	rangeLine  string
}

func readCases(t testing.TB, path string) []*dataCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var shared []string
	var cases []*dataCase
	var cur *dataCase
	section := ""
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "=== "):
			cur = &dataCase{file: filepath.Base(path), name: strings.TrimSpace(line[4:]), line: n, events: shared}
			cases = append(cases, cur)
			section = "query"
			continue
		case strings.HasPrefix(line, "-- "):
			section = strings.TrimSpace(line[3:])
			if name, ok := strings.CutPrefix(section, "lookup "); ok && cur != nil {
				if cur.lookups == nil {
					cur.lookups = map[string][]string{}
				}
				cur.lookups[name] = []string{}
				section = "lookup " + name
			}
			if cur != nil {
				switch section {
				case "events":
					cur.events = nil
				case "fields":
					cur.hasFields = true
				case "rows":
					cur.hasRows = true
				}
			}
			continue
		}
		if section != "query" && (strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "") {
			continue
		}
		if cur == nil {
			if section == "events" {
				shared = append(shared, line)
			}
			continue
		}
		switch section {
		case "query":
			cur.query += line + "\n"
		case "events":
			cur.events = append(cur.events, line)
		case "fields":
			cur.fields = append(cur.fields, line)
		case "rows":
			cur.rows = append(cur.rows, line)
		case "error":
			cur.err = strings.TrimSpace(line)
		case "run error":
			cur.runErr = strings.TrimSpace(line)
		case "range":
			cur.rangeLine = strings.TrimSpace(line)
		default:
			if name, ok := strings.CutPrefix(section, "lookup "); ok {
				cur.lookups[name] = append(cur.lookups[name], line)
				continue
			}
			t.Fatalf("%s:%d: unknown section %q", path, n, section)
		}
	}
	for _, c := range cases {
		c.query = strings.TrimSpace(c.query)
	}
	return cases
}

func allCases(t testing.TB) []*dataCase {
	files, err := filepath.Glob("testdata/*.cases")
	if err != nil || len(files) == 0 {
		t.Fatalf("no case files: %v", err)
	}
	var all []*dataCase
	for _, f := range files {
		all = append(all, readCases(t, f)...)
	}
	return all
}

func decodeEvents(t testing.TB, lines []string) []insights.Event {
	t.Helper()
	events, err := querytest.ReadEvents(strings.NewReader(strings.Join(lines, "\n")))
	if err != nil {
		t.Fatal(err)
	}
	return events
}

func TestCases(t *testing.T) {
	for _, c := range allCases(t) {
		t.Run(c.file+"/"+c.name, func(t *testing.T) {
			q, err := insights.Parse(c.query)
			if c.err != "" {
				if err == nil {
					t.Fatalf("%s:%d: Parse(%q) succeeded, want error %q", c.file, c.line, c.query, c.err)
				}
				pos, text, _ := strings.Cut(c.err, ": ")
				msg := err.Error()
				if !strings.HasPrefix(msg, pos+": ") || !strings.Contains(msg, text) {
					t.Fatalf("%s:%d: error\n%s\nwant position %s and text %q", c.file, c.line, msg, pos, text)
				}
				if c.query != "" && !strings.Contains(msg, "^") {
					t.Errorf("error has no caret snippet:\n%s", msg)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s:%d: %v", c.file, c.line, err)
			}
			if !c.hasRows && c.runErr == "" {
				return
			}
			events := decodeEvents(t, c.events)
			opts := caseOptions(t, c)
			if c.runErr != "" {
				_, err := runWith(q, events, 1, opts)
				if err == nil || !strings.Contains(err.Error(), c.runErr) {
					t.Fatalf("%s:%d: Run: %v, want an error containing %q", c.file, c.line, err, c.runErr)
				}
				return
			}
			var want []map[string]string
			for _, r := range c.rows {
				var m map[string]string
				if err := json.Unmarshal([]byte(r), &m); err != nil {
					t.Fatalf("%s:%d: bad row %s: %v", c.file, c.line, r, err)
				}
				want = append(want, m)
			}
			for _, par := range []int{1, 2, 3} {
				res, err := runWith(q, events, par, opts)
				if err != nil {
					t.Fatal(err)
				}
				got := querytest.Rows(res)
				if len(want) == 0 && len(got) == 0 {
					got = want
				}
				if d := cmp.Diff(want, got); d != "" {
					t.Fatalf("%s:%d: parallelism %d: rows (-want +got):\n%s", c.file, c.line, par, d)
				}
				if c.hasFields {
					if d := cmp.Diff(c.fields, res.Fields); d != "" {
						t.Fatalf("%s:%d: fields (-want +got):\n%s", c.file, c.line, d)
					}
				}
			}
		})
	}
}

func runWith(q *insights.Query, events []insights.Event, par int, opts insights.Options) (*insights.Result, error) {
	opts.Parallelism, opts.Now = par, mustTime("2026-11-01T12:00:00Z")
	return q.Run(testContext(), querytest.Seq(events), opts)
}

// caseOptions returns the lookup tables and range of a case.
func caseOptions(t testing.TB, c *dataCase) insights.Options {
	var opts insights.Options
	for name, lines := range c.lookups {
		tab, err := insights.ReadLookupTable(strings.NewReader(strings.Join(lines, "\n")))
		if err != nil {
			t.Fatalf("%s:%d: lookup %s: %v", c.file, c.line, name, err)
		}
		if opts.LookupTables == nil {
			opts.LookupTables = map[string]*insights.LookupTable{}
		}
		opts.LookupTables[name] = tab
	}
	if c.rangeLine != "" {
		start, end, _ := strings.Cut(c.rangeLine, " ")
		opts.Start, opts.End = mustTime(start), mustTime(end)
	}
	return opts
}

// astOpts compares trees without positions or source text.
var astOpts = cmp.Options{cmpopts.IgnoreTypes(insights.Pos(0)), cmpopts.IgnoreUnexported(insights.Query{})}

// TestRoundTrip checks Parse(q.String()) equals q for every valid query of
// the data.
func TestRoundTrip(t *testing.T) {
	n := 0
	for _, src := range validQueries(t) {
		q, err := insights.Parse(src)
		if err != nil {
			continue
		}
		n++
		text := q.String()
		q2, err := insights.Parse(text)
		if err != nil {
			t.Errorf("Parse(String()) of %q failed: %v\ncanonical:\n%s", src, err, text)
			continue
		}
		if d := cmp.Diff(q, q2, astOpts); d != "" {
			t.Errorf("round trip of %q differs (-first +second):\n%s", src, d)
		}
		if q2.String() != text {
			t.Errorf("String not stable: %q then %q", text, q2.String())
		}
	}
	if n < 50 {
		t.Errorf("only %d valid queries in the data", n)
	}
}

// validQueries returns every query text of the data: cases and function
// expressions.
func validQueries(t testing.TB) []string {
	var qs []string
	for _, c := range allCases(t) {
		qs = append(qs, c.query)
	}
	for _, fc := range functionCases(t) {
		qs = append(qs, fc.query())
	}
	return qs
}

// functionCase is one line of testdata/functions.txt: "expr => value".
type functionCase struct {
	line       int
	expr, want string
}

func (f functionCase) query() string { return "fields " + f.expr + " as v | limit 1" }

func functionCases(t testing.TB) []functionCase {
	data, err := os.ReadFile("testdata/functions.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out []functionCase
	for i, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		k := strings.LastIndex(line, " => ")
		if k < 0 {
			t.Fatalf("functions.txt:%d: no \" => \"", i+1)
		}
		out = append(out, functionCase{line: i + 1, expr: line[:k], want: line[k+4:]})
	}
	return out
}

// functionEvent is the event the function expressions run on.
const functionEvent = `{"timestamp": 1793528430456, "ingestionTime": 1793528431000, "logStreamName": "web/1", "logGroupName": "/eventwatch/app", "message": "{\"n\":7,\"f\":2.5,\"s\":\"Hello World\",\"neg\":-3,\"ip\":\"10.1.2.3\",\"ok\":true,\"no\":false,\"nil\":null,\"items\":[{\"id\":\"a1\"},{\"id\":\"b2\"}],\"nested\":\"{\\\"x\\\":1}\",\"empty\":\"\",\"blank\":\"   \",\"@odd\":\"at\",\"esc\":\"tab\\there \\u00e9\",\"t\":\"2022-01-14T13:18:31.000-08:00\",\"list\":\"[1,2,\\\"three\\\"]\"}"}`

func TestFunctions(t *testing.T) {
	events := decodeEvents(t, []string{functionEvent})
	for _, fc := range functionCases(t) {
		q, err := insights.Parse(fc.query())
		if err != nil {
			t.Errorf("functions.txt:%d: %v", fc.line, err)
			continue
		}
		res, err := querytest.Run(q, events)
		if err != nil {
			t.Fatal(err)
		}
		got := "<null>"
		if len(res.Rows) == 1 {
			if v, ok := res.Rows[0].Get("v"); ok {
				got = v
			}
		}
		if got != fc.want {
			t.Errorf("functions.txt:%d: %s = %q, want %q", fc.line, fc.expr, got, fc.want)
		}
	}
}

// TestNaturalSort sorts the values of testdata/natsort.txt (in their
// expected ascending order, one per line, no comments) after shuffling
// them. The documentation's example list is in it, in the documented order,
// with -1, 2.5 and 10 added.
func TestNaturalSort(t *testing.T) {
	data, err := os.ReadFile("testdata/natsort.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	var events []insights.Event
	for i := range want {
		v := want[(i*7+3)%len(want)] // a fixed shuffle (len is prime to 7)
		msg, _ := json.Marshal(map[string]string{"v": v})
		events = append(events, insights.Event{Timestamp: int64(i), Message: string(msg)})
	}
	for _, dir := range []string{"asc", "desc"} {
		q := insights.MustParse("fields v | sort v " + dir)
		res, err := querytest.Run(q, events)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range res.Rows {
			v, _ := r.Get("v")
			got = append(got, v)
		}
		exp := append([]string(nil), want...)
		if dir == "desc" {
			for i, j := 0, len(exp)-1; i < j; i, j = i+1, j-1 {
				exp[i], exp[j] = exp[j], exp[i]
			}
		}
		if d := cmp.Diff(exp, got); d != "" {
			t.Errorf("sort %s (-want +got):\n%s", dir, d)
		}
	}
	for i := 1; i < len(want); i++ {
		if c := insights.NaturalCompare(want[i-1], want[i]); c > 0 {
			t.Errorf("NaturalCompare(%q, %q) = %d", want[i-1], want[i], c)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, q := range validQueries(f) {
		f.Add(q)
	}
	f.Add("filter x like /a\\/b/ and y =~ \"c\" | stats pct(a, 50) by bin(5m)")
	f.Fuzz(func(t *testing.T, src string) {
		q, err := insights.Parse(src)
		if err != nil {
			_ = err.Error()
			return
		}
		text := q.String()
		q2, err := insights.Parse(text)
		if err != nil {
			t.Fatalf("Parse(%q) ok but its String %q fails: %v", src, text, err)
		}
		if q2.String() != text {
			t.Fatalf("String not stable for %q: %q vs %q", src, text, q2.String())
		}
	})
}

func ExampleParse() {
	_, err := insights.Parse("fields a\n| stats count(*) by")
	fmt.Println(err)
	// Output:
	// 2:20: expected an expression after "by", found end of query
	// | stats count(*) by
	//                    ^
}
