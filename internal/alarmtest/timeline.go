package alarmtest

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/eventwatch/eventwatch/cwsim"
)

// MaxTimelineRows bounds the datapoints printed per alarm in a timeline.
const MaxTimelineRows = 40

// WriteTimeline prints, for each alarm, its datapoints, its state changes
// and the notifications they sent, so that a failed expectation can be
// followed from the log lines to the page.
func WriteTimeline(w io.Writer, r *cwsim.Report, alarms []string) {
	for _, name := range alarms {
		fmt.Fprintf(w, "    %s:\n", name)
		dps := r.Datapoints[name]
		if len(dps) == 0 {
			fmt.Fprintln(w, "      no datapoint evaluated")
		}
		skipped := 0
		if len(dps) > MaxTimelineRows {
			skipped = len(dps) - MaxTimelineRows
			dps = dps[skipped:]
			fmt.Fprintf(w, "      … %d earlier datapoints\n", skipped)
		}
		var vals []string
		for _, dp := range dps {
			v := "missing"
			if dp.Present {
				v = strconv.FormatFloat(dp.Value, 'g', 6, 64)
			}
			if dp.IsBand {
				v += fmt.Sprintf(" (band %g..%g)", dp.Lower, dp.Upper)
			}
			vals = append(vals, fmt.Sprintf("+%s %s", fmtOffset(dp.PeriodStart.Sub(r.Start)), v))
		}
		if len(vals) > 0 {
			fmt.Fprintf(w, "      datapoints (period start, value): %s\n", strings.Join(vals, ", "))
		}
		for _, t := range r.Transitions {
			if t.Alarm == name {
				fmt.Fprintf(w, "      +%s %s → %s: %s\n", fmtOffset(t.At.Sub(r.Start)), t.From, t.To, t.Reason)
			}
		}
		for _, n := range r.Notifications {
			if n.Alarm == name {
				fmt.Fprintf(w, "      +%s notifies %s\n", fmtOffset(n.At.Sub(r.Start)), describeAction(n))
			}
		}
	}
}

// describeAction names a notification's topic and who it reaches.
func describeAction(n cwsim.Notification) string {
	if n.Topic == nil {
		return n.Action
	}
	var who []string
	for _, s := range n.Topic.Subscribers {
		who = append(who, s.String())
	}
	text := n.Topic.Name + " of " + string(n.State)
	if len(who) > 0 {
		text += " → " + strings.Join(who, ", ")
	} else {
		text += " (no subscriber)"
	}
	if n.Suppressed {
		text += " [suppressed]"
	}
	return text
}
