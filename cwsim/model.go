package cwsim

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/eventwatch/eventwatch/cwsim/alarmstate"
	"github.com/eventwatch/eventwatch/cwsim/compositerule"
	"github.com/eventwatch/eventwatch/cwsim/metricmath"
	"github.com/eventwatch/eventwatch/cwsim/stat"
	"github.com/eventwatch/eventwatch/filterpattern"
)

// Stack is one synthesized stack: its name, where it deploys, and its
// template (the JSON of <stack>.template.json).
type Stack struct {
	Name            string
	Account, Region string
	Template        []byte
}

// Model is what the stacks deploy that takes part in alarming.
type Model struct {
	// LogGroups by name.
	LogGroups map[string]*LogGroup
	// Filters are the metric filters, by stack and logical ID.
	Filters []*MetricFilter
	// Alarms are the metric alarms, by stack and logical ID.
	Alarms []*MetricAlarm
	// Composites are the composite alarms, by stack and logical ID.
	Composites []*CompositeAlarm
	// LogAlarms are the alarms on scheduled Logs Insights queries.
	LogAlarms []*LogAlarm
	// Topics by ARN.
	Topics map[string]*Topic
}

// Source names the resource something came from.
type Source struct{ Stack, LogicalID string }

func (s Source) String() string { return s.Stack + "/" + s.LogicalID }

// LogGroup is a log group that the stacks create, or one they adopt
// (Adopted): see addAdoptedLogGroups.
type LogGroup struct {
	Source
	Name string
	Tags map[string]string
	// Adopted is a log group that exists without a stack creating it, which
	// the stacks' filters and alarms read by name; Source is the first
	// resource that reads it.
	Adopted bool
}

// MetricFilter is an AWS::Logs::MetricFilter.
type MetricFilter struct {
	Source
	LogGroup   string
	Pattern    *filterpattern.Pattern
	Metric     MetricID
	Value      string
	Unit       string
	Default    *float64
	Dimensions map[string]string // name → selector
	extractor  *filterpattern.Extractor
}

// MetricID names one metric series: namespace, name and dimensions.
type MetricID struct {
	Namespace, Name string
	// Dims is "Name=Value" pairs, sorted and joined with ",".
	Dims string
}

func (m MetricID) String() string {
	s := m.Namespace + " " + m.Name
	if m.Dims != "" {
		s += " {" + m.Dims + "}"
	}
	return s
}

// metricID builds a MetricID from a dimension map.
func metricID(namespace, name string, dims map[string]string) MetricID {
	pairs := make([]string, 0, len(dims))
	for k, v := range dims {
		pairs = append(pairs, k+"="+v)
	}
	sort.Strings(pairs)
	return MetricID{Namespace: namespace, Name: name, Dims: strings.Join(pairs, ",")}
}

// MetricQuery is one entry of an alarm's Metrics: a metric read at a
// statistic and period, or a metric math expression.
type MetricQuery struct {
	ID         string
	Metric     *MetricID
	Stat       stat.Stat
	Period     int // seconds
	Expression *metricmath.Expr
	ReturnData bool
}

// MetricAlarm is an AWS::CloudWatch::Alarm.
type MetricAlarm struct {
	Source
	Name, ARN string
	// Queries are the alarm's metric, as one query "m1" for an alarm on a
	// single metric, or its Metrics.
	Queries []MetricQuery
	// ThresholdMetricID names the band of an anomaly detection alarm.
	ThresholdMetricID string
	// Period of the evaluated series, in seconds.
	Period         int
	Eval           alarmstate.Config
	ActionsEnabled bool
	Actions        map[alarmstate.State][]string
	// Tags of the alarm: eventwatch's name its service and owner.
	Tags map[string]string
}

// NeedsBand reports whether the alarm compares with an anomaly detection
// band, which a simulation takes from a fixture.
func (a *MetricAlarm) NeedsBand() bool { return a.ThresholdMetricID != "" }

// CompositeAlarm is an AWS::CloudWatch::CompositeAlarm.
type CompositeAlarm struct {
	Source
	Name, ARN      string
	Rule           *compositerule.Rule
	ActionsEnabled bool
	Actions        map[alarmstate.State][]string
	// Suppressor is the ARN or name of the ActionsSuppressor alarm, if any.
	Suppressor string
	Suppress   compositerule.Suppressor
}

