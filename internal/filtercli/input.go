package filtercli

import (
	"errors"
	"io/fs"
	"os"
	"syscall"

	"github.com/eventwatch/eventwatch/internal/safefile"
)

// openInput opens a named input to be streamed (safefile.OpenLog): a
// regular file or a pipe (a named pipe, <(cmd)). A directory is refused at
// once, as grep does, and so are devices and sockets; the error names the
// file.
func openInput(name string) (*os.File, error) {
	return safefile.OpenLog(name)
}

// pathError drops the "open NAME:" that os adds, since messages name the
// file first already.
func pathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// readError describes a read failure without repeating the file name.
func readError(err error) error {
	if errors.Is(err, syscall.EISDIR) {
		return errors.New("is a directory")
	}
	return pathError(err)
}

// errLineTooLong marks a line over the limit; it was skipped.
var errLineTooLong = errors.New("line too long")
