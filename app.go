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

func main() {
	restore := quietStderr()
	code := run(os.Stderr, nil)
	restore()
	os.Exit(code)
}

// run synthesizes the app; props, for tests, adds context to what the CDK
// CLI passes. Every failure, the CDK's included, is a message and exit 1,
// and leaves no template in the output directory.
func run(stderr io.Writer, props *awscdk.AppProps) int {
	defer jsii.Close()
	app := awscdk.NewApp(props)
	// Templates of an earlier synth go first, so that a synth that does not
	// finish (an error, a panic, a signal) leaves none looking fresh.
	removeStaleOutput(outdir(app))
	cfg, names, err := build(app)
	if err == nil {
		err = cdkErr("synth", func() { app.Synth(nil) })
	}
	if err == nil {
		err = checkOutput(app, cfg, names, stderr)
	}
	if err != nil {
		fmt.Fprintf(stderr, "eventwatch: synth failed, nothing was written:\n%v\n", err)
		removeStaleOutput(outdir(app))
		return 1
	}
	return 0
}

// build loads the config and adds the stacks of the selected environments
// and, when no environment is selected (no `-c env=`), the deploy-role
// stacks of every account (<app>-deploy-<account>, with github in
// services.yaml): they are deployed by hand with administrator credentials,
// never by CI's per-environment deploys (`-c env=<env>`), so that a deploy
// job cannot change the role it runs as. It returns the config and the
// stack names.
func build(app awscdk.App) (*appconfig.Config, []string, error) {
	// The context's problems and the config's are reported together.
	contextErr := checkContext(app)
	if dir := contextString(app, contextBaseline); dir != "" {
		contextErr = errors.Join(contextErr, checkBaselineDir(app, dir))
	}
	cfg, err := loadConfig(contextString(app, contextConfigDir))
	if err != nil || contextErr != nil {
		return nil, nil, errors.Join(contextErr, err)
	}
	if err := checkExamples(cfg); err != nil {
		return nil, nil, err
	}
	selection := contextString(app, contextEnv)
	envs, err := cfg.SelectEnvironments(selection)
	if err != nil {
		return nil, nil, err
	}
	var names []string
	for _, env := range envs {
		var built []*stacks.ObservabilityStack
		if err := cdkErr("environment "+env, func() { built, err = stacks.NewEnvironment(app, cfg, env) }); err != nil {
			return nil, nil, err
		}
		if err != nil {
			return nil, nil, err
		}
		for _, s := range built {
			names = append(names, *s.StackName())
		}
	}
	for _, plan := range deployStacks(cfg, selection) {
		var s *stacks.DeployRoleStack
		if err := cdkErr("stack "+plan.StackName, func() { s, err = stacks.NewDeployRoleStack(app, &stacks.DeployRoleStackProps{Plan: plan}) }); err != nil {
			return nil, nil, err
		}
		if err != nil {
			return nil, nil, err
		}
		names = append(names, *s.StackName())
	}
	return cfg, names, nil
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

func contextString(app awscdk.App, key string) string {
	if v, ok := app.Node().TryGetContext(jsii.String(key)).(string); ok {
		return v
	}
	return ""
}

// outdir is where the app writes the cloud assembly: the directory the CDK
// CLI gave (CDK_OUTDIR) or the app's props.
func outdir(app awscdk.App) string {
	if dir := os.Getenv("CDK_OUTDIR"); dir != "" {
		return dir
	}
	var dir string
	if cdkErr("outdir", func() { dir = *app.Outdir() }) != nil {
		return ""
	}
	return dir
}

// removeStaleOutput deletes the templates and manifest in dir, so that a
// failed synth never leaves templates, old or half-checked, looking fresh.
func removeStaleOutput(dir string) {
	if dir == "" {
		return
	}
	for _, pattern := range []string{"*.template.json", "*.assets.json", "*.metadata.json", "manifest.json", "tree.json"} {
		files, _ := filepath.Glob(filepath.Join(dir, pattern))
		for _, f := range files {
			os.Remove(f)
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
