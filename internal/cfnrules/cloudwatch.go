package cfnrules

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/eventwatch/eventwatch/constructs/spec"
	"github.com/eventwatch/eventwatch/cwsim/compositerule"
	"github.com/eventwatch/eventwatch/cwsim/stat"
)

// AWS::CloudWatch::Alarm: a metric alarm on one metric (MetricName,
// Namespace, Statistic or ExtendedStatistic, Period), or on metric math,
// or an anomaly detection band (Metrics, ThresholdMetricId).
var alarmRules = []rule{
	alarmNameRule,
	alarmDescriptionRule,
	alarmActionsRule,
	{ID: "cw-alarm-metric-form", Source: srcPutMetricAlarm, Check: func(r *resource, ps *problems) {
		single := []string{"MetricName", "Namespace", "Statistic", "ExtendedStatistic", "Period", "Dimensions", "Unit"}
		if r.has("Metrics") {
			for _, p := range single {
				if r.has(p) {
					ps.add(r, p, "is set with Metrics; an alarm watches either one metric (MetricName, Namespace, Statistic, Period, ...) or Metrics, not both")
				}
			}
			return
		}
		for _, p := range []string{"MetricName", "Namespace", "Period"} {
			if !r.has(p) {
				ps.add(r, p, "is missing; an alarm on one metric needs MetricName, Namespace, Period and a statistic (or Metrics instead)")
			}
		}
		switch st, ext := r.has("Statistic"), r.has("ExtendedStatistic"); {
		case st && ext:
			ps.add(r, "ExtendedStatistic", "is set with Statistic; an alarm takes one of them")
		case !st && !ext:
			ps.add(r, "Statistic", "is missing; an alarm on one metric needs Statistic or ExtendedStatistic")
		}
	}},
	{ID: "cw-alarm-statistic", Source: srcStatistics, Check: func(r *resource, ps *problems) {
		if s, ok := r.textAt("Statistic"); ok {
			switch st, err := stat.Parse(s); {
			case err == nil && st.IsExtended():
				ps.add(r, "Statistic", "%s is an extended statistic; it belongs in ExtendedStatistic (Statistic takes %s)", echo(s), strings.Join(spec.ValidStatistics, ", "))
			case !slices.Contains(spec.ValidStatistics, s):
				ps.add(r, "Statistic", "%s is not a statistic; expected one of %s", echo(s), strings.Join(spec.ValidStatistics, ", "))
			}
		}
		if s, ok := r.textAt("ExtendedStatistic"); ok {
			switch st, err := stat.Parse(s); {
			case err != nil:
				ps.add(r, "ExtendedStatistic", "%s is not an extended statistic: %s", echo(s), firstLine(err.Error()))
			case !st.IsExtended():
				ps.add(r, "ExtendedStatistic", "%s is a simple statistic; it belongs in Statistic (ExtendedStatistic takes p99, tm90, TM(10%%:90%%), IQM, ...)", echo(s))
			}
		}
		for i := range list(r.Props["Metrics"]) {
			path := []any{"Metrics", i, "MetricStat", "Stat"}
			if s, ok := r.textAt(path...); ok {
				if _, err := stat.Parse(s); err != nil {
					ps.add(r, prop(path...), "%s is not a statistic: %s", echo(s), firstLine(err.Error()))
				}
			}
		}
	}},
	{ID: "cw-alarm-period", Source: srcPutMetricAlarm, Check: func(r *resource, ps *problems) {
		for _, path := range periodPaths(r) {
			if p, ok := r.numberAt(path...); ok && !validPeriod(p) {
				ps.add(r, prop(path...), "%ss is not an alarm period; CloudWatch takes 10, 20, 30 or a multiple of 60 seconds, at most %d (a day)", num(p), spec.MaxPeriodSeconds)
			}
		}
	}},
	{ID: "cw-alarm-evaluation-periods", Source: srcPutMetricAlarm, Check: func(r *resource, ps *problems) {
		if !r.has("EvaluationPeriods") {
			ps.add(r, "EvaluationPeriods", "is missing; CloudWatch requires the number of periods to evaluate, 1 or more")
			return
		}
		n, ok := checkRange(r, ps, "EvaluationPeriods", 1, math.MaxInt32, true, "", "CloudWatch", "EvaluationPeriods")
		if m, known := r.numberAt("DatapointsToAlarm"); known && ok && (!isWhole(m) || m < 1 || m > n) {
			ps.add(r, "DatapointsToAlarm", "%s is out of range; CloudWatch allows 1 to EvaluationPeriods (%s)", num(m), num(n))
		}
	}},
	{ID: "cw-alarm-window", Source: srcPutMetricAlarm, Check: checkAlarmWindow},
	{ID: "cw-alarm-threshold", Source: srcPutMetricAlarm, Check: func(r *resource, ps *problems) {
		if !r.has("Threshold") && !r.has("ThresholdMetricId") {
			ps.add(r, "Threshold", "is missing; an alarm compares with a Threshold, or with an anomaly detection band named by ThresholdMetricId")
			return
		}
		if v, ok := r.numberAt("Threshold"); ok && (math.IsInf(v, 0) || math.IsNaN(v) || math.Abs(v) > spec.MaxMetricMagnitude) {
			ps.add(r, "Threshold", "%s is out of range; CloudWatch accepts finite numbers from -2^360 to 2^360", num(v))
		}
	}},
	{ID: "cw-alarm-comparison", Source: srcPutMetricAlarm, Check: func(r *resource, ps *problems) {
		op, ok := r.textAt("ComparisonOperator")
		if !ok {
			if !r.has("ComparisonOperator") {
				ps.add(r, "ComparisonOperator", "is missing; CloudWatch requires one of %s", strings.Join(slices.Concat(spec.ValidComparisons, spec.ValidAnomalyComparisons), ", "))
			}
			return
		}
		anomaly, static := slices.Contains(spec.ValidAnomalyComparisons, op), slices.Contains(spec.ValidComparisons, op)
		band := r.has("ThresholdMetricId")
		switch {
		case !anomaly && !static:
			ps.add(r, "ComparisonOperator", "%s is not a comparison; expected one of %s", echo(op), strings.Join(slices.Concat(spec.ValidComparisons, spec.ValidAnomalyComparisons), ", "))
		case anomaly && !band:
			ps.add(r, "ComparisonOperator", "%s compares with an anomaly detection band, but the alarm has no ThresholdMetricId naming one", echo(op))
		case static && band:
			ps.add(r, "ComparisonOperator", "%s compares with a static threshold, but the alarm's ThresholdMetricId names an anomaly detection band; use one of %s", echo(op), strings.Join(spec.ValidAnomalyComparisons, ", "))
		}
		if id, ok := r.textAt("ThresholdMetricId"); ok && band && !slices.Contains(metricIDs(r), id) {
			ps.add(r, "ThresholdMetricId", "%s is not the Id of any of the alarm's Metrics", echo(id))
		}
	}},
	{ID: "cw-alarm-missing-data", Source: srcPutMetricAlarm, Check: func(r *resource, ps *problems) {
		checkEnum(r, ps, "TreatMissingData", spec.ValidMissingData, "CloudWatch", "TreatMissingData")
		checkEnum(r, ps, "EvaluateLowSampleCountPercentile", []string{"evaluate", "ignore"}, "CloudWatch", "EvaluateLowSampleCountPercentile")
	}},
	{ID: "cw-alarm-unit", Source: srcPutMetricAlarm, Check: func(r *resource, ps *problems) {
		checkEnum(r, ps, "Unit", spec.ValidUnits, "CloudWatch", "Unit")
		for i := range list(r.Props["Metrics"]) {
			checkEnum(r, ps, "Unit", spec.ValidUnits, "CloudWatch", "Metrics", i, "MetricStat", "Unit")
		}
	}},
	{ID: "cw-alarm-metric", Source: srcAlarm, Check: func(r *resource, ps *problems) {
		for _, base := range metricPaths(r) {
			checkLength(r, ps, "MetricName", 1, maxMetricNameLength, "CloudWatch", append(base, "MetricName")...)
			if ns, ok := checkLength(r, ps, "Namespace", 1, maxMetricNameLength, "CloudWatch", append(base, "Namespace")...); ok && strings.HasPrefix(ns, ":") {
				ps.add(r, prop(append(base, "Namespace")...), "%s starts with ':'; CloudWatch does not allow it", echo(ns))
			}
			dims := list(get(r.Props, append(base, "Dimensions")...))
			if len(dims) > maxAlarmDimensions {
				ps.add(r, prop(append(base, "Dimensions")...), "has %d dimensions; CloudWatch allows at most %d per metric", len(dims), maxAlarmDimensions)
			}
			for i := range dims {
				checkLength(r, ps, "dimension name", 1, spec.MaxDimensionNameLength, "CloudWatch", append(base, "Dimensions", i, "Name")...)
				checkLength(r, ps, "dimension value", 1, maxDimensionValueLength, "CloudWatch", append(base, "Dimensions", i, "Value")...)
			}
		}
	}},
	{ID: "cw-alarm-metrics", Source: srcMetricDataQuery, Check: func(r *resource, ps *problems) {
		metrics, isList := r.Props["Metrics"].([]any)
		if !isList {
			return
		}
		seen, returned, stats := map[string]bool{}, 0, 0
		for i, q := range metrics {
			if id, ok := r.textAt("Metrics", i, "Id"); ok {
				switch {
				case chars(id) > maxMetricQueryIDLength || !metricQueryID.MatchString(id):
					ps.add(r, prop("Metrics", i, "Id"), "%s is not a metric query ID: a lower-case letter, then letters, digits and '_', at most %d characters", echo(id), maxMetricQueryIDLength)
				case seen[id]:
					ps.add(r, prop("Metrics", i, "Id"), "%s is the Id of another of the alarm's Metrics; each must be unique", echo(id))
				}
				seen[id] = true
			} else if get(q, "Id") == nil {
				ps.add(r, prop("Metrics", i, "Id"), "is missing; CloudWatch requires an Id for each of an alarm's Metrics")
			}
			hasStat, hasExpr := get(q, "MetricStat") != nil, get(q, "Expression") != nil
			if hasStat == hasExpr {
				ps.add(r, prop("Metrics", i), "sets %s; each of an alarm's Metrics has exactly one of MetricStat and Expression", map[bool]string{true: "both MetricStat and Expression", false: "neither MetricStat nor Expression"}[hasStat])
			}
			if hasStat {
				stats++
			}
			if get(q, "ReturnData") != false {
				returned++
			}
		}
		if returned == 0 {
			ps.add(r, "Metrics", "returns no data: set ReturnData true on the query the alarm evaluates")
		}
		if stats > maxAlarmMetrics {
			ps.add(r, "Metrics", "reads %d metrics; an alarm on metric math can read at most %d", stats, maxAlarmMetrics)
		}
	}},
	{ID: "cw-alarm-filter-period", Source: srcMetricsFilters, Check: func(r *resource, ps *problems) {
		// Not a refusal: CloudWatch creates the alarm, but a metric filter
		// publishes one-minute data, so a period under a minute never
		// holds a full datapoint and the alarm stays INSUFFICIENT_DATA.
		for _, base := range metricPaths(r) {
			ns, ok1 := r.textAt(append(base, "Namespace")...)
			name, ok2 := r.textAt(append(base, "MetricName")...)
			if !ok1 || !ok2 || len(r.stack.env.filterMetrics[metricKey{ns, name}]) == 0 {
				continue
			}
			periodPath := []any{"Period"}
			if len(base) > 0 {
				periodPath = []any{base[0], base[1], "MetricStat", "Period"}
			}
			if p, ok := r.numberAt(periodPath...); ok && p < metricFilterPeriod {
				f := r.stack.env.filterMetrics[metricKey{ns, name}][0]
				ps.add(r, prop(periodPath...), "is %ss, but %s %s is published by the metric filter %s/%s, which publishes one-minute data: use a period of at least %ds", num(p), ns, name, f.stack.Name, f.ID, metricFilterPeriod)
			}
		}
	}},
	tagsRule,
}

