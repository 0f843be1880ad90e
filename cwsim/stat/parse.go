package stat

import (
	"strconv"
	"strings"
)

// expected lists the statistics, for error messages.
const expected = "SampleCount, Average, Sum, Minimum, Maximum, IQM, pNN, tmNN, wmNN, tcNN, tsNN, " +
	"TM(a:b), WM(a:b), TC(a:b), TS(a:b) or PR(a:b)"

// Parse reads a statistic as CloudFormation's Statistic or
// ExtendedStatistic, or a MetricStat's Stat, holds it:
//
//	statistic = simple | "IQM" | short | ranged | rank
//	simple    = "SampleCount" | "Average" | "Sum" | "Minimum" | "Maximum"
//	short     = ( "p" | "tm" | "wm" | "tc" | "ts" ) number
//	ranged    = ( "TM" | "WM" | "TC" | "TS" ) "(" bounds ")"
//	rank      = "PR" "(" [ number ] ":" [ number ] ")"
//	bounds    = [ number "%" ] ":" [ number "%" ]    percentages of the data points
//	          | [ number ] ":" [ number ]            values of the metric
//
// Names are case-sensitive, as Statistics-definitions.html "Syntax" says:
// lower case with one number, upper case with parentheses. A ranged
// statistic has at least one bound, and the lower bound is below the
// upper; percentages lie between MinPercent and MaxPercent; numbers have
// at most MaxDecimals decimal places; pNN is a percentile from p0 to p100,
// and the short forms tm99, wm99, tc99, ts99 mean TM(:99%) and so on.
//
// An error is a *ParseError that points at the offending text. For a
// statistic written in the other case (P99, iqm, TM99, tm(10%:90%)) it
// adds the spelling CloudWatch documents.
func Parse(s string) (Stat, error) {
	st, err := parse(s)
	if err != nil {
		if fixed := respell(s); fixed != "" {
			err.Msg += "; did you mean " + strconv.Quote(fixed) + "?"
		}
		return Stat{}, err
	}
	return st, nil
}

// parse reads a statistic (see Parse).
func parse(s string) (Stat, *ParseError) {
	if s == "" {
		return Stat{}, errorAt(s, 0, "empty statistic; expected %s", expected)
	}
	if k, ok := simpleNames[s]; ok {
		return Stat{kind: k}, nil
	}
	if s == "IQM" {
		return Stat{kind: kindIQM}, nil
	}
	name, _, _ := strings.Cut(s, "(")
	if len(name) < len(s) {
		return parseRanged(s, name)
	}
	return parseShort(s)
}

// parseShort reads
//
//	short = ( "p" | "tm" | "wm" | "tc" | "ts" ) number
func parseShort(s string) (Stat, *ParseError) {
	i := 0
	for i < len(s) && 'a' <= s[i] && s[i] <= 'z' {
		i++
	}
	k, ok := kindOf(s[:i], func(p prefix) string { return p.short })
	if !ok || i == 0 {
		return Stat{}, errorAt(s, 0, "unknown statistic %q; expected %s", s, expected)
	}
	if i == len(s) {
		return Stat{}, errorAt(s, i, "expected a number after %q, as in %s99", s, s)
	}
	n, end, err := scanNumber(s, i)
	if err != nil {
		return Stat{}, err
	}
	if end < len(s) {
		return Stat{}, errorAt(s, end, "unexpected %q after the number", s[end:])
	}
	if !n.isPercentage() {
		return Stat{}, errorAt(s, i, "%s takes a percentage from %d to %d, got %s", s[:i], MinPercent, MaxPercent, n.text)
	}
	st := Stat{kind: k, short: true, upper: n}
	if k != kindPercentile {
		st.percent = true
		if n.units == 0 {
			return Stat{}, errorAt(s, i, "%s0 keeps no data points; the percentage must be above 0", s[:i])
		}
	}
	return st, nil
}