// Topic is an SNS topic and who receives what it publishes.
type Topic struct {
	Source
	ARN, Name string
	// Subscribers are its subscriptions and the Chatbot channels that
	// watch it, in stack and logical ID order.
	Subscribers []Subscriber
}

// Subscriber is one endpoint a topic notifies.
type Subscriber struct {
	Protocol string // email, https, sqs, lambda, sms, ..., or "chatbot-slack"
	Endpoint string
	// DeadLetterQueue receives what SNS could not deliver. Default: none.
	DeadLetterQueue string
}

func (s Subscriber) String() string { return s.Protocol + ":" + s.Endpoint }

// Load reads the stacks' templates. A template that is not JSON, a filter
// pattern, statistic, expression or rule that does not parse, is an error
// naming the stack and the resource.
func Load(stacks []Stack) (*Model, error) {
	scopes := make([]*stackScope, 0, len(stacks))
	exports, exporters, byName := map[string]any{}, map[string]*stackScope{}, map[string]*stackScope{}
	for _, st := range stacks {
		var t struct {
			Resources map[string]resource `json:"Resources"`
			Outputs   map[string]struct {
				Value  any `json:"Value"`
				Export struct {
					Name any `json:"Name"`
				} `json:"Export"`
			} `json:"Outputs"`
		}
		if err := json.Unmarshal(st.Template, &t); err != nil {
			return nil, fmt.Errorf("stack %s: the template is not JSON: %w", st.Name, err)
		}
		sc := &stackScope{name: st.Name, account: orPlaceholder(st.Account, "ACCOUNT"), region: orPlaceholder(st.Region, "REGION"),
			partition: partitionOf(st.Region), resources: t.Resources, exports: exports, exporters: exporters, stacks: byName, outputs: map[string]any{}}
		byName[st.Name] = sc
		for name, o := range t.Outputs {
			sc.outputs[name] = o.Value
			if o.Export.Name != nil {
				name := sc.str(o.Export.Name)
				exports[name], exporters[name] = o.Value, sc
			}
		}
		scopes = append(scopes, sc)
	}
	m := &Model{LogGroups: map[string]*LogGroup{}, Topics: map[string]*Topic{}}
	for _, sc := range scopes {
		if err := m.add(sc); err != nil {
			return nil, err
		}
	}
	m.addAdoptedLogGroups()
	for _, sc := range scopes {
		m.subscribe(sc)
	}
	return m, nil
}

func orPlaceholder(s, placeholder string) string {
	if s == "" {
		return placeholder
	}
	return s
}

// partitionOf is the ARN partition of a region.
func partitionOf(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	}
	return "aws"
}

// add reads one stack's log groups, filters, alarms and topics.
func (m *Model) add(sc *stackScope) error {
	for _, id := range sc.sortedIDs() {
		r := sc.resources[id]
		src := Source{Stack: sc.name, LogicalID: id}
		var err error
		switch r.Type {
		case "AWS::Logs::LogGroup":
			name := sc.logGroupName(id)
			m.LogGroups[name] = &LogGroup{Source: src, Name: name, Tags: sc.tags(r.Properties["Tags"])}
		case "AWS::Logs::MetricFilter":
			err = m.addFilter(sc, src, r.Properties)
		case "AWS::CloudWatch::Alarm":
			err = m.addAlarm(sc, src, r.Properties)
		case "AWS::CloudWatch::CompositeAlarm":
			err = m.addComposite(sc, src, r.Properties)
		case "AWS::CloudWatch::LogAlarm":
			err = m.addLogAlarm(sc, src, r.Properties)
		case "AWS::SNS::Topic":
			arn := sc.ref(id)
			m.Topics[arn] = &Topic{Source: src, ARN: arn, Name: sc.physicalName(id, "TopicName")}
		}
		if err != nil {
			return fmt.Errorf("%s (%s): %w", src, r.Type, err)
		}
	}
	return nil
}