// AWS::CloudWatch::CompositeAlarm.
var compositeAlarmRules = []rule{
	alarmNameRule,
	alarmDescriptionRule,
	alarmActionsRule,
	{ID: "cw-composite-rule", Source: srcPutComposite, Check: func(r *resource, ps *problems) {
		if !r.has("AlarmRule") {
			ps.add(r, "AlarmRule", "is missing; a composite alarm needs a rule")
			return
		}
		if text, ok := r.textAt("AlarmRule"); ok && chars(text) > compositerule.MaxRuleLength {
			ps.add(r, "AlarmRule", "is %d characters; CloudWatch allows at most %d", chars(text), compositerule.MaxRuleLength)
		}
		if n := len(ruleAlarms(r.sketch(r.Props["AlarmRule"]))); n > compositerule.MaxAlarms {
			ps.add(r, "AlarmRule", "references %d alarms; a composite alarm's rule can include at most %d", n, compositerule.MaxAlarms)
		}
	}},
	{ID: "cw-composite-suppressor", Source: srcPutComposite, Check: func(r *resource, ps *problems) {
		for _, p := range []string{"ActionsSuppressorWaitPeriod", "ActionsSuppressorExtensionPeriod"} {
			if r.has(p) && !r.has("ActionsSuppressor") {
				ps.add(r, p, "is set without ActionsSuppressor; it applies only to an alarm that suppresses the actions")
			}
			checkRange(r, ps, p, 0, math.MaxInt32, true, "s", "CloudWatch", p)
		}
	}},
	tagsRule,
}

