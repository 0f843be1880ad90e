package drill

import (
	"encoding/json"
	"fmt"
	"github.com/eventwatch/eventwatch/internal/assembly"
	"path"
	"sort"
	"strings"
)

// The CloudFormation types a drill sets the state of.
const (
	typeAlarm          = "AWS::CloudWatch::Alarm"
	typeCompositeAlarm = "AWS::CloudWatch::CompositeAlarm"
)

// alarm is one alarm of a synthesized stack.
type alarm struct {
	Stack       string // the CloudFormation stack name
	StackRegion string // the stack's region from the assembly's manifest; empty when unknown
	Logical     string // the logical ID in the template
	Type        string // typeAlarm or typeCompositeAlarm
	Name        string // the AlarmName, a literal string
	// ActionsDisabled: the template sets ActionsEnabled to false, so the
	// alarm notifies nobody and a drill of it pages no one.
	ActionsDisabled bool
}

func (a alarm) String() string {
	return fmt.Sprintf("%s (%s %s %s)", a.Name, a.Stack, a.Logical, a.Type)
}

// skipped is an alarm a drill cannot address, and why.
type skipped struct {
	Stack, Logical, Type, Reason string
}

func (s skipped) String() string {
	return fmt.Sprintf("%s: %s (%s): %s; skipped", s.Stack, s.Logical, s.Type, s.Reason)
}

// template is the part of a CloudFormation template a drill reads.
type template struct {
	Resources map[string]struct {
		Type       string                     `json:"Type"`
		Properties map[string]json.RawMessage `json:"Properties"`
	} `json:"Resources"`
}

// environmentAlarms reads the alarms and composite alarms of env's stacks
// in dir whose names match only (a path.Match glob; "" matches all),
// sorted by stack, type (metric alarms first) and name, and the alarms
// without a literal name.
func environmentAlarms(dir, env, only string) ([]alarm, []skipped, error) {
	stacks, err := assembly.Read(dir)
	if err != nil {
		return nil, nil, err
	}
	var names []string
	var alarms []alarm
	var skips []skipped
	for _, s := range stacks {
		if !assembly.InEnvironment(s.Name, env) {
			continue
		}
		names = append(names, s.Name)
		a, sk, err := stackAlarms(s)
		if err != nil {
			return nil, nil, err
		}
		alarms = append(alarms, a...)
		skips = append(skips, sk...)
	}
	if len(names) == 0 {
		return nil, nil, fmt.Errorf("%s: no stack of environment %q (<app>-%s, <app>-%s-<name>); run make synth ENV=%s", dir, env, env, env, env)
	}
	if len(alarms) == 0 && len(skips) == 0 {
		return nil, nil, fmt.Errorf("stacks %s: no %s or %s to drill", strings.Join(names, ", "), typeAlarm, typeCompositeAlarm)
	}
	if only != "" {
		kept := alarms[:0]
		for _, a := range alarms {
			if ok, _ := path.Match(only, a.Name); ok {
				kept = append(kept, a)
			}
		}
		if len(kept) == 0 {
			return nil, nil, fmt.Errorf("stacks %s: no alarm name matches --only %q", strings.Join(names, ", "), only)
		}
		alarms, skips = kept, nil // an unnamed alarm cannot match a name
	}
	sort.SliceStable(alarms, func(i, j int) bool {
		a, b := alarms[i], alarms[j]
		if a.Stack != b.Stack {
			return a.Stack < b.Stack
		}
		if a.Type != b.Type {
			return a.Type == typeAlarm
		}
		return a.Name < b.Name
	})
	return alarms, skips, nil
}

// stackAlarms reads the alarms of one stack's template.
func stackAlarms(s assembly.Stack) ([]alarm, []skipped, error) {
	var t template
	if err := json.Unmarshal(s.Body, &t); err != nil {
		return nil, nil, fmt.Errorf("stack %s: %s is not a CloudFormation template: %w", s.Name, s.File, err)
	}
	var alarms []alarm
	var skips []skipped
	for logical, r := range t.Resources {
		if r.Type != typeAlarm && r.Type != typeCompositeAlarm {
			continue
		}
		nameRaw, ok := r.Properties["AlarmName"]
		if !ok {
			skips = append(skips, skipped{s.Name, logical, r.Type, "no AlarmName (CloudFormation generates one, unknown before the deploy)"})
			continue
		}
		var name string
		if err := json.Unmarshal(nameRaw, &name); err != nil || name == "" {
			skips = append(skips, skipped{s.Name, logical, r.Type, "AlarmName is not a literal string: " + compact(nameRaw)})
			continue
		}
		alarms = append(alarms, alarm{Stack: s.Name, StackRegion: s.Region, Logical: logical, Type: r.Type, Name: name,
			ActionsDisabled: actionsDisabled(r.Properties["ActionsEnabled"])})
	}
	sort.Slice(skips, func(i, j int) bool { return skips[i].Logical < skips[j].Logical })
	return alarms, skips, nil
}

// actionsDisabled reads ActionsEnabled: false (or "false"); absent means
// enabled, CloudFormation's default.
func actionsDisabled(raw json.RawMessage) bool {
	var b bool
	if json.Unmarshal(raw, &b) == nil {
		return !b
	}
	var s string
	return json.Unmarshal(raw, &s) == nil && strings.EqualFold(s, "false")
}

// maxShown bounds how much of an unresolved AlarmName an error quotes.
const maxShown = 120

func compact(raw json.RawMessage) string {
	s := strings.Join(strings.Fields(string(raw)), " ")
	if len(s) > maxShown {
		s = s[:maxShown] + "..."
	}
	return s
}
