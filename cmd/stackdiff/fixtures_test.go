package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/internal/corpustest"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the expected stdout, stderr and exit code of testdata/diff/*.txtar")

// fixtureConfig is the config a fixture runs with when it brings none.
const fixtureConfig = "testdata/config"

var (
	argsLine = regexp.MustCompile(`(?m)^args:(.*)$`)
	exitLine = regexp.MustCompile(`(?m)^exit: *(\d+)$`)
)

// Each testdata/diff/*.txtar is one run of stackdiff. Its comment says
// what the case shows and holds two lines:
//
//	args: --env prod        (flags added to --cdk-out cdk.out --golden golden --config config)
//	exit: 3                 (the expected exit code)
//
// its files are the baseline (golden/<stack>.template.json), the
// synthesized stacks (cdk.out/<stack>.template.json), optionally a config
// (config/...; else testdata/config), and the expected output (stdout,
// and stderr when the run writes any). `go test ./cmd/stackdiff -update`
// rewrites the expected output and exit code from what stackdiff does.
func TestFixtures(t *testing.T) {
	pkgDir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	cfgDir := filepath.Join(pkgDir, fixtureConfig)
	corpustest.Run(t, "testdata/diff/*.txtar", 17, func(t *testing.T, ar *txtar.Archive, dir string) {
		if _, err := os.Stat(filepath.Join(dir, "config")); err != nil {
			if err := os.CopyFS(filepath.Join(dir, "config"), os.DirFS(cfgDir)); err != nil {
				t.Fatal(err)
			}
		}
		args := []string{"--cdk-out", "cdk.out", "--golden", "golden", "--config", "config"}
		if m := argsLine.FindStringSubmatch(string(ar.Comment)); m != nil {
			args = append(args, strings.Fields(m[1])...)
		}
		t.Chdir(dir) // the output names directories as given, relative
		var out, errOut bytes.Buffer
		code := run(context.Background(), args, &out, &errOut)

		file := filepath.Join("testdata", "diff", fixtureName(t)+".txtar")
		if *update {
			t.Chdir(pkgDir)
			rewriteFixture(t, file, ar, code, out.String(), errOut.String())
			return
		}
		want := -1
		if m := exitLine.FindStringSubmatch(string(ar.Comment)); m != nil {
			want, _ = strconv.Atoi(m[1])
		}
		if code != want {
			t.Errorf("exit %d, want %d (exit: in %s)", code, want, file)
		}
		if got, want := out.String(), section(ar, "stdout"); got != want {
			t.Errorf("stdout:\n%s\nwant (-- stdout -- of %s):\n%s", got, file, want)
		}
		if got, want := errOut.String(), section(ar, "stderr"); got != want {
			t.Errorf("stderr:\n%s\nwant (-- stderr -- of %s):\n%s", got, file, want)
		}
	})
}

// fixtureName is the archive's name, the last element of the subtest's.
func fixtureName(t *testing.T) string {
	name := t.Name()
	return name[strings.LastIndex(name, "/")+1:]
}

func section(ar *txtar.Archive, name string) string {
	for _, f := range ar.Files {
		if f.Name == name {
			return string(f.Data)
		}
	}
	return ""
}

// rewriteFixture writes what the run did back into the archive: the exit
// line of its comment, its stdout and (when there is any) stderr.
func rewriteFixture(t *testing.T, file string, ar *txtar.Archive, code int, stdout, stderr string) {
	t.Helper()
	comment := string(ar.Comment)
	exit := fmt.Sprintf("exit: %d", code)
	if exitLine.MatchString(comment) {
		comment = exitLine.ReplaceAllString(comment, exit)
	} else {
		comment = strings.TrimRight(comment, "\n") + "\n" + exit + "\n"
	}
	ar.Comment = []byte(comment)
	var files []txtar.File
	for _, f := range ar.Files {
		if f.Name != "stdout" && f.Name != "stderr" {
			files = append(files, f)
		}
	}
	files = append(files, txtar.File{Name: "stdout", Data: []byte(stdout)})
	if stderr != "" {
		files = append(files, txtar.File{Name: "stderr", Data: []byte(stderr)})
	}
	ar.Files = files
	if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
		t.Fatal(err)
	}
}