// AWS::CloudWatch::LogAlarm: an alarm on a scheduled Logs Insights query.
// Its limits are package spec's (spec.MaxQueryResultsToEvaluate, ...),
// which constructs/spec/log_alarm.go takes from PutLogAlarm.
var logAlarmRules = []rule{
	alarmNameRule,
	alarmDescriptionRule,
	alarmActionsRule,
	{ID: "cw-logalarm-threshold", Source: srcPutLogAlarm, Check: func(r *resource, ps *problems) {
		if !r.has("Threshold") {
			ps.add(r, "Threshold", "is missing; a log alarm compares its aggregated value with a Threshold")
		} else if v, ok := r.numberAt("Threshold"); ok && (math.IsInf(v, 0) || math.IsNaN(v) || math.Abs(v) > spec.MaxMetricMagnitude) {
			ps.add(r, "Threshold", "%s is out of range; CloudWatch accepts finite numbers from -2^360 to 2^360", num(v))
		}
		checkEnum(r, ps, "ComparisonOperator", spec.ValidComparisons, "a log alarm (it has no anomaly band)", "ComparisonOperator")
		checkEnum(r, ps, "TreatMissingData", spec.ValidMissingData, "CloudWatch", "TreatMissingData")
	}},
	{ID: "cw-logalarm-evaluation", Source: srcPutLogAlarm, Check: func(r *resource, ps *problems) {
		n, ok := checkRange(r, ps, "QueryResultsToEvaluate", 1, spec.MaxQueryResultsToEvaluate, true, "", "CloudWatch", "QueryResultsToEvaluate")
		if m, known := r.numberAt("QueryResultsToAlarm"); known && ok && (!isWhole(m) || m < 1 || m > n) {
			ps.add(r, "QueryResultsToAlarm", "%s is out of range; CloudWatch allows 1 to QueryResultsToEvaluate (%s)", num(m), num(n))
		}
		checkRange(r, ps, "ActionLogLineCount", 0, spec.MaxActionLogLineCount, true, "", "CloudWatch", "ActionLogLineCount")
	}},
	{ID: "cw-logalarm-query", Source: srcPutLogAlarm, Check: func(r *resource, ps *problems) {
		cfg := []any{"ScheduledQueryConfiguration"}
		checkLength(r, ps, "QueryString", 1, spec.MaxQueryStringLength, "CloudWatch", append(cfg, "QueryString")...)
		checkLength(r, ps, "AggregationExpression", 1, spec.MaxLogAlarmAggregationLength, "CloudWatch", append(cfg, "AggregationExpression")...)
		groups, isList := get(r.Props, append(cfg, "LogGroupIdentifiers")...).([]any)
		if isList && (len(groups) < 1 || len(groups) > spec.MaxLogAlarmLogGroups) {
			ps.add(r, prop(append(cfg, "LogGroupIdentifiers")...), "has %d log groups; a log alarm queries 1 to %d", len(groups), spec.MaxLogAlarmLogGroups)
		}
		checkRange(r, ps, "StartTimeOffset", 1, spec.MaxLogAlarmWindowSeconds, true, "s", "CloudWatch", append(cfg, "ScheduleConfiguration", "StartTimeOffset")...)
	}},
	{ID: "cw-logalarm-log-class", Source: srcLogClassCommands, Check: func(r *resource, ps *problems) {
		query, ok := r.textAt("ScheduledQueryConfiguration", "QueryString")
		if !ok {
			return
		}
		for i, v := range list(r.get("ScheduledQueryConfiguration", "LogGroupIdentifiers")) {
			checkQueryClass(r, ps, prop("ScheduledQueryConfiguration", "LogGroupIdentifiers", i), v, "", query)
		}
	}},
	tagsRule,
}

