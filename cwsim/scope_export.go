package cwsim

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Scopes resolves CloudFormation intrinsic functions in the templates of a
// set of stacks, as Load does, for tools that check the templates without
// building a Model (package internal/cfnrules). Unlike Load it says, for
// each value, whether the text is known before deploy: a value that names
// a generated physical name, an attribute the resolver does not model, a
// parameter, or an account or region the stack does not fix is not.
type Scopes struct {
	byName map[string]*stackScope
}

// NewScopes reads the Resources and Outputs of the stacks' templates;
// Fn::ImportValue and Fn::GetStackOutput resolve through the stacks given,
// which should therefore be those of one account and region. A template
// that is not JSON is an error naming the stack.
func NewScopes(stacks []Stack) (*Scopes, error) {
	s := &Scopes{byName: map[string]*stackScope{}}
	exports, exporters := map[string]any{}, map[string]*stackScope{}
	type output struct {
		Value  any `json:"Value"`
		Export struct {
			Name any `json:"Name"`
		} `json:"Export"`
	}
	scopes := make([]*stackScope, len(stacks))
	outputs := make([]map[string]output, len(stacks))
	for i, st := range stacks {
		var t struct {
			Resources map[string]resource `json:"Resources"`
			Outputs   map[string]output   `json:"Outputs"`
		}
		if err := json.Unmarshal(st.Template, &t); err != nil {
			return nil, fmt.Errorf("stack %s: the template is not JSON: %w", st.Name, err)
		}
		sc := &stackScope{name: st.Name, account: orPlaceholder(st.Account, "ACCOUNT"), region: orPlaceholder(st.Region, "REGION"),
			partition: partitionOf(st.Region), resources: t.Resources, exports: exports, exporters: exporters, stacks: s.byName, outputs: map[string]any{}}
		s.byName[st.Name] = sc
		scopes[i], outputs[i] = sc, t.Outputs
		for name, o := range t.Outputs {
			sc.outputs[name] = o.Value
		}
	}
	// Export names resolve once every stack is known: an export's name may
	// itself be an intrinsic.
	for i, sc := range scopes {
		for _, o := range outputs[i] {
			if o.Export.Name != nil {
				name := sc.str(o.Export.Name)
				exports[name], exporters[name] = o.Value, sc
			}
		}
	}
	return s, nil
}

// maxResolveDepth bounds the references followed to resolve one value, so
// that a template whose names refer to each other in a cycle (which
// CloudFormation refuses) cannot make Resolve recurse for ever.
const maxResolveDepth = 32

// Resolve returns the text v stands for in stack's template, and whether
// that text is known before deploy. A literal string, number or boolean is
// known; an intrinsic is known when every reference in it names something
// whose value the template fixes: a pseudo parameter of a fixed account and
// region, the name of a log group, topic, queue or alarm given literally,
// an ARN made of those, an export or output of another of the stacks. A
// list or an object other than one intrinsic function is not a text.
func (s *Scopes) Resolve(stack string, v any) (string, bool) {
	sc, ok := s.byName[stack]
	if !ok {
		return "", false
	}
	if !sc.known(v, 0) {
		return "", false
	}
	return sc.str(v), true
}

// known reports whether str(v) is decided by the template alone.
func (s *stackScope) known(v any, depth int) bool {
	if depth > maxResolveDepth {
		return false
	}
	switch t := v.(type) {
	case string:
		// A dynamic reference ({{resolve:ssm:...}}, {{resolve:secretsmanager:...}})
		// is resolved by CloudFormation at deploy.
		return !strings.Contains(t, "{{resolve:")
	case float64, bool:
		return true
	case map[string]any:
		if len(t) != 1 {
			return false
		}
		for fn, arg := range t {
			return s.knownIntrinsic(fn, arg, depth+1)
		}
	}
	return false
}

