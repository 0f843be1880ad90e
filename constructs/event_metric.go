package constructs

import (
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs/spec"
)

// EventMetricProps configures an EventMetric.
type EventMetricProps struct {
	// LogGroup the filter reads. Required, or LogGroupName.
	LogGroup awslogs.ILogGroup
	// LogGroupName of an existing log group the filter reads, when LogGroup
	// is not given. Default: none.
	LogGroupName *string
	// FilterPattern selects the event, in CloudWatch's filter pattern syntax,
	// for example `{ $.event = "my-queue-worker" && $.success = "False" }`.
	// It is parsed when the construct is built. Required.
	FilterPattern *string
	// MetricNamespace of the metric. Required.
	MetricNamespace *string
	// MetricName of the metric. Required.
	MetricName *string
	// MetricValue published per matching event: a number, "$.field" of a
	// JSON event or "$name" of a space-delimited one.
	// Default: "1" (spec.DefaultMetricValue).
	MetricValue *string
	// Unit of the value. Default: awscloudwatch.Unit_COUNT when MetricValue is
	// a number, else awscloudwatch.Unit_NONE.
	Unit awscloudwatch.Unit
	// DefaultValue is published for a minute with no matching event; not
	// with Dimensions. Default: none, no data for such minutes.
	DefaultValue *float64
	// Dimensions map dimension names to event fields ("$.method"), at most
	// three, only for JSON and space-delimited patterns. Default: none.
	Dimensions *map[string]*string
	// Patterns, shared by the metrics of a stack, makes aws-cdk-lib's value
	// of each filter pattern text once for all of them (each value made is
	// a call into the CDK). Default: none, a value per metric.
	Patterns FilterPatterns
}

// FilterPatterns holds aws-cdk-lib's value of each filter pattern text
// (awslogs.FilterPattern_Literal), an immutable object that metric filters
// may share. A value belongs to the jsii process that made it: keep one
// FilterPatterns per stack, as eventwatch's stacks do, never across
// jsii.Close.
type FilterPatterns map[string]awslogs.IFilterPattern

// of is the value of pattern, made on first use; a nil FilterPatterns
// makes one each time.
func (fp FilterPatterns) of(pattern *string) awslogs.IFilterPattern {
	if fp == nil {
		return awslogs.FilterPattern_Literal(pattern)
	}
	v, ok := fp[*pattern]
	if !ok {
		v = awslogs.FilterPattern_Literal(pattern)
		fp[*pattern] = v
	}
	return v
}

func (p *EventMetricProps) spec() spec.EventMetricProps {
	s := spec.EventMetricProps{
		LogGroupName:  str(p.LogGroupName),
		FilterPattern: str(p.FilterPattern),
		Namespace:     str(p.MetricNamespace),
		MetricName:    str(p.MetricName),
		Value:         str(p.MetricValue),
		DefaultValue:  p.DefaultValue,
		Dimensions:    strMap(p.Dimensions),
	}
	if p.LogGroup != nil && s.LogGroupName == "" {
		s.LogGroupName = spec.GivenAsObject
	}
	if p.Unit != "" {
		s.Unit = cloudWatchName(string(p.Unit), spec.ValidUnits, perForSlash)
	}
	return s
}

// Validate parses the pattern and checks CloudWatch's metric filter rules,
// without Node.js, and reports every problem (errors.Join'ed
// spec.FieldErrors).
func (p *EventMetricProps) Validate() error {
	var ps spec.Problems
	s := p.spec()
	if p.LogGroup == nil && p.LogGroupName == nil {
		ps.Add(&spec.FieldError{Field: "logGroup", Msg: "is required: give LogGroup or LogGroupName"})
		s.LogGroupName = spec.GivenAsObject // reported above, not again as logGroupName
	}
	ps.Add(s.Validate())
	return ps.Err()
}

// EventMetric is a metric filter that turns one structured log event into
// a CloudWatch metric. It is an aws-cdk-lib awslogs.MetricFilter whose
// Metric keeps the filter's dimensions and counts with Sum.
type EventMetric struct {
	awslogs.MetricFilter
	id   string
	spec spec.EventMetricProps
}

// NewEventMetric validates props (the filter pattern is parsed) and adds
// the metric filter (its CloudFormation resource is its child "Resource")
// to scope, and nothing else: a log group given by name is imported once
// per stack, under the stack's child "EventWatchImportedLogGroups"
// (ImportedLogGroupsID), whatever the caller's own construct IDs.
func NewEventMetric(scope constructs.Construct, id string, props *EventMetricProps) *EventMetric {
	if props == nil {
		props = &EventMetricProps{}
	}
	mustValidateAt(scope, id, props.Validate())
	m := &EventMetric{id: id, spec: props.spec().WithDefaults()}
	logGroup := props.LogGroup
	if logGroup == nil {
		logGroup = importedLogGroup(scope, *props.LogGroupName)
	}
	awslogs.NewMetricFilter_Override(m, scope, jsii.String(id), &awslogs.MetricFilterProps{
		LogGroup:        logGroup,
		FilterPattern:   props.Patterns.of(props.FilterPattern),
		MetricNamespace: props.MetricNamespace,
		MetricName:      props.MetricName,
		MetricValue:     jsii.String(m.spec.Value),
		Unit:            Unit(m.spec.Unit),
		DefaultValue:    props.DefaultValue,
		Dimensions:      props.Dimensions,
	})
	return m
}

