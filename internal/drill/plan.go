package drill

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// target is an alarm and the region it is set in.
type target struct {
	alarm
	Region string // empty when no region is known
}

// withRegions gives each alarm its region: flagRegion, else its stack's
// from the manifest, else the AWS configuration's.
func withRegions(alarms []alarm, flagRegion, configRegion string) []target {
	out := make([]target, len(alarms))
	for i, a := range alarms {
		r := flagRegion
		if r == "" {
			r = a.StackRegion
		}
		if r == "" {
			r = configRegion
		}
		out[i] = target{alarm: a, Region: r}
	}
	return out
}

// checkRegions fails, naming the stacks, when a target has no region.
func checkRegions(targets []target) error {
	var stacks []string
	seen := map[string]bool{}
	for _, t := range targets {
		if t.Region == "" && !seen[t.Stack] {
			seen[t.Stack] = true
			stacks = append(stacks, t.Stack)
		}
	}
	if len(stacks) == 0 {
		return nil
	}
	return fmt.Errorf("stack %s: no region (cdk.out/manifest.json names none, nor does the AWS configuration); pass --region or set AWS_REGION", strings.Join(stacks, ", "))
}

// printPlan writes one line per alarm: what the drill would (or will) do.
func printPlan(w io.Writer, verb string, targets []target, wait time.Duration) {
	for _, t := range targets {
		region := t.Region
		if region == "" {
			region = "no region known"
		}
		fmt.Fprintf(w, "%s set %s to ALARM, wait %s, set it to OK (%s %s, %s, %s)%s\n",
			verb, t.Name, wait, t.Stack, t.Logical, t.Type, region, actionsNote(t.alarm))
	}
}

// actionsNote warns that a drill of an alarm without actions pages no one.
func actionsNote(a alarm) string {
	if a.ActionsDisabled {
		return "; its actions are disabled (ActionsEnabled: false), so no notification goes out"
	}
	return ""
}
