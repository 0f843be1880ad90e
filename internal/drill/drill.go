package drill

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
)

// ResetTimeout bounds the call that sets an alarm back to OK after the
// drill was interrupted (that call must still be made).
const ResetTimeout = 30 * time.Second

// result is what a drill did.
type result struct {
	drilled  int      // set to ALARM and back to OK
	failures []string // one line each, naming the stack and the alarm
	notRun   int      // left out after an interruption
}

func (r result) ok() bool { return len(r.failures) == 0 && r.notRun == 0 }

func (r result) print(w io.Writer, env string, total int) {
	fmt.Fprintf(w, "drill of %s: %d of %d alarms set to ALARM and back to OK", env, r.drilled, total)
	if r.ok() {
		fmt.Fprintln(w, "; check that their notifications arrived")
		return
	}
	var parts []string
	if len(r.failures) > 0 {
		parts = append(parts, fmt.Sprintf("%d failed", len(r.failures)))
	}
	if r.notRun > 0 {
		parts = append(parts, fmt.Sprintf("%d not drilled (interrupted)", r.notRun))
	}
	fmt.Fprintf(w, "; %s\n", strings.Join(parts, ", "))
	for _, f := range r.failures {
		fmt.Fprintf(w, "  %s\n", f)
	}
}

// drillAll sets each target to ALARM, waits, and sets it back to OK, one
// after the other, with progress on stderr. An alarm that fails is
// reported and the drill goes on; when ctx ends (Ctrl-C) the alarm in
// ALARM is still set back to OK, and the rest are left out.
func drillAll(ctx context.Context, a AWS, targets []target, wait time.Duration, sleep func(context.Context, time.Duration) error, stderr io.Writer) result {
	var r result
	for i, t := range targets {
		if ctx.Err() != nil {
			r.notRun = len(targets) - i
			break
		}
		client := a.Client(t.Region)
		step := fmt.Sprintf("drill: [%d/%d] %s (%s %s, %s)", i+1, len(targets), t.Name, t.Stack, t.Logical, t.Region)
		fmt.Fprintf(stderr, "%s: ALARM%s\n", step, actionsNote(t.alarm))
		if err := setState(ctx, client, t.Name, types.StateValueAlarm, ReasonAlarm); err != nil {
			r.failures = append(r.failures, failure(t, "setting ALARM", err))
			fmt.Fprintf(stderr, "%s: %v\n", step, err)
			if ctx.Err() != nil { // interrupted mid-call: the state may have changed
				reset(ctx, client, t, step, &r, stderr)
				r.notRun = len(targets) - i - 1
				break
			}
			continue
		}
		fmt.Fprintf(stderr, "%s: waiting %s\n", step, wait)
		interrupted := sleep(ctx, wait) != nil
		if reset(ctx, client, t, step, &r, stderr) {
			r.drilled++
		}
		if interrupted {
			r.notRun = len(targets) - i - 1
			fmt.Fprintf(stderr, "drill: interrupted; %d alarms not drilled\n", r.notRun)
			break
		}
	}
	return r
}

// reset sets a target back to OK, even when ctx has ended, and reports
// whether it did.
func reset(ctx context.Context, client StateSetter, t target, step string, r *result, stderr io.Writer) bool {
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), ResetTimeout)
	defer cancel()
	if err := setState(rctx, client, t.Name, types.StateValueOk, ReasonOK); err != nil {
		r.failures = append(r.failures, failure(t, "setting OK", err)+
			fmt.Sprintf("; it stays in ALARM until its next evaluation, or set it back: aws cloudwatch set-alarm-state --region %s --alarm-name %s --state-value OK --state-reason %q",
				t.Region, t.Name, ReasonOK))
		fmt.Fprintf(stderr, "%s: %v\n", step, err)
		return false
	}
	fmt.Fprintf(stderr, "%s: OK\n", step)
	return true
}

func setState(ctx context.Context, c StateSetter, name string, state types.StateValue, reason string) error {
	_, err := c.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{
		AlarmName:   aws.String(name),
		StateValue:  state,
		StateReason: aws.String(reason),
	})
	return err
}

func failure(t target, what string, err error) string {
	return fmt.Sprintf("%s: %s (%s) in %s: %s: %s", t.Stack, t.Logical, t.Name, t.Region, what, oneLine(err))
}