// alarmNameRule checks AlarmName: 1 to 255 characters, no control
// characters. Metric, composite and log alarms share it.
var alarmNameRule = rule{ID: "cw-alarm-name", Source: srcPutMetricAlarm, Check: func(r *resource, ps *problems) {
	name, ok := checkLength(r, ps, "AlarmName", 1, spec.MaxAlarmNameLength, "CloudWatch", "AlarmName")
	if !ok {
		return
	}
	for _, c := range name {
		if unicode.IsControl(c) {
			ps.add(r, "AlarmName", "%s contains the control character %q; CloudWatch does not allow them", echo(name), c)
			return
		}
	}
}}

// alarmDescriptionRule checks AlarmDescription: at most 1024 characters.
var alarmDescriptionRule = rule{ID: "cw-alarm-description", Source: srcPutMetricAlarm, Check: func(r *resource, ps *problems) {
	checkLength(r, ps, "AlarmDescription", 0, spec.MaxAlarmDescriptionLen, "CloudWatch", "AlarmDescription")
}}

// alarmActionsRule checks the actions of each state: at most 5.
var alarmActionsRule = rule{ID: "cw-alarm-actions", Source: srcCWQuotas, Check: func(r *resource, ps *problems) {
	for _, p := range []string{"AlarmActions", "OKActions", "InsufficientDataActions"} {
		if n := len(list(r.Props[p])); n > maxAlarmActions {
			ps.add(r, p, "has %d actions; CloudWatch allows at most %d per alarm state", n, maxAlarmActions)
		}
	}
}}

