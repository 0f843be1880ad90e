package cfnrules

import (
	"encoding/json"
	"regexp"
	"strings"

	"github.com/eventwatch/eventwatch/cwsim"
)

// setRules are the rules over every stack at once.
var setRules = append(append(append([]setRule(nil), nameRules...), logsSetRules...), cycleRule, wiringRule)

// wiringRule runs cwsim.Model.CheckWiring on the stacks of each account
// and region: an alarm on a metric nobody publishes, or on an AWS metric
// without the dimension that names its resource, or an extended statistic
// of a metric whose every value is the same, cannot work as deployed.
// CheckWiring's warnings (a topic without subscribers) are CheckWithWarnings' warnings.
//
// cwsim.Load stops at the first resource it cannot read (a filter pattern,
// statistic, expression or rule that does not parse; a value it needs that
// is known only at deploy; a log alarm schedule it does not simulate). That
// resource is left out and the stacks loaded again, so that the others'
// wiring is still checked; alarms on the metric of a filter left out are
// not said to lack a publisher. The load error is a problem of the
// resource, unless the resource holds a value known only at deploy, or
// cwsim merely does not simulate it (what AWS accepts, Check accepts), or
// another rule reports the resource already (dropRedundantLoadErrors).
var wiringRule = setRule{ID: "cwsim-wiring", Source: srcAlarms, Check: func(w *world, ps *problems) {
	for _, e := range w.envs {
		if !e.hasAlarms() {
			continue
		}
		templates := map[string]map[string]any{} // copies of the templates, resources left out as Load fails
		var left []metricKey                     // metrics of the filters left out
		for attempt := 0; ; attempt++ {
			model, err := cwsim.Load(e.cwsimStacks(templates))
			if err == nil {
				reportWiring(e, ps, model, left)
				break
			}
			r := loadErrorResource(e, err)
			if r == nil || attempt > maxLoadRetries {
				if r == nil {
					ps.addStack(e.stacks[0], "", "%s%v", loadErrorMark, err)
				}
				break
			}
			if msg := loadErrorMessage(err); reportableLoadError(r, msg) {
				ps.add(r, "", "%s%s", loadErrorMark, msg)
			}
			if r.Type == "AWS::Logs::MetricFilter" {
				ns, _ := r.textAt("MetricTransformations", 0, "MetricNamespace")
				name, _ := r.textAt("MetricTransformations", 0, "MetricName")
				left = append(left, metricKey{ns, name})
			}
			leaveOut(templates, r)
		}
	}
}}

// maxLoadRetries bounds the resources left out of one env's Load.
const maxLoadRetries = 1000

func (e *env) hasAlarms() bool {
	for _, s := range e.stacks {
		for _, r := range s.res {
			switch r.Type {
			case "AWS::CloudWatch::Alarm", "AWS::CloudWatch::CompositeAlarm", "AWS::CloudWatch::LogAlarm":
				return true
			}
		}
	}
	return false
}

// cwsimStacks are the env's readable stacks for cwsim, with the templates
// of leaveOut in place of the originals.
func (e *env) cwsimStacks(templates map[string]map[string]any) []cwsim.Stack {
	var out []cwsim.Stack
	for _, s := range e.stacks {
		if s.readErr != nil || s.cyclic {
			continue
		}
		body := s.Template
		if t, ok := templates[s.Name]; ok {
			body, _ = json.Marshal(t)
		}
		out = append(out, cwsim.Stack{Name: s.Name, Account: s.Account, Region: s.Region, Template: body})
	}
	return out
}

// leaveOut removes a resource from the copy of its stack's template.
func leaveOut(templates map[string]map[string]any, r *resource) {
	t, ok := templates[r.stack.Name]
	if !ok {
		t = map[string]any{}
		for k, v := range r.stack.tpl {
			t[k] = v
		}
		resources := map[string]any{}
		for k, v := range r.stack.tpl["Resources"].(map[string]any) {
			resources[k] = v
		}
		t["Resources"] = resources
		templates[r.stack.Name] = t
	}
	delete(t["Resources"].(map[string]any), r.ID)
}

// reportWiring reports CheckWiring's problems, but a missing publisher of
// a metric whose filter was left out.
func reportWiring(e *env, ps *problems, model *cwsim.Model, left []metricKey) {
next:
	for _, p := range model.CheckWiring() {
		if p.Warning {
			if r := e.find(p.Source.Stack, p.Source.LogicalID); r != nil {
				ps.warn(r, "alarm %s: %s", p.Alarm, p.Msg)
			}
			continue
		}
		for _, k := range left {
			if strings.Contains(p.Msg, k.namespace+" "+k.name) {
				continue next
			}
		}
		if r := e.find(p.Source.Stack, p.Source.LogicalID); r != nil {
			ps.add(r, "", "alarm %s: %s", p.Alarm, p.Msg)
		}
	}
}

// reportableLoadError says whether a load error is AWS's to refuse: not
// when the resource holds a value known only at deploy, nor when cwsim
// only does not simulate what it reads.
func reportableLoadError(r *resource, msg string) bool {
	if strings.Contains(msg, "is not simulated") {
		return false
	}
	_, known := r.resolveDeep(r.Props)
	return known
}

// loadError is the form of cwsim.Load's errors about one resource:
// "stack/LogicalID (Type): message".
var loadError = regexp.MustCompile(`^([^/\s]+)/([A-Za-z0-9]+) \(([^)]*)\): ((?s).*)$`)

// loadErrorMark starts the message of a problem from cwsim.Load, which
// dropRedundantLoadErrors recognizes.
const loadErrorMark = "cwsim cannot read it: "

func loadErrorResource(e *env, err error) *resource {
	if m := loadError.FindStringSubmatch(err.Error()); m != nil {
		return e.find(m[1], m[2])
	}
	return nil
}

func loadErrorMessage(err error) string {
	if m := loadError.FindStringSubmatch(err.Error()); m != nil {
		return m[4]
	}
	return err.Error()
}

// dropRedundantLoadErrors drops the cwsim load errors of resources that
// another rule reports already: both say the same thing.
func dropRedundantLoadErrors(in []Problem) []Problem {
	other := map[[2]string]bool{}
	for _, p := range in {
		if p.Rule != wiringRule.ID && p.LogicalID != "" {
			other[[2]string{p.Stack, p.LogicalID}] = true
		}
	}
	out := in[:0]
	for _, p := range in {
		if p.Rule == wiringRule.ID && p.LogicalID != "" && other[[2]string{p.Stack, p.LogicalID}] && len(p.Msg) >= len(loadErrorMark) && p.Msg[:len(loadErrorMark)] == loadErrorMark {
			continue
		}
		out = append(out, p)
	}
	return out
}

// find is the resource of a stack and logical ID, or nil.
func (e *env) find(stackName, id string) *resource {
	for _, s := range e.stacks {
		if s.Name == stackName && s.res != nil {
			return s.res[id]
		}
	}
	return nil
}
