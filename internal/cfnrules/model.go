package cfnrules

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"github.com/eventwatch/eventwatch/constructs/spec"
	"github.com/eventwatch/eventwatch/cwsim"
)

// world is every stack of a Check, grouped by where they deploy.
type world struct {
	stacks []*stack // in the order given
	envs   []*env   // by account and region, in order of first stack
	cycles []cycle  // circular references (stack-circular-reference)
}

// env is the stacks of one account and region: the scope at which
// CloudWatch, CloudWatch Logs, SNS and SQS count and name things.
type env struct {
	account, region string // "" when the stacks leave it to the CLI
	partition       string // of region; "" when unknown
	stacks          []*stack
	scopes          *cwsim.Scopes
	// logGroups are the log groups the stacks create, by known name.
	logGroups map[string]*resource
	// filterMetrics are the metric filters by the metric they publish
	// (namespace and name, when known).
	filterMetrics map[metricKey][]*resource
}

type metricKey struct{ namespace, name string }

// stack is one stack of a Check and its parsed template.
type stack struct {
	Stack
	env     *env
	readErr error
	// cyclic is a stack with a circular reference: it is kept out of the
	// resolver and of cwsim, which would follow the circle for ever.
	cyclic bool
	tpl    map[string]any
	res    map[string]*resource
	ids    []string // logical IDs, sorted
}

// resource is one entry of a template's Resources.
type resource struct {
	stack *stack
	ID    string
	Type  string
	Path  string
	Props map[string]any
	raw   map[string]any
	// dashboard caches dashboardWidgets for a dashboard's rules.
	dashboard *parsedBody
}

// stackReadRule reports a template that cannot be read at all.
var stackReadRule = ruleInfo{"stack-template-json", srcTemplateFormat}

func newWorld(stacks []Stack) *world {
	w := &world{}
	byEnv := map[[2]string]*env{}
	for _, st := range stacks {
		s := &stack{Stack: st}
		s.read()
		key := [2]string{st.Account, st.Region}
		e := byEnv[key]
		if e == nil {
			e = &env{account: st.Account, region: st.Region, partition: spec.PartitionOf(st.Region),
				logGroups: map[string]*resource{}, filterMetrics: map[metricKey][]*resource{}}
			byEnv[key] = e
			w.envs = append(w.envs, e)
		}
		s.env = e
		e.stacks = append(e.stacks, s)
		w.stacks = append(w.stacks, s)
	}
	w.findCycles()
	for _, e := range w.envs {
		e.index()
	}
	return w
}

// read parses the template and fills Paths from the resources' metadata
// when the caller gave none.
func (s *stack) read() {
	if err := json.Unmarshal(s.Template, &s.tpl); err != nil {
		s.readErr = fmt.Errorf("the template is not JSON: %v", err)
		return
	}
	if s.tpl == nil {
		s.readErr = errors.New("the template is not a JSON object")
		return
	}
	fill := len(s.Paths) == 0
	if fill {
		s.Paths = map[string]string{}
	}
	resources, _ := s.tpl["Resources"].(map[string]any)
	s.res = make(map[string]*resource, len(resources))
	for id, v := range resources {
		raw, _ := v.(map[string]any)
		typ, _ := raw["Type"].(string)
		props, _ := raw["Properties"].(map[string]any)
		if props == nil {
			props = map[string]any{}
		}
		if fill {
			meta, _ := raw["Metadata"].(map[string]any)
			if path, ok := meta["aws:cdk:path"].(string); ok {
				s.Paths[id] = path
			}
		}
		s.res[id] = &resource{stack: s, ID: id, Type: typ, Props: props, raw: raw}
		s.ids = append(s.ids, id)
	}
	sort.Strings(s.ids)
	for id, r := range s.res {
		r.Path = s.Paths[id]
	}
}

// index resolves what rules look up across the env's stacks: the scopes
// that resolve intrinsics, the log groups created and the metrics that
// metric filters publish.
func (e *env) index() {
	var readable []cwsim.Stack
	for _, s := range e.stacks {
		if s.readErr == nil && !s.cyclic {
			readable = append(readable, cwsim.Stack{Name: s.Name, Account: s.Account, Region: s.Region, Template: s.Template})
		}
	}
	scopes, err := cwsim.NewScopes(readable)
	if err != nil {
		// A template that is JSON but not of a template's shape (a
		// resource's Properties not an object): resolve in the others.
		var good []cwsim.Stack
		for _, st := range readable {
			if _, err := cwsim.NewScopes([]cwsim.Stack{st}); err == nil {
				good = append(good, st)
			}
		}
		scopes, _ = cwsim.NewScopes(good)
	}
	e.scopes = scopes
	for _, s := range e.stacks {
		for _, id := range s.ids {
			r := s.res[id]
			switch r.Type {
			case "AWS::Logs::LogGroup":
				if name, ok := r.text(r.Props["LogGroupName"]); ok {
					e.logGroups[name] = r
				}
			case "AWS::Logs::MetricFilter":
				ns, ok1 := r.text(r.get("MetricTransformations", 0, "MetricNamespace"))
				name, ok2 := r.text(r.get("MetricTransformations", 0, "MetricName"))
				if ok1 && ok2 {
					k := metricKey{ns, name}
					e.filterMetrics[k] = append(e.filterMetrics[k], r)
				}
			}
		}
	}
}

// envOf names an env in messages: "account 111111111111, eu-west-1".
func (e *env) String() string {
	account, region := e.account, e.region
	if account == "" {
		account = "(the CLI's)"
	}
	if region == "" {
		region = "(the CLI's region)"
	}
	return "account " + account + ", " + region
}
