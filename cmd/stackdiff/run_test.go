package main

import (
	"bytes"
	"context"
	"fmt"
	"github.com/eventwatch/eventwatch/internal/assembly"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// goldenDir holds a copy of the golden templates of test/golden, so that
// these tests do not change when the stacks do.
const goldenDir = "testdata/golden"

// edit changes one golden template in the copy a case synthesizes from.
type edit struct{ stack, old, new string }

// cdkOut copies the golden templates of stacks into a temporary cdk.out,
// applying the edits; an edit with old "" deletes the stack's file.
func cdkOut(t *testing.T, stacks []string, edits ...edit) string {
	t.Helper()
	dir := t.TempDir()
	for _, s := range stacks {
		body, err := os.ReadFile(filepath.Join(goldenDir, s+assembly.TemplateSuffix))
		if err != nil {
			t.Fatal(err)
		}
		text := string(body)
		for _, e := range edits {
			if e.stack != s {
				continue
			}
			if !strings.Contains(text, e.old) {
				t.Fatalf("%s: the golden template has no %q to edit", s, e.old)
			}
			text = strings.Replace(text, e.old, e.new, 1)
		}
		if err := os.WriteFile(filepath.Join(dir, s+assembly.TemplateSuffix), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestRunAgainstGolden(t *testing.T) {
	all := []string{"eventwatch-dev", "eventwatch-prod", "eventwatch-staging"}
	prod := []string{"eventwatch-prod"}
	cases := []struct {
		name   string
		stacks []string
		edits  []edit
		args   []string
		code   int
		want   []string // lines (or parts of lines) of stdout
		not    []string // must not appear
	}{
		{name: "no change", stacks: all, code: exitSame,
			want: []string{"eventwatch-dev: no change", "eventwatch-prod: no change", "eventwatch-staging: no change"}},
		{name: "one environment, other environments' goldens ignored", stacks: prod, args: []string{"--env", "prod"}, code: exitSame,
			want: []string{"eventwatch-prod: no change"}, not: []string{"eventwatch-dev", "eventwatch-staging"}},
		{name: "a retention change is a modification", stacks: prod, code: exitChanged,
			edits: []edit{{"eventwatch-prod", `"RetentionInDays": 365`, `"RetentionInDays": 400`}},
			want:  []string{"eventwatch-prod\n", "  ~ LogGroupCheckout (AWS::Logs::LogGroup /eventwatch/prod/checkout) modified: Properties.RetentionInDays"},
			not:   []string{"lose data"}},
		{name: "a class change is a refused replacement", stacks: prod, code: exitUnsafe,
			edits: []edit{{"eventwatch-prod", `"LogGroupClass": "STANDARD"`, `"LogGroupClass": "INFREQUENT_ACCESS"`}},
			want: []string{"  ! LogGroupCheckout (AWS::Logs::LogGroup /eventwatch/prod/checkout) replaced: LogGroupClass forces a replacement; changed: Properties.LogGroupClass",
				"changes that would lose data or fail the deploy, against the golden templates in testdata/golden:",
				"  eventwatch-prod: LogGroupCheckout (AWS::Logs::LogGroup /eventwatch/prod/checkout): LogGroupClass changes from STANDARD to INFREQUENT_ACCESS",
				"\n    no allowance accepts this: CloudFormation would refuse the deploy\n"}},
		{name: "a log group under a new logical ID", stacks: prod, code: exitUnsafe,
			edits: []edit{{"eventwatch-prod", `"LogGroupOrders": {`, `"LogGroupOrdersV2": {`}},
			want: []string{"  - LogGroupOrders (AWS::Logs::LogGroup /eventwatch/prod/orders) removed", "  + LogGroupOrdersV2 (AWS::Logs::LogGroup /eventwatch/prod/orders) added",
				"eventwatch-prod: LogGroupOrders (AWS::Logs::LogGroup /eventwatch/prod/orders): moves to the logical ID LogGroupOrdersV2 under the same name"}},
		{name: "a renamed log group names the allow: entry of its environment's file", stacks: prod, code: exitUnsafe,
			edits: []edit{{"eventwatch-prod", `"LogGroupName": "/eventwatch/prod/orders"`, `"LogGroupName": "/eventwatch/prod/orders-v2"`}},
			want: []string{"  ! LogGroupOrders (AWS::Logs::LogGroup /eventwatch/prod/orders → /eventwatch/prod/orders-v2) replaced: LogGroupName forces a replacement",
				"  eventwatch-prod: LogGroupOrders (AWS::Logs::LogGroup /eventwatch/prod/orders): LogGroupName changes from /eventwatch/prod/orders to /eventwatch/prod/orders-v2",
				"\n    to accept it on purpose, add to config/environments/prod.yaml: allow: [{stack: eventwatch-prod, logicalId: LogGroupOrders, reason: <why it is safe>}]\n"}},
		{name: "a golden stack of the environment not synthesized", stacks: []string{"eventwatch-dev"}, args: []string{"--env", "prod"}, code: exitChanged,
			want: []string{"eventwatch-dev: no change", "eventwatch-prod: in the golden templates in testdata/golden, not synthesized"}},
		{name: "without --env, every golden stack counts", stacks: []string{"eventwatch-dev", "eventwatch-prod"}, code: exitChanged,
			want: []string{"eventwatch-staging: in the golden templates in testdata/golden, not synthesized"}},
		{name: "a stack without a golden template is new", stacks: prod, args: []string{"--golden", "testdata/empty"}, code: exitChanged,
			want: []string{"eventwatch-prod: new stack, not in the golden templates in testdata/empty", "  + LogGroupOrders (AWS::Logs::LogGroup /eventwatch/prod/orders) added"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := cdkOut(t, c.stacks, c.edits...)
			var out, errOut bytes.Buffer
			args := append([]string{"--cdk-out", dir, "--golden", goldenDir}, c.args...)
			code := run(context.Background(), args, &out, &errOut)
			if code != c.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, c.code, out.String(), errOut.String())
			}
			for _, w := range c.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("stdout lacks %q:\n%s", w, out.String())
				}
			}
			for _, n := range c.not {
				if strings.Contains(out.String(), n) {
					t.Errorf("stdout has %q:\n%s", n, out.String())
				}
			}
		})
	}
}

