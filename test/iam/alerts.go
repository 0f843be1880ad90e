package iam

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/eventwatch/eventwatch/internal/appconfig"
)

// Who may page: CloudWatch notifies an alarm's SNS topics as the service
// principal cloudwatch.amazonaws.com, with the alarm's ARN and account as
// aws:SourceArn and aws:SourceAccount. A service principal has no identity
// policies: IAM (and iam-simulate's DefaultServiceAuthorizer) allows its
// call when the resource's policy allows it and nothing denies it, in its
// own account as in any other. To a KMS-encrypted topic, the publisher also
// needs kms:GenerateDataKey and kms:Decrypt on the topic's key, which the
// key policy grants (the same context keys reach KMS). AlertPublishing
// evaluates those three calls for every alarm with a topic action, and for
// the alarms that must not page through them (AlertCase).

// CloudWatchPrincipal is the service principal alarms notify as.
const CloudWatchPrincipal = "cloudwatch.amazonaws.com"

// AlertActions are the calls a notification of an encrypted topic makes;
// an unencrypted topic's, sns:Publish only.
var AlertActions = []string{"sns:Publish", "kms:GenerateDataKey", "kms:Decrypt"}

// foreignAccount is an account that holds none of the environments.
const foreignAccount = "999999999999"

// Topic is an SNS topic of the templates.
type Topic struct {
	Arn, Stack, Account, Region string
	// Policy is the topic policy (AWS::SNS::TopicPolicy), nil without one.
	Policy any
	// KeyID is KmsMasterKeyId as the template resolves, "" unencrypted.
	KeyID string
}

// Alarm is a CloudWatch alarm of the templates (Alarm, CompositeAlarm,
// LogAlarm) and the topics its actions notify.
type Alarm struct {
	Stack, ID, Type, Name, Account, Region string
	// Topics are the SNS topics of AlarmActions, OKActions and
	// InsufficientDataActions, each once.
	Topics []string
	// ActionsEnabled is false when the alarm notifies no one (dev); its
	// topics must still accept it.
	ActionsEnabled bool
}

// Arn is the alarm's ARN.
func (a Alarm) Arn() string { return alarmArn(a.Region, a.Account, a.Name) }

func alarmArn(region, account, name string) string {
	return "arn:" + partition + ":cloudwatch:" + region + ":" + account + ":alarm:" + name
}

// topic is the topic of an ARN, created on first use (a topic policy may
// come before its topic).
func (w *World) topic(arn string) *Topic {
	t, ok := w.Topics[arn]
	if !ok {
		t = &Topic{Arn: arn}
		w.Topics[arn] = t
	}
	return t
}

// alarm reads an alarm resource. Without AlarmName, CloudFormation
// generates <stack>-<logical ID>-<suffix>, which the simulation writes so.
func (w *World) alarm(r *resolver, id string, prop func(string) (any, error)) (Alarm, error) {
	a := Alarm{Stack: r.stack, ID: id, Type: r.tmpl.Resources[id].Type, Account: r.pseudo["AWS::AccountId"], Region: r.pseudo["AWS::Region"], ActionsEnabled: true}
	name, err := prop("AlarmName")
	if err != nil {
		return a, err
	}
	a.Name = r.stack + "-" + id + "-1A2B3C4D5E6F"
	if name != nil {
		a.Name = fmt.Sprint(name)
	}
	if enabled, err := prop("ActionsEnabled"); err != nil {
		return a, err
	} else if enabled != nil && fmt.Sprint(enabled) == "false" {
		a.ActionsEnabled = false
	}
	for _, key := range []string{"AlarmActions", "OKActions", "InsufficientDataActions"} {
		actions, err := prop(key)
		if err != nil {
			return a, err
		}
		for _, v := range asList(actions) {
			arn := fmt.Sprint(v)
			if strings.HasPrefix(arn, "arn:"+w.Partition+":sns:") && !slices.Contains(a.Topics, arn) {
				a.Topics = append(a.Topics, arn)
			}
		}
	}
	return a, nil
}

// topicKey is the ARN of the topic's key among the templates' keys, ""
// for an unencrypted topic. KmsMasterKeyId may be the key's ARN or ID.
func (w *World) topicKey(t *Topic) (string, error) {
	if t.KeyID == "" {
		return "", nil
	}
	for _, arn := range []string{t.KeyID, "arn:" + w.Partition + ":kms:" + t.Region + ":" + t.Account + ":key/" + t.KeyID} {
		if _, ok := w.Keys[arn]; ok {
			return arn, nil
		}
	}
	return "", fmt.Errorf("its key %s is no key of the templates (an alias, or an AWS managed key, whose policy CloudWatch cannot use)", t.KeyID)
}

