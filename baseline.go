package main

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/internal/cfn"
	"github.com/eventwatch/eventwatch/internal/safefile"
)

// checkOutput reads the synthesized templates of the named stacks and
// fails on what CloudFormation or CloudWatch would refuse, or an alarm
// that cannot work, warning of alarms that page nobody (checkRules), and, with
// `-c baseline=DIR`, on changes against the deployed templates in DIR that
// would lose data or fail the deploy and that the config does not allow.
// The templates are read from dir, the cloud assembly; ctx is the app's
// context.
func checkOutput(dir string, ctx cdkContext, cfg *appconfig.Config, stacks []string, warn io.Writer) error {
	proposed := map[string][]byte{}
	var errs []error
	for _, stack := range stacks {
		body, err := safefile.ReadFile(filepath.Join(dir, stack+".template.json"), safefile.Template)
		if err != nil {
			return err
		}
		if err := cfn.CheckTemplateSize(stack, body); err != nil {
			errs = append(errs, err)
		}
		proposed[stack] = body
	}
	if err := errorList(errs); err != nil {
		return err
	}
	if err := checkRules(dir, cfg, proposed, warn); err != nil {
		return err
	}
	if baseline := ctx.str(contextBaseline); baseline != "" {
		selected, err := cfg.SelectEnvironments(ctx.str(contextEnv))
		if err != nil {
			return err
		}
		return checkBaseline(baseline, cfg, selected, proposed)
	}
	return nil
}

// checkBaseline compares the synthesized templates with the deployed ones
// in dir (<stack>.template.json, from `aws cloudformation get-template` or
// an earlier cdk.out): a log group, key or topic replaced or dropped, a
// replacement CloudFormation would refuse, a custom-named resource under a
// new logical ID, or a resource moved between stacks fails the synth,
// unless the environment's allow list in the config accepts it.
//
// Every template in dir is read. Besides the synthesized stacks' own, the
// templates of the selected environments' stacks that are no longer
// synthesized count (a resource moving out of a stack that was dropped
// from the config is still a move); templates of other environments (other
// deploys, often other accounts, where names may repeat) and of other apps
// are left out. Stacks without a template in dir are new and pass. A
// template that is not a regular file (a named pipe, a link to a device)
// or is over safefile.MaxTemplateBytes fails the synth, naming the file.
func checkBaseline(dir string, cfg *appconfig.Config, selected []string, proposed map[string][]byte) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.template.json"))
	if err != nil {
		return err
	}
	deployed := map[string][]byte{}
	for _, file := range files {
		stack := strings.TrimSuffix(filepath.Base(file), ".template.json")
		if _, synthesized := proposed[stack]; !synthesized && !slices.Contains(selected, cfg.StackEnvironment(stack)) {
			continue
		}
		body, err := safefile.ReadFile(file, safefile.Template)
		if err != nil {
			return err
		}
		deployed[stack] = body
	}
	problems := cfg.CheckStacks(deployed, proposed)
	if len(problems) == 0 {
		return nil
	}
	return fmt.Errorf("unsafe changes, compared with the deployed templates in %s:\n%s", dir, describeProblems(cfg, problems))
}

// describeProblems renders problems one per line, each followed by how the
// config accepts it.
func describeProblems(cfg *appconfig.Config, problems []cfn.Problem) string {
	lines := make([]string, len(problems))
	for i, p := range problems {
		lines[i] = p.String() + "\n    " + cfg.HowToAllow(p)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}
