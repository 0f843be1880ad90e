// Command eventwatch is the CDK app: it reads the config (the embedded
// example, or the directory given with `-c config=DIR`), builds the stacks
// of every environment (or of those given with `-c env=dev,prod`) and
// synthesizes them. With `-c baseline=DIR`, a directory of deployed
// templates, it first refuses changes that would replace or drop a log
// group, topic or key. Run it through `npx cdk synth`.
package main

import (
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
	// stateful resources with (see checkBaseline).
	contextBaseline = "baseline"
)

func main() {
	os.Exit(run(os.Stderr, nil))
}

// run synthesizes the app; props, for tests, adds context to what the CDK
// CLI passes.
func run(stderr io.Writer, props *awscdk.AppProps) (code int) {
	defer jsii.Close()
	app := awscdk.NewApp(props)
	if err := build(app); err != nil {
		fmt.Fprintf(stderr, "eventwatch: synth failed, nothing was written:\n%v\n", err)
		removeStaleOutput()
		return 1
	}
	defer func() {
		// A CDK error at synth is a JavaScript exception; show its message, not a trace.
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "eventwatch: synth failed: %s\n", firstLine(fmt.Sprint(r)))
			removeStaleOutput()
			code = 1
		}
	}()
	app.Synth(nil)
	return 0
}

// build loads the config and adds the stacks of the selected environments.
func build(app awscdk.App) error {
	cfg, err := loadConfig(contextString(app, contextConfigDir))
	if err != nil {
		return err
	}
	envs := cfg.EnvironmentNames()
	if sel := contextString(app, contextEnv); sel != "" {
		envs = strings.Split(sel, ",")
	}
	for _, env := range envs {
		plans, err := cfg.Plan(strings.TrimSpace(env))
		if err != nil {
			return err
		}
		if dir := contextString(app, contextBaseline); dir != "" {
			if err := checkBaseline(dir, plans); err != nil {
				return err
			}
		}
		for _, plan := range plans {
			if _, err := stacks.NewObservabilityStack(app, &stacks.ObservabilityStackProps{Plan: plan}); err != nil {
				return err
			}
		}
	}
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

// removeStaleOutput deletes the templates and manifest of an earlier synth
// from the output directory the CDK CLI gave us, so that a failed synth
// never leaves old templates looking fresh.
func removeStaleOutput() {
	dir := os.Getenv("CDK_OUTDIR")
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
