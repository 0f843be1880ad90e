package main

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/kernelhost"
)

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
	relay := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, "JSII_RUNTIME=") }),
		kernelhost.RelayEnv+"=1", testAppEnv+"=1", envOutdir+"="+relay, envJobs+"=1",
		`CDK_CONTEXT_JSON={"aws:cdk:enable-path-metadata":true}`)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the app with jsii's relay: %v\n%s", err, out)
	}
	if got := sameAssembly(t, relay, oneProcessAssembly(t)); !slices.Contains(got, "eventwatch-prod.template.json") {
		t.Fatalf("the example's prod stack is not there: %v", got)
	}
}
