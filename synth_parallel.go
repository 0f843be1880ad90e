package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/internal/appconfig"
)

// Synthesizing in parallel. An environment's stacks depend on no other
// environment's (their own account, region and topics), while the calls
// into the CDK go one at a time through the jsii runtime's single Node.js
// process, a round trip each. So when several environments are selected
// and have parallelMinResources between them, the app starts itself once
// per part (a run of environments, the last with the deploy-role stacks),
// each process with its own jsii runtime synthesizing its part into a
// directory of its own, and merges the parts into the one cloud assembly
// the CLI reads (mergeParts): the same stacks, artifacts, paths and files,
// byte for byte, as one process writes. The checks of the whole
// (checkOutput) then run on the merged assembly, as after a synth in one
// process, and a part's error is its own process's message.
const (
	// envPart, set by the parent process, makes the app synthesize the
	// part it holds (a synthPart in JSON) and nothing else.
	envPart = "EVENTWATCH_SYNTH_PART"
	// envJobs caps the processes: 1 synthesizes in one process, n in at
	// most n (this one and n-1 started). Default: one per CPU, when the
	// environments have parallelMinResources together.
	envJobs = "EVENTWATCH_SYNTH_JOBS"
	// parallelMinResources is the planned resource count from which the
	// environments are synthesized in parallel. Each process started pays
	// about 2 s of CPU of its own (the jsii runtime's start, Node.js loading
	// aws-cdk-lib, reading the config), and environments are the smallest
	// parts. On 2 CPUs, with the kernel hosted directly and dashboards
	// rendered in Go, bench/gen's app of 150 services (4,294 resources)
	// takes as long either way (11.1 s, and 40 % more CPU in parallel);
	// that of 300 (about 8,600) is 11 % quicker in parallel (bench/RESULTS.md).
	parallelMinResources = 6000
	// stagingPrefix names the directory, in the output directory, where
	// the parts are synthesized; mergeParts moves their files out of it.
	stagingPrefix  = ".eventwatch-synth-"
	stagingPattern = stagingPrefix + "*"
	// contextFileName is the file, in the staging directory, that hands
	// the parts the parent's context (CONTEXT_OVERFLOW_LOCATION_ENV).
	contextFileName = "context.json"
)

// synthPart is what a process started for a part synthesizes.
type synthPart struct {
	// Envs are the part's environments, in the app's order.
	Envs []string `json:"envs"`
	// Deploy are the deploy-role stacks it builds after them, those of the
	// accounts of its environments (a deploy-role stack reads the stacks of
	// its account's environments).
	Deploy []string `json:"deploy,omitempty"`
}

// partFromEnv is the part this process synthesizes, nil when it is not
// one's.
func partFromEnv() (*synthPart, error) {
	s := os.Getenv(envPart)
	if s == "" {
		return nil, nil
	}
	var p synthPart
	if err := json.Unmarshal([]byte(s), &p); err != nil {
		return nil, fmt.Errorf("%s: %w", envPart, err)
	}
	return &p, nil
}

// of narrows sel to the part's environments and stacks.
func (p *synthPart) of(sel selection) (selection, error) {
	for _, env := range p.Envs {
		if !slices.Contains(sel.envs, env) {
			return sel, fmt.Errorf("%s: environment %q is not selected", envPart, env)
		}
	}
	sel.envs = p.Envs
	var deploy []appconfig.DeployStackPlan
	for _, d := range sel.deploy {
		if slices.Contains(p.Deploy, d.StackName) {
			deploy = append(deploy, d)
		}
	}
	sel.deploy = deploy
	return sel, nil
}

// parallelSynth is a synth split into parts.
type parallelSynth struct {
	outdir string
	ctx    cdkContext
	sel    selection
	parts  []synthPart
	// names are the stacks' names, in the order one process builds them.
	names []string
}

