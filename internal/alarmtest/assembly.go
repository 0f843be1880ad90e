package alarmtest

import (
	"fmt"
	"sort"
	"strings"

	"github.com/eventwatch/eventwatch/cwsim"
	"github.com/eventwatch/eventwatch/internal/assembly"
)

// Assembly is a cloud assembly (or a directory of templates) whose
// environments scenarios run on; each environment's model is read once.
type Assembly struct {
	Dir    string
	stacks []assembly.Stack
	models map[string]*cwsim.Model
}

// OpenAssembly reads the stacks of dir (cdk.out, or test/golden).
func OpenAssembly(dir string) (*Assembly, error) {
	stacks, err := assembly.Read(dir)
	if err != nil {
		return nil, err
	}
	return &Assembly{Dir: dir, stacks: stacks, models: map[string]*cwsim.Model{}}, nil
}

// Model is the simulation model of env's stacks.
func (a *Assembly) Model(env string) (*cwsim.Model, error) {
	if m, ok := a.models[env]; ok {
		return m, nil
	}
	var selected []cwsim.Stack
	for _, s := range a.stacks {
		if assembly.InEnvironment(s.Name, env) {
			selected = append(selected, cwsim.Stack{Name: s.Name, Account: s.Account, Region: s.Region, Template: s.Body})
		}
	}
	if len(selected) == 0 {
		return nil, fmt.Errorf("%s holds no stack of environment %q; it has %s", a.Dir, env, strings.Join(a.Environments(), ", "))
	}
	m, err := cwsim.Load(selected)
	if err != nil {
		return nil, err
	}
	a.models[env] = m
	return m, nil
}

// Environments are the names the assembly's stacks suggest (<app>-<env>),
// for error messages.
func (a *Assembly) Environments() []string {
	seen := map[string]bool{}
	for _, s := range a.stacks {
		if _, env, ok := strings.Cut(s.Name, "-"); ok {
			env, _, _ = strings.Cut(env, "-")
			seen[env] = true
		}
	}
	out := make([]string, 0, len(seen))
	for e := range seen {
		out = append(out, e)
	}
	sort.Strings(out)
	return out
}
