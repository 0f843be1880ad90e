package spec

import (
	"math"
	"strings"
)

// CDK tokens stand for values known only at deploy time (an ARN, a
// generated name). Validation skips the checks that need a value when a
// value is an unresolved token, as aws-cdk-lib does, and runs every other.

// IsUnresolved reports whether s holds a CDK string or list token, as
// aws-cdk-lib's Token.isUnresolved does for strings.
func IsUnresolved(s string) bool {
	return strings.Contains(s, "${Token[") || strings.Contains(s, "#{Token[")
}

// IsUnresolvedNumber reports whether f is a CDK number token: a double
// whose top 16 bits are aws-cdk-lib's marker, 0xFBFF.
func IsUnresolvedNumber(f float64) bool { return math.Float64bits(f)>>48 == 0xFBFF }

// UnresolvedInt stands in an int-valued prop (PeriodSeconds,
// EvaluationPeriods, DatapointsToAlarm, AfterSeconds) for a CDK number
// token, which has no int value: package constructs sets it when a number
// or Duration prop is a token (IsUnresolvedNumber, checked before any
// conversion to int), the checks that need the value skip it, and the
// construct passes the token itself to aws-cdk-lib. No value a prop can
// take is this one; the conversions clamp numbers out of int's range.
const UnresolvedInt = math.MinInt

// IsUnresolvedInt reports whether n stands for a CDK number token.
func IsUnresolvedInt(n int) bool { return n == UnresolvedInt }

// GivenAsObject stands in validation for a value the construct received as
// a CDK object (a log group as awslogs.ILogGroup) rather than as a name;
// it is an unresolved token, so only the checks that need no value run.
const GivenAsObject = "${Token[eventwatch.GivenAsObject]}"