// checkAlarmWindow checks Period × EvaluationPeriods, for alarms on one
// metric, on metric math and on anomaly detection bands alike: at most a
// day for periods under an hour, seven days otherwise. The period of an
// alarm on Metrics is that of the queries it returns, or, when they have
// none of their own (an expression, a band), the shortest of its metrics:
// the reading that refuses less.
func checkAlarmWindow(r *resource, ps *problems) {
	n, ok := r.numberAt("EvaluationPeriods")
	if !ok {
		return
	}
	period, ok := alarmPeriod(r)
	if !ok || period <= 0 {
		return
	}
	limit := maxWindowShortPeriods
	if period >= longPeriodSeconds {
		limit = maxWindowLongPeriods
	}
	if w := period * n; w > float64(limit) {
		what := "under an hour"
		if period >= longPeriodSeconds {
			what = "of an hour or more"
		}
		ps.add(r, "EvaluationPeriods", "%s periods of %ss are %ss; CloudWatch allows an evaluation window (period × evaluation periods) of at most %ds for periods %s", num(n), num(period), num(w), limit, what)
	}
}

// alarmPeriod is the period an alarm evaluates, and false when unknown.
func alarmPeriod(r *resource) (float64, bool) {
	if !r.has("Metrics") {
		return r.numberAt("Period")
	}
	best, found := 0.0, false
	consider := func(p float64) {
		if !found || p < best {
			best, found = p, true
		}
	}
	for i, q := range list(r.Props["Metrics"]) {
		if get(q, "ReturnData") == false {
			continue
		}
		if p, ok := r.numberAt("Metrics", i, "MetricStat", "Period"); ok {
			consider(p)
		} else if p, ok := r.numberAt("Metrics", i, "Period"); ok {
			consider(p)
		}
	}
	if found {
		return best, true
	}
	for i := range list(r.Props["Metrics"]) {
		if p, ok := r.numberAt("Metrics", i, "MetricStat", "Period"); ok {
			consider(p)
		}
	}
	return best, found
}