func (m *Model) addFilter(sc *stackScope, src Source, p map[string]any) error {
	pattern, err := filterpattern.Parse(sc.str(p["FilterPattern"]))
	if err != nil {
		return fmt.Errorf("FilterPattern: %w", err)
	}
	ts, _ := p["MetricTransformations"].([]any)
	if len(ts) != 1 {
		return fmt.Errorf("MetricTransformations: expected exactly one, got %d", len(ts))
	}
	t, _ := ts[0].(map[string]any)
	f := &MetricFilter{Source: src, LogGroup: sc.str(p["LogGroupName"]), Pattern: pattern,
		Metric: MetricID{Namespace: sc.str(t["MetricNamespace"]), Name: sc.str(t["MetricName"])},
		Value:  sc.str(t["MetricValue"]), Unit: sc.str(t["Unit"]), Dimensions: map[string]string{}}
	if d, ok := t["DefaultValue"].(float64); ok {
		f.Default = &d
	}
	dims, _ := t["Dimensions"].([]any)
	for _, d := range dims {
		dm, _ := d.(map[string]any)
		f.Dimensions[sc.str(dm["Key"])] = sc.str(dm["Value"])
	}
	if f.extractor, err = pattern.NewExtractor(f.Value, f.Dimensions); err != nil {
		return fmt.Errorf("MetricTransformations: %w", err)
	}
	m.Filters = append(m.Filters, f)
	return nil
}

func (m *Model) addAlarm(sc *stackScope, src Source, p map[string]any) error {
	a := &MetricAlarm{Source: src, Name: sc.str(p["AlarmName"]), ThresholdMetricID: sc.str(p["ThresholdMetricId"]),
		ActionsEnabled: p["ActionsEnabled"] != false, Actions: actionsOf(sc, p), Tags: sc.tags(p["Tags"])}
	if a.Name == "" {
		a.Name = sc.physicalName(src.LogicalID, "AlarmName")
	}
	a.ARN = sc.arn("cloudwatch", "alarm:"+a.Name)
	a.Eval = alarmstate.Config{
		ComparisonOperator: sc.str(p["ComparisonOperator"]),
		EvaluationPeriods:  intOf(p["EvaluationPeriods"]),
		DatapointsToAlarm:  intOf(p["DatapointsToAlarm"]),
		TreatMissingData:   sc.str(p["TreatMissingData"]),
	}
	if th, ok := p["Threshold"].(float64); ok {
		a.Eval.Threshold = th
	}
	if metrics, ok := p["Metrics"].([]any); ok {
		if err := a.readQueries(sc, metrics); err != nil {
			return err
		}
	} else {
		name := sc.str(p["Statistic"])
		if ext := sc.str(p["ExtendedStatistic"]); ext != "" {
			name = ext
		}
		st, err := stat.Parse(name)
		if err != nil {
			return fmt.Errorf("Statistic: %w", err)
		}
		id := metricID(sc.str(p["Namespace"]), sc.str(p["MetricName"]), dimensionsOf(sc, p["Dimensions"]))
		a.Period = intOf(p["Period"])
		a.Queries = []MetricQuery{{ID: "m1", Metric: &id, Stat: st, Period: a.Period, ReturnData: true}}
	}
	if err := a.Eval.Validate(); err != nil {
		return err
	}
	if a.Period <= 0 {
		return fmt.Errorf("Period: expected a positive number of seconds, got %d", a.Period)
	}
	m.Alarms = append(m.Alarms, a)
	return nil
}

