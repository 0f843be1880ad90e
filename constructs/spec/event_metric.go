package spec

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/eventwatch/eventwatch/filterpattern"
)

// EventMetricProps configures an EventMetric: a metric filter that turns one
// structured log event into a CloudWatch metric.
type EventMetricProps struct {
	// LogGroupName is the log group the filter reads. Required.
	LogGroupName string
	// FilterPattern selects the event, in CloudWatch's filter pattern syntax,
	// for example `{ $.event = "my-queue-worker" && $.success = "False" }`.
	// It is parsed when the construct is built. Required.
	FilterPattern string
	// Namespace of the metric. Required.
	Namespace string
	// MetricName of the metric. Required.
	MetricName string
	// Value published per matching event: a number, "$.field" of a JSON
	// event or "$name" of a space-delimited one. Default: DefaultMetricValue ("1").
	Value string
	// Unit is a CloudWatch unit. Default: "Count" when Value is a number, else "None".
	Unit string
	// DefaultValue is published for a minute with no matching event; not
	// allowed with Dimensions. Default: none, no data for such minutes.
	DefaultValue *float64
	// Dimensions map dimension names to event fields ("$.method"), at most
	// MaxDimensions, only for JSON and space-delimited patterns. Default: none.
	Dimensions map[string]string
}

var metricNamePart = regexp.MustCompile(`^[^:*$]{1,255}$`)

// WithDefaults returns the props with every default applied.
func (p EventMetricProps) WithDefaults() EventMetricProps {
	if p.Value == "" {
		p.Value = DefaultMetricValue
	}
	if p.Unit == "" {
		p.Unit = DefaultValueUnit
		if isNumber(p.Value) {
			p.Unit = DefaultCountUnit
		}
	}
	return p
}

// Validate checks the pattern and CloudWatch's metric filter rules, and
// reports every problem (see Problems).
func (p *EventMetricProps) Validate() error {
	_, err := p.compile()
	return err
}

// compile validates the props and returns the parsed pattern (nil when it
// is a token or does not parse).
func (p *EventMetricProps) compile() (*filterpattern.Pattern, error) {
	d := p.WithDefaults()
	var ps Problems
	if d.LogGroupName == "" {
		ps.Add(fieldErr("logGroupName", "is required"))
	}
	d.checkRules(&ps)
	if d.Namespace == "" || !IsUnresolved(d.Namespace) && !metricNamePart.MatchString(d.Namespace) {
		ps.Add(fieldErr("namespace", "%q must be 1 to 255 characters without ':', '*' or '$'", d.Namespace))
	}
	if d.MetricName == "" || !IsUnresolved(d.MetricName) && !metricNamePart.MatchString(d.MetricName) {
		ps.Add(fieldErr("metricName", "%q must be 1 to 255 characters without ':', '*' or '$'", d.MetricName))
	}
	// The pattern is parsed unless it is known at deploy time only, or too long.
	var pattern *filterpattern.Pattern
	switch {
	case IsUnresolved(d.FilterPattern) || IsUnresolved(d.Value):
	case chars(d.FilterPattern) > MaxFilterPatternLength:
		ps.Add(fieldErr("pattern", "is %d characters; CloudWatch allows at most %d", chars(d.FilterPattern), MaxFilterPatternLength))
	default:
		var err error
		if pattern, err = filterpattern.Parse(d.FilterPattern); err != nil {
			ps.Add(&FieldError{Field: "pattern", Msg: err.Error(), Cause: err})
		}
	}
	ps.Add(oneOf("unit", d.Unit, ValidUnits))
	if len(d.Dimensions) > MaxDimensions {
		ps.Add(fieldErr("dimensions", "CloudWatch allows at most %d dimensions per metric filter, got %d", MaxDimensions, len(d.Dimensions)))
	}
	for _, name := range sortedKeys(d.Dimensions) {
		if name == "" || len(name) > MaxDimensionNameLength || strings.ContainsAny(name, ":*$") {
			ps.Add(fieldErr("dimensions", "dimension name %q must be 1 to %d characters without ':', '*' or '$'", name, MaxDimensionNameLength))
		}
	}
	if len(d.Dimensions) > 0 && d.DefaultValue != nil {
		ps.Add(fieldErr("defaultValue", "cannot be set together with dimensions; CloudWatch allows one or the other"))
	}
	if pattern != nil {
		if _, err := pattern.NewExtractor(d.Value, nil); err != nil {
			ps.Add(fieldErr("value", "%v", err))
		}
		if len(d.Dimensions) > 0 {
			if _, err := pattern.NewExtractor(d.Value, d.Dimensions); err != nil {
				ps.Add(fieldErr("dimensions", "%v", err))
			}
		}
	}
	if err := ps.Err(); err != nil {
		return nil, err
	}
	return pattern, nil
}

// CheckDimensionValues checks that values names exactly the metric's
// dimensions, as an alarm or a dashboard on a dimensioned metric must.
func (p EventMetricProps) CheckDimensionValues(values map[string]string) (map[string]string, error) {
	for _, k := range sortedKeys(p.Dimensions) {
		if values[k] == "" {
			return nil, fmt.Errorf("the metric %s/%s has the dimension %q: give a value for it (a metric filter with dimensions publishes only dimensioned data)", p.Namespace, p.MetricName, k)
		}
	}
	for _, k := range sortedKeys(values) {
		if _, ok := p.Dimensions[k]; !ok {
			return nil, fmt.Errorf("the metric %s/%s has no dimension %q; it has %v", p.Namespace, p.MetricName, k, sortedKeys(p.Dimensions))
		}
	}
	return values, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// isNumber reports whether a metric value is a number literal rather than a field.
func isNumber(s string) bool { return numberRE.MatchString(s) }

var numberRE = regexp.MustCompile(`^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$`)