// periodPaths are the paths of an alarm's periods.
func periodPaths(r *resource) [][]any {
	if !r.has("Metrics") {
		return [][]any{{"Period"}}
	}
	var out [][]any
	for i, q := range list(r.Props["Metrics"]) {
		if get(q, "MetricStat") != nil {
			out = append(out, []any{"Metrics", i, "MetricStat", "Period"})
		}
		if get(q, "Period") != nil {
			out = append(out, []any{"Metrics", i, "Period"})
		}
	}
	return out
}

// metricPaths are the paths of an alarm's metrics: the alarm itself for
// one metric, each MetricStat's Metric for Metrics.
func metricPaths(r *resource) [][]any {
	if !r.has("Metrics") {
		return [][]any{{}}
	}
	var out [][]any
	for i, q := range list(r.Props["Metrics"]) {
		if get(q, "MetricStat", "Metric") != nil {
			out = append(out, []any{"Metrics", i, "MetricStat", "Metric"})
		}
	}
	return out
}

// metricIDs are the Ids of an alarm's Metrics.
func metricIDs(r *resource) []string {
	var out []string
	for i := range list(r.Props["Metrics"]) {
		if id, ok := r.textAt("Metrics", i, "Id"); ok {
			out = append(out, id)
		}
	}
	return out
}

// validPeriod: "Valid values are 10, 20, 30, and any multiple of 60", at
// most a day.
func validPeriod(p float64) bool {
	if !isWhole(p) || p <= 0 || p > spec.MaxPeriodSeconds {
		return false
	}
	return p == 10 || p == 20 || p == 30 || math.Mod(p, 60) == 0
}

// stateFunc matches a state function of a composite alarm rule and its
// alarm, quoted or not.
var stateFunc = regexp.MustCompile(`\b(?:ALARM|OK|INSUFFICIENT_DATA)\s*\(\s*(?:"([^"]*)"|'([^']*)'|([^()\s]+))\s*\)`)

// ruleAlarms are the distinct alarms a rule's text references.
func ruleAlarms(text string) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range stateFunc.FindAllStringSubmatch(text, -1) {
		name := m[1] + m[2] + m[3]
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	return out
}

var metricQueryID = regexp.MustCompile(`^[a-z][a-zA-Z0-9_]*$`)

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
