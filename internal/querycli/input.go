package querycli

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"iter"
	"os"
	"sort"
	"strconv"
	"sync/atomic"

	"github.com/eventwatch/eventwatch/insights"
)

// maxLineBytes is the longest input line read (CloudWatch events are at
// most 1 MB; raw lines get some headroom).
const maxLineBytes = 64 << 20

// reader turns input files into events, reporting bad lines on stderr.
type reader struct {
	stdin   io.Reader
	stderr  io.Writer
	input   string
	tsField string

	badLines   int
	openErrors int
	bytesRead  atomic.Int64
	linesRead  atomic.Int64

	// where maps event indexes to file lines: a checkpoint is added
	// whenever the line stops following from the previous one.
	where []checkpoint
	index int64 // events yielded so far
}

// checkpoint says that event index is at line of file, and the events
// after it on the following lines, up to the next checkpoint.
type checkpoint struct {
	index int64
	file  string
	line  int
}

// position returns "file:line" of the event at index.
func (rd *reader) position(index int64) string {
	i := sort.Search(len(rd.where), func(i int) bool { return rd.where[i].index > index }) - 1
	if i < 0 {
		return "?"
	}
	cp := rd.where[i]
	return fmt.Sprintf("%s:%d", cp.file, cp.line+int(index-cp.index))
}

// timestampError reports an event whose --timestamp-field is unusable.
func (rd *reader) timestampError(te insights.TimestampError) {
	rd.badLines++
	fmt.Fprintf(rd.stderr, "%s: %v\n", rd.position(te.Index), te)
}

// cwlFields are the keys of a CloudWatch event line, in extractor order.
var cwlFields = []string{"timestamp", "message", "logStreamName", "logGroupName", "ingestionTime"}

// events returns the events of files in order.
func (rd *reader) events(files []string) iter.Seq2[insights.Event, error] {
	return func(yield func(insights.Event, error) bool) {
		cwl := insights.NewExtractor(cwlFields...)
		for _, name := range files {
			var r io.Reader
			if name == "-" {
				r = rd.stdin
				name = "<stdin>"
			} else {
				f, err := os.Open(name)
				if err != nil {
					fmt.Fprintf(rd.stderr, "logq query: %v\n", err)
					rd.openErrors++
					continue
				}
				defer f.Close()
				r = f
			}
			if !rd.readFile(name, r, cwl, yield) {
				return
			}
		}
	}
}

// readFile yields the events of one input; it reports false when the
// consumer stopped.
func (rd *reader) readFile(name string, r io.Reader, cwlX *insights.Extractor, yield func(insights.Event, error) bool) bool {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), maxLineBytes)
	mode := rd.input
	bad := func(n int, format string, a ...any) {
		rd.badLines++
		fmt.Fprintf(rd.stderr, "%s:%d: %s\n", name, n, fmt.Sprintf(format, a...))
	}
	for n := 1; sc.Scan(); n++ {
		b := sc.Bytes()
		rd.bytesRead.Add(int64(len(b) + 1))
		rd.linesRead.Add(1)
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		line := string(b)
		if mode == InputAuto {
			mode = InputRaw
			if vals, ok := cwlX.Extract(line); ok[0] && ok[1] && vals[0] != "" {
				mode = InputCWL
			}
		}
		var ev insights.Event
		if mode == InputCWL {
			vals, ok := cwlX.Extract(line)
			if !ok[0] || !ok[1] {
				bad(n, `expected a CloudWatch event: a JSON object with "timestamp" (epoch ms) and "message"`)
				continue
			}
			t, err := strconv.ParseInt(vals[0], 10, 64)
			if err != nil {
				bad(n, `"timestamp" must be epoch milliseconds, found %q`, vals[0])
				continue
			}
			ev = insights.Event{Timestamp: t, Message: vals[1], LogStream: vals[2], LogGroup: vals[3]}
			if ok[4] {
				ev.IngestionTime, _ = strconv.ParseInt(vals[4], 10, 64)
			}
		} else {
			// @timestamp comes from Options.TimestampField, read by the
			// engine's workers when the query needs it.
			ev.Message = line
		}
		if k := len(rd.where) - 1; k < 0 || rd.where[k].file != name || rd.where[k].line+int(rd.index-rd.where[k].index) != n {
			rd.where = append(rd.where, checkpoint{index: rd.index, file: name, line: n})
		}
		rd.index++
		if !yield(ev, nil) {
			return false
		}
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintf(rd.stderr, "%s: %v\n", name, err)
		rd.openErrors++
	}
	return true
}
