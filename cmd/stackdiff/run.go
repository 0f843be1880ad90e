package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	"github.com/eventwatch/eventwatch/internal/assembly"
	"github.com/eventwatch/eventwatch/internal/cfn"
	"github.com/eventwatch/eventwatch/internal/safefile"
)

// Exit codes: diff(1)'s, and one more for a change the deploy must not
// make.
const (
	// exitSame: no stack changes.
	exitSame = 0
	// exitChanged: changes, and none that loses data or fails the deploy
	// (or only those the config's allow: entries accept). Changes of the
	// declared log events exit 1 too, breaking ones included: they need
	// the applications that log them to change first, a review, and
	// neither lose data nor fail the deploy (nor can an allow: entry
	// accept them).
	exitChanged = 1
	// exitError: stackdiff could not compare (a flag, a missing cdk.out, a
	// template or config it cannot read, AWS refusing GetTemplate).
	exitError = 2
	// exitUnsafe: changes that would lose data or fail the deploy (the
	// stateful-change checks of the synth's baseline check, which the
	// config does not allow, or a template over CloudFormation's size
	// limit).
	exitUnsafe = 3
)

const usage = `usage: stackdiff [flags]

Prints, per stack of a synthesized cloud assembly, what changes against the
committed golden templates (or, with --deployed, the deployed stacks) in
CloudFormation terms:

  + Logical (Type name) added
  - Logical (Type name) removed
  ~ Logical (Type name) modified: Properties.RetentionInDays
  ! Logical (Type name) replaced: LogGroupClass forces a replacement; changed: ...
  ~ Logical (AWS::CloudWatch::Dashboard name) modified: Properties.DashboardBody
      + metric widget "title"
      - log widget "title"
      ~ alarm widget "title": properties.alarms (+${AlarmNew.Arn})
  - service S, log event E: field F removed (number): breaking for the applications that log it
  + service S, log event E: field F added (string, optional): not breaking

where name is the one people know (an alarm's AlarmName, a log group's
LogGroupName, a metric filter's namespace/metric), then the changes that
would lose data or fail the deploy (replaced or removed log groups, keys
and topics, custom names moving to a new logical ID, resources moving
between stacks, templates over CloudFormation's size limit), each with the
allow: entry of the config that accepts it, the changes the config's
allow: entries accept, and the log event changes that break the
applications that log them. Log events are compared as the templates
record them (Metadata "eventwatch:logEvents"): a field removed, retyped or
made required, an enum value removed, a unit changed, a log event removed,
and an event's pattern that no longer matches the baseline's match
examples break them; a baseline that records none is not compared.

Exit status: 0 no change, 1 changes, 2 error, 3 changes that would lose
data or fail the deploy. Log event changes, breaking or not, exit 1.

Flags:
`

// options are the command line.
type options struct {
	cdkOut, golden, env, config, region, endpoint string
	deployed                                      bool
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("stackdiff", flag.ContinueOnError)
	var parseErrors strings.Builder
	fl.SetOutput(&parseErrors)
	var o options
	fl.StringVar(&o.cdkOut, "cdk-out", "cdk.out", "the synthesized cloud assembly")
	fl.StringVar(&o.golden, "golden", filepath.Join("test", "golden"), "the committed golden templates, <stack>.template.json")
	fl.StringVar(&o.env, "env", "", "the environment synthesized: only golden stacks of it (<app>-<env>, <app>-<env>-<name>) are compared; without it, cdk.out holds every environment and every golden stack is")
	fl.StringVar(&o.config, "config", "", "the config directory the stacks were synthesized from (make synth CONFIG=DIR), for its allow: entries (default: the example config built into eventwatch, as make synth without CONFIG)")
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
	code, err := compare(ctx, o, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "stackdiff: %v\n", err)
		return exitError
	}
	return code
}

// compare prints the diff of every stack and the problems, and returns
// the exit code: exitSame, exitChanged, or exitUnsafe when a change would
// lose data or fail the deploy and the config does not allow it.
func compare(ctx context.Context, o options, out io.Writer) (int, error) {
	cfg, err := loadConfig(o.config)
	if err != nil {
		return exitError, err
	}
	stacks, err := assembly.Read(o.cdkOut)
	if err != nil {
		return exitError, err
	}
	baseline, label, err := baselines(ctx, o, stacks)
	if err != nil {
		return exitError, err
	}
	proposed := map[string][]byte{}
	for _, s := range stacks {
		proposed[s.Name] = s.Body
	}
	schema, err := compareSchemas(baseline, proposed)
	if err != nil {
		return exitError, err
	}
	changed := schema.changed()
	for _, s := range stacks {
		d, err := cfn.DiffTemplates(s.Name, baseline[s.Name], s.Body)
		if err != nil {
			return exitError, err
		}
		if baseline[s.Name] == nil {
			fmt.Fprintf(out, "%s: new stack, not in %s\n", s.Name, label)
		}
		fmt.Fprint(out, d.String())
		schema.printStack(out, s.Name)
		changed = changed || !d.Empty()
	}
	for _, name := range sortedNames(baseline) {
		if _, ok := proposed[name]; !ok {
			fmt.Fprintf(out, "%s: in %s, not synthesized (cdk deploy leaves a deployed stack alone; cdk destroy removes it)\n", name, label)
			schema.printStack(out, name)
			changed = true
		}
	}
	r := checkChanges(cfg, baseline, proposed)
	for _, s := range stacks {
		if err := cfn.CheckTemplateSize(s.Name, s.Body); err != nil {
			r.tooLarge = append(r.tooLarge, err.Error())
		}
	}
	r.print(out, label)
	schema.printBreaking(out, label)
	switch {
	case r.unsafe():
		return exitUnsafe, nil
	case changed || len(r.allowed) > 0:
		return exitChanged, nil
	}
	return exitSame, nil
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
		body, err := safefile.ReadFile(f, safefile.Template)
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
