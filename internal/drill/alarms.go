package drill

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// templateSuffix ends every template file in cdk.out.
const templateSuffix = ".template.json"

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

// stackFile is one synthesized stack's template.
type stackFile struct {
	Name, Region, File string
}

// manifest is the part of cdk.out/manifest.json that names the stacks.
type manifest struct {
	Artifacts map[string]struct {
		Type        string `json:"type"`
		Environment string `json:"environment"` // aws://ACCOUNT/REGION
		Properties  struct {
			TemplateFile string `json:"templateFile"`
			StackName    string `json:"stackName"`
		} `json:"properties"`
	} `json:"artifacts"`
}

// readStacks lists the stacks of a cloud assembly directory: from its
// manifest.json when there is one (with their regions), otherwise every
// <stack>.template.json, named by its file.
func readStacks(dir string) ([]stackFile, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if errors.Is(err, fs.ErrNotExist) {
		files, err := filepath.Glob(filepath.Join(dir, "*"+templateSuffix))
		if err != nil {
			return nil, err
		}
		if len(files) == 0 {
			if _, statErr := os.Stat(dir); statErr != nil {
				return nil, fmt.Errorf("%s: %w; run make synth ENV=<env> first", dir, statErr)
			}
			return nil, fmt.Errorf("%s: no *%s; expected synthesized templates (make synth ENV=<env>)", dir, templateSuffix)
		}
		stacks := make([]stackFile, 0, len(files))
		for _, f := range files {
			stacks = append(stacks, stackFile{Name: strings.TrimSuffix(filepath.Base(f), templateSuffix), File: f})
		}
		return stacks, nil
	}
	if err != nil {
		return nil, err
	}
	var m manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("%s: not a cloud assembly manifest: %w", filepath.Join(dir, "manifest.json"), err)
	}
	var stacks []stackFile
	for id, a := range m.Artifacts {
		if a.Type != "aws:cloudformation:stack" {
			continue
		}
		name := a.Properties.StackName
		if name == "" {
			name = id
		}
		stacks = append(stacks, stackFile{Name: name, Region: regionOf(a.Environment), File: filepath.Join(dir, a.Properties.TemplateFile)})
	}
	sort.Slice(stacks, func(i, j int) bool { return stacks[i].Name < stacks[j].Name })
	return stacks, nil
}

// regionOf takes the region of an aws://ACCOUNT/REGION environment; empty
// for an environment-agnostic stack (unknown-region).
func regionOf(env string) string {
	parts := strings.Split(strings.TrimPrefix(env, "aws://"), "/")
	if len(parts) != 2 || strings.HasPrefix(parts[1], "unknown-") {
		return ""
	}
	return parts[1]
}

// inEnvironment reports whether a stack named <app>-<env> or
// <app>-<env>-<name> belongs to env (the rule of cmd/stackdiff).
func inEnvironment(stack, env string) bool {
	return strings.HasSuffix(stack, "-"+env) || strings.Contains(stack, "-"+env+"-")
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
	stacks, err := readStacks(dir)
	if err != nil {
		return nil, nil, err
	}
	var names []string
	var alarms []alarm
	var skips []skipped
	for _, s := range stacks {
		if !inEnvironment(s.Name, env) {
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
func stackAlarms(s stackFile) ([]alarm, []skipped, error) {
	raw, err := os.ReadFile(s.File)
	if err != nil {
		return nil, nil, fmt.Errorf("stack %s: %w", s.Name, err)
	}
	var t template
	if err := json.Unmarshal(raw, &t); err != nil {
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