// planParallel splits the synth into parts, or returns nil for a synth in
// this process: when one environment is selected, the app is small, the
// machine has one CPU, props set more than context and outdir, or
// anything is wrong with the context or the config (the synth in this
// process reports it, as always).
func planParallel(props *awscdk.AppProps) *parallelSynth {
	jobs, err := strconv.Atoi(os.Getenv(envJobs))
	if err != nil {
		jobs = 0
	}
	if jobs == 1 || !onlyContextProps(props) {
		return nil
	}
	p := &parallelSynth{outdir: os.Getenv(envOutdir)}
	if p.outdir == "" && props != nil && props.Outdir != nil {
		p.outdir = *props.Outdir
	}
	if p.outdir == "" {
		return nil
	}
	// As in one process, the last synth's templates go before anything
	// is read.
	removeStaleOutput(p.outdir)
	if p.ctx, err = contextOf(props); err != nil {
		return nil
	}
	if p.sel, err = prepare(p.ctx); err != nil || len(p.sel.envs) < 2 {
		return nil
	}
	sizes := map[string]int{}
	total := 0
	for _, env := range p.sel.envs {
		plans, err := p.sel.cfg.Plan(env)
		if err != nil {
			return nil
		}
		for _, plan := range plans {
			sizes[env] += plan.ResourceCount()
			p.names = append(p.names, plan.StackName)
		}
		total += sizes[env]
	}
	for _, plan := range p.sel.deploy {
		p.names = append(p.names, plan.StackName)
	}
	if jobs < 1 {
		if total < parallelMinResources {
			return nil
		}
		jobs = runtime.NumCPU()
	}
	p.parts = splitParts(p.sel, sizes, jobs)
	if len(p.parts) < 2 {
		return nil
	}
	return p
}

// onlyContextProps reports whether props sets nothing but context and the
// output directory, which is all a part's process is handed.
func onlyContextProps(props *awscdk.AppProps) bool {
	if props == nil {
		return true
	}
	rest := *props
	rest.Context, rest.PostCliContext, rest.Outdir = nil, nil, nil
	return rest == awscdk.AppProps{}
}

// splitParts divides the selection into at most jobs parts of about
// equal resource counts (sizes, by environment), the largest first. The
// environments of an account with a deploy-role stack go to one part,
// with the stack. Each part lists its environments and stacks in the
// app's order; mergeParts puts the parts' stacks back in that order.
func splitParts(sel selection, sizes map[string]int, jobs int) []synthPart {
	// Units that cannot be split: an environment, or the environments of
	// an account's deploy-role stack, with the stack.
	unitOf := map[string]int{}
	var units []synthPart
	for _, env := range sel.envs {
		unitOf[env] = len(units)
		units = append(units, synthPart{Envs: []string{env}})
	}
	for _, d := range sel.deploy {
		into := -1
		for _, env := range d.Environments {
			u, ok := unitOf[env]
			if !ok {
				continue
			}
			if into < 0 {
				into = u
			} else if u != into {
				units[into].Envs = append(units[into].Envs, units[u].Envs...)
				units[into].Deploy = append(units[into].Deploy, units[u].Deploy...)
				for _, e := range units[u].Envs {
					unitOf[e] = into
				}
				units[u] = synthPart{}
			}
		}
		if into < 0 {
			into = len(units) - 1 // no environment selected: any part
		}
		units[into].Deploy = append(units[into].Deploy, d.StackName)
	}
	// The largest unit first into the part with the fewest resources.
	size := func(u synthPart) int {
		n := 0
		for _, env := range u.Envs {
			n += sizes[env]
		}
		return n
	}
	units = slices.DeleteFunc(units, func(u synthPart) bool { return len(u.Envs) == 0 && len(u.Deploy) == 0 })
	slices.SortStableFunc(units, func(a, b synthPart) int { return size(b) - size(a) })
	parts := make([]synthPart, min(jobs, len(units)))
	loads := make([]int, len(parts))
	for _, u := range units {
		i := slices.Index(loads, slices.Min(loads))
		parts[i].Envs = append(parts[i].Envs, u.Envs...)
		parts[i].Deploy = append(parts[i].Deploy, u.Deploy...)
		loads[i] += size(u)
	}
	for i := range parts {
		slices.SortFunc(parts[i].Envs, func(a, b string) int {
			return slices.Index(sel.envs, a) - slices.Index(sel.envs, b)
		})
	}
	// The largest part first: this process synthesizes it, while the
	// others' processes start their jsii runtimes and read the config.
	slices.SortStableFunc(parts, func(a, b synthPart) int { return size(b) - size(a) })
	return parts
}

// run synthesizes the parts, merges them into the output directory and
// checks the result, with run's messages and exit codes.
func (p *parallelSynth) run(stderr io.Writer) int {
	err := p.synthesize(stderr)
	if err == nil {
		err = checkOutput(p.outdir, p.ctx, p.sel.cfg, p.names, stderr)
	}
	if err != nil {
		if !errors.Is(err, errPartReported) {
			fmt.Fprintf(stderr, failedFormat, err)
		}
		removeStaleOutput(p.outdir)
		return 1
	}
	return 0
}

// errPartReported is a part's failure, whose process has said why.
var errPartReported = errors.New("a part failed")

