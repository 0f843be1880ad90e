package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/eventwatch/eventwatch/internal/assembly"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/eventwatch/eventwatch/internal/cfn"
)

// Exit codes, as diff(1).
const (
	exitSame    = 0
	exitChanged = 1
	exitError   = 2
)

const usage = `usage: stackdiff [flags]

Prints, per stack of a synthesized cloud assembly, what changes against the
committed golden templates (or, with --deployed, the deployed stacks) in
CloudFormation terms:

  + Logical (Type) added
  - Logical (Type) removed
  ~ Logical (Type) modified: Properties.RetentionInDays
  ! Logical (Type) replaced: LogGroupClass forces a replacement; changed: ...

then the changes that would lose data or fail the deploy (replaced or
removed log groups, keys and topics, custom names moving to a new logical
ID, resources moving between stacks) and templates over CloudFormation's
size limit.

Exit status: 0 no change, 1 changes, 2 error (like diff).

Flags:
`

// options are the command line.
type options struct {
	cdkOut, golden, env, region, endpoint string
	deployed                              bool
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("stackdiff", flag.ContinueOnError)
	var parseErrors strings.Builder
	fl.SetOutput(&parseErrors)
	var o options
	fl.StringVar(&o.cdkOut, "cdk-out", "cdk.out", "the synthesized cloud assembly")
	fl.StringVar(&o.golden, "golden", filepath.Join("test", "golden"), "the committed golden templates, <stack>.template.json")
	fl.StringVar(&o.env, "env", "", "the environment synthesized: only golden stacks of it (<app>-<env>, <app>-<env>-<name>) are compared; without it, cdk.out holds every environment and every golden stack is")
	fl.BoolVar(&o.deployed, "deployed", false, "compare with the deployed stacks (CloudFormation GetTemplate; needs AWS credentials) instead of the golden templates")
	fl.StringVar(&o.region, "region", "", "with --deployed: the region of stacks whose manifest names none (default: the AWS configuration's)")
	fl.StringVar(&o.endpoint, "endpoint-url", "", "with --deployed: the CloudFormation endpoint (default: the AWS SDK's)")
	fl.Usage = func() {
		fmt.Fprint(fl.Output(), usage)
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) { // --help: the usage on stdout
			fl.SetOutput(stdout)
			fl.Usage()
			return exitSame
		}
		fmt.Fprint(stderr, parseErrors.String())
		return exitError
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "stackdiff: unexpected argument %q; see stackdiff --help\n", fl.Arg(0))
		return exitError
	}
	changed, err := compare(ctx, o, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "stackdiff: %v\n", err)
		return exitError
	}
	if changed {
		return exitChanged
	}
	return exitSame
}

// compare prints the diff of every stack and the problems, and reports
// whether anything changes.
func compare(ctx context.Context, o options, out io.Writer) (bool, error) {
	stacks, err := assembly.Read(o.cdkOut)
	if err != nil {
		return false, err
	}
	baseline, label, err := baselines(ctx, o, stacks)
	if err != nil {
		return false, err
	}
	proposed := map[string][]byte{}
	changed := false
	for _, s := range stacks {
		proposed[s.Name] = s.Body
		d, err := cfn.DiffTemplates(s.Name, baseline[s.Name], s.Body)
		if err != nil {
			return false, err
		}
		if baseline[s.Name] == nil {
			fmt.Fprintf(out, "%s: new stack, not in %s\n", s.Name, label)
		}
		fmt.Fprint(out, d.String())
		changed = changed || !d.Empty()
	}
	for _, name := range sortedNames(baseline) {
		if _, ok := proposed[name]; !ok {
			fmt.Fprintf(out, "%s: in %s, not synthesized (cdk deploy leaves a deployed stack alone; cdk destroy removes it)\n", name, label)
			changed = true
		}
	}
	var problems []string
	for _, p := range cfn.CheckStacks(baseline, proposed, nil) {
		problems = append(problems, p.String())
	}
	for _, s := range stacks {
		if err := cfn.CheckTemplateSize(s.Name, s.Body); err != nil {
			problems = append(problems, err.Error())
		}
	}
	if len(problems) > 0 {
		fmt.Fprintf(out, "\nchanges that would lose data or fail the deploy, against %s:\n", label)
		for _, p := range problems {
			fmt.Fprintf(out, "  %s\n", p)
		}
		changed = true
	}
	return changed, nil
}

// baselines returns the templates to compare with, by stack name, and
// what they are for the output.
func baselines(ctx context.Context, o options, stacks []assembly.Stack) (map[string][]byte, string, error) {
	out := map[string][]byte{}
	if o.deployed {
		f, err := newDeployedFetcher(ctx, o.region, o.endpoint)
		if err != nil {
			return nil, "", err
		}
		return fetchDeployed(ctx, f, stacks)
	}
	files, err := filepath.Glob(filepath.Join(o.golden, "*"+assembly.TemplateSuffix))
	if err != nil {
		return nil, "", err
	}
	synthesized := map[string]bool{}
	for _, s := range stacks {
		synthesized[s.Name] = true
	}
	for _, f := range files {
		name := filepath.Base(f)
		name = name[:len(name)-len(assembly.TemplateSuffix)]
		if !synthesized[name] && o.env != "" && !assembly.InEnvironment(name, o.env) {
			continue
		}
		body, err := os.ReadFile(f)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, "", err
		}
		out[name] = body
	}
	return out, "the golden templates in " + o.golden, nil
}

// fetchDeployed reads the deployed template of every synthesized stack;
// a stack that does not exist yet has none.
func fetchDeployed(ctx context.Context, f *deployedFetcher, stacks []assembly.Stack) (map[string][]byte, string, error) {
	out := map[string][]byte{}
	for _, s := range stacks {
		body, err := f.template(ctx, s.Name, s.Region)
		if err != nil {
			return nil, "", err
		}
		if body != nil {
			out[s.Name] = body
		}
	}
	return out, "the deployed stacks", nil
}

func sortedNames(m map[string][]byte) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
