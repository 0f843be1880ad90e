// Package querytest validates a directory of saved Logs Insights queries and
// runs their sample-event tests.
//
// # Layout
//
// A query is a file NAME.insights anywhere below the directory (NAME.sql and
// NAME.ppl files are OpenSearch SQL and PPL queries: they are checked by
// package langcheck and never run offline). Its test, when it has one, is
// two files under testdata/ beside the directory root:
//
//	testdata/NAME.events.jsonl    sample events, one CloudWatch event per line
//	testdata/NAME.expected.json   the expected result rows
//	testdata/TABLE.csv            a lookup table the query's lookup command reads
//
// (NAME keeps its subfolders: team/slow.insights is tested by
// testdata/team/slow.events.jsonl.)
//
// # Events file
//
// One JSON object per line, the shape of `aws logs filter-log-events`
// events:
//
//	{"timestamp": 1793491200000, "message": "...", "logStreamName": "web/1", "logGroupName": "/app", "ingestionTime": 1793491200100}
//
// timestamp and message are required; the others are optional. Blank lines
// and lines starting with # are skipped, except one of the form
//
//	# range: 2026-11-01T00:00:00Z 2026-11-01T01:00:00Z
//
// which sets the query range (queryStartTime(), diff); without it the range
// is the span of the events.
//
// Queries with commands the offline engine does not run (pattern, anomaly,
// join, ...; see insights.NotRunError) are parsed and checked, and their
// test is reported as not run, with the reason, instead of failing.
//
// # Expected file
//
// A JSON array with one object per result row, in result order. Each
// object maps a field name to its value as a string, exactly as
// GetQueryResults returns it; a field missing from a row is left out:
//
//	[
//	  {"bin(1h)": "2026-11-01 10:00:00.000", "exceptionCount": "3"},
//	  {"bin(1h)": "2026-11-01 09:00:00.000", "exceptionCount": "1"}
//	]
//
// WriteExpected writes this format (keys in column order), so expected
// files can be regenerated from a run and reviewed as a diff.
package querytest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"maps"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/eventwatch/eventwatch/insights"
	"github.com/eventwatch/eventwatch/insights/langcheck"
)

// Extension is the file extension of a saved query.
const Extension = ".insights"

// Suffixes of the test files under testdata/.
const (
	EventsSuffix   = ".events.jsonl"
	ExpectedSuffix = ".expected.json"
	TestdataDir    = "testdata"
)

// Other query languages: their extension and QueryLanguage.
var otherLanguages = map[string]string{".sql": langcheck.LanguageSQL, ".ppl": langcheck.LanguagePPL}

// Case is one saved query and its test files (empty when absent).
type Case struct {
	Name     string // path without extension, e.g. "team/slow-requests"
	Language string // langcheck.LanguageInsights, LanguageSQL or LanguagePPL
	Query    string // path of the query file
	Events   string // path of the events file, or ""
	Expected string // path of the expected file, or ""
}

// Cases lists the saved queries below the root of fsys, in path order.
func Cases(fsys fs.FS) ([]Case, error) {
	var cases []Case
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		ext := path.Ext(p)
		lang, other := otherLanguages[ext]
		if ext != Extension && !other {
			return nil
		}
		if !other {
			lang = langcheck.LanguageInsights
		}
		name := strings.TrimSuffix(p, ext)
		c := Case{Name: name, Language: lang, Query: p}
		if other {
			cases = append(cases, c)
			return nil
		}
		if ev := path.Join(TestdataDir, name+EventsSuffix); exists(fsys, ev) {
			c.Events = ev
		}
		if ex := path.Join(TestdataDir, name+ExpectedSuffix); exists(fsys, ex) {
			c.Expected = ex
		}
		cases = append(cases, c)
		return nil
	})
	return cases, err
}

func exists(fsys fs.FS, p string) bool {
	_, err := fs.Stat(fsys, p)
	return err == nil
}

// FileError is an error in a file. When Err is an *insights.Error (or a
// list of them) the message is "file:line:col: msg" with the source line
// and a caret.
type FileError struct {
	File string
	Err  error
}

// Error returns the message.
func (e *FileError) Error() string {
	var list insights.ErrorList
	if errors.As(e.Err, &list) {
		parts := make([]string, len(list))
		for i, qe := range list {
			parts[i] = e.File + ":" + qe.Error()
		}
		return strings.Join(parts, "\n")
	}
	var qe *insights.Error
	if errors.As(e.Err, &qe) {
		return e.File + ":" + qe.Error()
	}
	return e.File + ": " + e.Err.Error()
}

// Unwrap returns the underlying error.
func (e *FileError) Unwrap() error { return e.Err }

// MismatchError reports a query whose result differs from its expected
// rows.
type MismatchError struct {
	Name     string // query name
	Expected string // path of the expected file
	Diff     string // readable difference, see DiffRows
}

// Error returns the message.
func (e *MismatchError) Error() string {
	return fmt.Sprintf("%s: result differs from %s:\n%s", e.Name, e.Expected, strings.TrimRight(e.Diff, "\n"))
}

