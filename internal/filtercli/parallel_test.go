package filtercli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/filterpattern"
	"github.com/eventwatch/eventwatch/internal/chunked"
)

// hostileLog is a log that chunking must not change the output of: events
// out of time order, multibyte characters (which tiny chunks cut in the
// middle), CRLF line ends, blank and malformed lines, a JSON escape that
// spells the matched value, and a last line without "\n".
func hostileLog() string {
	var b strings.Builder
	for i := range 300 {
		switch i % 10 {
		case 0:
			fmt.Fprintf(&b, `{"time":"2026-11-01T%02d:00:00Z","event":"my-queue-worker","success":"False","note":"naïve café ✓ 日本語 %d","time_sec":%d.5}`+"\n", 23-i%24, i, i%7)
		case 1:
			fmt.Fprintf(&b, `{"time":"2026-11-01T01:00:00Z","event":"my-queue-worker","success":"True","time_sec":%d}`+"\r\n", i)
		case 2:
			b.WriteString("\n")
		case 3:
			fmt.Fprintf(&b, `{"event":"my-queue-worker","success":"False"`+"\n") // cut off
		case 4:
			fmt.Fprintf(&b, `ERROR my-queue-worker False plain text %d €`+"\n", i)
		case 5:
			fmt.Fprintf(&b, `{"event":"my-queue-w\u006frker","success":"False","time_sec":%d}`+"\n", i)
		case 6:
			b.WriteString("   \r\n")
		case 7:
			fmt.Fprintf(&b, `{"time":"2026-10-31T%02d:59:59Z","event":"httpbin-post","success":"False","queue":"ørders"}`+"\n", i%24)
		default:
			fmt.Fprintf(&b, `{"event":"my-queue-worker","success":"False","queue":"q%d","time_sec":"%d"}`+"\n", i%3, i)
		}
	}
	b.WriteString(`{"event":"my-queue-worker","success":"False","last":"no newline ✓"}`)
	return b.String()
}

// chunkings are the ways tests cut inputs: one worker reading whole
// chunks (the sequential run), and several workers on chunks so small that
// lines and characters straddle them.
var chunkings = []chunked.Config{
	{Workers: 1},
	{Workers: 4, ChunkBytes: 1},
	{Workers: 3, ChunkBytes: 7, InFlight: 3},
	{Workers: 2, ChunkBytes: 64},
	{Workers: 8, ChunkBytes: 1000},
}

func TestChunkedRunsAreIdentical(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "app.log")
	other := filepath.Join(dir, "other.log")
	if err := os.WriteFile(log, []byte(hostileLog()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(other, []byte("ERROR first\n\nERROR ✓ second\r\nINFO third"), 0o644); err != nil {
		t.Fatal(err)
	}
	worker := `{ $.event = "my-queue-worker" && $.success = "False" }`
	runs := [][]string{
		{worker, log},
		{"--json", worker, log},
		{"--json", "--value", "$.time_sec", "--dimension", "Queue=$.queue", worker, log},
		{"--json", "ERROR", log, other},
		{`{ $.note = "*café*" || $.queue = "ørders" }`, log},
		{"--json", `%na.ve|caf.%`, log},
		{"--json", "--value", "$3", "[a, b, c, ...]", log},
		{"--", "-worker", log},
		{"", log},
	}
	for _, args := range runs {
		var want string
		for i, cfg := range chunkings {
			var stdout, stderr bytes.Buffer
			code := run(args, nil, &stdout, &stderr, cfg)
			got := fmt.Sprintf("exit %d\n%s\nstderr:\n%s", code, stdout.String(), stderr.String())
			if i == 0 {
				want = got
				if stdout.Len() == 0 {
					t.Errorf("%q: no output", args)
				}
				continue
			}
			if got != want {
				t.Errorf("%q with %+v differs from the sequential run:\n%s\nwant:\n%s", args, cfg, got, want)
			}
		}
	}
}

// The sequential run prints what a line-by-line match prints.
func TestChunkedMatchesLineByLine(t *testing.T) {
	log := hostileLog()
	for _, src := range []string{`{ $.event = "my-queue-worker" && $.success = "False" }`, "ERROR", `{ $.time_sec >= 3 }`} {
		p, err := filterpattern.Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		var want strings.Builder
		for _, line := range strings.SplitAfter(log, "\n") {
			line = strings.TrimSuffix(line, "\n")
			if p.Match(line) {
				want.WriteString(line + "\n")
			}
		}
		for _, cfg := range chunkings {
			var stdout, stderr bytes.Buffer
			run([]string{src}, strings.NewReader(log), &stdout, &stderr, cfg)
			if stdout.String() != want.String() {
				t.Errorf("%s with %+v:\n%s\nwant:\n%s", src, cfg, stdout.String(), want.String())
			}
		}
	}
}

// A line over the limit is reported with its number, whichever chunk it
// falls in, and the lines after it are still read.
func TestChunkedLongLineNumber(t *testing.T) {
	input := "ERROR one\n\n" + strings.Repeat("x", MaxLineBytes+1) + "\nERROR ✓ four\nERROR five"
	for _, cfg := range chunkings[:3] {
		var stdout, stderr bytes.Buffer
		code := run([]string{"--json", "ERROR"}, strings.NewReader(input), &stdout, &stderr, cfg)
		wantOut := `{"line":1,"message":"ERROR one"}` + "\n" + `{"line":4,"message":"ERROR ✓ four"}` + "\n" + `{"line":5,"message":"ERROR five"}` + "\n"
		if code != ExitError || stdout.String() != wantOut || !strings.Contains(stderr.String(), "(standard input):3: line longer than") {
			t.Errorf("%+v: exit %d\n%s\nstderr %s", cfg, code, stdout.String(), stderr.String())
		}
	}
}
