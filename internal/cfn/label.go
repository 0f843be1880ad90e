package cfn

import (
	"strconv"
	"strings"
)

// label is one way to name a resource the way people know it: the values
// at paths (property paths inside Properties, dot-separated, array elements
// by index) joined with sep. Every value must resolve to a literal.
type label struct {
	paths []string
	sep   string
}

func byProp(path string) label { return label{paths: []string{path}} }

func byProps(sep string, paths ...string) label { return label{paths: paths, sep: sep} }

// labels is the one table of the names people know resources by, per
// type: the first label that resolves names the resource; a type missing
// here, or a resource none of whose labels resolve, shows its logical ID
// only.
var labels = map[string][]label{
	"AWS::CloudWatch::Alarm":                  {byProp("AlarmName")},
	"AWS::CloudWatch::CompositeAlarm":         {byProp("AlarmName")},
	"AWS::CloudWatch::LogAlarm":               {byProp("AlarmName")},
	"AWS::CloudWatch::Dashboard":              {byProp("DashboardName")},
	"AWS::Logs::LogGroup":                     {byProp("LogGroupName")},
	"AWS::Logs::QueryDefinition":              {byProp("Name")},
	"AWS::Logs::MetricFilter":                 {byProps("/", "MetricTransformations.0.MetricNamespace", "MetricTransformations.0.MetricName"), byProp("FilterName")},
	"AWS::Logs::SubscriptionFilter":           {byProp("FilterName")},
	"AWS::SNS::Topic":                         {byProp("TopicName"), byProp("DisplayName")},
	"AWS::SNS::Subscription":                  {byProps(" ", "Protocol", "Endpoint")},
	"AWS::SQS::Queue":                         {byProp("QueueName")},
	"AWS::IAM::Role":                          {byProp("RoleName"), byProp("Description")},
	"AWS::KMS::Key":                           {byProp("Description")},
	"AWS::Chatbot::SlackChannelConfiguration": {byProp("ConfigurationName")},
	"AWS::Lambda::Permission":                 {byProp("FunctionName")},
}

// refNames are the types whose Ref returns the resource's physical name,
// and the property that spells it: a {"Ref": "LogGroupOrders"} in another
// resource resolves to LogGroupOrders' LogGroupName when that is a literal.
var refNames = map[string]string{
	"AWS::CloudWatch::Alarm":          "AlarmName",
	"AWS::CloudWatch::CompositeAlarm": "AlarmName",
	"AWS::CloudWatch::Dashboard":      "DashboardName",
	"AWS::Logs::LogGroup":             "LogGroupName",
	"AWS::Logs::MetricFilter":         "FilterName",
	"AWS::IAM::Role":                  "RoleName",
}

// label returns the name people know r by, resolved in t (for references
// to other resources), or "" when the type has no label or none resolves.
func (t template) label(r resource) string {
	for _, l := range labels[r.Type] {
		parts := make([]string, 0, len(l.paths))
		for _, p := range l.paths {
			s, ok := t.literal(lookup(r.Properties, p), 0)
			if !ok || s == "" {
				break
			}
			parts = append(parts, s)
		}
		if len(parts) == len(l.paths) {
			return strings.Join(parts, l.sep)
		}
	}
	return ""
}

// maxRefDepth bounds the references literal follows (a Ref to a log
// group whose name is a Join of another Ref...), so that a cycle in a
// broken template cannot loop.
const maxRefDepth = 8

// literal resolves v to a string when it is one, or an intrinsic function
// of literals: {"Ref": X} to a resource of refNames whose name is a
// literal, {"Fn::Join": [sep, [parts]]} whose parts all resolve, and
// {"Fn::Sub": s} without variables. Numbers and booleans are written as
// JSON writes them.
func (t template) literal(v any, depth int) (string, bool) {
	if depth > maxRefDepth {
		return "", false
	}
	switch x := v.(type) {
	case string:
		return x, true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case bool:
		return strconv.FormatBool(x), true
	case map[string]any:
		if len(x) != 1 {
			return "", false
		}
		if ref, ok := x["Ref"].(string); ok {
			r, found := t.resources[ref]
			nameProp := refNames[r.Type]
			if !found || nameProp == "" {
				return "", false
			}
			return t.literal(r.Properties[nameProp], depth+1)
		}
		if sub, ok := x["Fn::Sub"].(string); ok && !strings.Contains(sub, "${") {
			return sub, true
		}
		if args, ok := x["Fn::Join"].([]any); ok && len(args) == 2 {
			sep, ok := args[0].(string)
			list, isList := args[1].([]any)
			if !ok || !isList {
				return "", false
			}
			parts := make([]string, len(list))
			for i, p := range list {
				s, ok := t.literal(p, depth+1)
				if !ok {
					return "", false
				}
				parts[i] = s
			}
			return strings.Join(parts, sep), true
		}
	}
	return "", false
}

// lookup returns the value at a dot-separated path in props: object keys,
// and array elements by their index.
func lookup(props map[string]any, path string) any {
	var v any = props
	for _, step := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[step]
		case []any:
			i, err := strconv.Atoi(step)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}
