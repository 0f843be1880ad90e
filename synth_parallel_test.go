package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/kernelhost"
)

// failPartEnv, set in a test, makes every part's process fail as a part
// whose stacks the CDK refuses does.
const failPartEnv = "EVENTWATCH_TEST_FAIL_PART"

// testAppEnv, set, makes the test binary the app, as a test starts it.
const testAppEnv = "EVENTWATCH_TEST_APP"

// TestMain runs the test binary as the app when a parallel synth starts
// it for a part, as it starts bin/eventwatch, or when a test does; with
// jsii's kernel as its direct child, as the app runs (kernelhost).
func TestMain(m *testing.M) {
	kernelhost.Direct()
	if os.Getenv(envPart) != "" {
		if os.Getenv(failPartEnv) != "" {
			fmt.Fprintf(os.Stderr, failedFormat, "the part failed on purpose")
			os.Exit(1)
		}
		os.Exit(run(os.Stderr, nil))
	}
	if os.Getenv(testAppEnv) != "" {
		os.Exit(run(os.Stderr, nil))
	}
	code := m.Run()
	if oneProcess.dir != "" {
		os.RemoveAll(oneProcess.dir)
	}
	os.Exit(code)
}

// kernelPaths are the jsii runtime's temporary directories, which the
// stack traces in a stack's metadata name and which differ by process.
var kernelPaths = regexp.MustCompile(`/tmp/jsii-(kernel-|runtime\.)[A-Za-z0-9]+`)

// kernelProgram is the path of jsii's kernel program in a stack trace:
// the relay's extracted copy or the module cache's, which kernelhost runs.
var kernelProgram = regexp.MustCompile(`[^"( ]*/lib/program\.js`)

// synthWithJobs synthesizes the example config, every environment, with
// EVENTWATCH_SYNTH_JOBS=jobs, into out.
func synthWithJobs(t *testing.T, jobs, out string) {
	t.Helper()
	t.Setenv(envOutdir, out)
	t.Setenv(envJobs, jobs)
	context := map[string]any{"aws:cdk:enable-path-metadata": true}
	var stderr bytes.Buffer
	if code := run(&stderr, &awscdk.AppProps{Context: &context, Outdir: jsii.String(out)}); code != 0 {
		t.Fatalf("EVENTWATCH_SYNTH_JOBS=%s: exit code %d; stderr:\n%s", jobs, code, stderr.String())
	}
}

// oneProcess is the example's cloud assembly synthesized in this process
// (EVENTWATCH_SYNTH_JOBS=1), made once for the tests that compare other
// ways of synthesizing with it; TestMain removes it.
var oneProcess struct {
	sync.Once
	dir string
}

func oneProcessAssembly(t *testing.T) string {
	t.Helper()
	oneProcess.Do(func() {
		dir, err := os.MkdirTemp("", "eventwatch-one-process-*")
		if err != nil {
			t.Fatal(err)
		}
		oneProcess.dir = dir
		synthWithJobs(t, "1", dir)
	})
	if _, err := os.Stat(filepath.Join(oneProcess.dir, "manifest.json")); err != nil {
		t.Fatal("the one-process synth failed (see the first test that made it)")
	}
	return oneProcess.dir
}

// sameAssembly fails t unless the cloud assemblies in dirs want and got
// hold the same files, byte for byte but for the kernel's paths in stack
// traces, which differ by process.
func sameAssembly(t *testing.T, want, got string) []string {
	t.Helper()
	names := func(dir string) []string {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range entries {
			out = append(out, e.Name())
		}
		return out
	}
	wantNames, gotNames := names(want), names(got)
	if !slices.Equal(wantNames, gotNames) {
		t.Fatalf("files differ:\n%s: %v\n%s: %v", want, wantNames, got, gotNames)
	}
	normalize := func(b []byte) []byte {
		return kernelPaths.ReplaceAll(kernelProgram.ReplaceAll(b, []byte("program.js")), nil)
	}
	for _, name := range wantNames {
		a, errA := os.ReadFile(filepath.Join(want, name))
		b, errB := os.ReadFile(filepath.Join(got, name))
		if errA != nil || errB != nil {
			t.Fatalf("%s: %v %v", name, errA, errB)
		}
		if !bytes.Equal(normalize(a), normalize(b)) {
			t.Errorf("%s differs between %s and %s", name, want, got)
		}
	}
	return gotNames
}

