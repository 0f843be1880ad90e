package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
)

// A bad config makes the app exit 1 with file:line: field: message, no Go
// panic trace, no jsii stack, and no stale templates left in the output
// directory from an earlier synth.
func TestBadConfigFailsCleanlyAndRemovesStaleOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Node.js")
	}
	cfg := configDir(t, "owner: team\nservices:\n  - name: orders\n    events:\n      - name: failed\n        pattern: '{ $.event = }'\n", devEnvironment+"retentionDays: 10\n")

	out := t.TempDir()
	stale := filepath.Join(out, "eventwatch-dev.template.json")
	os.WriteFile(stale, []byte("{}"), 0o644)
	t.Setenv("CDK_OUTDIR", out)
	context := map[string]any{"config": cfg}

	var stderr bytes.Buffer
	if code := run(&stderr, &awscdk.AppProps{Context: &context, Outdir: jsii.String(out)}); code != 1 {
		t.Fatalf("exit code %d, want 1; stderr:\n%s", code, stderr.String())
	}
	msg := stderr.String()
	want := filepath.Join(cfg, "services.yaml") + ":6:31: services[0].events[0].pattern: expected a value after ="
	if !strings.Contains(msg, want) {
		t.Errorf("stderr:\n%s\nwant it to contain %q", msg, want)
	}
	for _, crash := range []string{"goroutine", "panic", "jsii", ".js:"} {
		if strings.Contains(msg, crash) {
			t.Errorf("stderr shows %q, a crash rather than a message:\n%s", crash, msg)
		}
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("the stale template %s is still there", stale)
	}
}

// With a baseline of deployed templates, a change the deploy would refuse
// fails the synth and names the stack, the resource and the property.
func TestBaselineRefusesUnsafeChange(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Node.js")
	}
	golden, err := os.ReadFile(filepath.Join("test", "golden", "eventwatch-prod.template.json"))
	if err != nil {
		t.Fatal(err)
	}
	baseline := t.TempDir()
	deployed := strings.Replace(string(golden), `"LogGroupName": "/eventwatch/prod/orders"`, `"LogGroupName": "/eventwatch/prod/orders-old"`, 1)
	if deployed == string(golden) {
		t.Fatal("the golden prod template has no orders log group to rename")
	}
	os.WriteFile(filepath.Join(baseline, "eventwatch-prod.template.json"), []byte(deployed), 0o644)
	out := t.TempDir()
	t.Setenv("CDK_OUTDIR", out)
	context := map[string]any{"baseline": baseline, "env": "prod"}

	var stderr bytes.Buffer
	if code := run(&stderr, &awscdk.AppProps{Context: &context, Outdir: jsii.String(out)}); code != 1 {
		t.Fatalf("exit code %d, want 1; stderr:\n%s", code, stderr.String())
	}
	want := "eventwatch-prod: LogGroupOrders (AWS::Logs::LogGroup /eventwatch/prod/orders-old): LogGroupName changes from /eventwatch/prod/orders-old to /eventwatch/prod/orders: CloudFormation replaces it"
	if !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr:\n%s\nwant it to contain %q", stderr.String(), want)
	}
}

// An error the CDK throws while the stacks are built or synthesized is its
// first line, without the JavaScript stack.
func TestCDKErrorsBecomeMessages(t *testing.T) {
	err := cdkErr("stack eventwatch-dev", func() {
		panic("ValidationError: Stack name must match the regular expression\n    at new Stack (/tmp/jsii-kernel/aws-cdk-lib/core/lib/stack.js:1:1)")
	})
	want := "stack eventwatch-dev: ValidationError: Stack name must match the regular expression"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
	if err := cdkErr("synth", func() {}); err != nil {
		t.Errorf("no panic gave %v", err)
	}
}

// The same environment selected twice fails with the -c flag named, before
// any stack is built.
func TestEnvironmentSelectedTwiceFails(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Node.js")
	}
	out := t.TempDir()
	t.Setenv("CDK_OUTDIR", out)
	context := map[string]any{"env": "dev,dev"}
	var stderr bytes.Buffer
	if code := run(&stderr, &awscdk.AppProps{Context: &context, Outdir: jsii.String(out)}); code != 1 {
		t.Fatalf("exit code %d, want 1; stderr:\n%s", code, stderr.String())
	}
	if want := "-c env=dev,dev: environment"; !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr:\n%s\nwant it to contain %q", stderr.String(), want)
	}
}

// A service in a stack of its own: its alarms notify the main stack's
// topics (an export and a dependency), and the main stack's summary
// dashboard names them without depending on their stack, so there is no
// dependency cycle.
func TestServiceInAStackOfItsOwn(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Node.js")
	}
	cfg := t.TempDir()
	os.CopyFS(cfg, os.DirFS("config"))
	services, err := os.ReadFile(filepath.Join(cfg, "services.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	moved := strings.Replace(string(services), "  - name: orders\n", "  - name: orders\n    stack: fulfilment\n", 1)
	if moved == string(services) {
		t.Fatal("the example config has no orders service to move")
	}
	os.WriteFile(filepath.Join(cfg, "services.yaml"), []byte(moved), 0o644)
	out := t.TempDir()
	t.Setenv("CDK_OUTDIR", out)
	context := map[string]any{"config": cfg, "env": "prod"}
	var stderr bytes.Buffer
	if code := run(&stderr, &awscdk.AppProps{Context: &context, Outdir: jsii.String(out)}); code != 0 {
		t.Fatalf("exit code %d; stderr:\n%s", code, stderr.String())
	}
	sub, err := os.ReadFile(filepath.Join(out, "eventwatch-prod-fulfilment.template.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(sub), "Fn::ImportValue") {
		t.Error("the fulfilment stack's alarms do not import the main stack's topics")
	}
	main, err := os.ReadFile(filepath.Join(out, "eventwatch-prod.template.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(main), ":alarm:prod-orders-critical-queue-worker-failure") {
		t.Error("the summary dashboard does not name the orders alarms of the other stack")
	}
}
