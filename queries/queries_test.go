package queries

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/eventwatch/eventwatch/insights"
	"github.com/eventwatch/eventwatch/insights/langcheck"
	"github.com/eventwatch/eventwatch/insights/querytest"
)

// update rewrites testdata/NAME.expected.json from the current results:
//
//	go test ./queries -update
//
// Review the diff before committing. The expected-file format (a JSON array
// of objects, field -> string value, one per result row, in result order)
// is documented in package insights/querytest.
var update = flag.Bool("update", false, "rewrite testdata/*.expected.json from the current results")

// TestSavedQueriesParse checks that every saved query parses.
func TestSavedQueriesParse(t *testing.T) {
	cases, err := querytest.Cases(FS)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no saved queries found")
	}
	for _, c := range cases {
		if c.Language != langcheck.LanguageInsights {
			if err := querytest.CheckFile(FS, c); err != nil {
				t.Errorf("%v", err)
			}
			continue
		}
		if _, err := querytest.ParseFile(FS, c.Query); err != nil {
			t.Errorf("%v", err)
		}
	}
}

// TestSavedQueries runs each saved query that has sample events and
// compares the rows with its expected file.
func TestSavedQueries(t *testing.T) {
	cases, err := querytest.Cases(FS)
	if err != nil {
		t.Fatal(err)
	}
	tested := 0
	for _, c := range cases {
		if c.Events == "" {
			continue
		}
		tested++
		t.Run(c.Name, func(t *testing.T) {
			q, err := querytest.ParseFile(FS, c.Query)
			if err != nil {
				t.Fatal(err)
			}
			if nr := q.NotRunOffline(); nr != nil {
				t.Skipf("%s: %v; its sample events were not run", c.Query, &insights.NotRunError{Commands: nr})
			}
			res, err := querytest.RunCase(FS, q, c)
			if err != nil {
				t.Fatal(err)
			}
			expected := filepath.Join(querytest.TestdataDir, filepath.FromSlash(c.Name)+querytest.ExpectedSuffix)
			if *update {
				var b bytes.Buffer
				if err := querytest.WriteExpected(&b, res); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(expected, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if c.Expected == "" {
				t.Fatalf("%s is missing; create it with: go test ./queries -update", expected)
			}
			want, err := querytest.ReadExpectedFile(FS, c.Expected)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(want, querytest.Rows(res)); d != "" {
				t.Errorf("%s: rows differ from %s (-want +got):\n%s\nIf the change is intended: go test ./queries -update", c.Query, expected, d)
			}
		})
	}
	if tested == 0 {
		t.Fatal("no saved query has sample events")
	}
}

// TestCheckDir runs the reusable directory check over the shipped queries.
func TestCheckDir(t *testing.T) {
	if *update {
		t.Skip("expected files are being rewritten")
	}
	for _, err := range querytest.CheckDir(FS) {
		var mm *querytest.MismatchError
		if errors.As(err, &mm) {
			continue // reported by TestSavedQueries with a go-cmp diff
		}
		t.Error(err)
	}
}
