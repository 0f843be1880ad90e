package constructs

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs/spec"
)

// EventMetricProps configures an EventMetric; see spec.EventMetricProps.
type EventMetricProps = spec.EventMetricProps

// EventMetric is a metric filter that turns one structured log event into a
// CloudWatch metric.
type EventMetric struct {
	constructs.Construct
	props EventMetricProps
}

// NewEventMetric validates props (the filter pattern is parsed) and adds
// the metric filter to scope; its logical ID comes from id. It panics on
// invalid props; call props.Validate() first to handle the error yourself.
func NewEventMetric(scope constructs.Construct, id string, props *EventMetricProps) *EventMetric {
	b := spec.NewBundle()
	b.AddEventMetric(id, *props, nil)
	return &EventMetric{Construct: mustInclude(scope, id, b), props: props.WithDefaults()}
}

// Props returns the metric's props with defaults applied.
func (m *EventMetric) Props() EventMetricProps { return m.props }

// Metric returns the CloudWatch metric this filter publishes, for
// dashboards and alarms. A metric filter with dimensions publishes only
// dimensioned data points, so the metric keeps the dimensions:
// dimensionValues gives a value for every dimension name.
func (m *EventMetric) Metric(dimensionValues map[string]string) (awscloudwatch.Metric, error) {
	dims, err := m.props.CheckDimensionValues(dimensionValues)
	if err != nil {
		return nil, err
	}
	opts := &awscloudwatch.MetricProps{
		Namespace:  jsii.String(m.props.Namespace),
		MetricName: jsii.String(m.props.MetricName),
		Statistic:  jsii.String(spec.DefaultStatistic),
	}
	if len(dims) > 0 {
		dm := map[string]*string{}
		for k, v := range dims {
			dm[k] = jsii.String(v)
		}
		opts.DimensionsMap = &dm
	}
	return awscloudwatch.NewMetric(opts), nil
}
