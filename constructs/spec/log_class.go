package spec

// What each log group class supports, in one place, from CloudWatch Logs'
// "Log classes" page
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CloudWatch_Logs_Log_Classes.html),
// "Logs Insights QL commands supported in log classes"
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_AnalyzeLogData_Classes.html)
// CreateLogGroup's logGroupClass, and the class's announcement (Infrequent
// Access is for "customers who don't need advanced capabilities like Live
// Tail, metric extraction, alarming, or data protection that the Standard
// log class provides", AWS What's New, November 2023): Standard supports every feature;
// Infrequent Access has no metric filters and no data protection, and runs
// every query command except pattern, diff, filterIndex and unmask;
// Delivery keeps events for a day for delivery to S3 or Firehose ("Log
// events in log groups in the Delivery class are kept in CloudWatch Logs
// for only one day", CreateLogGroup's logGroupClass), takes no retention
// (aws-cdk-lib refuses one: "retention is not supported for a log group
// with logGroupClass DELIVERY") and has neither metric filters, data
// protection nor Logs Insights queries.
const (
	ClassStandard         = "STANDARD"
	ClassInfrequentAccess = "INFREQUENT_ACCESS"
	ClassDelivery         = "DELIVERY"
)

// LogClassFeatures says what a log group class supports.
type LogClassFeatures struct {
	MetricFilters  bool
	DataProtection bool
	Queries        bool
	// Retention tells that the class takes a retention (RetentionDays).
	Retention bool
	// UnsupportedQueryCommands are the Logs Insights commands the class cannot run.
	UnsupportedQueryCommands []string
}

// LogClasses maps each class to its features.
var LogClasses = map[string]LogClassFeatures{
	ClassStandard:         {MetricFilters: true, DataProtection: true, Queries: true, Retention: true},
	ClassInfrequentAccess: {Queries: true, Retention: true, UnsupportedQueryCommands: []string{"pattern", "diff", "filterIndex", "unmask"}},
	ClassDelivery:         {},
}

// ClassFeatures returns the features of class ("" is the default class).
func ClassFeatures(class string) LogClassFeatures {
	if class == "" {
		class = DefaultLogGroupClass
	}
	return LogClasses[class]
}
