package kernelhost

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// environ returns the entries of env, and whether key is among them.
func lookup(env []string, key string) (string, bool) {
	for _, kv := range slices.Backward(env) {
		if k, v, ok := strings.Cut(kv, "="); ok && k == key {
			return v, true
		}
	}
	return "", false
}

// Direct steps aside for a kernel command already set, for RelayEnv, for
// a shell that would not read the command, and without the program.
func TestDirectEnvStepsAside(t *testing.T) {
	base := []string{"PATH=/usr/bin", "SHELL=/bin/bash"}
	cases := []struct {
		name    string
		env     []string
		program string
	}{
		{"JSII_RUNTIME the user's own", append(base, "JSII_RUNTIME=node my-runtime.js"), "/m/program.js"},
		{"already re-executed", append(base, runtimeEnv+"="+kernelCommand, programEnv+"=/m/program.js"), "/m/program.js"},
		{"the relay asked for", append(base, RelayEnv+"=1"), "/m/program.js"},
		{"fish as $SHELL", []string{"SHELL=/usr/bin/fish"}, "/m/program.js"},
		{"csh as $SHELL", []string{"SHELL=/bin/csh"}, "/m/program.js"},
		{"no kernel program in the module cache", base, ""},
	}
	for _, c := range cases {
		if env, ok := directEnv(c.env, c.program); ok {
			t.Errorf("%s: Direct would re-execute with %v", c.name, env)
		}
	}
}

// Otherwise the environment gains the kernel command and what it reads,
// jsii's JSII_NODE honoured, and keeps everything else.
func TestDirectEnvSetsTheKernelCommand(t *testing.T) {
	for _, shell := range []string{"", "SHELL=/bin/sh", "SHELL=/usr/bin/zsh"} {
		env := []string{"PATH=/usr/bin", "JSII_NODE=/opt/node22/bin/node"}
		if shell != "" {
			env = append(env, shell)
		}
		got, ok := directEnv(env, "/m/program.js")
		if !ok {
			t.Fatalf("%q: Direct steps aside", shell)
		}
		want := map[string]string{
			runtimeEnv: kernelCommand, programEnv: "/m/program.js", hostNodeEnv: "/opt/node22/bin/node",
			hostEnv: hostScript, "PATH": "/usr/bin",
		}
		for k, v := range want {
			if g, _ := lookup(got, k); g != v {
				t.Errorf("%q: %s=%.60q, want %.60q", shell, k, g, v)
			}
		}
	}
	got, _ := directEnv([]string{"PATH=/usr/bin"}, "/m/program.js")
	if node, _ := lookup(got, hostNodeEnv); node != "node" {
		t.Errorf("without JSII_NODE the kernel runs %q, want node from PATH", node)
	}
}

// A program started by another eventwatch program inherits its kernel
// command and program; built with another jsii-runtime-go, it re-executes
// with its own program (jsii's handshake refuses another version's), each
// variable once.
func TestDirectEnvReplacesAnotherProgramsKernel(t *testing.T) {
	parent, _ := directEnv([]string{"PATH=/usr/bin"}, "/cache/jsii-runtime-go@v1.143.0/program.js")
	got, ok := directEnv(parent, "/cache/jsii-runtime-go@v1.144.0/program.js")
	if !ok {
		t.Fatal("the child keeps its parent's kernel program")
	}
	for _, key := range []string{runtimeEnv, programEnv, hostEnv, hostNodeEnv} {
		n := 0
		for _, kv := range got {
			if strings.HasPrefix(kv, key+"=") {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s is set %d times", key, n)
		}
	}
	if p, _ := lookup(got, programEnv); p != "/cache/jsii-runtime-go@v1.144.0/program.js" {
		t.Errorf("program %s, want the child's own", p)
	}
}

// The program is the kernel of the jsii-runtime-go this binary links,
// as jsii-runtime-go would extract it.
func TestProgramPathIsTheLinkedRuntimes(t *testing.T) {
	path := programPath()
	if path == "" {
		t.Skipf("jsii-runtime-go's source is not in the module cache (%s): Direct runs with jsii's relay here", moduleCache())
	}
	linked := "jsii-runtime-go@" + jsiiVersion(t)
	if !strings.HasSuffix(path, filepath.FromSlash(linked+"/"+kernelProgram)) {
		t.Errorf("program %s, want %s's", path, linked)
	}
}

// jsiiVersion is the version of jsii-runtime-go in go.mod.
func jsiiVersion(t *testing.T) string {
	b, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "github.com/aws/jsii-runtime-go" {
			return f[1]
		}
	}
	t.Fatal("go.mod does not require github.com/aws/jsii-runtime-go")
	return ""
}

