package constructs

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs/spec"
	"github.com/eventwatch/eventwatch/internal/jsjson"
)

// drawnMetrics (awscloudwatch.IMetric → graphLine) and knownAlarmArns
// (awscloudwatch.IAlarm → string) hold how a dashboard draws a metric and
// an alarm's ARN token, each asked of the CDK at most once; like
// knownMetrics, an entry is keyed by the Go value of a CDK object of the
// jsii process that made it.
var drawnMetrics, knownAlarmArns sync.Map

// errNotDrawable is the error of a metric a Dashboard does not draw.
var errNotDrawable = errors.New("a Dashboard draws aws-cdk-lib Metrics of its own account and region; draw math and search expressions and other accounts' metrics on an aws-cdk-lib awscloudwatch.Dashboard")

// graphLines are how the metrics are drawn: an EventMetric's metric as
// eventwatch made it, any other aws-cdk-lib Metric from its
// toMetricConfig (two calls into the CDK, once per metric).
func graphLines(metrics []awscloudwatch.IMetric) ([]graphLine, error) {
	lines := make([]graphLine, len(metrics))
	for i, m := range metrics {
		if l, ok := drawnMetrics.Load(m); ok {
			lines[i] = l.(graphLine)
			continue
		}
		l, err := lineOf(m)
		if err != nil {
			return nil, fmt.Errorf("[%d]: %w", i, err)
		}
		drawnMetrics.Store(m, l)
		lines[i] = l
	}
	return lines, nil
}

// lineOf reads a metric's configuration from the CDK.
func lineOf(m awscloudwatch.IMetric) (graphLine, error) {
	cfg := m.ToMetricConfig()
	stat := cfg.MetricStat
	if stat == nil || stat.Account != nil || stat.Region != nil || stat.AccountOverride != nil || stat.RegionOverride != nil {
		return graphLine{}, errNotDrawable
	}
	l := graphLine{namespace: str(stat.Namespace), name: str(stat.MetricName), statistic: str(stat.Statistic)}
	if stat.Dimensions != nil {
		for _, d := range *stat.Dimensions {
			v, ok := d.Value.(string)
			if !ok {
				return graphLine{}, fmt.Errorf("dimension %s: a value that is not a string: %v", str(d.Name), d.Value)
			}
			l.dimensions = append(l.dimensions, [2]string{str(d.Name), v})
		}
	}
	if stat.Period != nil {
		l.periodSeconds = durationSeconds(stat.Period)
	}
	if cfg.RenderingProperties != nil {
		rp := *cfg.RenderingProperties
		l.color, _ = rp["color"].(string)
		l.label, _ = rp["label"].(string)
		l.id, _ = rp["id"].(string)
		if v, ok := rp["visible"].(bool); ok {
			l.visible = &v
		}
	}
	return l, nil
}

// drawEventMetric records how a dashboard draws the metric that
// EventMetric.Metric made of opts, unless an option needs the CDK's
// rendering (another account or region).
func drawEventMetric(metric awscloudwatch.IMetric, stat spec.MetricStat, opts *awscloudwatch.MetricOptions) {
	if opts.Account != nil || opts.Region != nil {
		return
	}
	l := graphLine{
		namespace: stat.Metric.Namespace, name: stat.Metric.MetricName,
		color: str(opts.Color), label: str(opts.Label), id: str(opts.Id), visible: opts.Visible,
		periodSeconds: stat.PeriodSeconds, statistic: stat.Statistic,
	}
	for _, name := range slices.Sorted(maps.Keys(stat.DimensionValues)) {
		l.dimensions = append(l.dimensions, [2]string{name, stat.DimensionValues[name]})
	}
	drawnMetrics.Store(metric, l)
}

// drawExpression records how a dashboard draws a math expression of
// metrics that eventwatch draws, under their IDs in using.
func drawExpression(expr awscloudwatch.IMetric, expression, label string, periodSeconds int, using map[string]awscloudwatch.IMetric) {
	l := graphLine{expression: expression, label: label, periodSeconds: periodSeconds}
	for _, id := range slices.Sorted(maps.Keys(using)) {
		u, ok := drawnMetrics.Load(using[id])
		if !ok {
			return
		}
		line := u.(graphLine)
		line.id = id
		l.using = append(l.using, line)
	}
	drawnMetrics.Store(expr, l)
}

// thresholds is the graph's threshold annotation, if any.
func (g *DashboardGraph) thresholds() []threshold {
	if g.Threshold == nil {
		return nil
	}
	label := "threshold"
	if g.ThresholdLabel != nil {
		label = *g.ThresholdLabel
	}
	value := jsjson.Number(*g.Threshold)
	if spec.IsUnresolvedNumber(*g.Threshold) {
		value = *awscdk.Token_AsString(g.Threshold, nil) // a parameter's value: the CDK writes its Ref
	}
	return []threshold{{label: label, value: value}}
}

// alarmArn is a.AlarmArn(), asked of the CDK once per alarm.
func alarmArn(a awscloudwatch.IAlarm) string {
	if arn, ok := knownAlarmArns.Load(a); ok {
		return arn.(string)
	}
	arn := *a.AlarmArn()
	knownAlarmArns.Store(a, arn)
	return arn
}

// alarmNamePlaceholder stands for an alarm's name in the one ARN that
// AlarmArnsByName has the CDK format.
const alarmNamePlaceholder = "EVENTWATCH-ALARM-NAME"

// AlarmArnsByName are the ARNs of the alarms named, in scope's stack's
// account and region, as aws-cdk-lib's Alarm.fromAlarmName gives them,
// for a dashboard's AlarmArns: one call into the CDK for all of them.
func AlarmArnsByName(scope constructs.IConstruct, names []string) []*string {
	if len(names) == 0 {
		return nil
	}
	stack := awscdk.Stack_Of(scope)
	format := func(name string) string {
		return *stack.FormatArn(&awscdk.ArnComponents{
			Service: jsii.String("cloudwatch"), Resource: jsii.String("alarm"),
			ResourceName: jsii.String(name), ArnFormat: awscdk.ArnFormat_COLON_RESOURCE_NAME,
		})
	}
	prefix, ok := strings.CutSuffix(format(alarmNamePlaceholder), alarmNamePlaceholder)
	out := make([]*string, len(names))
	for i, n := range names {
		if ok {
			out[i] = jsii.String(prefix + n)
		} else { // not the format fromAlarmName's ARNs have: ask for each
			out[i] = jsii.String(format(n))
		}
	}
	return out
}
