// Package stat computes a CloudWatch statistic over the raw values
// published to a metric in one period, as an alarm's Statistic,
// ExtendedStatistic or a MetricStat's Stat names it.
//
//	s, err := stat.Parse("tm99")
//	if err != nil {
//		log.Fatal(err) // a *ParseError: `col 3: ...` plus the text and a caret
//	}
//	v, ok := s.Compute([]float64{12, 15, 900}) // ok is false when there is no datapoint
//
// The statistics and their spelling follow "CloudWatch statistics
// definitions" (Statistics-definitions.html, cited as [defs]) and the
// Percentiles section of "Amazon CloudWatch concepts"
// (cloudwatch_concepts.html#Percentiles, cited as [concepts]):
//
//	SampleCount  Sum  Average  Minimum  Maximum
//	pNN          percentile NN, 0 <= NN <= 100            p99, p99.9
//	tmNN         trimmed mean, the same as TM(:NN%)        tm99
//	TM(a:b)      mean of the values between two bounds     TM(10%:90%), TM(150:1000)
//	IQM          interquartile mean, TM(25%:75%)
//	wmNN, WM(a:b)  winsorized mean                         wm99, WM(10%:90%)
//	tcNN, TC(a:b)  trimmed count                           tc99, TC(0.005:0.030)
//	tsNN, TS(a:b)  trimmed sum                             ts99, TS(80%:)
//	PR(a:b)      percentile rank: percent of values in (a, b]   PR(:300), PR(100:2000)
//
// Parse documents the grammar. Numbers have at most MaxDecimals decimal
// places [defs]; bounds with a percent sign are percentages of the data
// points, bounds without are values of the metric. [defs] "Syntax": the
// one-number forms are lower case (p99, tm99), the forms with parentheses
// upper case (TM(5%:95%)); Parse holds to that and, for a statistic written
// in the other case, says which spelling CloudWatch documents.
//
// What the documentation leaves open, this package reads as follows; each
// reading has a case in testdata/compute.txt marked [reading]:
//
//   - Percentiles use the nearest rank on the sorted raw values, without
//     interpolation: pNN is the value at rank ceil(NN/100 × n), p0 the
//     minimum. [defs] "Percentiles versus trimmed mean" says p99 is the
//     maximum of the values that tm99 averages, and so it is here.
//     (CloudWatch itself may approximate percentiles of large samples.)
//   - A percentage bound removes whole data points: a lower bound of a%
//     removes the floor(a/100 × n) lowest, an upper bound of b% the
//     floor((100-b)/100 × n) highest, so TM(10%:90%) of ten values averages
//     the 2nd to the 9th. Ties are cut by rank, not by value.
//   - A winsorized mean with percentage bounds sets the removed low values
//     to the lowest kept value and the removed high ones to the highest kept
//     value (for wm98, "the value at the 98th percentile" [defs]); with value
//     bounds, values at or below the lower bound become the lower bound and
//     values above the upper bound become the upper bound.
//   - Value bounds exclude the lower bound and include the upper one, for
//     TM, WM, TC, TS [defs, Note] and PR [defs]; a missing lower value bound
//     excludes nothing (TC(:0.5) counts a 0).
//   - When no value falls between value bounds, TM has no datapoint, while
//     TC is 0 and TS is 0: a count and a sum of nothing are defined, a mean
//     is not.
//   - The percentile family is "not available for metrics when any of the
//     metric values are negative numbers" [defs] [concepts]: Compute gives no
//     datapoint for a period holding a negative value.
//   - Values are finite, as PutMetricData requires; Compute does not check.
package stat
