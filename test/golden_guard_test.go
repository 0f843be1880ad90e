package test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/eventwatch/eventwatch/config"
	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/queries"
)

// checkGoldenUpdate compares the committed golden templates (every
// <stack>.template.json in goldenDir, as the deployed side) with the
// synthesized ones of stacks in synthDir, with the stateful-change check
// and the allowances of cfg. It returns an error listing each change that
// would lose data or fail the deploy, and how to allow it; `go test ./test
// -update` writes nothing then.
func checkGoldenUpdate(goldenDir, synthDir string, stacks []string, cfg *appconfig.Config) error {
	committed, err := readTemplates(goldenDir)
	if err != nil {
		return err
	}
	proposed := map[string][]byte{}
	for _, stack := range stacks {
		body, err := os.ReadFile(filepath.Join(synthDir, stack+".template.json"))
		if err != nil {
			return err
		}
		proposed[stack] = body
	}
	problems := cfg.CheckStacks(committed, proposed)
	if len(problems) == 0 {
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "-update refuses to rewrite the golden templates (none was written): %d change(s) against the committed ones in %s would lose data or fail the deploy:\n", len(problems), goldenDir)
	for _, p := range problems {
		fmt.Fprintf(&b, "  %s\n      %s\n", p, cfg.HowToAllow(p))
	}
	b.WriteString("Keep the resources as they are, or, if the change is intended, allow each one in its environment's file with the reason, and run `go test ./test -update` again.")
	return fmt.Errorf("%s", b.String())
}

// readTemplates reads every <stack>.template.json in dir.
func readTemplates(dir string) (map[string][]byte, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.template.json"))
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		out[strings.TrimSuffix(filepath.Base(f), ".template.json")] = body
	}
	return out, nil
}

// The check runs in every `make test`: the synthesized stacks change
// nothing against the committed golden templates that would lose data or
// fail a deploy (a golden diff alone would not say so).
func TestNoUnsafeChangeAgainstGoldenTemplates(t *testing.T) {
	if err := checkGoldenUpdate("golden", synthesized.dir, allStacks(), synthesized.config); err != nil {
		t.Error(err)
	}
}

// renamedOrdersLogGroup writes into a new directory the prod golden
// template with the orders log group renamed, as the next synthesis.
func renamedOrdersLogGroup(t *testing.T) string {
	t.Helper()
	golden, err := os.ReadFile(filepath.Join("golden", "eventwatch-prod.template.json"))
	if err != nil {
		t.Fatal(err)
	}
	renamed := strings.Replace(string(golden), `"LogGroupName": "/eventwatch/prod/orders"`, `"LogGroupName": "/eventwatch/prod/orders-v2"`, 1)
	if renamed == string(golden) {
		t.Fatal("the golden prod template has no orders log group to rename")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "eventwatch-prod.template.json"), []byte(renamed), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// exampleConfigWith loads the example config with prod.yaml and dev.yaml
// extended by the given text.
func exampleConfigWith(t *testing.T, prod, dev string) *appconfig.Config {
	t.Helper()
	fsys := fstest.MapFS{}
	err := fs.WalkDir(config.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(config.FS, p)
		switch p {
		case "environments/prod.yaml":
			data = append(data, prod...)
		case "environments/dev.yaml":
			data = append(data, dev...)
		}
		fsys[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := appconfig.Load(fsys, "config", queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// Given a synthesis that renames a deployed log group (a replacement: a
// new, empty log group), when -update would rewrite the goldens, then it
// refuses, naming the stack, the resource, the property and the allow
// entry that would accept it.
func TestGoldenUpdateRefusesARenamedLogGroup(t *testing.T) {
	err := checkGoldenUpdate("golden", renamedOrdersLogGroup(t), []string{"eventwatch-prod"}, synthesized.config)
	if err == nil {
		t.Fatal("the renamed log group passed")
	}
	for _, want := range []string{
		"-update refuses to rewrite the golden templates (none was written)",
		"eventwatch-prod: LogGroupOrders (AWS::Logs::LogGroup /eventwatch/prod/orders): LogGroupName changes from /eventwatch/prod/orders to /eventwatch/prod/orders-v2",
		"environments/prod.yaml: allow: [{stack: eventwatch-prod, logicalId: LogGroupOrders, reason: <why it is safe>}]",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error:\n%v\nwant it to contain %q", err, want)
		}
	}
}

// Given the golden template unchanged, the check is quiet.
func TestGoldenUpdateQuietWithoutChange(t *testing.T) {
	dir := t.TempDir()
	golden, err := os.ReadFile(filepath.Join("golden", "eventwatch-prod.template.json"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "eventwatch-prod.template.json"), golden, 0o644)
	if err := checkGoldenUpdate("golden", dir, []string{"eventwatch-prod"}, synthesized.config); err != nil {
		t.Error(err)
	}
}

// Given prod.yaml allows the replacement, by stack and logical ID or by
// name, the check is quiet; an allowance by the same name in dev.yaml does
// not reach prod's log group.
func TestGoldenUpdateHonoursTheEnvironmentsAllowances(t *testing.T) {
	proposed := renamedOrdersLogGroup(t)
	for _, c := range []struct {
		name, prod, dev string
		quiet           bool
	}{
		{"by stack and logical ID", "allow:\n  - stack: eventwatch-prod\n    logicalId: LogGroupOrders\n    reason: orders moves to a new log group; the old one is retained\n", "", true},
		{"by name", "allow:\n  - name: /eventwatch/prod/orders\n    reason: orders moves to a new log group; the old one is retained\n", "", true},
		{"by name in another environment", "", "allow:\n  - name: /eventwatch/prod/orders\n    reason: not dev's to allow\n", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg := exampleConfigWith(t, c.prod, c.dev)
			err := checkGoldenUpdate("golden", proposed, []string{"eventwatch-prod"}, cfg)
			if c.quiet && err != nil {
				t.Errorf("allowed, yet: %v", err)
			}
			if !c.quiet && (err == nil || !strings.Contains(err.Error(), "LogGroupOrders")) {
				t.Errorf("got %v, want the replacement of LogGroupOrders refused", err)
			}
		})
	}
}
