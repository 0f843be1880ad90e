package querycli

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// errLineTooLong is returned by lineReader.next for a line over the limit;
// the reader has skipped the rest of it.
var errLineTooLong = errors.New("line too long")

// lineReader reads lines of at most max bytes; unlike bufio.Scanner it goes
// on after a line that is too long.
type lineReader struct {
	r   *bufio.Reader
	max int
	buf []byte
}

func newLineReader(r io.Reader, max int) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, 256<<10), max: max}
}

// next returns the next line without its "\n" (and "\r"), the number of
// bytes it took in the input, and io.EOF at the end. A line over the limit
// gives errLineTooLong and its length; the next call reads the line after.
func (lr *lineReader) next() ([]byte, int, error) {
	lr.buf = lr.buf[:0]
	n := 0
	tooLong := false
	for {
		chunk, err := lr.r.ReadSlice('\n')
		n += len(chunk)
		if !tooLong {
			if len(lr.buf)+len(chunk) > lr.max+2 {
				tooLong = true
				lr.buf = lr.buf[:0]
			} else {
				lr.buf = append(lr.buf, chunk...)
			}
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF && n == 0:
			return nil, 0, io.EOF
		case err != nil && err != io.EOF:
			return nil, n, err
		}
		if tooLong {
			return nil, n, errLineTooLong
		}
		line := bytes.TrimSuffix(lr.buf, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(line) > lr.max {
			return nil, n, errLineTooLong
		}
		return line, n, nil
	}
}
