package cfnrules

import "sort"

// nameRules check the names AWS keeps unique, at the scope it keeps them
// unique in: a second resource of the same name fails to create. Only
// names known before deploy are compared (a generated name is unique).
// Saved Logs Insights queries are left out on purpose: CloudWatch Logs
// does not keep their names unique (PutQueryDefinition without an ID
// creates a new query), so two may share one.
var nameRules = []setRule{
	{ID: "names-dashboard", Source: srcPutDashboard, Check: func(w *world, ps *problems) {
		// Dashboards are global: one name per account, across regions.
		uniqueNames(w, ps, byAccount, "dashboard", "CloudWatch keeps dashboard names unique per account, across regions",
			namedBy("AWS::CloudWatch::Dashboard", "DashboardName"))
	}},
	{ID: "names-alarm", Source: srcPutMetricAlarm, Check: func(w *world, ps *problems) {
		uniqueNames(w, ps, byEnv, "alarm", "metric, composite and log alarms share one name space, unique per account and region",
			namedBy("AWS::CloudWatch::Alarm", "AlarmName"), namedBy("AWS::CloudWatch::CompositeAlarm", "AlarmName"), namedBy("AWS::CloudWatch::LogAlarm", "AlarmName"))
	}},
	{ID: "names-log-group", Source: srcLogGroups, Check: func(w *world, ps *problems) {
		uniqueNames(w, ps, byEnv, "log group", "CloudWatch Logs keeps log group names unique per account and region",
			namedBy("AWS::Logs::LogGroup", "LogGroupName"))
	}},
	{ID: "names-topic", Source: srcCreateTopic, Check: func(w *world, ps *problems) {
		uniqueNames(w, ps, byEnv, "topic", "SNS keeps topic names unique per account and region",
			namedBy("AWS::SNS::Topic", "TopicName"))
	}},
	{ID: "names-queue", Source: srcQueue, Check: func(w *world, ps *problems) {
		uniqueNames(w, ps, byEnv, "queue", "SQS keeps queue names unique per account and region",
			namedBy("AWS::SQS::Queue", "QueueName"))
	}},
	{ID: "names-function", Source: srcFunction, Check: func(w *world, ps *problems) {
		uniqueNames(w, ps, byEnv, "function", "Lambda keeps function names unique per account and region",
			namedBy("AWS::Lambda::Function", "FunctionName"))
	}},
	{ID: "names-role", Source: srcRole, Check: func(w *world, ps *problems) {
		// IAM is global: one role name per account.
		uniqueNames(w, ps, byAccount, "role", "IAM keeps role names unique per account, across regions",
			namedBy("AWS::IAM::Role", "RoleName"))
	}},
	{ID: "names-oidc-provider", Source: srcOIDCProvider, Check: func(w *world, ps *problems) {
		uniqueNames(w, ps, byAccount, "OpenID Connect provider", "IAM keeps one provider per URL in an account",
			namedBy("AWS::IAM::OIDCProvider", "Url"))
	}},
	{ID: "names-metric-filter", Source: srcPutMetricFilter, Check: func(w *world, ps *problems) {
		// A filter's name is unique in its log group.
		uniqueNames(w, ps, byEnv, "metric filter", "CloudWatch Logs keeps filter names unique per log group",
			func(r *resource) (string, bool) {
				if r.Type != "AWS::Logs::MetricFilter" {
					return "", false
				}
				name, ok1 := r.textAt("FilterName")
				group, ok2 := r.textAt("LogGroupName")
				return group + " " + name, ok1 && ok2
			})
	}},
	{ID: "names-stack", Source: srcCFNQuotas, Check: func(w *world, ps *problems) {
		for _, e := range w.envs {
			seen := map[string]bool{}
			for _, s := range e.stacks {
				if seen[s.Name] {
					ps.addStack(s, "", "another stack of %s has the name %s; CloudFormation keeps stack names unique per account and region", e, echo(s.Name))
				}
				seen[s.Name] = true
			}
		}
	}},
	{ID: "names-export", Source: srcOutputs, Check: func(w *world, ps *problems) {
		for _, e := range w.envs {
			first := map[string]string{}
			for _, s := range sortedStacks(e.stacks) {
				outputs, _ := s.tpl["Outputs"].(map[string]any)
				for _, name := range sortedKeys(outputs) {
					r := &resource{stack: s, ID: "", Props: map[string]any{}}
					export, ok := r.text(get(outputs[name], "Export", "Name"))
					if !ok {
						continue
					}
					at := s.Name + " output " + name
					if prev, taken := first[export]; taken {
						ps.addStack(s, "Outputs."+name+".Export.Name", "exports %s, as %s does; CloudFormation keeps export names unique per account and region", echo(export), prev)
						continue
					}
					first[export] = at
				}
			}
		}
	}},
}

// scope says what a name is unique in: the account (IAM, dashboards) or
// the account and region.
type scope int

const (
	byEnv scope = iota
	byAccount
)

// uniqueNames reports each resource whose name (as nameOf gives it, for
// the resources it knows) an earlier resource of the scope has; resources
// are taken in stack name and logical ID order.
func uniqueNames(w *world, ps *problems, sc scope, what, why string, nameOf ...func(*resource) (string, bool)) {
	groups := map[string][]*stack{}
	var keys []string
	for _, e := range w.envs {
		key := e.account + "\x00" + e.region
		if sc == byAccount {
			key = e.account
		}
		if _, ok := groups[key]; !ok {
			keys = append(keys, key)
		}
		groups[key] = append(groups[key], e.stacks...)
	}
	for _, key := range keys {
		first := map[string]*resource{}
		for _, s := range sortedStacks(groups[key]) {
			for _, id := range s.ids {
				r := s.res[id]
				for _, f := range nameOf {
					name, ok := f(r)
					if !ok {
						continue
					}
					if prev, taken := first[name]; taken {
						ps.add(r, "", "has the %s name %s, as %s/%s does; %s", what, echo(name), prev.stack.Name, prev.ID, why)
						continue
					}
					first[name] = r
				}
			}
		}
	}
}

// namedBy gives the name of resources of one type, from one property.
func namedBy(typ, prop string) func(*resource) (string, bool) {
	return func(r *resource) (string, bool) {
		if r.Type != typ {
			return "", false
		}
		return r.textAt(prop)
	}
}

func sortedStacks(stacks []*stack) []*stack {
	out := append([]*stack(nil), stacks...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