// fakeKernel behaves as jsii's kernel program does on its channel, fd 3:
// it says hello, answers a request, prints with console.log on the way,
// and reads a file it opened itself, whose descriptor must not be taken
// for the channel.
const fakeKernel = `
const fs = require('fs');
fs.writeSync(3, JSON.stringify({ hello: 'fake-kernel@1.0.0' }) + '\n');
const buf = Buffer.alloc(4096);
const n = fs.readSync(3, buf, 0, buf.length, null);
console.log('printed by the kernel');
const fd = fs.openSync(__filename, 'r');
const own = Buffer.alloc(64);
const m = fs.readSync(fd, own, 0, own.length, 0);
fs.closeSync(fd);
const same = own.subarray(0, m).equals(fs.readFileSync(__filename).subarray(0, m));
fs.writeSync(3, JSON.stringify({ ok: buf.subarray(0, n).toString().trim(), readOwnFile: same }) + '\n');
`

// host.js, started as jsii-runtime-go starts a JSII_RUNTIME command ($SHELL
// -c), gives the kernel program requests on fd 3 from stdin and its fd-3
// answers to stdout, and sends what the program prints to stderr as the
// relay does ({"stdout": base64}), never among the answers.
func TestHostCarriesTheKernelChannel(t *testing.T) {
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not on PATH: host.js cannot be run here")
	}
	program := filepath.Join(t.TempDir(), "program.js")
	if err := os.WriteFile(program, []byte(fakeKernel), 0o644); err != nil {
		t.Fatal(err)
	}
	// This test binary's own Direct set JSII_RUNTIME: start afresh.
	environ := slices.DeleteFunc(os.Environ(), func(kv string) bool {
		return strings.HasPrefix(kv, runtimeEnv+"=") || strings.HasPrefix(kv, RelayEnv+"=")
	})
	env, ok := directEnv(append(environ, "SHELL=/bin/sh"), program)
	if !ok {
		t.Fatal("Direct steps aside")
	}
	command, _ := lookup(env, runtimeEnv)
	cmd := exec.Command("/bin/sh", "-c", command)
	cmd.Env = env
	cmd.Stdin = strings.NewReader(`{"api":"naming"}` + "\n")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%v; stderr:\n%s", err, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	want := []string{`{"hello":"fake-kernel@1.0.0"}`, `{"ok":"{\"api\":\"naming\"}","readOwnFile":true}`}
	if !slices.Equal(lines, want) {
		t.Errorf("stdout:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	var printed []string
	sc := bufio.NewScanner(strings.NewReader(stderr.String()))
	for sc.Scan() {
		var msg struct{ Stdout string }
		if json.Unmarshal(sc.Bytes(), &msg) == nil && msg.Stdout != "" {
			b, _ := base64.StdEncoding.DecodeString(msg.Stdout)
			printed = append(printed, string(b))
		}
	}
	if !slices.Equal(printed, []string{"printed by the kernel\n"}) {
		t.Errorf("console output reached Go as %q, want one {\"stdout\"} line; stderr:\n%s", printed, stderr.String())
	}
}
