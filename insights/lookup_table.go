package insights

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
)

// LookupTable is a lookup table for the lookup command: a header of column
// names and rows of strings, as uploaded to CloudWatch Logs as CSV.
type LookupTable struct {
	Columns []string
	Rows    [][]string
}

// column returns the index of the named column, or -1.
func (t *LookupTable) column(name string) int {
	for i, c := range t.Columns {
		if c == name {
			return i
		}
	}
	return -1
}

// ReadLookupTable reads a CSV lookup table: a header row, then rows with
// as many fields. Errors name the CSV line.
func ReadLookupTable(r io.Reader) (*LookupTable, error) {
	lr := &io.LimitedReader{R: r, N: MaxLookupTableBytes + 1}
	cr := csv.NewReader(lr)
	recs, err := cr.ReadAll()
	if lr.N <= 0 {
		return nil, fmt.Errorf("over %d bytes (MaxLookupTableBytes, CloudWatch's limit)", MaxLookupTableBytes)
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("line %d: %v", pe.Line, pe.Err)
		}
		return nil, err
	}
	if len(recs) == 0 {
		return nil, errors.New("empty: expected a header row of column names")
	}
	t := &LookupTable{Columns: recs[0], Rows: recs[1:]}
	seen := map[string]bool{}
	for _, c := range t.Columns {
		if c == "" || seen[c] {
			return nil, fmt.Errorf("line 1: column names must be distinct and not empty, found %q", c)
		}
		seen[c] = true
	}
	return t, nil
}