// readQueries reads an alarm's Metrics: each a MetricStat or an Expression.
func (a *MetricAlarm) readQueries(sc *stackScope, metrics []any) error {
	for _, x := range metrics {
		q, _ := x.(map[string]any)
		mq := MetricQuery{ID: sc.str(q["Id"]), ReturnData: q["ReturnData"] != false}
		if e := sc.str(q["Expression"]); e != "" {
			expr, err := metricmath.Parse(e)
			if err != nil {
				return fmt.Errorf("Metrics %s: %w", mq.ID, err)
			}
			mq.Expression = expr
			if period := intOf(q["Period"]); period > 0 {
				mq.Period = period
			}
		} else {
			ms, _ := q["MetricStat"].(map[string]any)
			metric, _ := ms["Metric"].(map[string]any)
			st, err := stat.Parse(sc.str(ms["Stat"]))
			if err != nil {
				return fmt.Errorf("Metrics %s: Stat: %w", mq.ID, err)
			}
			id := metricID(sc.str(metric["Namespace"]), sc.str(metric["MetricName"]), dimensionsOf(sc, metric["Dimensions"]))
			mq.Metric, mq.Stat, mq.Period = &id, st, intOf(ms["Period"])
		}
		if mq.Period > 0 && (a.Period == 0 || mq.Period < a.Period) {
			a.Period = mq.Period
		}
		a.Queries = append(a.Queries, mq)
	}
	return nil
}

func (m *Model) addComposite(sc *stackScope, src Source, p map[string]any) error {
	rule, err := compositerule.Parse(sc.str(p["AlarmRule"]))
	if err != nil {
		return fmt.Errorf("AlarmRule: %w", err)
	}
	c := &CompositeAlarm{Source: src, Name: sc.str(p["AlarmName"]), Rule: rule, ActionsEnabled: p["ActionsEnabled"] != false,
		Actions: actionsOf(sc, p), Suppressor: sc.str(p["ActionsSuppressor"])}
	if c.Name == "" {
		c.Name = sc.physicalName(src.LogicalID, "AlarmName")
	}
	c.ARN = sc.arn("cloudwatch", "alarm:"+c.Name)
	c.Suppress.WaitPeriod = seconds(p["ActionsSuppressorWaitPeriod"])
	c.Suppress.ExtensionPeriod = seconds(p["ActionsSuppressorExtensionPeriod"])
	m.Composites = append(m.Composites, c)
	return nil
}

// subscribe attaches the stack's subscriptions and Chatbot channels to the
// topics they watch, which may be in another stack.
func (m *Model) subscribe(sc *stackScope) {
	for _, id := range sc.sortedIDs() {
		r := sc.resources[id]
		switch r.Type {
		case "AWS::SNS::Subscription":
			t := m.topic(sc.str(r.Properties["TopicArn"]))
			s := Subscriber{Protocol: sc.str(r.Properties["Protocol"]), Endpoint: sc.str(r.Properties["Endpoint"])}
			if rp, ok := r.Properties["RedrivePolicy"].(map[string]any); ok {
				s.DeadLetterQueue = sc.str(rp["deadLetterTargetArn"])
			}
			t.Subscribers = append(t.Subscribers, s)
		case "AWS::Chatbot::SlackChannelConfiguration":
			for _, arn := range sc.strs(r.Properties["SnsTopicArns"]) {
				t := m.topic(arn)
				t.Subscribers = append(t.Subscribers, Subscriber{Protocol: "chatbot-slack",
					Endpoint: sc.str(r.Properties["SlackWorkspaceId"]) + "/" + sc.str(r.Properties["SlackChannelId"])})
			}
		}
	}
}

// topic is the topic of an ARN, or a topic the stacks do not create.
func (m *Model) topic(arn string) *Topic {
	if t, ok := m.Topics[arn]; ok {
		return t
	}
	t := &Topic{ARN: arn, Name: arn[strings.LastIndexByte(arn, ':')+1:]}
	m.Topics[arn] = t
	return t
}

// actionsOf reads AlarmActions, OKActions and InsufficientDataActions.
func actionsOf(sc *stackScope, p map[string]any) map[alarmstate.State][]string {
	return map[alarmstate.State][]string{
		alarmstate.Alarm:            sc.strs(p["AlarmActions"]),
		alarmstate.OK:               sc.strs(p["OKActions"]),
		alarmstate.InsufficientData: sc.strs(p["InsufficientDataActions"]),
	}
}

func dimensionsOf(sc *stackScope, v any) map[string]string {
	out := map[string]string{}
	list, _ := v.([]any)
	for _, d := range list {
		dm, _ := d.(map[string]any)
		out[sc.str(dm["Name"])] = sc.str(dm["Value"])
	}
	return out
}

func intOf(v any) int {
	f, _ := v.(float64)
	return int(f)
}
