package querycli

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/eventwatch/eventwatch/insights"
	"github.com/eventwatch/eventwatch/internal/chunked"
	"github.com/eventwatch/eventwatch/internal/safefile"
)

// reader turns input files into blocks of events, reporting bad lines on
// stderr. Each input is read in chunks decoded on every core
// (internal/chunked, decode.go); the blocks and the reports come in input
// order.
type reader struct {
	stdin   io.Reader
	stderr  io.Writer
	input   string
	tsField string
	chunks  chunked.Config      // how inputs are cut; MaxLineBytes is set by blocks
	keep    *insights.Prefilter // the query's prefilter; nil keeps every event
	cwl     sync.Pool           // *insights.Extractor of cwlFields, one per worker at a time
	spare   sync.Pool           // *decoded whose block the engine has copied

	mu         sync.Mutex // guards what follows: the engine reports timestamp errors from its own goroutine
	badLines   int
	readErrors int
	// where maps event indexes to file lines: a checkpoint is added
	// whenever the line stops following from the previous one.
	where []checkpoint

	times     sameTime // the @timestamp of the events read
	index     int64    // events read so far
	bytesRead atomic.Int64
	linesRead atomic.Int64
}

// checkpoint says that event index is at line of file, and the events
// after it on the following lines, up to the next checkpoint.
type checkpoint struct {
	index int64
	file  string
	line  int
}

// position returns "file:line" of the event at index; the caller holds mu.
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
	rd.mu.Lock()
	defer rd.mu.Unlock()
	rd.badLines++
	fmt.Fprintf(rd.stderr, "%s: %v\n", rd.position(te.Index), te)
}

// bad reports a bad line of file.
func (rd *reader) bad(file string, line int, msg string) {
	rd.mu.Lock()
	defer rd.mu.Unlock()
	rd.badLines++
	fmt.Fprintf(rd.stderr, "%s:%d: %s\n", file, line, msg)
}

// failures returns the counts of bad lines and read errors.
func (rd *reader) failures() (badLines, readErrors int) {
	rd.mu.Lock()
	defer rd.mu.Unlock()
	return rd.badLines, rd.readErrors
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

// blocks returns the events of the inputs in order, a block per chunk,
// closing each file when it is read.
func (rd *reader) blocks(ins []input) iter.Seq2[*insights.Block, error] {
	return func(yield func(*insights.Block, error) bool) {
		for _, in := range ins {
			ok := rd.readFile(in.name, in.r, yield)
			if in.f != nil {
				in.f.Close()
			}
			if !ok {
				return
			}
		}
	}
}

// errStopped is returned by a merge when the engine stopped reading.
var errStopped = errors.New("stopped")

// readFile yields the blocks of one input; it reports false when the
// consumer stopped.
func (rd *reader) readFile(name string, r io.Reader, yield func(*insights.Block, error) bool) bool {
	f := &fileDecoder{rd: rd, name: name}
	f.mode.Store(modeOf(rd.input))
	cfg := rd.chunks
	cfg.MaxLineBytes = MaxLineBytes + 1 // a "\r" before the "\n" is not counted
	cfg.Inspect = f.inspect
	err := chunked.Process(r, cfg, f.decode, func(c *chunked.Chunk, d *decoded) error {
		defer func() {
			d.reset()
			rd.spare.Put(d)
		}()
		if !f.merge(c, d) {
			return nil
		}
		if !yield(&d.block, nil) {
			return errStopped
		}
		return nil
	})
	return err == nil
}

// merge reports what decoding a chunk found, in input order, and numbers
// its events after those before; it reports whether the chunk has events.
func (f *fileDecoder) merge(c *chunked.Chunk, d *decoded) bool {
	rd := f.rd
	rd.linesRead.Add(int64(c.Lines))
	switch {
	case c.Err != nil:
		rd.mu.Lock()
		fmt.Fprintf(rd.stderr, "%s:%d: %v\n", f.name, c.Line, c.Err)
		rd.readErrors++
		rd.mu.Unlock()
		return false
	case c.LongLine > 0:
		rd.bytesRead.Add(int64(c.LongLine))
		rd.bad(f.name, c.Line, fmt.Sprintf("line of %d bytes is over the %d-byte limit (MaxLineBytes); skipped", c.LongLine, MaxLineBytes))
		return false
	}
	rd.bytesRead.Add(int64(len(c.Data)))
	for _, b := range d.bad {
		rd.bad(f.name, b.line, b.msg)
	}
	rd.mu.Lock()
	for _, cp := range d.where {
		cp.index += rd.index
		if k := len(rd.where) - 1; k < 0 || rd.where[k].file != f.name || rd.where[k].line+int(cp.index-rd.where[k].index) != cp.line {
			rd.where = append(rd.where, cp)
		}
	}
	rd.mu.Unlock()
	rd.index += int64(d.block.N)
	rd.times.merge(d.times)
	return d.block.N > 0
}
