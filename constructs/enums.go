package constructs

import (
	"strings"
	"unicode"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/eventwatch/eventwatch/constructs/spec"
)

// aws-cdk-go's enums are the member names of aws-cdk-lib's enums
// ("GREATER_THAN_THRESHOLD"); CloudFormation and eventwatch's config use
// CloudWatch's names ("GreaterThanThreshold"). The functions here convert
// between the two, so that validation in package spec sees CloudWatch's
// names and the config can be written as the CloudWatch docs write it.

// retentionDays maps each awslogs.RetentionDays to its number of days; 0 is INFINITE.
var retentionDays = map[awslogs.RetentionDays]int{
	awslogs.RetentionDays_ONE_DAY: 1, awslogs.RetentionDays_THREE_DAYS: 3, awslogs.RetentionDays_FIVE_DAYS: 5,
	awslogs.RetentionDays_ONE_WEEK: 7, awslogs.RetentionDays_TWO_WEEKS: 14, awslogs.RetentionDays_ONE_MONTH: 30,
	awslogs.RetentionDays_TWO_MONTHS: 60, awslogs.RetentionDays_THREE_MONTHS: 90, awslogs.RetentionDays_FOUR_MONTHS: 120,
	awslogs.RetentionDays_FIVE_MONTHS: 150, awslogs.RetentionDays_SIX_MONTHS: 180, awslogs.RetentionDays_ONE_YEAR: 365,
	awslogs.RetentionDays_THIRTEEN_MONTHS: 400, awslogs.RetentionDays_EIGHTEEN_MONTHS: 545, awslogs.RetentionDays_TWO_YEARS: 731,
	awslogs.RetentionDays_THREE_YEARS: 1096, awslogs.RetentionDays_FIVE_YEARS: 1827, awslogs.RetentionDays_SIX_YEARS: 2192,
	awslogs.RetentionDays_SEVEN_YEARS: 2557, awslogs.RetentionDays_EIGHT_YEARS: 2922, awslogs.RetentionDays_NINE_YEARS: 3288,
	awslogs.RetentionDays_TEN_YEARS: 3653, awslogs.RetentionDays_INFINITE: 0,
}

// Retention returns the awslogs.RetentionDays of a number of days, and
// false when CloudWatch Logs has no such retention.
func Retention(days int) (awslogs.RetentionDays, bool) {
	for r, d := range retentionDays {
		if d == days && r != awslogs.RetentionDays_INFINITE {
			return r, true
		}
	}
	return "", false
}

// Unit returns the awscloudwatch.Unit of a CloudWatch unit name ("Bytes/Second").
func Unit(name string) awscloudwatch.Unit {
	return awscloudwatch.Unit(upperSnake(strings.ReplaceAll(name, "/", "Per")))
}

// ComparisonOperator returns the awscloudwatch.ComparisonOperator of a
// CloudWatch comparison operator name ("GreaterThanThreshold").
func ComparisonOperator(name string) awscloudwatch.ComparisonOperator {
	return awscloudwatch.ComparisonOperator(upperSnake(name))
}

// TreatMissingData returns the awscloudwatch.TreatMissingData of a
// CloudWatch TreatMissingData value ("notBreaching").
func TreatMissingData(name string) awscloudwatch.TreatMissingData {
	return awscloudwatch.TreatMissingData(upperSnake(name))
}

// RemovalPolicy returns the awscdk.RemovalPolicy of eventwatch's config
// value (spec.Retain, spec.Destroy).
func RemovalPolicy(p spec.RemovalPolicy) awscdk.RemovalPolicy {
	if p == spec.Destroy {
		return awscdk.RemovalPolicy_DESTROY
	}
	return awscdk.RemovalPolicy_RETAIN
}

// cloudWatchName returns the CloudWatch name among names whose enum member
// is member, or member itself when none is, so that validation names it.
func cloudWatchName(member string, names []string, rename func(string) string) string {
	for _, n := range names {
		if upperSnake(rename(n)) == member {
			return n
		}
	}
	return member
}

func sameName(s string) string { return s }

func perForSlash(s string) string { return strings.ReplaceAll(s, "/", "Per") }

// upperSnake turns "GreaterThanThreshold" into "GREATER_THAN_THRESHOLD".
func upperSnake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if unicode.IsUpper(r) && i > 0 {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}

// specRemovalPolicy is the config value of an awscdk.RemovalPolicy, for validation.
func specRemovalPolicy(p awscdk.RemovalPolicy) spec.RemovalPolicy {
	switch p {
	case "", awscdk.RemovalPolicy_RETAIN:
		return spec.Retain
	case awscdk.RemovalPolicy_DESTROY:
		return spec.Destroy
	}
	return spec.RemovalPolicy(p)
}
