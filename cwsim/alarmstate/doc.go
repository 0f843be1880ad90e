// Package alarmstate evaluates a CloudWatch metric alarm over its recent
// per-period datapoints, as CloudWatch does at each evaluation, and says
// why in a sentence like CloudWatch's StateReason.
//
//	c := alarmstate.Config{ComparisonOperator: "GreaterThanThreshold", Threshold: 30,
//		EvaluationPeriods: 3, DatapointsToAlarm: 2}
//	window := []alarmstate.Point{{Value: 45, Present: true}, {Value: 10, Present: true}, {Value: 31, Present: true}}
//	state, reason := alarmstate.Evaluate(c, alarmstate.OK, window)
//	// ALARM, "2 out of the last 3 datapoints [45.0, 31.0] were greater than the threshold (30.0) ..."
//
// The rules are those of "Using Amazon CloudWatch alarms"
// (AlarmThatSendsEmail.html; since split into alarm-evaluation.html and
// alarms-and-missing-data.html), sections "Evaluating an alarm",
// "Configuring how CloudWatch alarms treat missing data", "How alarm state
// is evaluated when data is missing" and "Avoiding premature transitions
// to alarm state". Let N be EvaluationPeriods and M DatapointsToAlarm.
// CloudWatch looks back over the evaluation range (EvaluationRange), more
// periods than N, and:
//
//  1. If the range holds at least N real datapoints, it evaluates the N
//     most recent of them, wherever they fall in the range; TreatMissingData
//     does not matter. At least M breaching gives ALARM, fewer OK.
//  2. Otherwise it fills in the missing datapoints "only as few times as
//     possible": all real datapoints of the range plus N minus their number
//     filled ones. With breaching the filled ones breach, with notBreaching
//     they do not; then M breaching gives ALARM, fewer OK.
//  3. With missing or ignore nothing is filled: if M of the real
//     datapoints breach, ALARM; else if one of them does not breach, OK
//     (the tables' rows "0 - - - -" and "0 - X - -"). Else every real
//     datapoint breaches but fewer than M, or there are none: with missing,
//     the alarm goes to ALARM when the oldest breaching datapoint is at
//     least M periods old (the newest period being 1 old), the "premature
//     alarm" rule, and to INSUFFICIENT_DATA otherwise; with ignore it keeps
//     its current state.
//
// Every row of the two documented tables (3 out of 3 and 2 out of 3, range
// 5) is a case in testdata/missing_data.txt, for every previous state, as
// are the rows of the page's earlier edition that differ.
//
// Where AWS leaves it open, this package reads as follows:
//
//   - The evaluation range is EvaluationPeriods + EvaluationRangeExtra:
//     the documentation only says it is larger and "depends on the length of
//     the alarm period and whether it is based on a metric with standard
//     resolution or high resolution"; its example of 3 evaluation periods
//     retrieves 5.
//   - The anomaly-band operators compare strictly: a value equal to a band
//     edge is inside the band, like a value equal to the threshold for
//     GreaterThanThreshold (the console says "greater than the band",
//     "lower than the band", "outside the band").
//   - A window shorter than the evaluation range has no datapoints in the
//     periods before it; a window longer than it is cut to its newest
//     EvaluationRange periods.
//   - An alarm starts in INSUFFICIENT_DATA ("The alarm has just started"),
//     so an empty or unknown previous state is read as INSUFFICIENT_DATA.
//
// Not modelled here, left to the caller: alarms on AWS/DynamoDB metrics,
// which "always ignore missing data" (pass TreatMissingData "ignore"), and
// EvaluateLowSampleCountPercentile.
package alarmstate
