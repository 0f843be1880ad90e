package spec

// Defaults applied by withDefaults on each construct's props. Each optional
// prop's doc comment names the one it uses.
const (
	// DefaultRetentionDays matches aws-cdk's LogGroup default (two years).
	DefaultRetentionDays = 731
	DefaultLogGroupClass = "STANDARD"
	// DefaultMetricValue counts one per matching event.
	DefaultMetricValue       = "1"
	DefaultCountUnit         = "Count"
	DefaultValueUnit         = "None"
	DefaultComparison        = "GreaterThanOrEqualToThreshold"
	DefaultStatistic         = "Sum"
	DefaultPeriodSeconds     = 300
	DefaultEvaluationPeriods = 1
	// DefaultCountMissingData: no events means nothing went wrong.
	DefaultCountMissingData = "notBreaching"
	// DefaultValueMissingData: no samples of a measured value is not a verdict.
	DefaultValueMissingData = "missing"
	DefaultSeverity         = Warning
)

// CloudWatch and CloudFormation limits checked at synth, so that they fail
// before `cdk deploy` does.
const (
	MaxDimensions             = 3
	MaxFilterPatternLength    = 1024
	MaxMetricFiltersPerGroup  = 100
	MaxRegexFiltersPerGroup   = 5
	MaxAlarmNameLength        = 255
	MaxAlarmDescriptionLen    = 1024
	MaxQueryNameLength        = 255
	MaxQueryStringLength      = 10000
	MaxLogGroupNameLength     = 512
	MaxTopicDisplayNameLength = 100
	MaxTagKeyLength           = 128
	MaxTagValueLength         = 256
	MaxDimensionNameLength    = 255
	MaxResourcesPerStack      = 500
	// MaxStackNameLength: CloudFormation stack names, [a-zA-Z][-a-zA-Z0-9]*.
	MaxStackNameLength = 128
	// MaxLogicalIDLength: CloudFormation logical IDs, alphanumeric.
	MaxLogicalIDLength = 255
	// MaxTopicNameLength: SNS topic names, [A-Za-z0-9_-].
	MaxTopicNameLength = 256
	// MaxEmailLength: an e-mail address (RFC 5321 path limit, 256 with the angle brackets).
	MaxEmailLength = 254
	// MaxPeriodSeconds: an alarm period is at most a day.
	MaxPeriodSeconds = 86400
	// MinEvaluationPeriods: EvaluationPeriods and DatapointsToAlarm have a
	// "Minimum value of 1" (PutMetricAlarm).
	MinEvaluationPeriods = 1
	// MaxWindowSeconds, MaxShortPeriodWindowSeconds and LongPeriodSeconds
	// bound an alarm's evaluation window, period × evaluationPeriods: "An
	// alarm's total current evaluation period can be no longer than seven
	// days, so Period multiplied by EvaluationPeriods can't be more than
	// 604,800 seconds. For alarms with a period of less than one hour (3,600
	// seconds), the total evaluation period can't be longer than one day
	// (86,400 seconds)" (PutMetricAlarm's Period). See WindowLimit.
	MaxWindowSeconds            = 7 * 86400
	MaxShortPeriodWindowSeconds = 86400
	LongPeriodSeconds           = 3600
	// MinPeriodSeconds is the shortest alarm period (a high-resolution alarm's).
	MinPeriodSeconds = 10
	// MaxEvaluationPeriods is the most evaluation periods any alarm can
	// have: one day of the shortest period, 8,640 periods of 10 seconds.
	// CloudWatch sets no other bound; the window of the alarm's own period
	// (WindowLimit) is what limits it, and this is checked alone only when
	// the period is not known (a token, or a metric eventwatch did not make).
	MaxEvaluationPeriods = MaxShortPeriodWindowSeconds / MinPeriodSeconds
	// MaxMetricMagnitude: CloudWatch rejects metric values and thresholds
	// outside -2^360..2^360 (PutMetricData). It also keeps the CDK's
	// encoded number tokens (about -1.9e289) out of the props.
	MaxMetricMagnitude = 0x1p360
	// MaxEchoedValue is the most characters of a value quoted in an error.
	MaxEchoedValue = 80
)

// ValidRetentionDays are the retention periods CloudWatch Logs accepts.
var ValidRetentionDays = []int{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}

// ValidLogGroupClasses are the log group classes CloudWatch Logs accepts.
var ValidLogGroupClasses = []string{"STANDARD", "INFREQUENT_ACCESS", "DELIVERY"}

// ValidComparisons are CloudWatch's alarm comparison operators for static thresholds.
var ValidComparisons = []string{"GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold"}

// ValidStatistics are CloudWatch's simple statistics, an alarm's Statistic;
// an EventAlarm also takes extended statistics (CheckStatistic).
var ValidStatistics = []string{"SampleCount", "Average", "Sum", "Minimum", "Maximum"}

// ValidMissingData are CloudWatch's TreatMissingData values.
var ValidMissingData = []string{"breaching", "notBreaching", "ignore", "missing"}

// ValidUnits are CloudWatch's standard units.
var ValidUnits = []string{"Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second", "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second", "None"}
