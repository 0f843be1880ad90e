package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	exampleconfig "github.com/eventwatch/eventwatch/config"
	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/internal/cfn"
	"github.com/eventwatch/eventwatch/queries"
)

// loadConfig reads the config directory dir, or the example config built
// into eventwatch when dir is empty: the same choice as the app's
// `-c config=DIR`.
func loadConfig(dir string) (*appconfig.Config, error) {
	if dir == "" {
		return appconfig.Load(exampleconfig.FS, "config", queries.FS)
	}
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("--config %s: %w", dir, err)
	}
	cfg, err := appconfig.Load(os.DirFS(dir), dir, queries.FS)
	if err != nil {
		return nil, fmt.Errorf("--config %s:\n%w", dir, err)
	}
	return cfg, nil
}

// report is what the stateful-change checks find.
type report struct {
	// refused are the changes that would lose data or fail the deploy and
	// that no allow: entry accepts, each with how the config accepts it
	// (appconfig's HowToAllow, as the synth's baseline check says it).
	refused []refusal
	// allowed are the changes an allow: entry accepts.
	allowed []allowance
	// tooLarge are the templates over CloudFormation's size limit.
	tooLarge []string
}

type refusal struct {
	problem    cfn.Problem
	howToAllow string
}

type allowance struct {
	problem cfn.Problem
	env     string
	entry   cfn.Allowance
}

// unsafe reports whether the deploy would lose data or fail.
func (r report) unsafe() bool { return len(r.refused) > 0 || len(r.tooLarge) > 0 }

// checkChanges runs the synth's baseline check (appconfig's CheckStacks:
// cfn.CheckStacks with each environment's allow: entries on its own
// stacks) and sorts its problems into refused and allowed.
func checkChanges(cfg *appconfig.Config, baseline, proposed map[string][]byte) report {
	var r report
	remaining := map[cfn.Problem]bool{}
	for _, p := range cfg.CheckStacks(baseline, proposed) {
		remaining[p] = true
	}
	for _, p := range cfn.CheckStacks(baseline, proposed, nil) {
		if remaining[p] {
			r.refused = append(r.refused, refusal{problem: p, howToAllow: cfg.HowToAllow(p)})
			continue
		}
		r.allowed = append(r.allowed, allowedBy(cfg, p))
	}
	return r
}

// allowedBy finds the allow: entry that accepts p, in the environment of
// its stack or of the stack it moves to.
func allowedBy(cfg *appconfig.Config, p cfn.Problem) allowance {
	for _, stack := range []string{p.Stack, p.ToStack} {
		env := cfg.StackEnvironment(stack)
		if stack == "" || env == "" {
			continue
		}
		if a, ok := cfg.Allowances(env).Allowing(p); ok {
			return allowance{problem: p, env: env, entry: a}
		}
	}
	return allowance{problem: p}
}

// print writes the refused changes, each followed by the allow: entry
// that accepts it, then the allowed ones with their reasons.
func (r report) print(out io.Writer, against string) {
	if r.unsafe() {
		fmt.Fprintf(out, "\nchanges that would lose data or fail the deploy, against %s:\n", against)
		for _, f := range r.refused {
			fmt.Fprintf(out, "  %s\n    %s\n", f.problem, f.howToAllow)
		}
		for _, s := range r.tooLarge {
			fmt.Fprintf(out, "  %s\n", s)
		}
	}
	if len(r.allowed) > 0 {
		fmt.Fprintf(out, "\nchanges that would lose data, accepted by the config's allow: entries:\n")
		for _, a := range r.allowed {
			p := a.problem
			p.Fix = "" // accepted: how to avoid it is no longer the point
			fmt.Fprintf(out, "  %s\n    %s\n", p, a.describe())
		}
	}
}

// describe says which entry accepts the change, and why.
func (a allowance) describe() string {
	if a.env == "" {
		return "allowed by the config"
	}
	target := "name: " + a.entry.Name
	if a.entry.Name == "" {
		target = "stack: " + a.entry.Stack + ", logicalId: " + a.entry.LogicalID
	}
	return fmt.Sprintf("allowed by environment %s's allow: {%s}: %s", a.env, target, strings.Join(strings.Fields(a.entry.Reason), " "))
}
