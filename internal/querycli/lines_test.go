package querycli

import (
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// FuzzLineReader checks lineReader against strings.Split, one byte per
// read, with a small limit: short lines come back as they are, longer
// ones as errLineTooLong, and every byte is counted.
func FuzzLineReader(f *testing.F) {
	f.Add("a\nbb\r\nccccccccccccc\n\nd")
	f.Add(strings.Repeat("x", 300) + "\nok\n")
	f.Fuzz(func(t *testing.T, s string) {
		const max = 8
		lr := newLineReader(iotest.OneByteReader(strings.NewReader(s)), max)
		want := strings.Split(s, "\n")
		if strings.HasSuffix(s, "\n") || s == "" {
			want = want[:len(want)-1]
		}
		total := 0
		for i := 0; ; i++ {
			line, n, err := lr.next()
			total += n
			if err == io.EOF {
				if i != len(want) {
					t.Fatalf("%q: %d lines, want %d", s, i, len(want))
				}
				break
			}
			if i >= len(want) {
				t.Fatalf("%q: extra line %q", s, line)
			}
			w := strings.TrimSuffix(want[i], "\r")
			switch {
			case len(w) > max && err != errLineTooLong:
				t.Fatalf("%q: line %d (%d bytes) not reported as too long: %q, %v", s, i+1, len(w), line, err)
			case len(w) <= max && (err != nil || string(line) != w):
				t.Fatalf("%q: line %d = %q, %v; want %q", s, i+1, line, err, w)
			}
		}
		if total != len(s) {
			t.Fatalf("%q: counted %d bytes, want %d", s, total, len(s))
		}
	})
}