func (s *stackScope) knownIntrinsic(fn string, arg any, depth int) bool {
	switch fn {
	case "Ref":
		id, ok := arg.(string)
		return ok && s.knownRef(id, depth)
	case "Fn::GetAtt":
		switch a := arg.(type) {
		case []any:
			if len(a) != 2 {
				return false
			}
			id, ok1 := a[0].(string)
			attr, ok2 := a[1].(string)
			return ok1 && ok2 && s.knownAtt(id, attr, depth)
		case string:
			id, attr, ok := strings.Cut(a, ".")
			return ok && s.knownAtt(id, attr, depth)
		}
	case "Fn::Join":
		a, ok := arg.([]any)
		if !ok || len(a) != 2 {
			return false
		}
		parts, isList := a[1].([]any)
		if _, isString := a[0].(string); !isString || !isList {
			return false
		}
		for _, p := range parts {
			if !s.known(p, depth) {
				return false
			}
		}
		return true
	case "Fn::Sub":
		text, vars := arg, map[string]any(nil)
		if a, ok := arg.([]any); ok {
			if len(a) == 0 || len(a) > 2 {
				return false
			}
			text = a[0]
			if len(a) == 2 {
				vars, _ = a[1].(map[string]any)
			}
		}
		str, ok := text.(string)
		return ok && s.knownSub(str, vars, depth)
	case "Fn::ImportValue":
		if !s.known(arg, depth) {
			return false
		}
		name := s.str(arg)
		v, ok := s.exports[name]
		return ok && s.exporters[name].known(v, depth)
	case "Fn::GetStackOutput":
		a, _ := arg.(map[string]any)
		stack, ok1 := a["StackName"].(string)
		name, ok2 := a["OutputName"].(string)
		if !ok1 || !ok2 {
			return false
		}
		other := s.stacks[stack]
		if other == nil {
			return false
		}
		v, ok := other.outputs[name]
		return ok && other.known(v, depth)
	}
	return false
}

// knownSub reports whether every ${...} of an Fn::Sub string is known. A
// variable of the Fn::Sub's own map and the ${!Literal} escape are not
// modelled by sub, and so are not known.
func (s *stackScope) knownSub(text string, vars map[string]any, depth int) bool {
	for {
		i := strings.Index(text, "${")
		if i < 0 {
			return true
		}
		j := strings.IndexByte(text[i:], '}')
		if j < 0 {
			return true
		}
		name := text[i+2 : i+j]
		if _, isVar := vars[name]; isVar || strings.HasPrefix(name, "!") {
			return false
		}
		if id, attr, ok := strings.Cut(name, "."); ok && !strings.HasPrefix(name, "AWS::") {
			if !s.knownAtt(id, attr, depth) {
				return false
			}
		} else if !s.knownRef(name, depth) {
			return false
		}
		text = text[i+j+1:]
	}
}

func (s *stackScope) knownRef(id string, depth int) bool {
	accountKnown, regionKnown := s.account != "ACCOUNT", s.region != "REGION"
	switch id {
	case "AWS::Region", "AWS::Partition":
		return regionKnown
	case "AWS::AccountId":
		return accountKnown
	case "AWS::StackName":
		return true
	case "AWS::URLSuffix":
		return regionKnown && s.partition == "aws" // ref gives amazonaws.com, which China's partition does not use
	}
	r, ok := s.resources[id]
	if !ok {
		return false
	}
	switch r.Type {
	case "AWS::Logs::LogGroup":
		return s.knownName(id, "LogGroupName", depth)
	case "AWS::SNS::Topic":
		return accountKnown && regionKnown && s.knownName(id, "TopicName", depth)
	case "AWS::CloudWatch::Alarm", "AWS::CloudWatch::CompositeAlarm", "AWS::CloudWatch::LogAlarm":
		return s.knownName(id, "AlarmName", depth)
	case "AWS::SQS::Queue":
		return accountKnown && regionKnown && s.knownName(id, "QueueName", depth)
	}
	return false
}

func (s *stackScope) knownAtt(id, attr string, depth int) bool {
	r, ok := s.resources[id]
	if !ok {
		return false
	}
	env := s.account != "ACCOUNT" && s.region != "REGION"
	switch r.Type + "." + attr {
	case "AWS::CloudWatch::Alarm.Arn", "AWS::CloudWatch::CompositeAlarm.Arn", "AWS::CloudWatch::LogAlarm.Arn":
		return env && s.knownName(id, "AlarmName", depth)
	case "AWS::SNS::Topic.TopicArn":
		return s.knownRef(id, depth)
	case "AWS::SNS::Topic.TopicName":
		return s.knownName(id, "TopicName", depth)
	case "AWS::SQS::Queue.Arn":
		return env && s.knownName(id, "QueueName", depth)
	case "AWS::SQS::Queue.QueueName":
		return s.knownName(id, "QueueName", depth)
	case "AWS::Logs::LogGroup.Arn":
		return env && s.knownName(id, "LogGroupName", depth)
	}
	return false
}

// knownName reports whether the resource's name property is set and known:
// a name CloudFormation generates is not.
func (s *stackScope) knownName(id, prop string, depth int) bool {
	v, ok := s.resources[id].Properties[prop]
	return ok && v != nil && s.known(v, depth+1)
}
