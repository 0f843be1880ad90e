package alarmstate

import (
	"fmt"
	"strconv"
	"strings"
)

// countReason says why count decided: over N datapoints, filled of them
// filled in for missing ones.
//
//	2 out of the last 3 datapoints [45.0, 31.0] were greater than the threshold (30.0) (minimum 2 datapoints for ALARM).
//	3 out of the last 3 datapoints [45.0, missing, missing] were greater than ... (minimum 3 datapoints for ALARM; missing data treated as breaching).
func (e evaluation) countReason(real []datum, filled int, alarm bool) string {
	fillBreaches := e.treat == TreatBreaching
	if len(real) == 0 {
		return fmt.Sprintf("no datapoints were received for the last %d periods and %s treated as %s.",
			e.periods, plural(filled, "missing datapoint was", "missing datapoints were"), e.treatWords())
	}
	listed := selectValues(real, alarm)
	if fillBreaches == alarm {
		for range filled {
			listed = append(listed, "missing")
		}
	}
	needed, state := e.m, Alarm
	if !alarm {
		needed, state = e.n-e.m+1, OK
	}
	note := ""
	if filled > 0 {
		note = "; missing data treated as " + e.treatWords()
	}
	return fmt.Sprintf("%d out of the last %d datapoints [%s] %s %s (minimum %s for %s%s).",
		len(listed), e.n, strings.Join(listed, ", "), were(len(listed)), e.c.condition(!alarm),
		plural(needed, "datapoint", "datapoints"), state, note)
}

// partialReason says why partial decided ALARM or OK on fewer than N real
// datapoints:
//
//	1 out of the 2 datapoints received in the last 5 periods [10.0] was not greater than the threshold (30.0) (1 breaching, minimum 2 for ALARM).
func (e evaluation) partialReason(real []datum, alarm bool) string {
	listed := selectValues(real, alarm)
	head := fmt.Sprintf("%d out of the %s received in the last %d periods [%s] %s %s",
		len(listed), plural(len(real), "datapoint", "datapoints"), e.periods, strings.Join(listed, ", "),
		were(len(listed)), e.c.condition(!alarm))
	if alarm {
		return fmt.Sprintf("%s (minimum %s for ALARM).", head, plural(e.m, "datapoint", "datapoints"))
	}
	return fmt.Sprintf("%s (%d breaching, minimum %d for ALARM).", head, countBreaching(real), e.m)
}

// prematureReason says why the premature-alarm rule put the alarm in ALARM.
func (e evaluation) prematureReason(real []datum) string {
	return fmt.Sprintf("%s received in the last %d periods [%s] %s %s, the oldest %s ago "+
		"(at least DatapointsToAlarm, %d) and every newer period breaching or missing.",
		plural(len(real), "datapoint", "datapoints"), e.periods, strings.Join(selectValues(real, true), ", "),
		were(len(real)), e.c.condition(false), plural(real[0].age, "period", "periods"), e.m)
}

// undecidedReason says why there was too little data to decide: the state
// becomes INSUFFICIENT_DATA, or with ignore stays what it was.
func (e evaluation) undecidedReason(real []datum, state State) string {
	outcome := "missing data is treated as missing"
	if e.treat == TreatIgnore {
		outcome = fmt.Sprintf("missing data is ignored, so the state stays %s", state)
	}
	if len(real) == 0 {
		return fmt.Sprintf("no datapoints were received for the last %d periods and %s.", e.periods, outcome)
	}
	return fmt.Sprintf("only %s received in the last %d periods [%s] %s %s, fewer than the %d needed for ALARM, "+
		"the oldest %s ago, and %s.",
		plural(len(real), "datapoint", "datapoints"), e.periods, strings.Join(selectValues(real, true), ", "),
		were(len(real)), e.c.condition(false), e.m, plural(real[0].age, "period", "periods"), outcome)
}

// treatWords words the treatment of missing data for filled datapoints.
func (e evaluation) treatWords() string {
	if e.treat == TreatBreaching {
		return "breaching"
	}
	return "not breaching"
}

// selectValues formats the values of the datapoints that breach (or, with
// breaching false, that do not).
func selectValues(ds []datum, breaching bool) []string {
	var out []string
	for _, d := range ds {
		if d.breaching == breaching {
			out = append(out, formatValue(d.value))
		}
	}
	return out
}

// formatValue prints a value as CloudWatch's StateReason does, with at
// least one decimal: 45.0, 0.005.
func formatValue(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if !strings.ContainsAny(s, ".NI") {
		s += ".0"
	}
	return s
}

// plural is "1 datapoint" or "2 datapoints".
func plural(k int, one, many string) string {
	if k == 1 {
		return "1 " + one
	}
	return strconv.Itoa(k) + " " + many
}

// were is the verb for k datapoints.
func were(k int) string {
	if k == 1 {
		return "was"
	}
	return "were"
}
