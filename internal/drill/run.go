// Package drill sets each alarm of an environment's synthesized stacks to
// ALARM and back to OK with CloudWatch's SetAlarmState, so a team can
// check that its pages arrive. cmd/drill is its command; `make drill
// ENV=<env>` synthesizes the environment and runs it.
package drill

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path"
	"strings"
	"time"
)

// Exit codes.
const (
	ExitDone   = 0 // every alarm drilled, or nothing changed on purpose (--dry-run, no credentials, declined)
	ExitFailed = 1 // some alarm could not be set, or the drill was interrupted
	ExitUsage  = 2 // a usage or input error; nothing was changed
)

// Defaults of the flags.
const (
	DefaultCDKOut = "cdk.out"
	DefaultWait   = 5 * time.Second
)

// The reasons a drill gives SetAlarmState; they show in each alarm's
// history and in the notifications.
const (
	ReasonAlarm = "eventwatch drill: checking that this alarm's notifications arrive"
	ReasonOK    = "eventwatch drill: over, back to OK"
)

const usage = `usage: drill --env ENV [flags]

Sets each alarm and composite alarm of an environment's synthesized stacks
(cdk.out/<stack>.template.json of <app>-ENV and <app>-ENV-<name>) to ALARM
with CloudWatch's SetAlarmState, waits, and sets it back to OK, one alarm
after the other, so a team can check that its notifications arrive.

This pages whoever the alarms notify. Without --yes it lists the alarms and
asks on the terminal first; a run without a terminal needs --yes. Without
AWS credentials (the AWS SDK's standard chain: environment variables,
AWS_PROFILE, ~/.aws, SSO, web identity, container or instance roles) it
prints what it would do and changes nothing.

The region of a stack is --region, else the one in cdk.out/manifest.json,
else the AWS configuration's (AWS_REGION, the profile's region).

Exit status: 0 done (or nothing changed: --dry-run, no credentials,
declined), 1 some alarm failed or the drill was interrupted, 2 usage or
input error.

Flags:
`

// options are the command line.
type options struct {
	env, cdkOut, only, region, endpoint string
	wait                                time.Duration
	yes, dryRun                         bool
}

// Env is what a run talks to; tests swap each part. Nil functions are the
// real ones.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Interactive: stdin and stderr are a terminal, so a confirmation can
	// be asked.
	Interactive bool
	// LoadAWS loads the AWS configuration. Default: LoadAWS.
	LoadAWS func(ctx context.Context, endpoint string) (AWS, error)
	// Sleep waits d, or less when ctx ends (then it returns ctx's error).
	// Default: a timer.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Run runs the command with args (without the program name) and returns
// its exit code.
func Run(ctx context.Context, args []string, env Env) int {
	if env.LoadAWS == nil {
		env.LoadAWS = LoadAWS
	}
	if env.Sleep == nil {
		env.Sleep = sleep
	}
	o, code, ok := parseFlags(args, env)
	if !ok {
		return code
	}
	alarms, skips, err := environmentAlarms(o.cdkOut, o.env, o.only)
	if err != nil {
		fmt.Fprintf(env.Stderr, "drill: %v\n", err)
		return ExitUsage
	}
	for _, s := range skips {
		fmt.Fprintf(env.Stderr, "drill: %s\n", s)
	}
	aws, err := env.LoadAWS(ctx, o.endpoint)
	if o.dryRun {
		configRegion := ""
		if err != nil { // a dry run needs no AWS configuration
			fmt.Fprintf(env.Stderr, "drill: %v\n", err)
		} else {
			configRegion = aws.Region()
		}
		printPlan(env.Stdout, "would", withRegions(alarms, o.region, configRegion), o.wait)
		fmt.Fprintln(env.Stdout, "dry run (--dry-run): nothing was changed")
		return ExitDone
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "drill: %v\n", err)
		return ExitUsage
	}
	targets := withRegions(alarms, o.region, aws.Region())
	if err := aws.Credentials(ctx); err != nil {
		printPlan(env.Stdout, "would", targets, o.wait)
		fmt.Fprintf(env.Stdout, "no AWS credentials found, so nothing was changed (%v)\n", oneLine(err))
		return ExitDone
	}
	if err := checkRegions(targets); err != nil {
		fmt.Fprintf(env.Stderr, "drill: %v\n", err)
		return ExitUsage
	}
	if !o.yes {
		printPlan(env.Stdout, "will", targets, o.wait)
		if !env.Interactive {
			fmt.Fprintln(env.Stderr, "drill: this pages whoever the alarms notify; not a terminal, so nothing was changed: pass --yes to drill without asking")
			return ExitUsage
		}
		if !confirm(env.Stdin, env.Stderr, len(targets), o.env) {
			fmt.Fprintln(env.Stdout, "not confirmed: nothing was changed")
			return ExitDone
		}
	}
	res := drillAll(ctx, aws, targets, o.wait, env.Sleep, env.Stderr)
	res.print(env.Stdout, o.env, len(targets))
	if !res.ok() {
		return ExitFailed
	}
	return ExitDone
}

// parseFlags reads the command line; when ok is false the run ends with
// code.
func parseFlags(args []string, env Env) (o options, code int, ok bool) {
	fl := flag.NewFlagSet("drill", flag.ContinueOnError)
	var parseErrors strings.Builder
	fl.SetOutput(&parseErrors)
	fl.StringVar(&o.env, "env", "", "the environment whose alarms are drilled (required)")
	fl.StringVar(&o.cdkOut, "cdk-out", DefaultCDKOut, "the synthesized cloud assembly (or a directory of <stack>.template.json)")
	fl.StringVar(&o.only, "only", "", "only the alarms whose names match this glob (path.Match: * ? [a-z]), e.g. 'prod-orders-*'")
	fl.DurationVar(&o.wait, "wait", DefaultWait, "how long each alarm stays in ALARM before it is set back to OK")
	fl.StringVar(&o.region, "region", "", "the region of every stack (default: the stack's in cdk.out/manifest.json, else the AWS configuration's)")
	fl.StringVar(&o.endpoint, "endpoint-url", "", "the CloudWatch endpoint (default: the AWS SDK's)")
	fl.BoolVar(&o.yes, "yes", false, "drill without asking (needed when not on a terminal)")
	fl.BoolVar(&o.dryRun, "dry-run", false, "print what would be done; change nothing")
	fl.Usage = func() {
		fmt.Fprint(fl.Output(), usage)
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) { // --help: the usage on stdout
			fl.SetOutput(env.Stdout)
			fl.Usage()
			return o, ExitDone, false
		}
		fmt.Fprint(env.Stderr, parseErrors.String())
		return o, ExitUsage, false
	}
	var problem string
	switch {
	case fl.NArg() > 0:
		problem = fmt.Sprintf("unexpected argument %q", fl.Arg(0))
	case o.env == "":
		problem = "--env is required: the environment whose alarms are drilled"
	case o.wait < 0:
		problem = fmt.Sprintf("--wait %s: expected a duration of 0 or more", o.wait)
	case o.only != "" && !validGlob(o.only):
		problem = fmt.Sprintf("--only %q: not a valid glob", o.only)
	}
	if problem != "" {
		fmt.Fprintf(env.Stderr, "drill: %s; see drill --help\n", problem)
		return o, ExitUsage, false
	}
	return o, ExitDone, true
}

func validGlob(p string) bool {
	_, err := path.Match(p, "")
	return err == nil
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// oneLine keeps an SDK error (which may span lines) on one line.
func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}
