package spec

// MaxSilencePeriods is the most evaluation periods of a silence alarm:
// up to 100 minutes of silence, one-minute periods; beyond, periods of
// whole minutes, as few as keep their number within it. CloudWatch would
// take more (MaxEvaluationPeriods); this keeps the alarms of the templates
// already deployed as they are.
const MaxSilencePeriods = 100

// SilencePeriods splits a silence alarm's time without an event into the
// evaluation periods of its alarm: periods of a minute (IncomingLogEvents'
// resolution), or the fewest whole minutes that keep their number within
// MaxSilencePeriods, all of them needed to alarm.
//
// One period of afterSeconds would page up to three times later than
// asked: CloudWatch evaluates the real datapoints of its evaluation range
// (N + 2 periods) first and applies TreatMissingData only when fewer than N
// are there ("Configuring how CloudWatch alarms treat missing data"), so
// an alarm of one 15-minute period goes to ALARM when three periods in a
// row hold no event. With n one-minute periods, breaching when missing,
// the range holds at most two real datapoints once the service has been
// silent for n minutes, and the alarm pages then (cwsim's scenarios show it).
func SilencePeriods(afterSeconds int) (periodSeconds, periods int) {
	minutes := max(1, (afterSeconds+59)/60)
	per := (minutes + MaxSilencePeriods - 1) / MaxSilencePeriods
	return per * 60, (minutes + per - 1) / per
}
