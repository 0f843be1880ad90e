package querycli

import (
	"bytes"
	"fmt"
	"io"
	"iter"
	"os"
	"sort"
	"strconv"
	"sync/atomic"

	"github.com/eventwatch/eventwatch/insights"
	"github.com/eventwatch/eventwatch/internal/safefile"
)

// reader turns input files into events, reporting bad lines on stderr.
type reader struct {
	stdin   io.Reader
	stderr  io.Writer
	input   string
	tsField string

	badLines   int
	readErrors int
	times      sameTime // the @timestamp of the events read
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

// input is one opened input: a file, or standard input.
type input struct {
	name string // as given on the command line; "<stdin>" for "-"
	r    io.Reader
	f    *os.File // nil for standard input
}

// openInputs opens every input before anything is read, so that a missing
// or unreadable input stops the run at once; the error names each one.
// Inputs are streamed (safefile.OpenLog): regular files and pipes (a
// named pipe, <(cmd)) are read, directories, devices and sockets refused.
func (rd *reader) openInputs(files []string) ([]input, []string) {
	var ins []input
	var problems []string
	for _, name := range files {
		if name == "-" {
			ins = append(ins, input{name: "<stdin>", r: rd.stdin})
			continue
		}
		f, err := safefile.OpenLog(name)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		ins = append(ins, input{name: name, r: f, f: f})
	}
	return ins, problems
}

// events returns the events of the inputs in order, closing each file
// when it is read.
func (rd *reader) events(ins []input) iter.Seq2[insights.Event, error] {
	return func(yield func(insights.Event, error) bool) {
		cwl := insights.NewExtractor(cwlFields...)
		for _, in := range ins {
			ok := rd.readFile(in.name, in.r, cwl, yield)
			if in.f != nil {
				in.f.Close()
			}
			if !ok {
				return
			}
		}
	}
}

// readFile yields the events of one input; it reports false when the
// consumer stopped.
func (rd *reader) readFile(name string, r io.Reader, cwlX *insights.Extractor, yield func(insights.Event, error) bool) bool {
	lr := newLineReader(r, MaxLineBytes)
	mode := rd.input
	bad := func(n int, format string, a ...any) {
		rd.badLines++
		fmt.Fprintf(rd.stderr, "%s:%d: %s\n", name, n, fmt.Sprintf(format, a...))
	}
	for n := 1; ; n++ {
		b, size, err := lr.next()
		if err == io.EOF {
			return true
		}
		rd.bytesRead.Add(int64(size))
		rd.linesRead.Add(1)
		if err == errLineTooLong {
			bad(n, "line of %d bytes is over the %d-byte limit (MaxLineBytes); skipped", size, MaxLineBytes)
			continue
		}
		if err != nil {
			fmt.Fprintf(rd.stderr, "%s:%d: %v\n", name, n, err)
			rd.readErrors++
			return true
		}
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
			if t < minTimestamp || t > maxTimestamp {
				bad(n, `"timestamp" %d is outside the times CloudWatch accepts (epoch ms from %d, 1970-01-01, to %d, 9999-12-31); skipped`, t, int64(minTimestamp), int64(maxTimestamp))
				continue
			}
			ev = insights.Event{Timestamp: t, Message: vals[1], LogStream: vals[2], LogGroup: vals[3]}
			if ok[4] {
				ev.IngestionTime, _ = strconv.ParseInt(vals[4], 10, 64)
			}
		} else {
			// @timestamp comes from Options.TimestampField, read by the
			// engine's workers.
			ev.Message = line
		}
		if len(ev.Message) > MaxEventBytes {
			bad(n, "message of %d bytes is over CloudWatch's %d-byte event limit (MaxEventBytes); skipped", len(ev.Message), MaxEventBytes)
			continue
		}
		if k := len(rd.where) - 1; k < 0 || rd.where[k].file != name || rd.where[k].line+int(rd.index-rd.where[k].index) != n {
			rd.where = append(rd.where, checkpoint{index: rd.index, file: name, line: n})
		}
		rd.index++
		rd.times.add(ev.Timestamp, mode == InputRaw)
		if !yield(ev, nil) {
			return false
		}
	}
}