// parseRanged reads, after name,
//
//	"(" bounds ")"
func parseRanged(s, name string) (Stat, *ParseError) {
	k, ok := kindOf(name, func(p prefix) string { return p.ranged })
	if !ok || name == "" {
		return Stat{}, errorAt(s, 0, "unknown statistic %q; expected %s", name, expected)
	}
	st := Stat{kind: k}
	pos := len(name) + 1
	lower, lowerPct, pos, err := scanBound(s, pos, ':')
	if err != nil {
		return Stat{}, err
	}
	if pos >= len(s) || s[pos] != ':' {
		return Stat{}, errorAt(s, pos, "expected ':' between the lower and the upper bound")
	}
	upperAt := pos + 1
	upper, upperPct, pos, err := scanBound(s, upperAt, ')')
	if err != nil {
		return Stat{}, err
	}
	if pos >= len(s) || s[pos] != ')' {
		return Stat{}, errorAt(s, pos, "expected ')' after the upper bound")
	}
	if pos+1 < len(s) {
		return Stat{}, errorAt(s, pos+1, "unexpected %q after ')'", s[pos+1:])
	}
	st.lower, st.upper, st.percent = lower, upper, lowerPct || upperPct
	return st, st.checkBounds(s, name, upperAt, lowerPct, upperPct)
}

// scanBound reads an optional bound, number [ "%" ], at s[pos:], ending at
// the byte stop. It returns the bound, whether it is a percentage, and the
// offset after it.
func scanBound(s string, pos int, stop byte) (number, bool, int, *ParseError) {
	if pos < len(s) && s[pos] == stop {
		return number{}, false, pos, nil
	}
	n, end, err := scanNumber(s, pos)
	if err != nil {
		return number{}, false, end, err
	}
	if end < len(s) && s[end] == '%' {
		return n, true, end + 1, nil
	}
	return n, false, end, nil
}

// checkBounds checks the bounds of a ranged statistic written as s, whose
// name is name and whose upper bound starts at byte upperAt.
func (st Stat) checkBounds(s, name string, upperAt int, lowerPct, upperPct bool) *ParseError {
	lowerAt := len(name) + 1
	switch {
	case !st.lower.set && !st.upper.set:
		return errorAt(s, lowerAt, "expected at least one bound, as in %s(:99%%) or %s(10:500)", name, name)
	case st.lower.set && st.upper.set && lowerPct != upperPct:
		return errorAt(s, upperAt, "both bounds must be percentages, or neither")
	case st.kind == kindPercentileRank && st.percent:
		return errorAt(s, lowerAt, "PR takes values of the metric, not percentages, as in PR(:300)")
	}
	if st.percent {
		for _, b := range []struct {
			n  number
			at int
		}{{st.lower, lowerAt}, {st.upper, upperAt}} {
			if b.n.set && !b.n.isPercentage() {
				return errorAt(s, b.at, "a percentage must be from %d to %d, got %s%%", MinPercent, MaxPercent, b.n.text)
			}
		}
		lo, hi := st.lower.units, uint64(hundredPercent)
		if st.upper.set {
			hi = st.upper.units
		}
		if lo >= hi {
			return errorAt(s, lowerAt, "the lower bound (%s%%) must be below the upper bound (%s%%)",
				orZero(st.lower), orHundred(st.upper))
		}
		return nil
	}
	if st.lower.set && st.upper.set && st.lower.value >= st.upper.value {
		return errorAt(s, lowerAt, "the lower bound (%s) must be below the upper bound (%s)", st.lower.text, st.upper.text)
	}
	return nil
}

// prefix is one entry of prefixes.
type prefix = struct{ short, ranged string }

// kindOf finds the statistic whose form (picked by form) is name.
func kindOf(name string, form func(prefix) string) (kind, bool) {
	for k, p := range prefixes {
		if f := form(p); f != "" && f == name {
			return k, true
		}
	}
	return kindNone, false
}

func orZero(n number) string {
	if n.set {
		return n.text
	}
	return "0"
}

func orHundred(n number) string {
	if n.set {
		return n.text
	}
	return "100"
}
