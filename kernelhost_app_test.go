package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/kernelhost"
)

// kernelProgram is the path of jsii's kernel program in a stack trace:
// the relay's extracted copy or the module cache's, which kernelhost runs.
var kernelProgram = regexp.MustCompile(`[^"( ]*/lib/program\.js`)

// The app writes the same cloud assembly, file for file and byte for
// byte, with its kernel hosted directly (kernelhost, as the app runs) as
// with jsii's relay; only the kernel's paths in stack traces differ.
func TestDirectKernelWritesWhatTheRelayWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Node.js")
	}
	if !kernelhost.Active() {
		t.Skip("this test binary runs with jsii's relay (kernelhost.Direct stepped aside): nothing to compare")
	}
	direct := synthWithJobs(t, "1")

	relay := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, "JSII_RUNTIME=") }),
		kernelhost.RelayEnv+"=1", testAppEnv+"=1", envOutdir+"="+relay, envJobs+"=1",
		`CDK_CONTEXT_JSON={"aws:cdk:enable-path-metadata":true}`)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the app with jsii's relay: %v\n%s", err, out)
	}

	names := func(dir string) []string {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range entries {
			out = append(out, e.Name())
		}
		return out
	}
	want, got := names(relay), names(direct)
	if !slices.Equal(want, got) || !slices.Contains(got, "eventwatch-prod.template.json") {
		t.Fatalf("files differ:\nrelay:  %v\ndirect: %v", want, got)
	}
	for _, name := range want {
		a, errA := os.ReadFile(filepath.Join(relay, name))
		b, errB := os.ReadFile(filepath.Join(direct, name))
		if errA != nil || errB != nil {
			t.Fatalf("%s: %v %v", name, errA, errB)
		}
		normalize := func(b []byte) []byte {
			return kernelPaths.ReplaceAll(kernelProgram.ReplaceAll(b, []byte("program.js")), nil)
		}
		if !bytes.Equal(normalize(a), normalize(b)) {
			t.Errorf("%s differs between the relay and the direct kernel", name)
		}
	}
}