// A synth split into a process per environment writes the cloud assembly
// one process writes, file for file and byte for byte: templates, asset
// manifests, metadata, manifest.json (stack artifacts, their order,
// dependencies and properties) and tree.json.
func TestParallelSynthWritesWhatOneProcessWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Node.js")
	}
	split := t.TempDir()
	synthWithJobs(t, "3", split)
	got := sameAssembly(t, oneProcessAssembly(t), split)
	if !slices.Contains(got, "eventwatch-deploy-111111111111.template.json") || !slices.Contains(got, "eventwatch-prod.template.json") {
		t.Fatalf("the example's environment and deploy-role stacks are not all there: %v", got)
	}
}

// A part that fails fails the synth with its own message, once, and
// leaves no template, manifest or part directory behind.
func TestFailingPartLeavesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Node.js")
	}
	out := t.TempDir()
	stale := filepath.Join(out, "eventwatch-prod.template.json")
	os.WriteFile(stale, []byte("{}"), 0o644)
	t.Setenv(envOutdir, out)
	t.Setenv(envJobs, "3")
	t.Setenv(failPartEnv, "1")
	var stderr bytes.Buffer
	if code := run(&stderr, &awscdk.AppProps{Outdir: jsii.String(out)}); code != 1 {
		t.Fatalf("exit code %d, want 1; stderr:\n%s", code, stderr.String())
	}
	msg := stderr.String()
	want := fmt.Sprintf(failedFormat, "the part failed on purpose")
	if !strings.HasSuffix(msg, want) || strings.Count(msg, "synth failed") != 1 {
		t.Errorf("stderr:\n%s\nwant it to end with, once:\n%s", msg, want)
	}
	left, _ := os.ReadDir(out)
	if len(left) > 0 {
		var names []string
		for _, e := range left {
			names = append(names, e.Name())
		}
		t.Errorf("the failed synth left %v", names)
	}
}

// The parts keep each deploy-role stack with its account's environments,
// balance the resources, list environments in the app's order, and come
// largest first.
func TestSplitParts(t *testing.T) {
	deploy := func(name string, envs ...string) appconfig.DeployStackPlan {
		return appconfig.DeployStackPlan{StackName: name, Environments: envs}
	}
	cases := []struct {
		name   string
		sel    selection
		sizes  map[string]int
		jobs   int
		expect []synthPart
	}{
		{
			name:   "one part per environment",
			sel:    selection{envs: []string{"dev", "staging", "prod"}},
			sizes:  map[string]int{"dev": 400, "staging": 400, "prod": 500},
			jobs:   3,
			expect: []synthPart{{Envs: []string{"prod"}}, {Envs: []string{"dev"}}, {Envs: []string{"staging"}}},
		},
		{
			name:   "fewer jobs than environments: the smallest share a part, which comes first",
			sel:    selection{envs: []string{"dev", "staging", "prod"}},
			sizes:  map[string]int{"dev": 400, "staging": 400, "prod": 500},
			jobs:   2,
			expect: []synthPart{{Envs: []string{"dev", "staging"}}, {Envs: []string{"prod"}}},
		},
		{
			name: "a deploy-role stack keeps its account's environments together",
			sel: selection{envs: []string{"dev", "staging", "prod"}, deploy: []appconfig.DeployStackPlan{
				deploy("app-deploy-1", "dev", "staging"), deploy("app-deploy-2", "prod"),
			}},
			sizes: map[string]int{"dev": 400, "staging": 400, "prod": 500},
			jobs:  3,
			expect: []synthPart{
				{Envs: []string{"dev", "staging"}, Deploy: []string{"app-deploy-1"}},
				{Envs: []string{"prod"}, Deploy: []string{"app-deploy-2"}},
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := splitParts(c.sel, c.sizes, c.jobs)
			if fmt.Sprint(got) != fmt.Sprint(c.expect) {
				t.Errorf("got %v, want %v", got, c.expect)
			}
		})
	}
}

// Merging puts members in the stacks' order, shared members last, and
// refuses shared members that differ.
func TestMergeMembers(t *testing.T) {
	rank := stackRank([]string{"app-dev", "app-prod"})
	parts := [][]member{
		{{"app-prod.assets", []byte(`1`)}, {"app-prod", []byte(`2`)}, {"Tree", []byte(`{}`)}},
		{{"app-dev.assets", []byte(`3`)}, {"app-dev", []byte(`4`)}, {"Tree", []byte(`{}`)}},
	}
	got, err := mergeMembers(parts, rank)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, m := range got {
		keys = append(keys, m.key)
	}
	if want := []string{"app-dev.assets", "app-dev", "app-prod.assets", "app-prod", "Tree"}; !slices.Equal(keys, want) {
		t.Errorf("got %v, want %v", keys, want)
	}
	parts[1][2].value = []byte(`{"x":1}`)
	if _, err := mergeMembers(parts, rank); err == nil || !strings.Contains(err.Error(), `"Tree" differs`) {
		t.Errorf("got %v, want an error naming Tree", err)
	}
}
