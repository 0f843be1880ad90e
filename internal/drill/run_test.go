package drill

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

const (
	alarmCall = " ALARM " + ReasonAlarm
	okCall    = " OK " + ReasonOK
)

// prodCalls are the calls of a whole drill of testdata/assembly's prod.
var prodCalls = []string{
	"eu-west-1 prod-checkout-error-lines" + alarmCall, "eu-west-1 prod-checkout-error-lines" + okCall,
	"eu-west-1 prod-orders-queue-worker-failure" + alarmCall, "eu-west-1 prod-orders-queue-worker-failure" + okCall,
	"eu-west-1 prod-orders-critical" + alarmCall, "eu-west-1 prod-orders-critical" + okCall,
	"us-east-1 prod-payments-declined" + alarmCall, "us-east-1 prod-payments-declined" + okCall,
}

type runCase struct {
	name        string
	args        []string
	aws         *fakeAWS
	stdin       string
	interactive bool
	code        int
	calls       []string // the SetAlarmState calls, in order
	waits       []time.Duration
	stdout      []string // parts of stdout
	stderr      []string // parts of stderr
}

func TestRun(t *testing.T) {
	prod := []string{"--cdk-out", "testdata/assembly", "--env", "prod"}
	args := func(extra ...string) []string { return append(append([]string{}, prod...), extra...) }
	cases := []runCase{
		{name: "--yes drills every named alarm of the environment, in the region of its stack",
			args: args("--yes"), aws: &fakeAWS{region: "eu-central-1"}, code: ExitDone, calls: prodCalls,
			waits:  []time.Duration{DefaultWait, DefaultWait, DefaultWait, DefaultWait},
			stdout: []string{"drill of prod: 4 of 4 alarms set to ALARM and back to OK; check that their notifications arrived"},
			stderr: []string{
				"drill: eventwatch-prod: AlarmJoined (AWS::CloudWatch::Alarm): AlarmName is not a literal string",
				"drill: eventwatch-prod: AlarmUnnamed (AWS::CloudWatch::Alarm): no AlarmName",
				"drill: [1/4] prod-checkout-error-lines (eventwatch-prod AlarmCheckoutErrorLines, eu-west-1): ALARM\n",
				"drill: [1/4] prod-checkout-error-lines (eventwatch-prod AlarmCheckoutErrorLines, eu-west-1): waiting 5s\n",
				"drill: [1/4] prod-checkout-error-lines (eventwatch-prod AlarmCheckoutErrorLines, eu-west-1): OK\n",
				"drill: [4/4] prod-payments-declined (eventwatch-prod-payments AlarmPaymentsDeclined, us-east-1): OK\n"}},
		{name: "--only and --wait", args: args("--yes", "--only", "*payments*", "--wait", "1m30s"), aws: &fakeAWS{},
			code: ExitDone, calls: prodCalls[6:], waits: []time.Duration{90 * time.Second},
			stdout: []string{"drill of prod: 1 of 1 alarms"}},
		{name: "--region overrides the manifest", args: args("--yes", "--only", "*payments*", "--region", "ap-south-1"), aws: &fakeAWS{},
			code: ExitDone, calls: []string{"ap-south-1 prod-payments-declined" + alarmCall, "ap-south-1 prod-payments-declined" + okCall}},
		{name: "without a manifest the AWS configuration's region", args: []string{"--cdk-out", "testdata/templates", "--env", "staging", "--yes"},
			aws: &fakeAWS{region: "eu-central-1"}, code: ExitDone,
			calls:  []string{"eu-central-1 staging-orders-queue-worker-failure" + alarmCall, "eu-central-1 staging-orders-queue-worker-failure" + okCall},
			stderr: []string{"ALARM; its actions are disabled (ActionsEnabled: false), so no notification goes out"}},
		{name: "without any region: an error before any call", args: []string{"--cdk-out", "testdata/templates", "--env", "staging", "--yes"},
			aws: &fakeAWS{}, code: ExitUsage,
			stderr: []string{"drill: stack eventwatch-staging: no region (cdk.out/manifest.json names none, nor does the AWS configuration); pass --region or set AWS_REGION"}},
		{name: "--dry-run changes nothing, even with credentials", args: args("--dry-run", "--yes"), aws: &fakeAWS{}, code: ExitDone,
			stdout: []string{
				"would set prod-checkout-error-lines to ALARM, wait 5s, set it to OK (eventwatch-prod AlarmCheckoutErrorLines, AWS::CloudWatch::Alarm, eu-west-1)\n",
				"would set prod-orders-critical to ALARM, wait 5s, set it to OK (eventwatch-prod CompositeOrders, AWS::CloudWatch::CompositeAlarm, eu-west-1)\n",
				"would set prod-payments-declined to ALARM, wait 5s, set it to OK (eventwatch-prod-payments AlarmPaymentsDeclined, AWS::CloudWatch::Alarm, us-east-1)\n",
				"dry run (--dry-run): nothing was changed\n"}},
		{name: "--dry-run without an AWS configuration", args: args("--dry-run", "--only", "*payments*"),
			aws: &fakeAWS{loadErr: errors.New("loading the AWS configuration: failed to get shared config profile, nope")}, code: ExitDone,
			stdout: []string{"would set prod-payments-declined to ALARM, wait 5s, set it to OK (eventwatch-prod-payments AlarmPaymentsDeclined, AWS::CloudWatch::Alarm, us-east-1)\n",
				"dry run (--dry-run): nothing was changed\n"},
			stderr: []string{"drill: loading the AWS configuration: failed to get shared config profile, nope"}},
		{name: "a broken AWS configuration stops a drill", args: args("--yes"),
			aws: &fakeAWS{loadErr: errors.New("loading the AWS configuration: failed to get shared config profile, nope")}, code: ExitUsage,
			stderr: []string{"drill: loading the AWS configuration: failed to get shared config profile, nope"}},
		{name: "without credentials: what it would do, exit 0", args: []string{"--cdk-out", "testdata/assembly", "--env", "dev", "--yes"},
			aws: &fakeAWS{noCreds: errNoCreds}, code: ExitDone,
			stdout: []string{
				"would set dev-orders-queue-worker-failure to ALARM, wait 5s, set it to OK (eventwatch-dev AlarmOrdersQueueWorkerFailure, AWS::CloudWatch::Alarm, eu-west-1); its actions are disabled (ActionsEnabled: false), so no notification goes out\n",
				"no AWS credentials found, so nothing was changed (failed to refresh cached credentials, no EC2 IMDS role found)\n"}},
		{name: "not a terminal, no --yes: refused", args: args(), aws: &fakeAWS{}, code: ExitUsage,
			stdout: []string{"will set prod-orders-critical to ALARM"},
			stderr: []string{"drill: this pages whoever the alarms notify; not a terminal, so nothing was changed: pass --yes to drill without asking"}},
		{name: "a terminal, confirmed", args: args("--only", "prod-orders-critical"), aws: &fakeAWS{}, interactive: true, stdin: "yes\n",
			code: ExitDone, calls: prodCalls[4:6],
			stdout: []string{"will set prod-orders-critical to ALARM, wait 5s, set it to OK"},
			stderr: []string{"Set this alarm of prod to ALARM and back to OK? This pages whoever they notify. Type yes to go on: "}},
		{name: "a terminal, declined", args: args(), aws: &fakeAWS{}, interactive: true, stdin: "no\n", code: ExitDone,
			stdout: []string{"not confirmed: nothing was changed"},
			stderr: []string{"Set these 4 alarms of prod to ALARM and back to OK?"}},
		{name: "a terminal, closed without an answer", args: args(), aws: &fakeAWS{}, interactive: true, stdin: "", code: ExitDone,
			stdout: []string{"not confirmed: nothing was changed"}},
		{name: "an alarm that cannot be set to ALARM: named, and the drill goes on",
			args: args("--yes"), aws: &fakeAWS{fail: map[string]error{"prod-orders-queue-worker-failure ALARM": errors.New("ResourceNotFound: alarm not found")}},
			code: ExitFailed, calls: append(append([]string{}, prodCalls[:3]...), prodCalls[4:]...),
			stdout: []string{"drill of prod: 3 of 4 alarms set to ALARM and back to OK; 1 failed\n",
				"  eventwatch-prod: AlarmOrdersQueueWorkerFailure (prod-orders-queue-worker-failure) in eu-west-1: setting ALARM: ResourceNotFound: alarm not found\n"}},
		{name: "an alarm that cannot be set back to OK: how to do it by hand",
			args: args("--yes", "--only", "*payments*"), aws: &fakeAWS{fail: map[string]error{"prod-payments-declined OK": errors.New("Throttling: rate exceeded")}},
			code: ExitFailed, calls: prodCalls[6:],
			stdout: []string{"setting OK: Throttling: rate exceeded; it stays in ALARM until its next evaluation, or set it back: aws cloudwatch set-alarm-state --region us-east-1 --alarm-name prod-payments-declined --state-value OK --state-reason \"eventwatch drill: over, back to OK\""}},
		{name: "--env is required", args: []string{"--cdk-out", "testdata/assembly"}, aws: &fakeAWS{}, code: ExitUsage,
			stderr: []string{"drill: --env is required"}},
		{name: "a negative --wait", args: args("--wait", "-1s"), aws: &fakeAWS{}, code: ExitUsage, stderr: []string{"drill: --wait -1s: expected a duration of 0 or more"}},
		{name: "a bad glob", args: args("--only", "[prod"), aws: &fakeAWS{}, code: ExitUsage, stderr: []string{`drill: --only "[prod": not a valid glob`}},
		{name: "an unknown flag", args: args("--force"), aws: &fakeAWS{}, code: ExitUsage, stderr: []string{"flag provided but not defined: -force"}},
		{name: "an argument", args: args("prod"), aws: &fakeAWS{}, code: ExitUsage, stderr: []string{`drill: unexpected argument "prod"`}},
		{name: "an environment without stacks", args: []string{"--cdk-out", "testdata/assembly", "--env", "qa", "--yes"}, aws: &fakeAWS{}, code: ExitUsage,
			stderr: []string{`drill: testdata/assembly: no stack of environment "qa"`}},
		{name: "--help", args: []string{"--help"}, aws: &fakeAWS{}, code: ExitDone, stdout: []string{"usage: drill --env ENV [flags]", "-dry-run"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { c.check(t) })
	}
}

func (c runCase) check(t *testing.T) {
	t.Helper()
	var out, errOut bytes.Buffer
	s := &sleeps{}
	code := Run(context.Background(), c.args, Env{Stdin: strings.NewReader(c.stdin), Stdout: &out, Stderr: &errOut,
		Interactive: c.interactive, LoadAWS: c.aws.load, Sleep: s.sleep})
	if code != c.code {
		t.Errorf("exit %d, want %d", code, c.code)
	}
	if got, want := c.aws.recorded(), strings.Join(c.calls, "\n"); got != want {
		t.Errorf("calls:\n%s\nwant\n%s", got, want)
	}
	if c.waits != nil && !equalDurations(s.waits, c.waits) {
		t.Errorf("waits %v, want %v", s.waits, c.waits)
	}
	for _, w := range c.stdout {
		if !strings.Contains(out.String(), w) {
			t.Errorf("stdout lacks %q:\n%s", w, out.String())
		}
	}
	for _, w := range c.stderr {
		if !strings.Contains(errOut.String(), w) {
			t.Errorf("stderr lacks %q:\n%s", w, errOut.String())
		}
	}
	if t.Failed() {
		t.Logf("stdout:\n%s\nstderr:\n%s", out.String(), errOut.String())
	}
}

func equalDurations(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Ctrl-C during a wait: the alarm in ALARM is still set back to OK, the
// rest are left out, and the exit code says the drill did not finish.
func TestRunInterruptedSetsTheAlarmBackToOK(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f := &fakeAWS{}
	f.onCall = func(call string) {
		if strings.HasPrefix(call, "eu-west-1 prod-orders-queue-worker-failure ALARM") {
			cancel()
		}
	}
	var out, errOut bytes.Buffer
	code := Run(ctx, []string{"--cdk-out", "testdata/assembly", "--env", "prod", "--yes", "--wait", "10ms"},
		Env{Stdout: &out, Stderr: &errOut, LoadAWS: f.load, Sleep: sleep})
	if code != ExitFailed {
		t.Errorf("exit %d, want %d", code, ExitFailed)
	}
	if got, want := f.recorded(), strings.Join(prodCalls[:4], "\n"); got != want {
		t.Errorf("calls:\n%s\nwant\n%s", got, want)
	}
	for _, w := range []string{"drill of prod: 2 of 4 alarms set to ALARM and back to OK; 2 not drilled (interrupted)\n"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("stdout lacks %q:\n%s", w, out.String())
		}
	}
	if !strings.Contains(errOut.String(), "drill: interrupted; 2 alarms not drilled") {
		t.Errorf("stderr:\n%s", errOut.String())
	}
}