// AlertDesign is the design of cfg's environments for AlertPublishing:
// each environment's stacks and their templates, by stack name; no
// delivery path (no github section needed).
func AlertDesign(cfg *appconfig.Config, templates map[string][]byte) (*Design, error) {
	d := &Design{App: cfg.Services.App, StackTemplates: map[string][]byte{}}
	for _, name := range cfg.EnvironmentNames() {
		e, _ := cfg.Environment(name)
		env := Environment{Name: name, Account: e.Account, Region: e.Region}
		plans, err := cfg.Plan(name)
		if err != nil {
			return nil, err
		}
		for _, p := range plans {
			body, ok := templates[p.StackName]
			if !ok {
				return nil, fmt.Errorf("no template of the stack %s", p.StackName)
			}
			env.Stacks = append(env.Stacks, p.StackName)
			d.StackTemplates[p.StackName] = body
		}
		d.Environments = append(d.Environments, env)
	}
	sort.Slice(d.Environments, func(i, j int) bool { return d.Environments[i].Name < d.Environments[j].Name })
	return d, nil
}

// alertWorld holds the environments' keys, topics, topic policies and
// alarms.
func (d *Design) alertWorld() (*World, error) {
	w := newWorld(partition)
	for _, e := range d.Environments {
		for _, stack := range e.Stacks {
			var t template
			if err := json.Unmarshal(d.StackTemplates[stack], &t); err != nil {
				return nil, fmt.Errorf("%s: %w", stack, err)
			}
			if err := w.addTemplate(t, stack, e.Account, e.Region, nil, "AWS::KMS::Key", "AWS::SNS::Topic", "AWS::SNS::TopicPolicy",
				"AWS::CloudWatch::Alarm", "AWS::CloudWatch::CompositeAlarm", "AWS::CloudWatch::LogAlarm"); err != nil {
				return nil, err
			}
		}
	}
	return w, nil
}

// AlertCase is who asks CloudWatch to notify a topic.
type AlertCase string

const (
	// OwnAlarm is an alarm of the templates with the topic in its actions.
	OwnAlarm AlertCase = "own alarm"
	// OtherApplication is an alarm of another application in the
	// topic's account and region: other-app-<the alarm's name>.
	OtherApplication AlertCase = "other application"
	// OtherAccount is an alarm of the same name in another account.
	OtherAccount AlertCase = "other account"
	// OtherRegion is an alarm of the same name in another region of the
	// topic's account.
	OtherRegion AlertCase = "other region"
	// NoSourceArn is a request without aws:SourceArn.
	NoSourceArn AlertCase = "no SourceArn"
	// OtherEnvironment is an alarm of another environment, named as that
	// environment names it, as if it shared the topic's account and region.
	OtherEnvironment AlertCase = "other environment"
)

// alertCases are the columns of AlertTable, OtherEnvironment apart.
var alertCases = []AlertCase{OwnAlarm, OtherApplication, OtherAccount, OtherRegion, NoSourceArn}

// AlertResult is the decision on one call of a notification.
type AlertResult struct {
	// Env is the topic's environment; From the alarm's (Env but for
	// OtherEnvironment).
	Env, From string
	Case      AlertCase
	// Alarm is the name of the templates' alarm the case starts from.
	Alarm string
	// SourceArn and SourceAccount are the request's context ("" unset).
	SourceArn, SourceAccount string
	Topic                    string
	// Action and Resource are the call: the topic, or its key.
	Action, Resource string
	Allowed, Want    bool
	// Why is the evaluator's decision when denied.
	Why string
	// Err is why the call could not be evaluated.
	Err string
}

// Unexpected reports whether the decision is not the one wanted.
func (r AlertResult) Unexpected() bool { return r.Err != "" || r.Allowed != r.Want }

func decision(allowed bool) string {
	if allowed {
		return "allowed"
	}
	return "denied"
}

