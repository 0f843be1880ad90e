package cfnrules

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/eventwatch/eventwatch/constructs/spec"
	"github.com/eventwatch/eventwatch/filterpattern"
)

// AWS::Logs::LogGroup.
var logGroupRules = []rule{
	{ID: "logs-group-name", Source: srcLogGroup, Check: func(r *resource, ps *problems) {
		checkLogGroupName(r, ps, "LogGroupName")
	}},
	{ID: "logs-group-retention", Source: srcLogGroup, Check: func(r *resource, ps *problems) {
		checkRetention(r, ps, "RetentionInDays")
	}},
	{ID: "logs-group-class", Source: srcLogGroup, Check: func(r *resource, ps *problems) {
		checkEnum(r, ps, "LogGroupClass", spec.ValidLogGroupClasses, "CloudWatch Logs", "LogGroupClass")
	}},
	{ID: "logs-group-data-protection", Source: srcLogClasses, Check: func(r *resource, ps *problems) {
		class, ok := logGroupClass(r)
		if ok && r.has("DataProtectionPolicy") && !spec.ClassFeatures(class).DataProtection {
			ps.add(r, "DataProtectionPolicy", "is set on a %s log group; that class does not support data protection (only %s does)", class, spec.ClassStandard)
		}
	}},
	{ID: "logs-group-delivery", Source: srcLogClasses, Check: func(r *resource, ps *problems) {
		// CloudWatch Logs manages a Delivery log group's retention and
		// rejects one set by the template ("This operation is not
		// supported for Delivery log class", PutRetentionPolicy), and
		// rejects field index policies (aws-cdk-lib's LogGroup refuses both
		// at synth for that reason, after deploying them).
		if class, ok := logGroupClass(r); !ok || class != spec.ClassDelivery {
			return
		}
		for _, p := range []string{"RetentionInDays", "FieldIndexPolicies"} {
			if r.has(p) {
				ps.add(r, p, "is set on a DELIVERY log group; CloudWatch Logs keeps such a log group's events for a fixed time and rejects %s", p)
			}
		}
	}},
	{ID: "logs-group-kms-key", Source: srcLogGroup, Check: func(r *resource, ps *problems) {
		key, ok := r.textAt("KmsKeyId")
		if !ok {
			return
		}
		if chars(key) > maxKMSKeyIDLength || !kmsKeyArn.MatchString(key) {
			ps.add(r, "KmsKeyId", "%s is not a KMS key ARN (arn:PARTITION:kms:REGION:ACCOUNT:key/ID, at most %d characters); CloudWatch Logs takes the key's ARN, not its ID or alias name", echo(key), maxKMSKeyIDLength)
		}
	}},
	tagsRule,
}

