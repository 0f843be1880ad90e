package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
)

// synthWith runs the app with context and returns its exit code and stderr.
func synthWith(t *testing.T, context map[string]any) (int, string) {
	t.Helper()
	out := t.TempDir()
	t.Setenv("CDK_OUTDIR", out)
	var stderr bytes.Buffer
	code := run(&stderr, &awscdk.AppProps{Context: &context, Outdir: jsii.String(out)})
	return code, stderr.String()
}

// A context key the app does not read is an error that names the known
// ones, not ignored while every environment is synthesized; a baseline
// directory that is missing or empty fails instead of comparing nothing,
// unless allow-empty-baseline says it is a first deploy.
func TestContextKeysAreChecked(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Node.js")
	}
	empty := t.TempDir()
	cases := []struct {
		context map[string]any
		code    int
		want    string
	}{
		{map[string]any{"envs": "prod"}, 1, "-c envs: unknown context key; did you mean env? (the app reads config, env, baseline, allow-empty-baseline"},
		{map[string]any{"env": "prod", "baseline": filepath.Join(empty, "nope")}, 1, "-c baseline=" + filepath.Join(empty, "nope") + ": stat"},
		{map[string]any{"env": "prod", "baseline": empty}, 1, "holds no *.template.json, so nothing would be compared"},
		{map[string]any{"config": smallConfig(t), "baseline": empty, "allow-empty-baseline": "true", "@aws-cdk/core:newStyleStackSynthesis": true}, 0, ""},
	}
	for _, c := range cases {
		code, stderr := synthWith(t, c.context)
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr:\n%s\nwant exit %d and %q", c.context, code, stderr, c.code, c.want)
		}
	}
}

// devEnvironment is environments/dev.yaml of the test configs.
const devEnvironment = "account: \"111111111111\"\nregion: eu-west-1\n"

// configDir writes a config directory: services.yaml, and dev.yaml
// (devEnvironment when empty).
func configDir(t *testing.T, services, dev string) string {
	t.Helper()
	if dev == "" {
		dev = devEnvironment
	}
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "environments"), 0o755)
	os.WriteFile(filepath.Join(dir, "services.yaml"), []byte(services), 0o644)
	os.WriteFile(filepath.Join(dir, "environments", "dev.yaml"), []byte(dev), 0o644)
	return dir
}

// smallConfig is a config of one service and one environment, quick to
// synthesize.
func smallConfig(t *testing.T) string {
	return configDir(t, "owner: team\nservices:\n  - name: orders\n    events:\n      - name: failed\n        pattern: '{ $.status = \"failed\" }'\n", "")
}

// A synth killed halfway leaves no template of an earlier run in the
// output directory: the app removes them before it builds anything.
func TestKilledSynthLeavesNoStaleTemplate(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Node.js")
	}
	bin := filepath.Join(t.TempDir(), "eventwatch")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out := t.TempDir()
	stale := filepath.Join(out, "eventwatch-prod.template.json")
	os.WriteFile(stale, []byte(`{"Resources":{}}`), 0o644)
	os.WriteFile(filepath.Join(out, "manifest.json"), []byte(`{}`), 0o644)
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "CDK_OUTDIR="+out)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		_, errT := os.Stat(stale)
		_, errM := os.Stat(filepath.Join(out, "manifest.json"))
		if os.IsNotExist(errT) && os.IsNotExist(errM) {
			break // the app has cleared the output and started building
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the stale template is still there after 30 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	files, _ := filepath.Glob(filepath.Join(out, "*.template.json"))
	if _, err := os.Stat(filepath.Join(out, "manifest.json")); err == nil || len(files) > 0 {
		t.Errorf("after the kill, the output holds %v (and a manifest: %v)", files, err == nil)
	}
}
