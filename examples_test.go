package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
)

// An example its pattern no longer matches ("failed" became "FAILED")
// fails the synth with the file and line of the example, before any stack
// is built.
func TestSynthRunsTheEventExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Node.js")
	}
	cfg := configDir(t, `owner: team
services:
  - name: orders
    events:
      - name: failed
        pattern: '{ $.status = "failed" }'
        examples:
          match:
            - line: '{"status":"FAILED"}'
`, "")
	out := t.TempDir()
	t.Setenv("CDK_OUTDIR", out)
	context := map[string]any{"config": cfg}
	var stderr bytes.Buffer
	if code := run(&stderr, &awscdk.AppProps{Context: &context, Outdir: jsii.String(out)}); code != 1 {
		t.Fatalf("exit code %d, want 1; stderr:\n%s", code, stderr.String())
	}
	want := filepath.Join(cfg, "services.yaml") + `:9: orders/failed: FAIL`
	if !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr:\n%s\nwant it to contain %q", stderr.String(), want)
	}
	if files, _ := filepath.Glob(filepath.Join(out, "*.template.json")); len(files) > 0 {
		t.Errorf("templates written: %v", files)
	}
}