// AWS::Logs::MetricFilter.
var metricFilterRules = []rule{
	{ID: "logs-filter-log-group", Source: srcMetricFilter, Check: func(r *resource, ps *problems) {
		checkLogGroupName(r, ps, "LogGroupName")
	}},
	{ID: "logs-filter-pattern", Source: srcMetricFilter, Check: func(r *resource, ps *problems) {
		checkLength(r, ps, "FilterPattern", 0, spec.MaxFilterPatternLength, "CloudWatch Logs", "FilterPattern")
	}},
	{ID: "logs-filter-name", Source: srcMetricFilter, Check: func(r *resource, ps *problems) {
		if name, ok := checkLength(r, ps, "FilterName", 1, maxFilterNameLength, "CloudWatch Logs", "FilterName"); ok && strings.ContainsAny(name, ":*") {
			ps.add(r, "FilterName", "%s contains ':' or '*'; CloudWatch Logs does not allow them in a filter name", echo(name))
		}
	}},
	{ID: "logs-filter-transformations", Source: srcMetricFilter, Check: func(r *resource, ps *problems) {
		ts, isList := r.Props["MetricTransformations"].([]any)
		if isList && len(ts) != 1 {
			ps.add(r, "MetricTransformations", "has %d transformations; CloudWatch Logs takes exactly 1", len(ts))
		}
	}},
	{ID: "logs-filter-metric-name", Source: srcMetricTransform, Check: func(r *resource, ps *problems) {
		path := []any{"MetricTransformations", 0, "MetricName"}
		name, ok := checkLength(r, ps, "MetricName", 1, maxFilterMetricName, "CloudWatch Logs", path...)
		if !ok {
			return
		}
		for _, c := range name {
			if c > 0x7F {
				ps.add(r, prop(path...), "%s contains %q; a metric filter's metric name must be ASCII", echo(name), c)
				return
			}
		}
		if strings.ContainsAny(name, ":*$") {
			ps.add(r, prop(path...), "%s contains ':', '*' or '$'; CloudWatch Logs does not allow them in a metric name", echo(name))
		}
	}},
	{ID: "logs-filter-namespace", Source: srcMetricTransform, Check: func(r *resource, ps *problems) {
		path := []any{"MetricTransformations", 0, "MetricNamespace"}
		ns, ok := checkLength(r, ps, "MetricNamespace", 1, maxFilterNamespace, "CloudWatch Logs", path...)
		switch {
		case !ok:
		case strings.ContainsAny(ns, ":*$"):
			ps.add(r, prop(path...), "%s contains ':', '*' or '$'; CloudWatch Logs does not allow them in a namespace", echo(ns))
		case !namespaceStart(ns[0]):
			ps.add(r, prop(path...), "%s starts with %q; a metric filter's namespace starts with a letter, a digit or one of . - _ / #", echo(ns), ns[0])
		case strings.HasPrefix(ns, "AWS/"):
			// PutMetricData: "You cannot specify a namespace that begins
			// with AWS/ ... reserved for use by Amazon Web Services
			// products" (the API reference now says "should not"; the SDK
			// guides still say cannot).
			ps.add(r, prop(path...), "%s starts with AWS/, which is reserved for the metrics of AWS services; a metric filter publishes a custom metric: use your own namespace", echo(ns))
		}
	}},
	{ID: "logs-filter-metric-value", Source: srcMetricTransform, Check: func(r *resource, ps *problems) {
		path := []any{"MetricTransformations", 0, "MetricValue"}
		v, ok := checkLength(r, ps, "MetricValue", 1, maxFilterMetricValueLen, "CloudWatch Logs", path...)
		if !ok || strings.HasPrefix(v, "$") {
			return
		}
		// A decimal such as 0.5 is accepted by CloudFormation and CloudWatch
		// Logs (the resource schema's pattern is .{1,100}; deploys of 1.5
		// succeed), so any finite number passes.
		if f, err := strconv.ParseFloat(v, 64); err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			ps.add(r, prop(path...), "%s is neither a number nor a $ selector; CloudWatch Logs publishes a number (1 counts events) or a field of the event ($.latency, $size)", echo(v))
		}
	}},
	{ID: "logs-filter-unit", Source: srcMetricTransform, Check: func(r *resource, ps *problems) {
		checkEnum(r, ps, "Unit", spec.ValidUnits, "CloudWatch", "MetricTransformations", 0, "Unit")
	}},
	{ID: "logs-filter-default-value", Source: srcMetricTransform, Check: func(r *resource, ps *problems) {
		path := []any{"MetricTransformations", 0, "DefaultValue"}
		if v, ok := r.numberAt(path...); ok && (math.IsInf(v, 0) || math.Abs(v) > spec.MaxMetricMagnitude) {
			ps.add(r, prop(path...), "%s is not a metric value; CloudWatch accepts finite numbers from -2^360 to 2^360", num(v))
		}
	}},
	{ID: "logs-filter-dimensions", Source: srcMetricTransform, Check: func(r *resource, ps *problems) {
		t := r.get("MetricTransformations", 0)
		dims, isList := get(t, "Dimensions").([]any)
		if !isList {
			return
		}
		if len(dims) > spec.MaxDimensions {
			ps.add(r, prop("MetricTransformations", 0, "Dimensions"), "has %d dimensions; a metric filter allows at most %d", len(dims), spec.MaxDimensions)
		}
		if len(dims) > 0 && get(t, "DefaultValue") != nil {
			ps.add(r, prop("MetricTransformations", 0, "DefaultValue"), "is set with Dimensions; CloudWatch Logs refuses a metric transformation with both (they are mutually exclusive)")
		}
		for i := range dims {
			checkLength(r, ps, "dimension key", 1, spec.MaxDimensionNameLength, "CloudWatch Logs", "MetricTransformations", 0, "Dimensions", i, "Key")
			checkLength(r, ps, "dimension value", 1, maxFilterDimensionValue, "CloudWatch Logs", "MetricTransformations", 0, "Dimensions", i, "Value")
		}
	}},
	{ID: "logs-filter-log-class", Source: srcLogClasses, Check: func(r *resource, ps *problems) {
		lg := targetLogGroup(r, r.Props["LogGroupName"])
		if lg == nil {
			return
		}
		if class, ok := logGroupClass(lg); ok && !spec.ClassFeatures(class).MetricFilters {
			ps.add(r, "LogGroupName", "is the %s log group %s; that class does not support metric filters (only %s does)", class, echo(logGroupNameOf(lg)), spec.ClassStandard)
		}
	}},
}

