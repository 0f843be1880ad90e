package filterpattern

import (
	"fmt"
	"testing"
)

// benchLines are realistic JSON log lines, shaped like bench/genlogs output.
var benchLines = [][]byte{
	[]byte(`{"time":"2026-11-01T00:00:02.000Z","level":"INFO","event":"my-queue-worker","success":"True","time_sec":3.252,"queue":"orders"}`),
	[]byte(`{"time":"2026-11-01T00:00:03.000Z","level":"INFO","event":"my-queue-worker","success":"False","time_sec":0.41,"queue":"orders"}`),
	[]byte(`{"time":"2026-11-01T00:00:04.000Z","level":"ERROR","event":"httpbin-post","method":"POST","error":"HTTP 502 Bad Gateway","time_sec":12.5}`),
	[]byte(`{"time":"2026-11-01T00:00:05.000Z","level":"INFO","event":"request","path":"/orders/4711","status":200,"bytes":5123}`),
}

func benchmarkMatch(b *testing.B, pattern string, lines [][]byte) {
	p, err := Parse(pattern)
	if err != nil {
		b.Fatal(err)
	}
	size := 0
	for _, l := range lines {
		size += len(l)
	}
	b.SetBytes(int64(size / len(lines)))
	b.ReportAllocs()
	n := 0
	for i := 0; b.Loop(); i++ {
		if p.MatchBytes(lines[i%len(lines)]) {
			n++
		}
	}
	_ = n
}

func BenchmarkMatchJSON(b *testing.B) {
	benchmarkMatch(b, `{ $.event = "my-queue-worker" && $.success = "False" }`, benchLines)
}

func BenchmarkMatchJSONNumber(b *testing.B) {
	benchmarkMatch(b, `{ $.time_sec > 1.5 || $.status >= 500 }`, benchLines)
}

func BenchmarkMatchJSONGlobRegex(b *testing.B) {
	benchmarkMatch(b, `{ $.error = "HTTP 5*" || $.path = %^/orders/\d+$% }`, benchLines)
}

func BenchmarkMatchJSONWildcard(b *testing.B) {
	benchmarkMatch(b, `{ $.* = "POST" }`, benchLines)
}

func BenchmarkMatchTerms(b *testing.B) {
	benchmarkMatch(b, `ERROR ?timeout -DEBUG`, benchLines)
}

func BenchmarkMatchSpace(b *testing.B) {
	lines := [][]byte{
		[]byte(`127.0.0.1 Prod frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534`),
		[]byte(`10.1.2.3 Prod alice [10/Oct/2000:13:25:16 -0700] "POST /api/orders HTTP/1.1" 201 88`),
	}
	benchmarkMatch(b, `[ip, user, username, timestamp, request, status_code = 4*, bytes > 1000]`, lines)
}

func BenchmarkExtractJSON(b *testing.B) {
	p, _ := Parse(`{ $.event = "my-queue-worker" }`)
	x, err := p.NewExtractor("$.time_sec", map[string]string{"queue": "$.queue"})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		x.ExtractBytes(benchLines[i%2])
	}
}

func BenchmarkParse(b *testing.B) {
	for _, src := range []string{
		`{ $.eventSource = kms.amazonaws.com && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }`,
		`[ip, user, ..., status_code = 4*, bytes > 1000]`,
	} {
		b.Run(fmt.Sprint(len(src)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPrefilterLines finds the candidate lines of a chunk of
// bench/genlogs-like lines, as logq filter does before matching them.
func BenchmarkPrefilterLines(b *testing.B) {
	p, _ := Parse(`{ $.event = "my-queue-worker" && $.success = "False" }`)
	f := p.Prefilter()
	var chunk []byte
	for len(chunk) < 512<<10 {
		for _, l := range benchLines {
			chunk = append(append(chunk, l...), '\n')
		}
	}
	b.SetBytes(int64(len(chunk)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		f.Lines(chunk, func(start, end int) bool {
			if f.MayMatch(chunk[start:end]) {
				n++
			}
			return true
		})
	}
}
