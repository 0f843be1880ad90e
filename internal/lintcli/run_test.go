package lintcli

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/internal/chunked"
)

var update = flag.Bool("update", false, "rewrite the testdata/*.want files from the output")

// cases run logq lint on the test config and compare the report with
// testdata/<name>.want: the exact counts of every kind of problem.
var cases = []struct {
	name string
	args []string
	exit int
}{
	{"app", []string{"testdata/app.log"}, ExitProblems},
	{"cwl", []string{"testdata/cwl.log"}, ExitProblems},
	{"cwl-env", []string{"--env", "dev", "testdata/cwl.log"}, ExitProblems},
	{"clean", []string{"--service", "checkout", "testdata/clean.log"}, ExitClean},
	{"bad-cwl", []string{"--service", "checkout", "testdata/bad.cwl"}, ExitUsage},
}

func TestLint(t *testing.T) {
	for _, c := range cases {
		// Tiny chunks on two workers: lines straddle chunks, and the
		// findings must still come in input order.
		for _, chunks := range []chunked.Config{{}, {Workers: 2, ChunkBytes: 64}} {
			var stdout, stderr bytes.Buffer
			args := append([]string{"--config", "testdata/config"}, c.args...)
			code := run(args, strings.NewReader(""), &stdout, &stderr, chunks)
			if code != c.exit {
				t.Errorf("%s: exit %d, want %d; stderr:\n%s", c.name, code, c.exit, stderr.String())
			}
			want := filepath.Join("testdata", c.name+".want")
			if *update && chunks.Workers == 0 {
				if err := os.WriteFile(want, stdout.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			data, err := os.ReadFile(want)
			if err != nil {
				t.Fatal(err)
			}
			if stdout.String() != string(data) {
				t.Errorf("%s (chunks %+v): the report differs from %s (go test -update rewrites it):\n%s", c.name, chunks, want, stdout.String())
			}
		}
	}
}
