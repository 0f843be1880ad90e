package stat

// Stat is a parsed CloudWatch statistic. The zero Stat is no statistic:
// its String is "" and Compute never gives a datapoint. Stats are
// comparable: two Stats are == when they print the same.
type Stat struct {
	kind    kind
	short   bool   // written with one number and no parentheses: p99, tm99
	percent bool   // the bounds are percentages of the data points
	lower   number // lower bound (exclusive for values); unset for p and short forms
	upper   number // upper bound, or the percentile of p
}

// kind is which statistic a Stat computes.
type kind uint8

const (
	kindNone kind = iota
	kindSampleCount
	kindSum
	kindAverage
	kindMinimum
	kindMaximum
	kindPercentile     // p
	kindIQM            // IQM
	kindTrimmedMean    // tm, TM
	kindWinsorizedMean // wm, WM
	kindTrimmedCount   // tc, TC
	kindTrimmedSum     // ts, TS
	kindPercentileRank // PR
)

// simpleNames are the statistics an alarm's Statistic holds, spelt as
// CloudFormation's AWS::CloudWatch::Alarm Statistic allows them.
var simpleNames = map[string]kind{
	"SampleCount": kindSampleCount,
	"Sum":         kindSum,
	"Average":     kindAverage,
	"Minimum":     kindMinimum,
	"Maximum":     kindMaximum,
}

// prefixes are the letters of the statistics written with numbers: the
// lower-case form takes one number (tm99), the upper-case form bounds in
// parentheses (TM(10%:90%)). An empty form does not exist.
var prefixes = map[kind]struct{ short, ranged string }{
	kindPercentile:     {"p", ""},
	kindTrimmedMean:    {"tm", "TM"},
	kindWinsorizedMean: {"wm", "WM"},
	kindTrimmedCount:   {"tc", "TC"},
	kindTrimmedSum:     {"ts", "TS"},
	kindPercentileRank: {"", "PR"},
}

// IsValid tells whether s is a statistic Parse accepts.
func IsValid(s string) bool {
	_, err := Parse(s)
	return err == nil
}

// String returns the statistic as CloudWatch spells it, in the form it was
// written (tm99 stays tm99, TM(:99%) stays TM(:99%)), with numbers in
// canonical form: p99.90 prints as p99.9, TM(010%:90%) as TM(10%:90%).
// Parse(s.String()) gives s back.
func (s Stat) String() string {
	for name, k := range simpleNames {
		if k == s.kind {
			return name
		}
	}
	switch s.kind {
	case kindNone:
		return ""
	case kindIQM:
		return "IQM"
	}
	p := prefixes[s.kind]
	if s.short {
		return p.short + s.upper.text
	}
	return p.ranged + "(" + s.boundText(s.lower) + ":" + s.boundText(s.upper) + ")"
}

// boundText prints one bound of a ranged statistic; an omitted bound is "".
func (s Stat) boundText(n number) string {
	if !n.set {
		return ""
	}
	if s.percent {
		return n.text + "%"
	}
	return n.text
}

// IsExtended tells whether the statistic belongs in an alarm's
// ExtendedStatistic rather than its Statistic: the percentile family
// (p, TM, IQM, WM, TC, TS, PR). CloudWatch computes these from raw values
// only ("Requirements to use percentiles, trimmed mean, and some other
// statistics", Statistics-definitions.html).
func (s Stat) IsExtended() bool {
	return s.kind >= kindPercentile
}

// NeedsValueDistribution tells whether the statistic describes how the
// values of a period are spread (a percentile, a trimmed or winsorized
// mean, a trimmed count or sum, a percentile rank, IQM). On a metric whose
// every value is the same constant, such as a metric filter that publishes
// 1 per matching event, each of them reduces to a simple statistic (p99 and
// tm99 are 1, PR(:x) is 0 or 100, tc99 is a share of SampleCount): a wiring
// check uses this to flag a statistic that cannot mean what it says.
// Today it is true for exactly the extended statistics.
func (s Stat) NeedsValueDistribution() bool {
	return s.IsExtended()
}
