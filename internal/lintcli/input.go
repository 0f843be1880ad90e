package lintcli

import (
	"io"
	"os"

	"github.com/eventwatch/eventwatch/internal/safefile"
)

// input is one opened input: a file, or standard input.
type input struct {
	name string // as findings name it: the path, or "<stdin>" for "-"
	r    io.Reader
	f    *os.File // nil for standard input
}

// openInputs opens every input before any is read, so that a missing or
// unreadable one stops the run at once; the errors name each. Inputs are
// streamed (safefile.OpenLog): files and pipes are read, directories,
// devices and sockets refused.
func openInputs(files []string, stdin io.Reader) ([]*input, []error) {
	var ins []*input
	var errs []error
	for _, name := range files {
		if name == "-" {
			ins = append(ins, &input{name: "<stdin>", r: stdin})
			continue
		}
		f, err := safefile.OpenLog(name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ins = append(ins, &input{name: name, r: f, f: f})
	}
	return ins, errs
}

// close closes the input's file.
func (in *input) close() {
	if in.f != nil {
		in.f.Close()
	}
}
