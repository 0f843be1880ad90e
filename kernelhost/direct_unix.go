//go:build unix

package kernelhost

import (
	"os"
	"syscall"

	"github.com/aws/jsii-runtime-go"
)

// Direct re-executes the program with jsii's kernel hosted by host.js,
// and does not return; or returns, doing nothing, when it cannot (see
// directEnv) or the exec fails, and the program goes on with jsii's
// relay. Call it first in main, before any construct is made: the
// program starts again from the beginning. Programs re-executed by it,
// and processes they start, run Direct as a no-op.
func Direct() {
	env, ok := directEnv(os.Environ(), programPath())
	if !ok {
		return
	}
	exe, err := os.Executable()
	if err != nil {
		return
	}
	// jsii-runtime-go extracted its relay into a temporary directory at
	// package initialization, without starting it; Close removes it.
	jsii.Close()
	syscall.Exec(exe, os.Args, env)
}