// String is the result as a failing test reports it.
func (r AlertResult) String() string {
	src := "no aws:SourceArn"
	if r.SourceArn != "" {
		src = "aws:SourceArn " + r.SourceArn
	}
	s := fmt.Sprintf("%s: %s (%s alarm %s): %s %s on %s with %s, aws:SourceAccount %s", r.Env, r.Case, r.From, r.Alarm, CloudWatchPrincipal, r.Action, r.Resource, src, r.SourceAccount)
	if r.Err != "" {
		return s + ": " + r.Err
	}
	s += ": " + decision(r.Allowed)
	if r.Why != "" {
		s += " (" + r.Why + ")"
	}
	return s + ", want " + decision(r.Want)
}

// AlertPublishing evaluates, in every environment of d, for every alarm
// with a topic action and each of its topics: CloudWatch notifying the
// topic for the alarm (allowed), and for an alarm of another application,
// of another account, of another region and without aws:SourceArn
// (denied); and for every other environment's alarms, each topic of the
// environment (denied). root is the repository.
func AlertPublishing(root string, d *Design) ([]AlertResult, error) {
	w, err := d.alertWorld()
	if err != nil {
		return nil, err
	}
	envOf := map[string]Environment{}
	for _, e := range d.Environments {
		for _, s := range e.Stacks {
			envOf[s] = e
		}
	}
	b := &batch{index: map[string]int{}}
	type pending struct {
		result AlertResult
		req    int
	}
	var calls []pending
	ask := func(r AlertResult, topic string) {
		r.Topic = topic
		t, ok := w.Topics[topic]
		if !ok || t.Stack == "" {
			r.Action, r.Resource, r.Err = "sns:Publish", topic, "the topic is in no template: its policy is unknown"
			calls = append(calls, pending{r, -1})
			return
		}
		key, keyErr := w.topicKey(t)
		for _, action := range AlertActions {
			r := r
			r.Action, r.Resource = action, topic
			policy := t.Policy
			if strings.HasPrefix(action, "kms:") {
				if t.KeyID == "" {
					continue
				}
				if keyErr != nil {
					r.Resource, r.Err = t.KeyID, "topic "+topic+": "+keyErr.Error()
					calls = append(calls, pending{r, -1})
					continue
				}
				r.Resource, policy = key, w.Keys[key].Policy
			}
			// CloudWatch calls SNS and KMS over HTTPS.
			ctx := map[string]string{"aws:SecureTransport": "true", "aws:SourceAccount": r.SourceAccount}
			if r.SourceArn != "" {
				ctx["aws:SourceArn"] = r.SourceArn
			}
			calls = append(calls, pending{r, b.add(request{Principal: CloudWatchPrincipal, Action: action, Resource: r.Resource,
				Account: accountOf(r.Resource, t.Account), Region: t.Region, Partition: partition, ResourcePolicy: policy, Context: ctx})})
		}
	}
	alarmsOf := func(e Environment) []Alarm {
		var out []Alarm
		for _, a := range w.Alarms {
			if envOf[a.Stack].Name == e.Name && len(a.Topics) > 0 {
				out = append(out, a)
			}
		}
		return out
	}
	for _, e := range d.Environments {
		for _, a := range alarmsOf(e) {
			for _, topic := range a.Topics {
				base := AlertResult{Env: e.Name, From: e.Name, Alarm: a.Name}
				for _, c := range []struct {
					kind            AlertCase
					source, account string
					want            bool
				}{
					{OwnAlarm, a.Arn(), a.Account, true},
					{OtherApplication, alarmArn(a.Region, a.Account, "other-app-"+a.Name), a.Account, false},
					{OtherAccount, alarmArn(a.Region, foreignAccount, a.Name), foreignAccount, false},
					{OtherRegion, alarmArn(anotherRegion(a.Region), a.Account, a.Name), a.Account, false},
					{NoSourceArn, "", a.Account, false},
				} {
					r := base
					r.Case, r.SourceArn, r.SourceAccount, r.Want = c.kind, c.source, c.account, c.want
					ask(r, topic)
				}
			}
		}
		var topics []string
		for arn, t := range w.Topics {
			if envOf[t.Stack].Name == e.Name {
				topics = append(topics, arn)
			}
		}
		sort.Strings(topics)
		for _, o := range d.Environments {
			if o.Name == e.Name {
				continue
			}
			for _, a := range alarmsOf(o) {
				for _, topic := range topics {
					ask(AlertResult{Env: e.Name, From: o.Name, Case: OtherEnvironment, Alarm: a.Name,
						SourceArn: alarmArn(e.Region, e.Account, a.Name), SourceAccount: e.Account}, topic)
				}
			}
		}
	}
	responses, err := evaluate(root, b.requests)
	if err != nil {
		return nil, err
	}
	out := make([]AlertResult, 0, len(calls))
	for _, c := range calls {
		r := c.result
		if c.req >= 0 {
			resp := responses[c.req]
			switch {
			case resp.Error != "":
				r.Err = resp.Error
			case ignoredKeys(resp.Ignored, []string{"aws:SourceArn", "aws:SourceAccount"}) != "":
				r.Err = "the evaluator ignored " + ignoredKeys(resp.Ignored, []string{"aws:SourceArn", "aws:SourceAccount"})
			}
			r.Allowed = resp.Decision == "Allowed"
			if !r.Allowed {
				r.Why = resp.Decision
			}
		}
		out = append(out, r)
	}
	return out, nil
}

