package cfnrules

import (
	"fmt"
	"sort"
	"strings"
)

// Stack is one synthesized stack: its name, where it deploys, and its
// template (the JSON of <stack>.template.json).
type Stack struct {
	Name, Account, Region string
	Template              []byte
	// Paths maps logical IDs to construct paths
	// ("TeamStack/Orders/Failures/Resource"). Default: each resource's
	// aws:cdk:path metadata in the template.
	Paths map[string]string
}

// Problem is one thing CloudFormation or CloudWatch would refuse, or an
// alarm that cannot work as deployed.
type Problem struct {
	// Stack, LogicalID, Type and Path name the resource; LogicalID, Type
	// and Path are empty for a problem of the whole template or stack.
	Stack, LogicalID, Type, Path string
	// Property is the property at fault, as a path
	// ("MetricTransformations[0].MetricValue"); empty for the resource.
	Property string
	// Rule is the ID of the rule that found the problem.
	Rule string
	// Msg says what is wrong, with the limit and the value.
	Msg string
	// Source is the AWS documentation the rule follows.
	Source string
}

// String renders the problem on one line:
// "stack/LogicalID (Type, path) Property: msg [rule]".
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.Stack)
	if p.LogicalID != "" {
		b.WriteString("/" + p.LogicalID + " (" + p.Type)
		if p.Path != "" {
			b.WriteString(", " + p.Path)
		}
		b.WriteString(")")
	}
	if p.Property != "" {
		b.WriteString(" " + p.Property)
	}
	fmt.Fprintf(&b, ": %s [%s]", p.Msg, p.Rule)
	return b.String()
}

// Check checks the stacks and returns every problem, sorted by stack,
// logical ID and rule. Stacks of the same account and region are checked
// together for what AWS counts or keeps unique per account and region;
// a stack without an account or region is taken to deploy where the other
// stacks without one do (the CLI's default environment).
func Check(stacks []Stack) []Problem {
	found, _ := CheckWithWarnings(stacks)
	return found
}

// CheckWithWarnings is Check, and also returns what deploys and works but
// should be looked at: an alarm that notifies a topic without a
// subscriber pages nobody (cwsim.Model.CheckWiring's warnings).
func CheckWithWarnings(stacks []Stack) (found, warnings []Problem) {
	w := newWorld(stacks)
	ps := &problems{}
	for _, s := range w.stacks {
		if s.readErr != nil {
			ps.rule = stackReadRule
			ps.addStack(s, "", "%v", s.readErr)
			continue
		}
		for _, r := range stackRules {
			ps.rule = ruleInfo{r.ID, r.Source}
			r.Check(s, ps)
		}
		for _, id := range s.ids {
			res := s.res[id]
			for _, r := range rulesFor(res.Type) {
				ps.rule = ruleInfo{r.ID, r.Source}
				r.Check(res, ps)
			}
		}
	}
	for _, r := range setRules {
		ps.rule = ruleInfo{r.ID, r.Source}
		r.Check(w, ps)
	}
	out := dropRedundantLoadErrors(ps.out)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Stack != b.Stack {
			return a.Stack < b.Stack
		}
		if a.LogicalID != b.LogicalID {
			return a.LogicalID < b.LogicalID
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		if a.Property != b.Property {
			return a.Property < b.Property
		}
		return a.Msg < b.Msg
	})
	return out, ps.warnings
}

// rule checks one resource of the types it is listed under.
type rule struct {
	ID     string
	Source string
	Check  func(r *resource, ps *problems)
}

// stackRule checks one template as a whole.
type stackRule struct {
	ID     string
	Source string
	Check  func(s *stack, ps *problems)
}

// setRule checks every stack at once, for what AWS counts or keeps unique
// across stacks: per account, or per account and region (world.envs).
type setRule struct {
	ID     string
	Source string
	Check  func(w *world, ps *problems)
}

// resourceRules are the rules of each resource type, one table per type;
// a custom resource without a table of its own gets customResourceRules
// (rulesFor). A type listed with no rule is covered by the template-wide
// rules only.
var resourceRules = map[string][]rule{
	"AWS::Logs::LogGroup":                     logGroupRules,
	"AWS::Logs::MetricFilter":                 metricFilterRules,
	"AWS::Logs::QueryDefinition":              queryDefinitionRules,
	"Custom::LogRetention":                    logRetentionRules,
	"AWS::CloudWatch::Alarm":                  alarmRules,
	"AWS::CloudWatch::CompositeAlarm":         compositeAlarmRules,
	"AWS::CloudWatch::LogAlarm":               logAlarmRules,
	"AWS::CloudWatch::Dashboard":              dashboardRules,
	"AWS::SNS::Topic":                         topicRules,
	"AWS::SNS::Subscription":                  subscriptionRules,
	"AWS::SNS::TopicPolicy":                   topicPolicyRules,
	"AWS::SQS::Queue":                         queueRules,
	"AWS::SQS::QueuePolicy":                   queuePolicyRules,
	"AWS::KMS::Key":                           keyRules,
	"AWS::IAM::Role":                          roleRules,
	"AWS::IAM::Policy":                        policyRules,
	"AWS::IAM::ManagedPolicy":                 managedPolicyRules,
	"AWS::IAM::OIDCProvider":                  oidcProviderRules,
	"AWS::Chatbot::SlackChannelConfiguration": slackChannelRules,
	"AWS::Lambda::Permission":                 permissionRules,
	"AWS::Lambda::Function":                   functionRules,
	"AWS::CDK::Metadata":                      cdkMetadataRules,
}

// rulesFor returns the rules of a resource type.
func rulesFor(typ string) []rule {
	if rules, ok := resourceRules[typ]; ok {
		return rules
	}
	if strings.HasPrefix(typ, "Custom::") || typ == "AWS::CloudFormation::CustomResource" {
		return customResourceRules
	}
	return nil
}

// ruleInfo is the rule a problem is reported under.
type ruleInfo struct{ id, source string }

// problems collects the problems of the rule being run.
type problems struct {
	out      []Problem
	warnings []Problem
	rule     ruleInfo
}

// add reports a problem of a resource's property (prop may be empty).
func (ps *problems) add(r *resource, prop, format string, args ...any) {
	ps.out = append(ps.out, Problem{Stack: r.stack.Name, LogicalID: r.ID, Type: r.Type, Path: r.Path,
		Property: prop, Rule: ps.rule.id, Msg: fmt.Sprintf(format, args...), Source: ps.rule.source})
}

// warn records a warning about a resource.
func (ps *problems) warn(r *resource, format string, args ...any) {
	ps.warnings = append(ps.warnings, Problem{Stack: r.stack.Name, LogicalID: r.ID, Type: r.Type, Path: r.Path,
		Rule: ps.rule.id, Msg: fmt.Sprintf(format, args...), Source: ps.rule.source})
}

// addStack reports a problem of a whole stack.
func (ps *problems) addStack(s *stack, prop, format string, args ...any) {
	ps.out = append(ps.out, Problem{Stack: s.Name, Property: prop, Rule: ps.rule.id,
		Msg: fmt.Sprintf(format, args...), Source: ps.rule.source})
}