// Metric returns the CloudWatch metric the filter publishes, for alarms
// and dashboards. Unlike aws-cdk-lib's MetricFilter.metric, it sums by
// default (Statistic "Sum", spec.DefaultStatistic; Period five minutes),
// and props.DimensionsMap must give a value for each of the filter's
// dimensions, since a metric filter with dimensions publishes only
// dimensioned data points: it panics otherwise, as aws-cdk-lib throws;
// CheckDimensionValues tells first.
func (m *EventMetric) Metric(props *awscloudwatch.MetricOptions) awscloudwatch.Metric {
	if props == nil {
		props = &awscloudwatch.MetricOptions{}
	}
	dims, err := m.spec.CheckDimensionValues(strMap(props.DimensionsMap))
	if err != nil {
		mustValidateAt(m.Node().Scope(), m.id, err)
	}
	opts := *props
	stat := spec.MetricStat{Statistic: str(opts.Statistic), PeriodSeconds: spec.DefaultPeriodSeconds, Metric: m.spec, DimensionValues: dims}
	if stat.Statistic == "" {
		stat.Statistic = spec.DefaultStatistic
		opts.Statistic = jsii.String(stat.Statistic)
	}
	if opts.Period != nil {
		if stat.PeriodSeconds = durationSeconds(opts.Period); spec.IsUnresolvedInt(stat.PeriodSeconds) {
			mustValidateAt(m.Node().Scope(), m.id, tokenPeriodError("period"))
		}
	}
	// Every field of MetricOptions, in its order.
	metric := awscloudwatch.NewMetric(&awscloudwatch.MetricProps{
		Namespace:     jsii.String(m.spec.Namespace),
		MetricName:    jsii.String(m.spec.MetricName),
		Account:       opts.Account,
		Color:         opts.Color,
		DimensionsMap: opts.DimensionsMap,
		Id:            opts.Id,
		Label:         opts.Label,
		Period:        opts.Period,
		Region:        opts.Region,
		StackAccount:  opts.StackAccount,
		StackRegion:   opts.StackRegion,
		Statistic:     opts.Statistic,
		Unit:          opts.Unit,
		Visible:       opts.Visible,
	})
	knownMetrics.Store(awscloudwatch.IMetric(metric), stat)
	drawEventMetric(metric, stat, &opts)
	return metric
}

// CheckDimensionValues tells whether values names exactly the metric's
// dimensions, as Metric requires.
func (m *EventMetric) CheckDimensionValues(values *map[string]*string) error {
	_, err := m.spec.CheckDimensionValues(strMap(values))
	return err
}

// DimensionNames are the metric's dimension names, sorted.
func (m *EventMetric) DimensionNames() []string {
	return slices.Sorted(maps.Keys(m.spec.Dimensions))
}

// ImportedLogGroupsID is the construct ID, under each stack, of the
// construct that holds the log groups EventMetrics import by name: one
// child per name, its ID the name with ':' for each '/' (a character log
// group names cannot hold), "/shop/prod/orders" as ":shop:prod:orders". It
// creates no resource. Do not use the ID for a construct of your own.
const ImportedLogGroupsID = "EventWatchImportedLogGroups"

// importedLogGroup is the log group of the given name, imported once per
// stack of scope under ImportedLogGroupsID, so that the caller's scope gets
// no construct and two metrics on one log group share the import.
func importedLogGroup(scope constructs.Construct, name string) awslogs.ILogGroup {
	stack := awscdk.Stack_Of(scope)
	var imports constructs.Construct
	if c := stack.Node().TryFindChild(jsii.String(ImportedLogGroupsID)); c != nil {
		jsii.UnsafeCast(c, &imports) // TryFindChild gives an IConstruct
	} else {
		imports = constructs.NewConstruct(stack, jsii.String(ImportedLogGroupsID))
	}
	id := jsii.String(strings.ReplaceAll(name, "/", ":"))
	if c := imports.Node().TryFindChild(id); c != nil {
		var lg awslogs.ILogGroup
		jsii.UnsafeCast(c, &lg)
		return lg
	}
	return awslogs.LogGroup_FromLogGroupName(imports, id, jsii.String(name))
}

// durationSeconds is d in seconds, asked of the CDK once per Duration;
// spec.UnresolvedInt for a Duration of a number token
// (awscdk.Duration_Minutes(param.ValueAsNumber())), which has no seconds
// to give before deployment.
func durationSeconds(d awscdk.Duration) int {
	if s, ok := knownDurations.Load(d); ok {
		return s.(int)
	}
	s := spec.UnresolvedInt
	if !*d.IsUnresolved() {
		s = intOf(*d.ToSeconds(nil))
	}
	knownDurations.Store(d, s)
	return s
}

// tokenPeriodError is the error of a period that is a token:
// awscloudwatch.Metric of aws-cdk-lib 2.270 checks the period's value (1,
// 5, 10, 30 or a multiple of 60 seconds) and refuses a token.
func tokenPeriodError(field string) error {
	return &spec.FieldError{Field: field, Msg: "is a token; aws-cdk-lib's awscloudwatch.Metric needs the period's value (it checks for 1, 5, 10, 30 or a multiple of 60 seconds)"}
}

// knownDurations caches durationSeconds.
var knownDurations sync.Map

// knownMetrics holds what eventwatch knows in Go of the metrics that
// EventMetric.Metric returned (awscloudwatch.IMetric → spec.MetricStat), so
// that EventAlarm checks their period and dimensions without asking the CDK.
var knownMetrics sync.Map
