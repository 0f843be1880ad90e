// Package filtercli implements "logq filter": it runs a CloudWatch Logs
// filter pattern over log events read from files or standard input, one
// event message per line, like grep.
package filtercli

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"sync"

	"github.com/eventwatch/eventwatch/filterpattern"
	"github.com/eventwatch/eventwatch/internal/chunked"
)

// Exit codes, as grep uses them.
const (
	ExitMatch   = 0 // at least one event matched
	ExitNoMatch = 1 // no event matched
	ExitError   = 2 // bad usage, bad pattern, or a file could not be read
)

// MaxLineBytes is the longest event line accepted. CloudWatch events are at
// most 1 MiB; the rest is headroom for escaping by the producer.
const MaxLineBytes = 2 << 20

// outputBufferSize is the size of the buffered standard output.
const outputBufferSize = 64 << 10

// Run runs "logq filter" with args (which exclude the word "filter") and
// returns the exit code. Large inputs are read in chunks that are filtered
// on every core (see internal/chunked); the output is that of a
// sequential run, line for line.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return run(args, stdin, stdout, stderr, chunked.Config{})
}

// run is Run with the chunking set (tests use tiny chunks and 1 or N
// workers); MaxLineBytes is always MaxLineBytes.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, chunks chunked.Config) int {
	opts, err := parseArgs(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, usage)
		return ExitMatch
	}
	if err != nil {
		fmt.Fprintf(stderr, "logq filter: %v\nRun 'logq filter --help' for usage.\n", err)
		return ExitError
	}
	pat, err := filterpattern.Parse(opts.pattern)
	if err != nil {
		fmt.Fprintf(stderr, "logq filter: bad pattern: %v\n", err)
		return ExitError
	}
	chunks.MaxLineBytes = MaxLineBytes
	r := &runner{opts: opts, pat: pat, pre: pat.Prefilter(), out: bufio.NewWriterSize(stdout, outputBufferSize), stderr: stderr, chunks: chunks}
	if opts.value != "" || len(opts.dims) > 0 {
		value := opts.value
		if value == "" {
			value = "1"
		}
		if r.ext, err = pat.NewExtractor(value, opts.dims); err != nil {
			fmt.Fprintf(stderr, "logq filter: %v\n", err)
			return ExitError
		}
	}
	files := opts.files
	if len(files) == 0 {
		files = []string{"-"}
	}
	r.multi = len(files) > 1
	failed := false
	for _, name := range files {
		if err := r.file(name, stdin); err != nil {
			failed = true
			if errors.Is(err, errOutput) {
				break
			}
		}
	}
	if err := r.out.Flush(); err != nil && !failed {
		fmt.Fprintf(stderr, "logq filter: writing output: %v\n", err)
		failed = true
	}
	switch {
	case failed:
		return ExitError
	case r.matched:
		return ExitMatch
	default:
		return ExitNoMatch
	}
}

// errOutput marks a failure to write the output, which stops the run.
var errOutput = errors.New("output error")

// runner holds the state of one run. Workers share it read-only; matched
// and the output are the merging goroutine's.
type runner struct {
	opts    *options
	pat     *filterpattern.Pattern
	pre     *filterpattern.Prefilter // nil when the pattern has none
	ext     *filterpattern.Extractor
	out     *bufio.Writer
	stderr  io.Writer
	chunks  chunked.Config
	multi   bool // more than one input: name the file in JSON output
	matched bool
	bufs    sync.Pool // *[]byte output buffers of chunks
}

// file filters one input ("-" is stdin). Problems are reported to stderr
// with the file's name (and line), as grep reports them; a line over
// MaxLineBytes is reported and skipped, and the rest of the file is read.
func (r *runner) file(name string, stdin io.Reader) error {
	in, display := stdin, "(standard input)"
	if name != "-" {
		f, err := openInput(name)
		if err != nil {
			fmt.Fprintf(r.stderr, "logq filter: %v\n", err)
			return err
		}
		defer f.Close()
		in, display = f, name
	}
	var failed error
	err := chunked.Process(in, r.chunks, func(c *chunked.Chunk) *[]byte {
		return r.filterChunk(c, display)
	}, func(c *chunked.Chunk, out *[]byte) error {
		switch {
		case c.Err != nil:
			fmt.Fprintf(r.stderr, "logq filter: %s:%d: %v\n", display, c.Line, readError(c.Err))
			return c.Err
		case c.LongLine > 0:
			fmt.Fprintf(r.stderr, "logq filter: %s:%d: line longer than %d bytes, skipped (CloudWatch events are at most 1 MiB)\n", display, c.Line, MaxLineBytes)
			failed = errLineTooLong
			return nil
		}
		defer r.bufs.Put(out)
		if len(*out) == 0 {
			return nil
		}
		r.matched = true
		if _, err := r.out.Write(*out); err != nil {
			fmt.Fprintf(r.stderr, "logq filter: writing output: %v\n", err)
			return errOutput
		}
		return nil
	})
	if err != nil {
		return err
	}
	return failed
}