func TestRunErrors(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
		out  string // in stdout
		err  string // in stderr
	}{
		{"help documents the exit codes", []string{"--help"}, exitSame, "Exit status: 0 no change, 1 changes, 2 error, 3 changes that would lose\ndata or fail the deploy.", ""},
		{"an unknown flag", []string{"--nope"}, exitError, "", "flag provided but not defined: -nope"},
		{"an argument", []string{"extra"}, exitError, "", `stackdiff: unexpected argument "extra"`},
		{"no cdk.out", []string{"--cdk-out", "testdata/missing"}, exitError, "", "testdata/missing: stat testdata/missing: no such file or directory; run make synth first"},
		{"a broken manifest", []string{"--cdk-out", "testdata/badmanifest"}, exitError, "", "testdata/badmanifest/manifest.json: not a cloud assembly manifest"},
		{"a template that is not JSON", []string{"--cdk-out", "testdata/yaml", "--golden", "testdata/yaml"}, exitError, "", "app-dev: the baseline template: not a CloudFormation template in JSON"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(context.Background(), c.args, &out, &errOut)
			if code != c.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, c.code, out.String(), errOut.String())
			}
			if !strings.Contains(out.String(), c.out) || !strings.Contains(errOut.String(), c.err) {
				t.Errorf("stdout:\n%s\nstderr:\n%s\nwant %q in stdout and %q in stderr", out.String(), errOut.String(), c.out, c.err)
			}
		})
	}
}

// A cloud assembly's manifest names the stacks and their regions.
func TestReadAssemblyManifest(t *testing.T) {
	stacks, err := assembly.Read("testdata/assembly")
	if err != nil {
		t.Fatal(err)
	}
	if len(stacks) != 2 || stacks[0].Name != "app-dev" || stacks[0].Region != "eu-west-1" || stacks[1].Name != "app-dev-payments" || stacks[1].Region != "" {
		t.Errorf("got %+v, want app-dev in eu-west-1 and app-dev-payments without a region", stacks)
	}
}

// A template over CloudFormation's size limit is reported with the changes.
func TestRunReportsOversizedTemplate(t *testing.T) {
	dir := t.TempDir()
	huge := `{"Description": "` + strings.Repeat("x", 1_000_001) + `", "Resources": {}}`
	if err := os.WriteFile(filepath.Join(dir, "app-prod"+assembly.TemplateSuffix), []byte(huge), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"--cdk-out", dir, "--golden", "testdata/empty"}, &out, &errOut)
	want := fmt.Sprintf("app-prod: the template is %d bytes, over CloudFormation's limit of 1000000 bytes for a template in S3", len(huge))
	if code != exitUnsafe || !strings.Contains(out.String(), want) {
		t.Errorf("exit %d, stdout:\n%.500s\nwant exit %d and %q", code, out.String(), exitUnsafe, want)
	}
}
