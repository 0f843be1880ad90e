// Package kernelhost makes a Go CDK app talk to jsii's kernel directly.
//
// jsii-runtime-go starts its kernel behind a relay: a Node.js process
// whose only work is to copy each request and response between the Go
// program's pipes and a second Node.js process that runs the kernel. A
// CDK app makes a call per construct, metric or alarm action, tens of
// thousands for a large app, and every one of them crosses the relay.
// Direct, called first in main, starts the same kernel program of the
// same jsii-runtime-go version as the program's only Node.js process
// (host.js), which takes about 40 % off each call.
//
// jsii-runtime-go reads its kernel command (JSII_RUNTIME) while packages
// initialize, before main, so Direct sets it and re-executes the program;
// the relay's process was not started yet. Where Direct cannot (see
// Direct), the program runs with jsii's relay, as without it.
package kernelhost

import (
	_ "embed"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"

	"github.com/aws/jsii-runtime-go"
)

const (
	// RelayEnv, set to any value, keeps jsii's relay: Direct does nothing.
	RelayEnv = "EVENTWATCH_JSII_RELAY"
	// runtimeEnv is jsii-runtime-go's variable for the command that starts
	// its kernel, run with $SHELL -c (or /bin/sh).
	runtimeEnv = "JSII_RUNTIME"
	// nodeEnv is jsii-runtime-go's variable for the Node.js executable.
	nodeEnv = "JSII_NODE"
	// hostEnv, programEnv and hostNodeEnv carry host.js, the kernel
	// program's path and the Node.js executable into kernelCommand, so
	// that no quoting of theirs depends on the shell.
	hostEnv     = "EVENTWATCH_JSII_HOST"
	programEnv  = "EVENTWATCH_JSII_PROGRAM"
	hostNodeEnv = "EVENTWATCH_JSII_NODE"
	// kernelCommand starts host.js on the kernel program, with the flag
	// jsii's relay gives it; fd 3, the kernel's channel, is stdin.
	kernelCommand = `exec "$` + hostNodeEnv + `" --preserve-symlinks -e "$` + hostEnv + `" "$` + programEnv + `" 3<&0`
	// kernelProgram is jsii-runtime-go's kernel program, in the module's
	// directory, which is at most maxSourceDepth directories above the
	// source file of jsii.Close.
	kernelProgram  = "internal/embedded/resources/lib/program.js"
	maxSourceDepth = 3
)

// posixShells run kernelCommand as written: jsii-runtime-go runs it with
// $SHELL, and other shells (fish, csh, nushell) read redirections and
// exec differently.
var posixShells = []string{"sh", "bash", "dash", "zsh", "ksh", "ash", "mksh"}

//go:embed host.js
var hostScript string

// directEnv is environ with the variables that start host.js on
// program, and true; or false when the program need not or must not
// re-execute: RelayEnv is set, JSII_RUNTIME is the user's own, this
// program's Direct already set it (a program started by another
// eventwatch program, whose jsii-runtime-go may differ, re-executes with
// its own kernel program), $SHELL is not a POSIX shell, or the kernel
// program is not in the module cache (a binary run away from the machine
// that built it).
func directEnv(environ []string, program string) ([]string, bool) {
	get := func(name string) string {
		for _, kv := range slices.Backward(environ) {
			if k, v, ok := strings.Cut(kv, "="); ok && k == name {
				return v
			}
		}
		return ""
	}
	switch command := get(runtimeEnv); {
	case get(RelayEnv) != "" || program == "":
		return nil, false
	case command == kernelCommand && get(programEnv) == program:
		return nil, false
	case command != "" && command != kernelCommand:
		return nil, false
	}
	if shell := get("SHELL"); shell != "" && !slices.Contains(posixShells, filepath.Base(shell)) {
		return nil, false
	}
	node := get(nodeEnv)
	if node == "" {
		node = "node"
	}
	ours := []string{hostEnv, programEnv, hostNodeEnv, runtimeEnv}
	env := slices.DeleteFunc(slices.Clone(environ), func(kv string) bool {
		k, _, _ := strings.Cut(kv, "=")
		return slices.Contains(ours, k)
	})
	return append(env,
		hostEnv+"="+hostScript,
		programEnv+"="+program,
		hostNodeEnv+"="+node,
		runtimeEnv+"="+kernelCommand,
	), true
}

// programPath is the kernel program of the jsii-runtime-go this binary
// was built with, in the module cache (or the directory of a replace
// directive), or "" when it is not there. The module's directory is where
// the compiler read its source, found from a function of it.
func programPath() string {
	pc := reflect.ValueOf(jsii.Close).Pointer()
	fn := runtime.FuncForPC(pc)
	if fn == nil {
		return ""
	}
	source, _ := fn.FileLine(pc)
	if !filepath.IsAbs(source) {
		// Built with -trimpath: module@version/file, relative to the cache.
		cache := moduleCache()
		if cache == "" {
			return ""
		}
		source = filepath.Join(cache, source)
	}
	for dir, up := filepath.Dir(source), 0; up <= maxSourceDepth; dir, up = filepath.Dir(dir), up+1 {
		path := filepath.Join(dir, filepath.FromSlash(kernelProgram))
		if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
			return path
		}
	}
	return ""
}

// moduleCache is the go command's module cache directory ($GOMODCACHE,
// else the first $GOPATH's pkg/mod, else ~/go/pkg/mod, as the go command
// defaults), or "".
func moduleCache() string {
	if dir := os.Getenv("GOMODCACHE"); dir != "" {
		return dir
	}
	if list := filepath.SplitList(os.Getenv("GOPATH")); len(list) > 0 && list[0] != "" {
		return filepath.Join(list[0], "pkg", "mod")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, "go", "pkg", "mod")
	}
	return ""
}

// Active tells whether this process's jsii kernel is started by host.js
// on its own kernel program, Direct having re-executed the program.
func Active() bool {
	return os.Getenv(runtimeEnv) == kernelCommand && os.Getenv(programEnv) == programPath()
}
