package test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

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
	if err := checkGoldenUpdate(goldenDir, synthesized.dir, allStacks(), synthesized.config); err != nil {
		t.Error(err)
	}
}

// aLogGroup is a log group of the synthesized stacks, with its stack,
// logical ID, name and environment: the first, in stack and ID order, so
// that the tests below hold for any config.
func aLogGroup(t *testing.T) (stack, id, name, env string) {
	t.Helper()
	for _, s := range synthesized.stacks {
		res := synthesized.templates[s].Resources
		for _, lid := range keys(res) {
			if r := res[lid]; r.Type == "AWS::Logs::LogGroup" {
				if n, ok := r.Properties["LogGroupName"].(string); ok {
					return s, lid, n, synthesized.config.StackEnvironment(s)
				}
			}
		}
	}
	t.Skip("the config creates no log group with a name")
	return
}

// renamedLogGroup writes into a new directory the golden template of
// aLogGroup's stack with that log group renamed, as the next synthesis.
func renamedLogGroup(t *testing.T) (dir, stack, id, name, env string) {
	t.Helper()
	stack, id, name, env = aLogGroup(t)
	golden, err := os.ReadFile(filepath.Join(goldenDir, stack+".template.json"))
	if err != nil {
		t.Fatal(err)
	}
	renamed := strings.Replace(string(golden), `"LogGroupName": "`+name+`"`, `"LogGroupName": "`+name+`-v2"`, 1)
	if renamed == string(golden) {
		t.Fatalf("the golden template of %s has no log group %s to rename", stack, name)
	}
	dir = t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, stack+".template.json"), []byte(renamed), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, stack, id, name, env
}

// configWith loads the tested config with the environment files named
// in extra extended by their text.
func configWith(t *testing.T, extra map[string]string) *appconfig.Config {
	t.Helper()
	fsys := fstest.MapFS{}
	err := fs.WalkDir(testConfigFS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(testConfigFS, p)
		if text, ok := extra[p]; ok {
			data = append(data, text...)
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
	dir, stack, id, name, env := renamedLogGroup(t)
	err := checkGoldenUpdate(goldenDir, dir, []string{stack}, synthesized.config)
	if err == nil {
		t.Fatal("the renamed log group passed")
	}
	for _, want := range []string{
		"-update refuses to rewrite the golden templates (none was written)",
		stack + ": " + id + " (AWS::Logs::LogGroup " + name + "): LogGroupName changes from " + name + " to " + name + "-v2",
		"environments/" + env + ".yaml: allow: [{stack: " + stack + ", logicalId: " + id + ", reason: <why it is safe>}]",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error:\n%v\nwant it to contain %q", err, want)
		}
	}
}

// Given the golden template unchanged, the check is quiet.
func TestGoldenUpdateQuietWithoutChange(t *testing.T) {
	stack, _, _, _ := aLogGroup(t)
	dir := t.TempDir()
	golden, err := os.ReadFile(filepath.Join(goldenDir, stack+".template.json"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, stack+".template.json"), golden, 0o644)
	if err := checkGoldenUpdate(goldenDir, dir, []string{stack}, synthesized.config); err != nil {
		t.Error(err)
	}
}

// Given the environment's file allows the replacement, by stack and
// logical ID or by name, the check is quiet; an allowance by the same name
// in another environment's file does not reach it.
func TestGoldenUpdateHonoursTheEnvironmentsAllowances(t *testing.T) {
	proposed, stack, id, name, env := renamedLogGroup(t)
	own := "environments/" + env + ".yaml"
	other := ""
	for _, e := range synthesized.config.EnvironmentNames() {
		if e != env {
			other = "environments/" + e + ".yaml"
		}
	}
	cases := []struct {
		name  string
		extra map[string]string
		quiet bool
	}{
		{"by stack and logical ID", map[string]string{own: "\nallow:\n  - stack: " + stack + "\n    logicalId: " + id + "\n    reason: the service moves to a new log group; the old one is retained\n"}, true},
		{"by name", map[string]string{own: "\nallow:\n  - name: " + name + "\n    reason: the service moves to a new log group; the old one is retained\n"}, true},
	}
	if other != "" {
		cases = append(cases, struct {
			name  string
			extra map[string]string
			quiet bool
		}{"by name in another environment", map[string]string{other: "\nallow:\n  - name: " + name + "\n    reason: not this environment's to allow\n"}, false})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := configWith(t, c.extra)
			err := checkGoldenUpdate(goldenDir, proposed, []string{stack}, cfg)
			if c.quiet && err != nil {
				t.Errorf("allowed, yet: %v", err)
			}
			if !c.quiet && (err == nil || !strings.Contains(err.Error(), id)) {
				t.Errorf("got %v, want the replacement of %s refused", err, id)
			}
		})
	}
}