// NotRunNote says that a query's test was not run offline, and why.
type NotRunNote struct {
	Name   string // query name
	Reason string // what was not run, and what was checked instead
}

// String returns the note.
func (n NotRunNote) String() string { return n.Name + ": " + n.Reason }

// Report is the outcome of Check.
type Report struct {
	Queries int          // query files parsed
	Tests   int          // sample-event tests run
	Errors  []error      // *FileError and *MismatchError, in path order
	NotRun  []NotRunNote // tests not run offline, and SQL and PPL queries
}

// CheckDir parses every query below the root of fsys and runs the tests
// that have sample events; it returns every problem found (nil when all is
// well).
func CheckDir(fsys fs.FS) []error { return Check(fsys).Errors }

// Check is CheckDir with counts.
func Check(fsys fs.FS) Report {
	var rep Report
	cases, err := Cases(fsys)
	if err != nil {
		rep.Errors = append(rep.Errors, err)
		return rep
	}
	for _, c := range cases {
		rep.Queries++
		if c.Language != langcheck.LanguageInsights {
			if err := CheckFile(fsys, c); err != nil {
				rep.Errors = append(rep.Errors, err)
			} else {
				rep.NotRun = append(rep.NotRun, NotRunNote{Name: c.Name, Reason: c.Language + " query checked (quotes, brackets, clauses or commands); SQL and PPL queries are never run offline"})
			}
			continue
		}
		q, err := ParseFile(fsys, c.Query)
		if err != nil {
			rep.Errors = append(rep.Errors, err)
			continue
		}
		if nr := q.NotRunOffline(); nr != nil {
			reason := (&insights.NotRunError{Commands: nr}).Error()
			if c.Events != "" {
				reason += "; its sample events were not run"
			}
			rep.NotRun = append(rep.NotRun, NotRunNote{Name: c.Name, Reason: reason})
			continue
		}
		switch {
		case c.Events == "" && c.Expected == "":
			continue
		case c.Events == "":
			rep.Errors = append(rep.Errors, &FileError{File: c.Expected, Err: fmt.Errorf("no events file %s beside it", path.Base(c.Name)+EventsSuffix)})
			continue
		case c.Expected == "":
			rep.Errors = append(rep.Errors, &FileError{File: c.Events, Err: fmt.Errorf("no expected file %s beside it", path.Base(c.Name)+ExpectedSuffix)})
			continue
		}
		rep.Tests++
		got, err := RunCase(fsys, q, c)
		if err != nil {
			rep.Errors = append(rep.Errors, err)
			continue
		}
		want, err := ReadExpectedFile(fsys, c.Expected)
		if err != nil {
			rep.Errors = append(rep.Errors, err)
			continue
		}
		if d := DiffRows(want, Rows(got)); d != "" {
			rep.Errors = append(rep.Errors, &MismatchError{Name: c.Name, Expected: c.Expected, Diff: d})
		}
	}
	return rep
}

// CheckFile reads and checks an SQL or PPL query file; errors are
// *FileError.
func CheckFile(fsys fs.FS, c Case) error {
	src, err := fs.ReadFile(fsys, c.Query)
	if err == nil {
		err = langcheck.Check(c.Language, string(src))
	}
	if err != nil {
		return &FileError{File: c.Query, Err: err}
	}
	return nil
}

// ParseFile reads and parses one query file; errors are *FileError.
func ParseFile(fsys fs.FS, name string) (*insights.Query, error) {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, &FileError{File: name, Err: err}
	}
	q, err := insights.Parse(string(src))
	if err != nil {
		return nil, &FileError{File: name, Err: err}
	}
	return q, nil
}

// RunCase runs query q over the events file of c.
func RunCase(fsys fs.FS, q *insights.Query, c Case) (*insights.Result, error) {
	data, err := fs.ReadFile(fsys, c.Events)
	if err != nil {
		return nil, &FileError{File: c.Events, Err: err}
	}
	events, err := ReadEvents(bytes.NewReader(data))
	if err != nil {
		return nil, &FileError{File: c.Events, Err: err}
	}
	var opts insights.Options
	if start, end, ok, err := readRange(data); err != nil {
		return nil, &FileError{File: c.Events, Err: err}
	} else if ok {
		opts.Start, opts.End = start, end
	}
	tables, err := readLookups(fsys, q)
	if err != nil {
		return nil, err
	}
	opts.LookupTables = tables
	res, err := RunWith(q, events, opts)
	if err != nil {
		return nil, &FileError{File: c.Query, Err: err}
	}
	return res, nil
}

// Run runs q over events with deterministic options: the query range is
// the events' time span and now() is the end of it.
func Run(q *insights.Query, events []insights.Event) (*insights.Result, error) {
	return RunWith(q, events, insights.Options{})
}

