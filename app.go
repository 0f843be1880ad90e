// Command eventwatch is the CDK app: it reads the config (the embedded
// example, or the directory given with `-c config=DIR`), builds the stacks
// of every environment (or of those given with `-c env=dev,prod`) and
// synthesizes them. It then checks the synthesized templates: against
// CloudFormation's size limit, and with `-c baseline=DIR`, a directory of
// deployed templates, against changes that would lose data or fail the
// deploy. Run it through `npx cdk synth`.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/config"
	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/kernelhost"
	"github.com/eventwatch/eventwatch/queries"
	"github.com/eventwatch/eventwatch/stacks"
)

// Context keys the app reads (`npx cdk synth -c key=value`).
const (
	contextConfigDir = "config"
	contextEnv       = "env"
	// contextBaseline names a directory of deployed templates to compare
	// the synthesized ones with (see checkBaseline).
	contextBaseline = "baseline"
)

// failedFormat is how every failed synth reports its error.
const failedFormat = "eventwatch: synth failed, nothing was written:\n%v\n"

func main() {
	kernelhost.Direct()
	restore := quietStderr()
	code := run(os.Stderr, nil)
	restore()
	os.Exit(code)
}

// run synthesizes the app; props, for tests, adds context to what the CDK
// CLI passes. Every failure, the CDK's included, is a message and exit 1,
// and leaves no template in the output directory. Independent
// environments are synthesized by processes of their own when that is
// quicker (synth_parallel.go); a process started so synthesizes its part.
func run(stderr io.Writer, props *awscdk.AppProps) int {
	defer jsii.Close()
	part, err := partFromEnv()
	if err != nil {
		fmt.Fprintf(stderr, failedFormat, err)
		return 1
	}
	if part == nil {
		if p := planParallel(props); p != nil {
			return p.run(stderr)
		}
	}
	return synthInProcess(stderr, props, part)
}

// synthInProcess builds and synthesizes the stacks in this process: all
// of them, or with part those of the part, whose templates the parent
// process checks.
func synthInProcess(stderr io.Writer, props *awscdk.AppProps, part *synthPart) int {
	app := awscdk.NewApp(props)
	// Templates of an earlier synth go first, so that a synth that does not
	// finish (an error, a panic, a signal) leaves none looking fresh.
	dir := outdir(app)
	removeStaleOutput(dir)
	ctx := appContext(app)
	sel, err := prepare(ctx)
	if err == nil && part != nil {
		sel, err = part.of(sel)
	}
	var names []string
	if err == nil {
		names, err = build(app, sel)
	}
	if err == nil {
		err = cdkErr("synth", func() { app.Synth(nil) })
	}
	if err == nil && part == nil {
		err = checkOutput(dir, ctx, sel.cfg, names, stderr)
	}
	if err != nil {
		fmt.Fprintf(stderr, failedFormat, err)
		removeStaleOutput(dir)
		return 1
	}
	return 0
}

// build adds the stacks of the selected environments and, when no
// environment is selected (no `-c env=`), the deploy-role stacks of every
// account (<app>-deploy-<account>, with github in services.yaml): they are
// deployed by hand with administrator credentials, never by CI's
// per-environment deploys (`-c env=<env>`), so that a deploy job cannot
// change the role it runs as. It returns the stack names.
func build(app awscdk.App, sel selection) ([]string, error) {
	var err error
	cfg := sel.cfg
	var names []string
	for _, env := range sel.envs {
		var built []*stacks.ObservabilityStack
		if err := cdkErr("environment "+env, func() { built, err = stacks.NewEnvironment(app, cfg, env) }); err != nil {
			return nil, err
		}
		if err != nil {
			return nil, err
		}
		for _, s := range built {
			names = append(names, *s.StackName())
		}
	}
	for _, plan := range sel.deploy {
		var s *stacks.DeployRoleStack
		if err := cdkErr("stack "+plan.StackName, func() { s, err = stacks.NewDeployRoleStack(app, &stacks.DeployRoleStackProps{Plan: plan}) }); err != nil {
			return nil, err
		}
		if err != nil {
			return nil, err
		}
		names = append(names, *s.StackName())
	}
	return names, nil
}

// selection is what a synth builds: the config, the selected
// environments and the deploy-role stacks.
type selection struct {
	cfg    *appconfig.Config
	envs   []string
	deploy []appconfig.DeployStackPlan
}

// prepare checks the context, loads the config, runs its examples and
// selects the environments: everything before the first stack is built.
func prepare(ctx cdkContext) (selection, error) {
	// The context's problems and the config's are reported together.
	contextErr := checkContext(ctx)
	if dir := ctx.str(contextBaseline); dir != "" {
		contextErr = errors.Join(contextErr, checkBaselineDir(ctx, dir))
	}
	cfg, err := loadConfig(ctx.str(contextConfigDir))
	if err != nil || contextErr != nil {
		return selection{}, errors.Join(contextErr, err)
	}
	if err := checkExamples(cfg); err != nil {
		return selection{}, err
	}
	selected := ctx.str(contextEnv)
	envs, err := cfg.SelectEnvironments(selected)
	if err != nil {
		return selection{}, err
	}
	return selection{cfg: cfg, envs: envs, deploy: deployStacks(cfg, selected)}, nil
}

// deployStacks are the deploy-role stacks to build: every account's when
// no environment is selected, none when `-c env=` selects some.
func deployStacks(cfg *appconfig.Config, selection string) []appconfig.DeployStackPlan {
	if strings.TrimSpace(selection) != "" {
		return nil
	}
	return cfg.DeployStacks()
}

// cdkErr runs fn and turns an error the CDK throws (a panic in Go, with a
// JavaScript stack trace) into an error of its first line.
func cdkErr(what string, fn func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: %s", what, firstLine(fmt.Sprint(r)))
		}
	}()
	fn()
	return nil
}

// loadConfig reads dir, or the embedded example config when dir is empty.
func loadConfig(dir string) (*appconfig.Config, error) {
	if dir == "" {
		return appconfig.Load(config.FS, "config", queries.FS)
	}
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("-c %s=%s: %w", contextConfigDir, dir, err)
	}
	return appconfig.Load(os.DirFS(dir), dir, queries.FS)
}

// outdir is where the app writes the cloud assembly: the directory the CDK
// CLI gave (CDK_OUTDIR) or the app's props.
func outdir(app awscdk.App) string {
	if dir := os.Getenv(envOutdir); dir != "" {
		return dir
	}
	var dir string
	if cdkErr("outdir", func() { dir = *app.Outdir() }) != nil {
		return ""
	}
	return dir
}

// removeStaleOutput deletes the templates and manifest in dir, and what
// a parallel synth that was killed left of its parts, so that a failed
// synth never leaves templates, old or half-checked, looking fresh.
func removeStaleOutput(dir string) {
	if dir == "" {
		return
	}
	for _, pattern := range []string{"*.template.json", "*.assets.json", "*.metadata.json", "manifest.json", "tree.json", stagingPattern} {
		files, _ := filepath.Glob(filepath.Join(dir, pattern))
		for _, f := range files {
			os.RemoveAll(f)
		}
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}

// errorList joins errors one per line.
func errorList(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	return errors.Join(errs...)
}
