package chunked

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/iotest"
)

// line is what a test's work sees of one line.
type line struct {
	n    int
	text string
	long int
}

// collect runs Process with work listing each chunk's lines and merge
// concatenating them in order.
func collect(t *testing.T, input string, cfg Config, reader func(io.Reader) io.Reader) ([]line, error) {
	t.Helper()
	var got []line
	lastSeq := -1
	next := 1
	inspected := 0
	cfg.Inspect = func(c *Chunk) {
		if c.Seq != inspected {
			t.Errorf("inspected chunk %d, want %d", c.Seq, inspected)
		}
		inspected++
	}
	err := Process(reader(strings.NewReader(input)), cfg, func(c *Chunk) []line {
		var out []line
		if c.LongLine > 0 {
			return []line{{n: c.Line, long: c.LongLine}}
		}
		c.Each(func(b []byte, n int) bool {
			out = append(out, line{n: n, text: string(b)})
			return true
		})
		if len(out) != c.Lines {
			t.Errorf("chunk %d: %d lines, Lines = %d", c.Seq, len(out), c.Lines)
		}
		return out
	}, func(c *Chunk, out []line) error {
		if c.Seq != lastSeq+1 || c.Line != next {
			t.Errorf("chunk %d at line %d after chunk %d, want line %d", c.Seq, c.Line, lastSeq, next)
		}
		lastSeq, next = c.Seq, c.Line+c.Lines
		if c.Err != nil {
			return c.Err
		}
		got = append(got, out...)
		return nil
	})
	return got, err
}

// want splits input as a sequential reader does.
func want(input string, maxLine int) []line {
	var out []line
	parts := strings.SplitAfter(input, "\n")
	for i, p := range parts {
		if p == "" {
			continue
		}
		text := strings.TrimSuffix(p, "\n")
		if len(text) > maxLine {
			out = append(out, line{n: i + 1, long: len(p)})
		} else {
			out = append(out, line{n: i + 1, text: text})
		}
	}
	return out
}

func TestProcessSplitsAsASequentialRead(t *testing.T) {
	inputs := []string{
		"",
		"a",
		"\n",
		"a\nb\n",
		"a\nb",
		"\n\n\nx\n\n",
		"héllo wörld ✓ 日本語\r\nsecond\r\n\nthird without newline €",
		strings.Repeat("x", 40) + "\nshort\n" + strings.Repeat("y", 9) + "\n" + strings.Repeat("z", 10),
		strings.Repeat("0123456789\n", 50),
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 30 {
		var b strings.Builder
		for range rng.IntN(60) {
			b.WriteString(strings.Repeat("é", rng.IntN(12)))
			if rng.IntN(4) == 0 {
				b.WriteString("\r")
			}
			b.WriteString("\n")
		}
		if rng.IntN(2) == 0 {
			b.WriteString("tail")
		}
		inputs = append(inputs, b.String())
	}
	readers := map[string]func(io.Reader) io.Reader{
		"whole":   func(r io.Reader) io.Reader { return r },
		"onebyte": iotest.OneByteReader,
		"half":    iotest.HalfReader,
	}
	for _, maxLine := range []int{9, 1000} {
		for _, size := range []int{1, 2, 3, 7, 16, 64, 4096} {
			for _, workers := range []int{1, 2, 5} {
				for rname, reader := range readers {
					for i, in := range inputs {
						name := fmt.Sprintf("max%d/size%d/workers%d/%s/%d", maxLine, size, workers, rname, i)
						got, err := collect(t, in, Config{Workers: workers, ChunkBytes: size, MaxLineBytes: maxLine, InFlight: 1 + i%4}, reader)
						if err != nil {
							t.Fatalf("%s: %v", name, err)
						}
						if w := want(in, maxLine); fmt.Sprint(got) != fmt.Sprint(w) {
							t.Fatalf("%s: input %q\ngot  %v\nwant %v", name, in, got, w)
						}
					}
				}
			}
		}
	}
}

// A read error ends the stream with a chunk that names its line, after
// the whole lines read before it.
func TestProcessReadError(t *testing.T) {
	boom := errors.New("boom")
	for _, workers := range []int{1, 3} {
		r := io.MultiReader(strings.NewReader("a\nb\npartial"), iotest.ErrReader(boom))
		var lines []string
		var errLine int
		err := Process(r, Config{Workers: workers, ChunkBytes: 4, MaxLineBytes: 100}, func(c *Chunk) []string {
			var out []string
			c.Each(func(b []byte, _ int) bool { out = append(out, string(b)); return true })
			return out
		}, func(c *Chunk, out []string) error {
			if c.Err != nil {
				errLine = c.Line
				return c.Err
			}
			lines = append(lines, out...)
			return nil
		})
		if !errors.Is(err, boom) || strings.Join(lines, ",") != "a,b" || errLine != 3 {
			t.Errorf("workers %d: err %v, lines %q, error at line %d; want boom, a,b, 3", workers, err, lines, errLine)
		}
	}
}

// Merge's error stops the run; Process returns it.
func TestProcessStopsOnMergeError(t *testing.T) {
	stop := errors.New("stop")
	input := strings.Repeat("line\n", 10000)
	for _, workers := range []int{1, 4} {
		merged := 0
		err := Process(strings.NewReader(input), Config{Workers: workers, ChunkBytes: 10, MaxLineBytes: 100}, func(c *Chunk) int { return c.Lines },
			func(c *Chunk, n int) error {
				merged++
				if merged == 3 {
					return stop
				}
				return nil
			})
		if !errors.Is(err, stop) || merged != 3 {
			t.Errorf("workers %d: err %v after %d merges", workers, err, merged)
		}
	}
}

func TestProcessNeedsMaxLine(t *testing.T) {
	err := Process(strings.NewReader("x"), Config{}, func(*Chunk) int { return 0 }, func(*Chunk, int) error { return nil })
	if !errors.Is(err, ErrConfig) {
		t.Fatalf("err = %v", err)
	}
}

func BenchmarkProcess(b *testing.B) {
	data := bytes.Repeat([]byte(`{"time":"2026-11-01T00:00:02.000Z","level":"INFO","event":"my-queue-worker","success":"True","time_sec":3.252}`+"\n"), 100000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		Process(bytes.NewReader(data), Config{MaxLineBytes: 1 << 20}, func(c *Chunk) int { return c.Lines }, func(*Chunk, int) error { return nil })
	}
}
