package stat

import "math/bits"

// The interquartile range of IQM, "equivalent to TM(25%:75%)"
// (Statistics-definitions.html), in percentUnits.
const (
	iqmLower = 25 * percentUnits
	iqmUpper = 75 * percentUnits
)

// nearestRank is the 1-based rank of percentile p (in percentUnits) among
// n sorted values: ceil(p/100 × n), at least 1, so that p0 is the minimum
// and p100 the maximum.
func nearestRank(p uint64, n int) int {
	return max(1, shareOf(p, n, true))
}

// rankRange is the half-open index range [lo, hi) of the sorted values that
// percentage bounds lower < upper (in percentUnits) keep among n: the
// floor(lower/100 × n) lowest and the floor((100-upper)/100 × n) highest are
// removed. The range holds at least one value when n > 0.
func rankRange(lower, upper uint64, n int) (lo, hi int) {
	return shareOf(lower, n, false), shareOf(upper, n, true)
}

// keptByRank returns the sorted values that percentage bounds keep.
func keptByRank(sorted []float64, lower, upper uint64) []float64 {
	lo, hi := rankRange(lower, upper, len(sorted))
	return sorted[lo:hi]
}

// shareOf is p percent (in percentUnits, at most 100%) of n, rounded up or
// down, computed exactly in 128 bits.
func shareOf(p uint64, n int, up bool) int {
	hi, lo := bits.Mul64(p, uint64(n))
	q, r := bits.Div64(hi, lo, hundredPercent) // hi < hundredPercent since p <= hundredPercent
	if up && r != 0 {
		q++
	}
	return int(q)
}
