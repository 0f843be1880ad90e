package cwsim

import (
	"fmt"
	"sort"
	"strings"
)

// stackScope resolves CloudFormation intrinsic functions in one stack's
// template to the text they stand for, far enough to name log groups,
// topics, queues and alarms: Ref, Fn::GetAtt, Fn::Join, Fn::Sub (of
// pseudo parameters and references), Fn::ImportValue and Fn::GetStackOutput
// (through the exports and outputs of the model's other stacks) and the
// pseudo parameters. A value it cannot
// know resolves to a placeholder that names it, "<Logical.Attribute>".
type stackScope struct {
	name, account, region, partition string
	resources                        map[string]resource
	exports                          map[string]any // export name → the exporting stack's value, resolved in that stack
	exporters                        map[string]*stackScope
	// stacks are every stack of the model by name, for Fn::GetStackOutput.
	stacks  map[string]*stackScope
	outputs map[string]any // this stack's Outputs' values by name
	depth   int            // of the value being resolved (maxResolveDepth)
}

// resource is one entry of a template's Resources.
type resource struct {
	Type       string         `json:"Type"`
	Properties map[string]any `json:"Properties"`
}

// str resolves v; past maxResolveDepth nested references (a template
// whose references go round in a circle, which CloudFormation refuses) it
// gives up rather than recurse for ever.
func (s *stackScope) str(v any) string {
	s.depth++
	defer func() { s.depth-- }()
	if s.depth > maxResolveDepth {
		return "<circular reference>"
	}
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case float64:
		return fmt.Sprint(t)
	case bool:
		return fmt.Sprint(t)
	case map[string]any:
		if len(t) != 1 {
			return "<object>"
		}
		for fn, arg := range t {
			return s.intrinsic(fn, arg)
		}
	}
	return fmt.Sprint(v)
}

func (s *stackScope) intrinsic(fn string, arg any) string {
	switch fn {
	case "Ref":
		return s.ref(s.str(arg))
	case "Fn::GetAtt":
		switch a := arg.(type) {
		case []any:
			if len(a) == 2 {
				return s.getAtt(s.str(a[0]), s.str(a[1]))
			}
		case string:
			if id, attr, ok := strings.Cut(a, "."); ok {
				return s.getAtt(id, attr)
			}
		}
	case "Fn::Join":
		if a, ok := arg.([]any); ok && len(a) == 2 {
			parts, _ := a[1].([]any)
			out := make([]string, len(parts))
			for i, p := range parts {
				out[i] = s.str(p)
			}
			return strings.Join(out, s.str(a[0]))
		}
	case "Fn::Sub":
		text := arg
		if a, ok := arg.([]any); ok && len(a) > 0 {
			text = a[0]
		}
		return s.sub(s.str(text))
	case "Fn::GetStackOutput":
		a, _ := arg.(map[string]any)
		other, name := s.stacks[s.str(a["StackName"])], s.str(a["OutputName"])
		if other != nil {
			if v, ok := other.outputs[name]; ok {
				return other.str(v)
			}
		}
		return "<output " + name + ">"
	case "Fn::ImportValue":
		name := s.str(arg)
		if v, ok := s.exports[name]; ok {
			return s.exporters[name].str(v)
		}
		return "<import " + name + ">"
	}
	return "<" + fn + ">"
}

// sub replaces ${Name} and ${Logical.Attribute} in an Fn::Sub string.
func (s *stackScope) sub(text string) string {
	var b strings.Builder
	for {
		i := strings.Index(text, "${")
		if i < 0 {
			b.WriteString(text)
			return b.String()
		}
		j := strings.IndexByte(text[i:], '}')
		if j < 0 {
			b.WriteString(text)
			return b.String()
		}
		b.WriteString(text[:i])
		name := text[i+2 : i+j]
		if id, attr, ok := strings.Cut(name, "."); ok && !strings.HasPrefix(name, "AWS::") {
			b.WriteString(s.getAtt(id, attr))
		} else {
			b.WriteString(s.ref(name))
		}
		text = text[i+j+1:]
	}
}

func (s *stackScope) ref(id string) string {
	switch id {
	case "AWS::Region":
		return s.region
	case "AWS::AccountId":
		return s.account
	case "AWS::Partition":
		return s.partition
	case "AWS::StackName":
		return s.name
	case "AWS::URLSuffix":
		return "amazonaws.com"
	}
	r, ok := s.resources[id]
	if !ok {
		return "<" + id + ">"
	}
	switch r.Type {
	case "AWS::Logs::LogGroup":
		return s.logGroupName(id)
	case "AWS::SNS::Topic":
		return s.arn("sns", s.physicalName(id, "TopicName"))
	case "AWS::CloudWatch::Alarm", "AWS::CloudWatch::CompositeAlarm", "AWS::CloudWatch::LogAlarm":
		return s.physicalName(id, "AlarmName")
	case "AWS::SQS::Queue":
		return "https://sqs." + s.region + ".amazonaws.com/" + s.account + "/" + s.physicalName(id, "QueueName")
	}
	return "<" + id + ">"
}

func (s *stackScope) getAtt(id, attr string) string {
	r, ok := s.resources[id]
	if !ok {
		return "<" + id + "." + attr + ">"
	}
	switch r.Type + "." + attr {
	case "AWS::CloudWatch::Alarm.Arn", "AWS::CloudWatch::CompositeAlarm.Arn", "AWS::CloudWatch::LogAlarm.Arn":
		return s.arn("cloudwatch", "alarm:"+s.physicalName(id, "AlarmName"))
	case "AWS::SNS::Topic.TopicArn":
		return s.ref(id)
	case "AWS::SNS::Topic.TopicName":
		return s.physicalName(id, "TopicName")
	case "AWS::SQS::Queue.Arn":
		return s.arn("sqs", s.physicalName(id, "QueueName"))
	case "AWS::SQS::Queue.QueueName":
		return s.physicalName(id, "QueueName")
	case "AWS::Logs::LogGroup.Arn":
		return s.arn("logs", "log-group:"+s.logGroupName(id)+":*")
	}
	return "<" + id + "." + attr + ">"
}

// logGroupName is a log group's name, or the one CloudFormation would
// generate (<stack>-<logical ID>-<suffix>), with a fixed suffix.
func (s *stackScope) logGroupName(id string) string {
	return s.physicalName(id, "LogGroupName")
}

// physicalName is the resource's name property, or a stand-in for the name
// CloudFormation generates.
func (s *stackScope) physicalName(id, prop string) string {
	if n := s.str(s.resources[id].Properties[prop]); n != "" {
		return n
	}
	return s.name + "-" + id + "-GENERATED"
}

func (s *stackScope) arn(service, rest string) string {
	return "arn:" + s.partition + ":" + service + ":" + s.region + ":" + s.account + ":" + rest
}

// strs resolves a list of values.
func (s *stackScope) strs(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		out = append(out, s.str(x))
	}
	return out
}

// tags reads a resource's Tags list into a map.
func (s *stackScope) tags(v any) map[string]string {
	out := map[string]string{}
	list, _ := v.([]any)
	for _, x := range list {
		m, _ := x.(map[string]any)
		out[s.str(m["Key"])] = s.str(m["Value"])
	}
	return out
}

// sortedIDs are the logical IDs of the stack's resources, sorted.
func (s *stackScope) sortedIDs() []string {
	ids := make([]string, 0, len(s.resources))
	for id := range s.resources {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}
