package filtercli

import (
	"bufio"
	"errors"
	"io"
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

// errLineTooLong marks a line over the limit; the reader has skipped it.
var errLineTooLong = errors.New("line too long")

// lineReader returns the lines of a stream without their "\n", each at
// most max bytes; a longer line is skipped to its end and reported, and
// reading goes on with the next line.
type lineReader struct {
	r   *bufio.Reader
	max int
	buf []byte
}

func newLineReader(r io.Reader, max int) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, readBufferSize), max: max}
}

// next returns the next line, io.EOF at the end, errLineTooLong for a
// skipped line, or a read error.
func (lr *lineReader) next() ([]byte, error) {
	lr.buf = lr.buf[:0]
	tooLong := false
	for {
		chunk, err := lr.r.ReadSlice('\n')
		if !tooLong {
			if len(lr.buf)+len(chunk) > lr.max+1 || (len(lr.buf)+len(chunk) == lr.max+1 && chunk[len(chunk)-1] != '\n') {
				tooLong, lr.buf = true, lr.buf[:0]
			} else {
				lr.buf = append(lr.buf, chunk...)
			}
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF:
			if tooLong {
				return nil, errLineTooLong
			}
			if len(lr.buf) == 0 {
				return nil, io.EOF
			}
			return lr.buf, nil
		case err != nil:
			return nil, err
		}
		if tooLong {
			return nil, errLineTooLong
		}
		return lr.buf[:len(lr.buf)-1], nil
	}
}
