package metricmath

// Semantics documents how this package reads the CloudWatch documentation
// of metric math, and every decision taken where it is silent. The
// constant itself carries no meaning; its comment is the specification.
// Each rule is covered by a case of testdata/expressions.txt, whose
// comments cite the source:
//
//   - [UMM] "Using metric math", https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html,
//     sections Syntax (metric-math-syntax), Arithmetic (…-arithmetic),
//     Operators (…-operators), Functions (…-functions-list) and IF
//     (using-IF-expressions).
//   - [MDQ] MetricDataQuery, in the CloudWatch API Reference and as
//     AWS::CloudWatch::Alarm MetricDataQuery in the CloudFormation guide.
//
// # Syntax
//
//   - An Id is a lower-case letter, then letters, digits and underscores,
//     at most MaxIDLength characters [MDQ]. Function names are upper case
//     ("All functions must be written in uppercase letters" [UMM Syntax]),
//     and so are the keywords AND, OR, REPEAT, LINEAR, ASC, DESC: "and" is
//     an Id, and Parse says so.
//   - Numbers are digits with an optional fraction and exponent (2, 50.25,
//     1e3); a minus sign is unary subtraction [UMM Arithmetic], so "-5" is
//     -(5) in the tree.
//   - Operators: + - * / ^, unary -, == != < <= > >=, AND or &&, OR or ||
//     [UMM Arithmetic, Operators]. There is no NOT and no '!': they are not
//     documented, and Parse rejects them with a hint (x == 0).
//   - Precedence is not documented; this package takes the usual one, from
//     loosest: OR, AND, comparisons, + -, * /, unary -, ^. So -2 ^ 2 is
//     -(2 ^ 2) = -4, ^ groups to the right (2 ^ 3 ^ 2 = 512), and the
//     others group to the left (a < b < c is (a < b) < c).
//   - Quoted strings (METRICS("errors"), SEARCH('…', 'Average', 300)) are
//     only arguments of the functions that take them; there are no escapes:
//     a string ends at the next quote of its kind.
//   - Every function of the documented table is parsed, with its number of
//     arguments; an unknown name is a syntax error. Nesting is bounded by
//     MaxNesting, a limit of this package.
//
// # Types (Check)
//
//   - A node is a number (S), a time series (TS) or an array of time series
//     (TS[]), as the documentation's tables name them [UMM Syntax]. The
//     whole expression must be one time series ("Any expression used in a
//     PutMetricAlarm operation must return a single time series" [MDQ]), or
//     an ANOMALY_DETECTION_BAND, which an alarm uses as its threshold. An
//     expression of numbers only ("5") or an array is an error.
//   - An operator between an array and a number or a series applies to
//     each series of the array (SUM(100/[m1, m2]), AVG([m1,m2]/m3)
//     [UMM Arithmetic]); between two arrays it is an error (not
//     documented). An array holds series, not numbers.
//
// # Values at one timestamp
//
//   - Eval computes one period: each Id has a datapoint or none there
//     (Env.Value). A number is the same at every timestamp and creates no
//     datapoint: m1 + 5 has none where m1 has none.
//   - Between two time series, a missing datapoint counts as 0 when the
//     other has one ("Missing values in a time series are treated as 0"
//     [UMM Arithmetic]; "the function treats the missing value in the other
//     time series as 0" [UMM Operators]); when both have none, so has the
//     result. This holds for arithmetic, comparisons and AND/OR alike: the
//     documented table (metric1 > 15 AND metric2 > 15 gives 1, 0, 0, 0) is
//     a test case.
//   - Comparisons and AND/OR give 1 (true) or 0 (false); any value but 0 is
//     true [UMM Operators, IF].
//   - Division by zero drops the datapoint ("the data point is dropped"
//     [UMM Arithmetic]): Result.Present is false. The documentation says
//     nothing of other non-finite results; this package drops them too: a
//     NaN or an infinity, from ^ (0 ^ -1, (-8) ^ 0.5), LOG (LOG(0)) or
//     overflow, or given by the Env, is no datapoint (CloudWatch stores no
//     such values).
//   - Arguments are always all evaluated, so an error never depends on
//     which branch of IF the data choose.
//
// # Functions evaluated per datapoint
//
//   - IF(c, a[, b]) follows the section "Using IF expressions" and its
//     tables, which are test cases: with a time series condition, no
//     datapoint where c has none; a where c is true, or 0 where a has none;
//     b where c is false, or none where b has none or is omitted. With a
//     number as condition, the chosen value as it is (omitting b gives "an
//     empty time series"). A value of IF that was dropped (a division by
//     zero in a) counts as missing, so it gives 0 where c is true.
//   - FILL(x, v) [UMM Functions]: x's datapoint, else v's (a number, or a
//     time series' datapoint at this timestamp). FILL(x, REPEAT) takes
//     Env.Previous, the Id's last present value before this timestamp; x
//     must then be an Id or an array of Ids (Check refuses other x). No
//     such value: no datapoint. FILL(x, LINEAR) needs the next datapoint
//     and is refused.
//   - ANOMALY_DETECTION_BAND(id[, n]) is the band of Env.Band(id, n), n
//     defaulting to DefaultStdDevs; its first argument must be an Id. It is
//     the array [upper, lower]: FIRST gives the upper and LAST the lower
//     bound ("LAST(ANOMALY_DETECTION_BAND(m1)) returns the lower bound").
//   - SUM, AVG, MIN and MAX of an array work per timestamp ("The AVG of an
//     array of time series returns a single time series. Missing values are
//     treated as 0."): SUM and AVG count a missing datapoint as 0 (AVG
//     divides by the number of series); MIN and MAX skip it (not
//     documented). With no datapoint in any series, none. Of a single time
//     series they are one number over the whole series, and refused;
//     STDDEV of an array is refused too (population or sample is not
//     documented).
//   - ABS, CEIL, FLOOR, LOG, LOG10 apply to each datapoint; FIRST, LAST and
//     METRIC_COUNT take an array; TIME_SERIES(n) has n at every timestamp.
//   - DIFF(id) is id's value minus Env.Previous(id); none without both.
//   - PERIOD(id) needs an Env that implements Periods, and MINUTE, HOUR,
//     DAY, DATE, MONTH, YEAR, EPOCH one that implements Clock; they read
//     the timestamp in UTC, DAY counting 1 (Monday) to 7 (Sunday), as the
//     documented example IF(DAY(m1)<6,m1) "returns metrics only from
//     weekdays, Monday to Friday" implies.
//
// # Refused (ErrNotSimulated)
//
//   - Functions over the whole series or its neighbours: RATE, DIFF_TIME,
//     RUNNING_SUM, REMOVE_EMPTY, DATAPOINT_COUNT, SORT, SLICE, and MIN, MAX,
//     SUM, AVG, STDDEV of a single time series.
//   - Functions over data other than the request's metrics: SEARCH,
//     METRICS, INSIGHT_RULE_METRIC, SERVICE_QUOTA, DB_PERF_INSIGHTS, LAMBDA.
const Semantics = "see the doc comment"

// Limits enforced by Parse.
const (
	// MaxIDLength is the longest Id, in characters: the Id of a
	// MetricDataQuery has "Maximum length of 255" [MDQ].
	MaxIDLength = 255
	// MaxNesting is the deepest nesting of parentheses, brackets, calls and
	// unary minus. CloudWatch documents none; this package's own limit
	// keeps the recursive parser's stack small.
	MaxNesting = 100
)
