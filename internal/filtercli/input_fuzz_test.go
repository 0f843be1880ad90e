package filtercli

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// FuzzLineReader checks the line reader against a plain split of the
// input: every line up to max bytes comes back unchanged, every longer one
// is reported as too long, in order, however the input is cut into reads.
func FuzzLineReader(f *testing.F) {
	for _, s := range []string{"", "a", "a\n", "a\nb", "\n\n", "abcdef\nab\nabcdefgh", "x\r\ny\n"} {
		f.Add(s, 4)
	}
	f.Fuzz(func(t *testing.T, input string, max int) {
		if max < 1 || max > 64 {
			return
		}
		lines := strings.Split(input, "\n")
		if strings.HasSuffix(input, "\n") || input == "" {
			lines = lines[:len(lines)-1]
		}
		// One byte per Read, and a tiny buffer, to cross every boundary.
		lr := &lineReader{r: newSmallReader(iotest.OneByteReader(strings.NewReader(input))), max: max}
		for i, want := range lines {
			got, err := lr.next()
			switch {
			case len(want) > max:
				if !errors.Is(err, errLineTooLong) {
					t.Fatalf("line %d (%d bytes, max %d): got %q, %v; want too long", i+1, len(want), max, got, err)
				}
			case err != nil || !bytes.Equal(got, []byte(want)):
				t.Fatalf("line %d: got %q, %v; want %q", i+1, got, err, want)
			}
		}
		if got, err := lr.next(); err != io.EOF {
			t.Fatalf("after %d lines: got %q, %v; want EOF", len(lines), got, err)
		}
	})
}

// newSmallReader buffers r with bufio's smallest buffer (16 bytes).
func newSmallReader(r io.Reader) *bufio.Reader { return bufio.NewReaderSize(r, 16) }