// AWS::Logs::QueryDefinition. CloudWatch Logs does not keep query names
// unique: PutQueryDefinition without an ID creates another query of the
// same name, so two saved queries may share one (names.go checks none).
var queryDefinitionRules = []rule{
	{ID: "logs-query-name", Source: srcQueryDefinition, Check: func(r *resource, ps *problems) {
		if name, ok := checkLength(r, ps, "Name", 1, spec.MaxQueryNameLength, "CloudWatch Logs", "Name"); ok && !queryName.MatchString(name) {
			ps.add(r, "Name", "%s is not a query name: no ':' or '*', and '/' only between folder and name (not first, last or doubled)", echo(name))
		}
	}},
	{ID: "logs-query-string", Source: srcQueryDefinition, Check: func(r *resource, ps *problems) {
		checkLength(r, ps, "QueryString", 1, spec.MaxQueryStringLength, "CloudWatch Logs", "QueryString")
	}},
	{ID: "logs-query-language", Source: srcQueryDefinition, Check: func(r *resource, ps *problems) {
		checkEnum(r, ps, "QueryLanguage", []string{spec.QueryLanguageInsights, spec.QueryLanguageSQL, spec.QueryLanguagePPL}, "CloudWatch Logs", "QueryLanguage")
	}},
	{ID: "logs-query-log-groups", Source: srcQueryDefinition, Check: func(r *resource, ps *problems) {
		for i := range list(r.Props["LogGroupNames"]) {
			checkLogGroupName(r, ps, "LogGroupNames", i)
		}
	}},
	{ID: "logs-query-log-class", Source: srcLogClassCommands, Check: func(r *resource, ps *problems) {
		language, _ := r.textAt("QueryLanguage")
		query, ok := r.textAt("QueryString")
		if !ok {
			return
		}
		for i, v := range list(r.Props["LogGroupNames"]) {
			checkQueryClass(r, ps, prop("LogGroupNames", i), v, language, query)
		}
	}},
}

// Custom::LogRetention: aws-cdk-lib's custom resource that sets the
// retention of a log group it does not create, through PutRetentionPolicy.
var logRetentionRules = append([]rule{
	{ID: "logs-retention-days", Source: srcPutRetention, Check: func(r *resource, ps *problems) {
		checkRetention(r, ps, "RetentionInDays")
	}},
	{ID: "logs-retention-log-group", Source: srcPutRetention, Check: func(r *resource, ps *problems) {
		checkLogGroupName(r, ps, "LogGroupName")
		if lg := targetLogGroup(r, r.Props["LogGroupName"]); lg != nil {
			if class, ok := logGroupClass(lg); ok && class == spec.ClassDelivery {
				ps.add(r, "LogGroupName", "is the DELIVERY log group %s, whose retention CloudWatch Logs does not let PutRetentionPolicy set", echo(logGroupNameOf(lg)))
			}
		}
	}},
}, customResourceRules...)

// logsSetRules are the quotas CloudWatch Logs counts per log group.
var logsSetRules = []setRule{
	{ID: "logs-filters-per-group", Source: srcLogsQuotas, Check: func(w *world, ps *problems) {
		countFilters(w, ps, spec.MaxMetricFiltersPerGroup, "metric filters", func(*resource) bool { return true })
	}},
	{ID: "logs-regex-filters-per-group", Source: srcFilterSyntax, Check: func(w *world, ps *problems) {
		countFilters(w, ps, spec.MaxRegexFiltersPerGroup, "metric filters with a regular expression", func(r *resource) bool {
			src, ok := r.textAt("FilterPattern")
			if !ok || !strings.Contains(src, "%") {
				return false
			}
			p, err := filterpattern.Parse(src)
			return err == nil && p.RegexCount() > 0
		})
	}},
}

// countFilters reports the filters of a log group past max, in stack and
// logical ID order, among those counted.
func countFilters(w *world, ps *problems, max int, what string, counted func(*resource) bool) {
	for _, e := range w.envs {
		seen := map[string]int{}
		for _, s := range e.stacks {
			for _, id := range s.ids {
				r := s.res[id]
				if r.Type != "AWS::Logs::MetricFilter" || !counted(r) {
					continue
				}
				name, ok := r.textAt("LogGroupName")
				if !ok {
					continue
				}
				seen[name]++
				if n := seen[name]; n > max {
					ps.add(r, "LogGroupName", "is the %s of the %s on log group %s in %s; CloudWatch Logs allows at most %d", ordinal(n), what, echo(name), e, max)
				}
			}
		}
	}
}

// checkLogGroupName checks a log group name at path: 1 to 512 characters
// of a-z, A-Z, 0-9, '_', '-', '/', '.' and '#'.
func checkLogGroupName(r *resource, ps *problems, path ...any) {
	name, ok := r.textAt(path...)
	if !ok {
		return
	}
	if name == "" {
		ps.add(r, prop(path...), "is empty; a log group name has 1 to %d characters", spec.MaxLogGroupNameLength)
		return
	}
	if err := spec.CheckLogGroupName(prop(path...), name); err != nil {
		ps.add(r, prop(path...), "%s", fieldMsg(err))
	}
}