// RunWith is Run with lookup tables and, when opts.Start is set, a query
// range of its own.
func RunWith(q *insights.Query, events []insights.Event, opts insights.Options) (*insights.Result, error) {
	if !opts.Start.IsZero() {
		opts.Now = opts.End
		return q.Run(context.Background(), Seq(events), opts)
	}
	for i, e := range events {
		t := time.UnixMilli(e.Timestamp).UTC()
		if i == 0 || t.Before(opts.Start) {
			opts.Start = t
		}
		if i == 0 || t.After(opts.End) {
			opts.End = t
		}
	}
	opts.Now = opts.End
	if opts.Now.IsZero() {
		opts.Now = time.Unix(0, 0)
	}
	return q.Run(context.Background(), Seq(events), opts)
}

// Seq returns events as a sequence for Query.Run.
func Seq(events []insights.Event) iter.Seq2[insights.Event, error] {
	return func(yield func(insights.Event, error) bool) {
		for _, e := range events {
			if !yield(e, nil) {
				return
			}
		}
	}
}

// cwlEvent is the JSON shape of one event line.
type cwlEvent struct {
	Timestamp     *int64  `json:"timestamp"`
	Message       *string `json:"message"`
	LogStreamName string  `json:"logStreamName"`
	LogGroupName  string  `json:"logGroupName"`
	IngestionTime int64   `json:"ingestionTime"`
}

// DecodeEvent decodes one event line (see the package doc).
func DecodeEvent(line []byte) (insights.Event, error) {
	var e cwlEvent
	if err := json.Unmarshal(line, &e); err != nil {
		return insights.Event{}, err
	}
	if e.Timestamp == nil || e.Message == nil {
		return insights.Event{}, errors.New(`an event needs "timestamp" (epoch ms) and "message"`)
	}
	return insights.Event{Timestamp: *e.Timestamp, Message: *e.Message, LogStream: e.LogStreamName,
		LogGroup: e.LogGroupName, IngestionTime: e.IngestionTime}, nil
}

// ReadEvents reads an events file; an error names the line.
func ReadEvents(r io.Reader) ([]insights.Event, error) {
	var events []insights.Event
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		e, err := DecodeEvent(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		events = append(events, e)
	}
	return events, sc.Err()
}

// Rows returns the rows of res as field → value maps.
func Rows(res *insights.Result) []map[string]string {
	rows := make([]map[string]string, len(res.Rows))
	for i, r := range res.Rows {
		rows[i] = r.Map()
	}
	return rows
}

// ReadExpected reads an expected file.
func ReadExpected(r io.Reader) ([]map[string]string, error) {
	var rows []map[string]string
	dec := json.NewDecoder(r)
	if err := dec.Decode(&rows); err != nil {
		return nil, err
	}
	if rows == nil {
		rows = []map[string]string{}
	}
	return rows, nil
}

// ReadExpectedFile reads an expected file of fsys; errors are *FileError.
func ReadExpectedFile(fsys fs.FS, name string) ([]map[string]string, error) {
	data, err := fs.ReadFile(fsys, name)
	if err == nil {
		var rows []map[string]string
		rows, err = ReadExpected(bytes.NewReader(data))
		if err == nil {
			return rows, nil
		}
	}
	return nil, &FileError{File: name, Err: err}
}

// WriteExpected writes res in the expected-file format: one row per line,
// keys in column order.
func WriteExpected(w io.Writer, res *insights.Result) error {
	var b bytes.Buffer
	b.WriteString("[")
	for i, r := range res.Rows {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n  {")
		for j, c := range r {
			if j > 0 {
				b.WriteString(", ")
			}
			k, _ := json.Marshal(c.Field)
			v, _ := json.Marshal(c.Value)
			b.Write(k)
			b.WriteString(": ")
			b.Write(v)
		}
		b.WriteString("}")
	}
	if len(res.Rows) > 0 {
		b.WriteString("\n")
	}
	b.WriteString("]\n")
	_, err := w.Write(b.Bytes())
	return err
}

// DiffRows returns "" when got equals want, else one line per difference:
// "row N: field F: want "x", got "y"", missing and extra rows and fields.
func DiffRows(want, got []map[string]string) string {
	var b strings.Builder
	for i := 0; i < max(len(want), len(got)); i++ {
		switch {
		case i >= len(got):
			fmt.Fprintf(&b, "row %d: missing, want %s\n", i+1, rowString(want[i]))
		case i >= len(want):
			fmt.Fprintf(&b, "row %d: extra, got %s\n", i+1, rowString(got[i]))
		default:
			keys := map[string]bool{}
			for k := range want[i] {
				keys[k] = true
			}
			for k := range got[i] {
				keys[k] = true
			}
			for _, k := range slices.Sorted(maps.Keys(keys)) {
				w, wok := want[i][k]
				g, gok := got[i][k]
				switch {
				case wok && !gok:
					fmt.Fprintf(&b, "row %d: field %q: want %q, got missing\n", i+1, k, w)
				case !wok && gok:
					fmt.Fprintf(&b, "row %d: field %q: want missing, got %q\n", i+1, k, g)
				case w != g:
					fmt.Fprintf(&b, "row %d: field %q: want %q, got %q\n", i+1, k, w, g)
				}
			}
		}
	}
	return b.String()
}

func rowString(r map[string]string) string {
	b, _ := json.Marshal(r)
	return string(b)
}
