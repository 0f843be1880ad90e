package querytest

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/eventwatch/eventwatch/insights"
	"github.com/eventwatch/eventwatch/internal/safefile"
)

// rangePrefix starts the events-file comment that sets the query range.
const rangePrefix = "# range:"

// readRange returns the query range of an events file, if it sets one.
func readRange(data []byte) (start, end time.Time, ok bool, err error) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 16<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		rest, found := strings.CutPrefix(line, rangePrefix)
		if !found {
			continue
		}
		f := strings.Fields(rest)
		if len(f) == 2 {
			start, err = time.Parse(time.RFC3339, f[0])
			if err == nil {
				end, err = time.Parse(time.RFC3339, f[1])
			}
			if err == nil && !end.Before(start) {
				return start, end, true, nil
			}
		}
		return start, end, false, fmt.Errorf("line %d: expected %q START END (RFC 3339, START not after END), found %q", n, rangePrefix, line)
	}
	return start, end, false, nil
}

// readLookups reads testdata/TABLE.csv for every lookup command of q,
// through safefile's guards (a regular file of UTF-8 text, at most
// CloudWatch's 10 MB), whatever fsys is.
func readLookups(fsys fs.FS, q *insights.Query) (map[string]*insights.LookupTable, error) {
	tables := map[string]*insights.LookupTable{}
	for _, c := range q.Commands {
		l, ok := c.(*insights.LookupCmd)
		if !ok || tables[l.Table] != nil {
			continue
		}
		file := path.Join(TestdataDir, l.Table+".csv")
		data, err := safefile.ReadFS(fsys, file, "", safefile.LookupTable)
		if err != nil {
			return nil, &FileError{File: file, Err: fmt.Errorf("the lookup table of %s: %w", l.Table, err)}
		}
		t, err := insights.ReadLookupTable(bytes.NewReader(data))
		if err != nil {
			return nil, &FileError{File: file, Err: err}
		}
		tables[l.Table] = t
	}
	return tables, nil
}