// checkRetention checks a retention in days against CloudWatch Logs' values.
func checkRetention(r *resource, ps *problems, path ...any) {
	days, ok := r.numberAt(path...)
	if !ok {
		return
	}
	if !isWhole(days) || !slices.Contains(spec.ValidRetentionDays, int(days)) {
		ps.add(r, prop(path...), "%s days is not a retention CloudWatch Logs accepts; expected one of %s", num(days), joinInts(spec.ValidRetentionDays))
	}
}

// logGroupClass is a log group's class ("" is STANDARD), and false when
// it is known only at deploy.
func logGroupClass(r *resource) (string, bool) {
	if !r.has("LogGroupClass") {
		return spec.ClassStandard, true
	}
	class, ok := r.textAt("LogGroupClass")
	if _, known := spec.LogClasses[class]; !known {
		return "", false
	}
	return class, ok
}

func logGroupNameOf(lg *resource) string {
	name, _ := lg.textAt("LogGroupName")
	return name
}

// targetLogGroup is the log group a name or reference in r's stack names,
// when one of the env's stacks creates it.
func targetLogGroup(r *resource, v any) *resource {
	name, ok := r.text(v)
	if !ok {
		if ref, isRef := get(v, "Ref").(string); isRef {
			if lg := r.stack.res[ref]; lg != nil && lg.Type == "AWS::Logs::LogGroup" {
				return lg
			}
		}
		return nil
	}
	if i := strings.Index(name, ":log-group:"); i >= 0 { // an ARN
		name = strings.TrimSuffix(name[i+len(":log-group:"):], ":*")
	}
	return r.stack.env.logGroups[name]
}

// checkQueryClass reports a query that the class of the log group v names
// cannot run: a class without Logs Insights queries, or a Logs Insights
// command the class does not support. CloudWatch saves such a query (and
// creates such a log alarm), but every run of it fails.
func checkQueryClass(r *resource, ps *problems, at string, v any, language, query string) {
	lg := targetLogGroup(r, v)
	if lg == nil {
		return
	}
	class, ok := logGroupClass(lg)
	if !ok {
		return
	}
	f := spec.ClassFeatures(class)
	if !f.Queries {
		ps.add(r, at, "is the %s log group %s; that class does not support Logs Insights queries, so the query cannot run on it", class, echo(logGroupNameOf(lg)))
		return
	}
	if language != "" && language != spec.QueryLanguageInsights {
		return
	}
	for _, cmd := range queryCommands(query) {
		for _, bad := range f.UnsupportedQueryCommands {
			if strings.EqualFold(cmd, bad) {
				ps.add(r, at, "is the %s log group %s, whose class cannot run the %s command the query uses (it runs every command but %s)", class, echo(logGroupNameOf(lg)), bad, strings.Join(f.UnsupportedQueryCommands, ", "))
			}
		}
	}
}

// queryCommands returns the first word of each stage of a Logs Insights
// query: the stages split on '|' outside quotes, comment lines left out. A
// word must be followed by white space or end the stage to count.
func queryCommands(query string) []string {
	var lines []string
	for _, l := range strings.Split(query, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "#") {
			lines = append(lines, l)
		}
	}
	text := strings.Join(lines, "\n")
	var stages []string
	start, quote := 0, rune(0)
	for i, c := range text {
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'' || c == '`':
			quote = c
		case c == '|':
			stages = append(stages, text[start:i])
			start = i + 1
		}
	}
	stages = append(stages, text[start:])
	var out []string
	for _, st := range stages {
		st = strings.TrimSpace(st)
		end := strings.IndexFunc(st, func(c rune) bool { return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') })
		switch {
		case end < 0 && st != "":
			out = append(out, st)
		case end > 0 && strings.ContainsRune(" \t\r\n", rune(st[end])):
			out = append(out, st[:end])
		}
	}
	return out
}

func joinInts(vs []int) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = strconv.Itoa(v)
	}
	return strings.Join(parts, ", ")
}

func ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return fmt.Sprintf("%d%s", n, suffix)
}

// namespaceStart: the resource schema's MetricNamespace pattern starts
// ^[0-9a-zA-Z\.\-_\/#].
func namespaceStart(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || strings.IndexByte(".-_/#", c) >= 0
}

var (
	// kmsKeyArn is the KmsKeyId pattern of AWS::Logs::LogGroup.
	kmsKeyArn = regexp.MustCompile(`^arn:[a-z0-9-]+:kms:[a-z0-9-]+:\d{12}:(key|alias)/.+$`)
	// queryName is the Name pattern of AWS::Logs::QueryDefinition,
	// ^([^:*\/]+\/?)*[^:*\/]+$: no ':' or '*', and '/' only between parts.
	queryName = regexp.MustCompile(`^([^:*/]+/)*[^:*/]+$`)
)