// partRun is a part's process and what it wrote.
type partRun struct {
	dir            string
	cmd            *exec.Cmd
	cancel         context.CancelFunc
	stdout, stderr bytes.Buffer
	err            error
}

// synthesize synthesizes the first part in this process and the others
// in processes of their own, at the same time; passes on what the
// processes write (in the parts' order, up to the first that failed) and
// merges the parts' cloud assemblies into the output directory.
func (p *parallelSynth) synthesize(stderr io.Writer) error {
	staging, err := os.MkdirTemp(p.outdir, stagingPattern)
	if err != nil {
		return err
	}
	defer os.RemoveAll(staging)
	ctxFile := filepath.Join(staging, contextFileName)
	ctxJSON, err := json.Marshal(p.ctx)
	if err != nil {
		return err
	}
	if err := os.WriteFile(ctxFile, ctxJSON, 0o600); err != nil {
		return err
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	dirs := make([]string, len(p.parts))
	runs := make([]*partRun, len(p.parts))
	for i, part := range p.parts {
		dirs[i] = filepath.Join(staging, strconv.Itoa(i))
		if i == 0 {
			continue
		}
		if runs[i], err = newPartRun(exe, dirs[i], ctxFile, part); err != nil {
			return err
		}
	}
	done := startParts(runs[1:])
	if err := p.synthOwnPart(dirs[0]); err != nil {
		cancelParts(runs[1:])
		waitParts(runs[1:], done)
		return err
	}
	waitParts(runs[1:], done)
	for _, r := range runs[1:] {
		os.Stdout.Write(r.stdout.Bytes())
		stderr.Write(r.stderr.Bytes())
		if r.err != nil {
			if r.stderr.Len() == 0 {
				return fmt.Errorf("environments %s: %v", strings.Join(r.partEnvs(), ", "), r.err)
			}
			return errPartReported
		}
	}
	return mergeParts(p.outdir, dirs, p.names)
}

// synthOwnPart synthesizes the first part in this process, into dir, with
// the config it has read.
func (p *parallelSynth) synthOwnPart(dir string) error {
	sel, err := p.parts[0].of(p.sel)
	if err != nil {
		return err
	}
	ctx := map[string]any(p.ctx)
	app := awscdk.NewApp(&awscdk.AppProps{Context: &ctx, Outdir: jsii.String(dir)})
	if _, err := build(app, sel); err != nil {
		return err
	}
	return cdkErr("synth", func() { app.Synth(nil) })
}

// newPartRun prepares the process of part, writing into dir and reading
// the context from ctxFile; every other variable of this process's
// environment is passed on.
func newPartRun(exe, dir, ctxFile string, part synthPart) (*partRun, error) {
	if err := os.Mkdir(dir, 0o755); err != nil {
		return nil, err
	}
	spec, err := json.Marshal(part)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &partRun{dir: dir, cancel: cancel, cmd: exec.CommandContext(ctx, exe)}
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if name != envContextJSON && name != envContextOverflow && name != envOutdir && name != envPart {
			r.cmd.Env = append(r.cmd.Env, kv)
		}
	}
	r.cmd.Env = append(r.cmd.Env, envOutdir+"="+dir, envContextOverflow+"="+ctxFile, envPart+"="+string(spec))
	r.cmd.Stdout, r.cmd.Stderr = &r.stdout, &r.stderr
	r.cmd.SysProcAttr = partProcAttr()
	return r, nil
}

// partEnvs are the environments of the run's part, from its process's
// environment.
func (r *partRun) partEnvs() []string {
	for _, kv := range r.cmd.Env {
		if spec, ok := strings.CutPrefix(kv, envPart+"="); ok {
			var p synthPart
			json.Unmarshal([]byte(spec), &p)
			return p.Envs
		}
	}
	return nil
}

// startParts starts the parts' processes; each sends its index on the
// channel returned when it has ended.
func startParts(runs []*partRun) chan int {
	done := make(chan int, len(runs))
	for i, r := range runs {
		go func() {
			// partProcAttr's parent-death signal follows the thread that
			// started the process: keep it until the process ends.
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			r.err = r.cmd.Run()
			done <- i
		}()
	}
	return done
}

// waitParts waits for the parts' processes; when one fails, the parts
// after it are stopped, since only the first failure in order is
// reported.
func waitParts(runs []*partRun, done chan int) {
	for range runs {
		i := <-done
		if runs[i].err != nil {
			cancelParts(runs[i+1:])
		}
	}
	cancelParts(runs)
}

// cancelParts stops the parts' processes that still run.
func cancelParts(runs []*partRun) {
	for _, r := range runs {
		r.cancel()
	}
}