// Tally counts the allowed and denied calls of results, and gives the
// results whose decision is not the one wanted.
func Tally(results []AlertResult) (allowed, denied int, unexpected []AlertResult) {
	for _, r := range results {
		if r.Unexpected() {
			unexpected = append(unexpected, r)
		}
		if r.Allowed {
			allowed++
		} else {
			denied++
		}
	}
	return allowed, denied, unexpected
}

// AlertTable is the results as tables: each alarm with a topic action and
// its topic, by case; then each other environment's alarm, by topic. A
// cell is "allowed" or "denied" when every call agrees (sns:Publish, and
// kms:GenerateDataKey and kms:Decrypt on an encrypted topic), else each
// call's decision; "!" marks a decision not the one wanted.
func AlertTable(results []AlertResult) string {
	type row struct{ env, from, alarm, topic string }
	cells := map[row]map[AlertCase][]AlertResult{}
	var rows []row
	for _, r := range results {
		k := row{r.Env, r.From, r.Alarm, r.Topic}
		if r.Case == OtherEnvironment {
			k.topic = ""
		}
		if cells[k] == nil {
			cells[k] = map[AlertCase][]AlertResult{}
			rows = append(rows, k)
		}
		cells[k][r.Case] = append(cells[k][r.Case], r)
	}
	var sb strings.Builder
	tw := tabwriter.NewWriter(&sb, 0, 0, 2, ' ', 0)
	header := []string{"env", "alarm", "topic"}
	for _, c := range alertCases {
		header = append(header, string(c))
	}
	fmt.Fprintln(tw, strings.Join(header, "\t"))
	for _, k := range rows {
		if k.env != k.from {
			continue
		}
		line := []string{k.env, k.alarm, topicName(k.topic)}
		for _, c := range alertCases {
			line = append(line, cell(cells[k][c]))
		}
		fmt.Fprintln(tw, strings.Join(line, "\t"))
	}
	fmt.Fprintln(tw, "\t\t\t\t\t\t\t")
	fmt.Fprintln(tw, "env\talarm of another environment, in env's account and region\ttopics")
	for _, k := range rows {
		if k.env == k.from {
			continue
		}
		byTopic := map[string][]AlertResult{}
		var topics []string
		for _, r := range cells[k][OtherEnvironment] {
			if byTopic[r.Topic] == nil {
				topics = append(topics, r.Topic)
			}
			byTopic[r.Topic] = append(byTopic[r.Topic], r)
		}
		var parts []string
		for _, t := range topics {
			parts = append(parts, topicName(t)+": "+cell(byTopic[t]))
		}
		fmt.Fprintf(tw, "%s\t%s (%s)\t%s\n", k.env, k.alarm, k.from, strings.Join(parts, "; "))
	}
	tw.Flush()
	return sb.String()
}

// cell is the decision on the calls of a case.
func cell(rs []AlertResult) string {
	if len(rs) == 0 {
		return "-"
	}
	mark := func(r AlertResult) string {
		if r.Unexpected() {
			return "!"
		}
		return ""
	}
	same, marks := true, ""
	for _, r := range rs {
		same = same && r.Allowed == rs[0].Allowed && r.Err == ""
		marks += mark(r)
	}
	if same {
		if marks != "" {
			return decision(rs[0].Allowed) + "!"
		}
		return decision(rs[0].Allowed)
	}
	var parts []string
	for _, r := range rs {
		d := decision(r.Allowed)
		if r.Err != "" {
			d = "error"
		}
		parts = append(parts, r.Action+" "+d+mark(r))
	}
	return strings.Join(parts, ", ")
}

// topicName is the name in a topic's ARN.
func topicName(arn string) string { return arn[strings.LastIndex(arn, ":")+1:] }
