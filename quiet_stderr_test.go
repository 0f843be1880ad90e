package main

import (
	"bytes"
	"strings"
	"testing"
	"testing/iotest"
)

// The filter drops exactly jsii's exit noise, wherever the writes split
// it, and keeps everything else, a partial match included.
func TestNoiseFilter(t *testing.T) {
	cases := []struct{ in, want string }{
		{"synth ok\n" + jsiiExitNoise, "synth ok\n"},
		{jsiiExitNoise + "next line\n", "next line\n"},
		{"Runtime process exited abnormally: something else\n", "Runtime process exited abnormally: something else\n"},
		{"ends with Runtime proc", "ends with Runtime proc"},
		{"", ""},
	}
	for _, c := range cases {
		for _, chunk := range []int{1, 7, 4096} {
			var out bytes.Buffer
			f := &noiseFilter{w: &out}
			if _, err := f.ReadFrom(iotest.OneByteReader(strings.NewReader(c.in))); chunk == 1 && err != nil {
				t.Fatal(err)
			}
			if chunk != 1 {
				out.Reset()
				f = &noiseFilter{w: &out}
				for i := 0; i < len(c.in); i += chunk {
					f.Write([]byte(c.in[i:min(len(c.in), i+chunk)]))
				}
				out.Write(f.pending)
			}
			if out.String() != c.want {
				t.Errorf("%q in chunks of %d: got %q, want %q", c.in, chunk, out.String(), c.want)
			}
		}
	}
}
