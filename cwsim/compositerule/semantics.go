package compositerule

// Semantics documents how this package reads the CloudWatch documentation
// of composite alarm rules and action suppression, and every decision
// taken where it is silent. The constant itself carries no meaning; its
// comment is the specification. Each rule is covered by a case of
// testdata/rules.txt or suppressor_test.go, whose comments cite the source:
//
//   - [CCA] "Creating a composite alarm", https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Create_Composite_Alarm.html
//   - [PCA] PutCompositeAlarm in the CloudWatch API Reference (AlarmRule,
//     ActionsSuppressor, ActionsSuppressorWaitPeriod,
//     ActionsSuppressorExtensionPeriod), which AWS::CloudWatch::CompositeAlarm
//     refers to for the AlarmRule syntax.
//   - [CFN] AWS::CloudWatch::CompositeAlarm, AlarmRule.
//   - [CA] the CompositeAlarm data type (ActionsSuppressedBy).
//   - [SUP] "Suppressing composite alarm actions", https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Create_Composite_Alarm_Suppression.html
//
// # Syntax
//
//   - A rule combines the functions ALARM(name), OK(name) and
//     INSUFFICIENT_DATA(name), and TRUE and FALSE, with AND, OR, NOT and
//     parentheses [CCA, PCA]. A name is an alarm name or an ARN [PCA].
//   - Keywords are upper case, as every documented rule writes them. (The
//     prose "change the AlarmRule of one of the alarms to false" [PCA] is
//     read as prose.) Parse rejects "and", "False" and the like, with a hint.
//   - "Alarm names specified in AlarmRule can be surrounded with
//     double-quotes ("), but do not have to be" [PCA]. No escapes are
//     documented, so there are none: a quoted name ends at the next '"'
//     and may hold blanks and parentheses; a name holding '"' cannot be
//     written. A bare name is a run of characters other than blanks,
//     parentheses and '"' (a name with blanks or parentheses must be
//     quoted). Blanks around the name, inside the function's parentheses,
//     are ignored; blanks inside quotes are part of the name. An empty name
//     is an error.
//   - Precedence is not documented; this package takes the usual one: NOT
//     binds tightest, then AND, then OR (A OR B AND C is A OR (B AND C));
//     AND and OR group to the left. The documented example ALARM(A) AND NOT
//     ALARM(B) reads the same under any precedence.
//   - "A rule expression must contain at least one child alarm or at least
//     one TRUE statement or FALSE statement" [CCA]: an empty rule is an
//     error.
//
// # Limits
//
//   - MaxRuleLength characters (runes) [CFN], MaxAlarms child alarms
//     [CCA, PCA] and MaxRuleElements elements [CCA, PCA]; Parse reports the
//     limit and the value.
//   - Child alarms are counted once per distinct name as written: a name
//     and the ARN of the same alarm count as two (the rule alone does not
//     tell).
//   - Elements are "child alarms, TRUE or FALSE statements, and parentheses.
//     A pair of parentheses counts as one element" [CCA]: each state
//     function counts once per occurrence (its own parentheses are part of
//     it), each TRUE and FALSE once, each pair of grouping parentheses once;
//     AND, OR and NOT do not count.
//
// # Evaluation
//
//   - Eval is true when the rule holds: "The composite alarm goes into
//     ALARM state only if all conditions of the rule are met" [PCA]; false
//     means OK. (A composite alarm is INSUFFICIENT_DATA only before its
//     first evaluation [PCA]; that is the caller's business.)
//   - ALARM(x) is true when x is in ALARM, and so on [CCA]; TRUE and FALSE
//     are constants. An alarm the state callback does not know, or a state
//     other than the three, is an error at the alarm's name; every function
//     is evaluated (no short circuit), so that the error does not depend on
//     the states.
//
// # Action suppression
//
// See Suppressor.
const Semantics = "see the doc comment"

// Limits enforced by Parse, as documented by CloudWatch.
const (
	// MaxRuleLength is the longest AlarmRule, in characters: "The maximum
	// length is 10240 characters" [CFN].
	MaxRuleLength = 10240
	// MaxAlarms is the number of distinct alarms a rule may reference:
	// "The AlarmRule can specify as many as 100 "children" alarms" [PCA].
	MaxAlarms = 100
	// MaxRuleElements is the number of elements of a rule: "The AlarmRule
	// expression can have as many as 500 elements" [PCA, CCA].
	MaxRuleElements = 500
)
