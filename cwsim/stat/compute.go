package stat

import "slices"

// Compute computes the statistic over the raw values published in one
// period, in any order. It returns false when the period has no datapoint
// for the statistic: no values at all; for the percentile family, a
// negative value among them (see the package comment); for TM(a:b) with
// value bounds, no value between the bounds.
func (s Stat) Compute(values []float64) (float64, bool) {
	if len(values) == 0 || s.kind == kindNone {
		return 0, false
	}
	if !s.IsExtended() {
		return s.computeSimple(values), true
	}
	for _, v := range values {
		if v < 0 {
			return 0, false
		}
	}
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	switch {
	case s.kind == kindPercentile:
		return sorted[nearestRank(s.upper.units, len(sorted))-1], true
	case s.kind == kindIQM:
		return mean(keptByRank(sorted, iqmLower, iqmUpper))
	case s.kind == kindPercentileRank:
		return 100 * float64(len(s.keptByValue(sorted))) / float64(len(sorted)), true
	case s.kind == kindWinsorizedMean:
		return s.winsorizedMean(sorted), true
	}
	var kept []float64
	if s.percent {
		kept = keptByRank(sorted, s.lower.units, s.upperUnits())
	} else {
		kept = s.keptByValue(sorted)
	}
	switch s.kind {
	case kindTrimmedCount:
		return float64(len(kept)), true
	case kindTrimmedSum:
		return sum(kept), true
	default: // kindTrimmedMean
		return mean(kept)
	}
}

// computeSimple computes SampleCount, Sum, Average, Minimum or Maximum
// ("CloudWatch statistics definitions").
func (s Stat) computeSimple(values []float64) float64 {
	switch s.kind {
	case kindSampleCount:
		return float64(len(values))
	case kindSum:
		return sum(values)
	case kindAverage:
		return sum(values) / float64(len(values))
	case kindMinimum:
		return slices.Min(values)
	default: // kindMaximum
		return slices.Max(values)
	}
}

// upperUnits is the upper percentage bound, 100% when omitted.
func (s Stat) upperUnits() uint64 {
	if s.upper.set {
		return s.upper.units
	}
	return hundredPercent
}

// keptByValue returns the sorted values v with lower < v <= upper, an
// omitted bound not limiting.
func (s Stat) keptByValue(sorted []float64) []float64 {
	lo, hi := 0, len(sorted)
	if s.lower.set {
		lo, _ = slices.BinarySearchFunc(sorted, s.lower.value, func(v, b float64) int { return cmpAbove(v, b) })
	}
	if s.upper.set {
		hi, _ = slices.BinarySearchFunc(sorted, s.upper.value, func(v, b float64) int { return cmpAbove(v, b) })
	}
	return sorted[lo:max(lo, hi)]
}

// cmpAbove orders v against bound b so that a binary search finds the first
// value above b: values at or below b sort before it.
func cmpAbove(v, b float64) int {
	if v <= b {
		return -1
	}
	return 1
}

// winsorizedMean is the mean of the values with those outside the bounds
// set to the edge of the bounds (see the package comment).
func (s Stat) winsorizedMean(sorted []float64) float64 {
	if s.percent {
		lo, hi := rankRange(s.lower.units, s.upperUnits(), len(sorted))
		kept := sorted[lo:hi]
		return (float64(lo)*kept[0] + sum(kept) + float64(len(sorted)-hi)*kept[len(kept)-1]) / float64(len(sorted))
	}
	var total float64
	for _, v := range sorted {
		switch {
		case s.lower.set && v <= s.lower.value:
			v = s.lower.value
		case s.upper.set && v > s.upper.value:
			v = s.upper.value
		}
		total += v
	}
	return total / float64(len(sorted))
}

// sum adds the values.
func sum(values []float64) float64 {
	var t float64
	for _, v := range values {
		t += v
	}
	return t
}

// mean is the mean of the values, false when there are none.
func mean(values []float64) (float64, bool) {
	if len(values) == 0 {
		return 0, false
	}
	return sum(values) / float64(len(values)), true
}
