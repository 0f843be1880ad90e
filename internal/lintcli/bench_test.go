package lintcli

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/internal/chunked"
)

// genlogsLines are lines as bench/genlogs writes them, in its mix.
var genlogsLines = []string{
	`{"time":"2026-11-01T00:00:00.000Z","level":"ERROR","event":"httpbin-post","method":"GET","error":"connection reset","time_sec":10.361}`,
	`{"time":"2026-11-01T00:00:01.000Z","level":"INFO","event":"request","path":"/orders/94478","status":200,"time_sec":0.293}`,
	`{"time":"2026-11-01T00:00:02.000Z","level":"INFO","event":"my-queue-worker","success":"True","time_sec":3.252,"queue":"orders"}`,
	`{"time":"2026-11-01T00:00:03.000Z","level":"INFO","event":"request","path":"/orders/68124","status":200,"time_sec":0.711}`,
	`{"time":"2026-11-01T00:00:02.000Z","level":"INFO","event":"my-queue-worker","success":"False","time_sec":1.5,"queue":"orders"}`,
	`{"time":"2026-11-01T00:00:04.000Z","level":"WARN","event":"assumption-check","assumption":"order total is positive","ok":false}`,
	`{"time":"2026-11-01T00:00:05.000Z","level":"INFO","event":"request","path":"/orders/40939","status":201,"time_sec":0.471}`,
	`{"time":"2026-11-01T00:00:06.000Z","level":"INFO","event":"my-queue-worker","success":"True","time_sec":0.2,"queue":"orders"}`,
}

// BenchmarkLint lints genlogs-like lines against the declaration of
// genlogs' events (testdata/genlogs), on one worker.
func BenchmarkLint(b *testing.B) {
	var data bytes.Buffer
	for data.Len() < 8<<20 {
		data.WriteString(strings.Join(genlogsLines, "\n") + "\n")
	}
	b.SetBytes(int64(data.Len()))
	b.ReportAllocs()
	for b.Loop() {
		code := run([]string{"--config", "testdata/genlogs", "-"}, bytes.NewReader(data.Bytes()), io.Discard, io.Discard, chunked.Config{Workers: 1})
		if code != ExitClean {
			b.Fatalf("exit %d", code)
		}
	}
}
