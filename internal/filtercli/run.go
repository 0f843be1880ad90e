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

	"github.com/eventwatch/eventwatch/filterpattern"
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

// readBufferSize is the size of the buffered input.
const readBufferSize = 256 << 10

// outputBufferSize is the size of the buffered standard output.
const outputBufferSize = 64 << 10

// Run runs "logq filter" with args (which exclude the word "filter") and
// returns the exit code.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
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
	r := &runner{opts: opts, pat: pat, out: bufio.NewWriterSize(stdout, outputBufferSize), stderr: stderr}
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

// runner holds the state of one run.
type runner struct {
	opts    *options
	pat     *filterpattern.Pattern
	ext     *filterpattern.Extractor
	out     *bufio.Writer
	stderr  io.Writer
	multi   bool // more than one input: name the file in JSON output
	matched bool
	buf     []byte
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
	lr := newLineReader(in, MaxLineBytes)
	var failed error
	for line := 1; ; line++ {
		msg, err := lr.next()
		switch {
		case err == io.EOF:
			return failed
		case errors.Is(err, errLineTooLong):
			fmt.Fprintf(r.stderr, "logq filter: %s:%d: line longer than %d bytes, skipped (CloudWatch events are at most 1 MiB)\n", display, line, MaxLineBytes)
			failed = err
			continue
		case err != nil:
			fmt.Fprintf(r.stderr, "logq filter: %s:%d: %v\n", display, line, readError(err))
			return err
		}
		if err := r.event(display, line, msg); err != nil {
			fmt.Fprintf(r.stderr, "logq filter: writing output: %v\n", err)
			return errOutput
		}
	}
}

// event tests one message and writes it out if it matches.
func (r *runner) event(file string, line int, msg []byte) error {
	if !r.opts.json {
		if !r.pat.MatchBytes(msg) {
			return nil
		}
		r.matched = true
		r.out.Write(msg)
		return r.out.WriteByte('\n')
	}
	var res filterpattern.Result
	if r.ext != nil {
		var ok bool
		if res, ok = r.ext.ExtractBytes(msg); !ok {
			return nil
		}
	} else if !r.pat.MatchBytes(msg) {
		return nil
	}
	r.matched = true
	r.buf = r.appendMatch(r.buf[:0], file, line, msg, res)
	_, err := r.out.Write(r.buf)
	return err
}
