package linescan

import (
	"strings"
	"testing"
)

// Lines gives exactly the lines holding the needle or alt, as a split
// and a search per line would.
func FuzzLines(f *testing.F) {
	f.Add("a worker\nnothing\nx\\ty\n\nworker worker\nlast worker", "worker", `\`)
	f.Add("ab\nba\naab", "ab", "")
	f.Add("\n\n", "x", "y")
	f.Fuzz(func(t *testing.T, data, needle, alt string) {
		if needle == "" || strings.Contains(needle, "\n") || strings.Contains(alt, "\n") {
			return
		}
		var want []string
		for _, line := range strings.SplitAfter(data, "\n") {
			line = strings.TrimSuffix(line, "\n")
			if strings.Contains(line, needle) || alt != "" && strings.Contains(line, alt) {
				want = append(want, line)
			}
		}
		var got []string
		Lines([]byte(data), []byte(needle), []byte(alt), func(start, end int) bool {
			got = append(got, data[start:end])
			return true
		})
		if strings.Join(got, "\x00|") != strings.Join(want, "\x00|") || len(got) != len(want) {
			t.Fatalf("Lines(%q, %q, %q) = %q, want %q", data, needle, alt, got, want)
		}
	})
}

func TestLinesStops(t *testing.T) {
	n := 0
	Lines([]byte("x\nx\nx\n"), []byte("x"), nil, func(int, int) bool { n++; return n < 2 })
	if n != 2 {
		t.Fatalf("fn called %d times after returning false, want 2", n)
	}
}

func BenchmarkLines(b *testing.B) {
	line := []byte(`{"time":"2026-11-01T00:00:02.000Z","level":"INFO","event":"request","path":"/orders/94478","status":200,"time_sec":0.293}` + "\n")
	hit := []byte(`{"time":"2026-11-01T00:00:02.000Z","level":"INFO","event":"my-queue-worker","success":"True","time_sec":3.252}` + "\n")
	var data []byte
	for i := 0; len(data) < 512<<10; i++ {
		if i%3 == 0 {
			data = append(data, hit...)
		} else {
			data = append(data, line...)
		}
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		Lines(data, []byte("my-queue-worker"), []byte(`\`), func(int, int) bool { return true })
	}
}
