package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/eventwatch/eventwatch/cwsim"
	"github.com/eventwatch/eventwatch/internal/appconfig"
)

// checkWiring checks, per environment, that every alarm of the synthesized
// templates watches a metric that is published (cwsim.Model.CheckWiring):
// an alarm on a metric nobody publishes, or on an AWS metric without the
// dimension that names its resource, fails the synth; an alarm notifying a
// topic without subscribers is a warning on warn.
func checkWiring(cfg *appconfig.Config, proposed map[string][]byte, warn io.Writer) error {
	byEnv := map[string][]cwsim.Stack{}
	for name, body := range proposed {
		env := cfg.StackEnvironment(name)
		e, ok := cfg.Environment(env)
		if !ok {
			continue // a deploy-role stack: no alarm
		}
		byEnv[env] = append(byEnv[env], cwsim.Stack{Name: name, Account: e.Account, Region: e.Region, Template: body})
	}
	var problems []string
	for _, env := range cfg.EnvironmentNames() {
		if len(byEnv[env]) == 0 {
			continue
		}
		model, err := cwsim.Load(byEnv[env])
		if err != nil {
			return fmt.Errorf("environment %s: %w", env, err)
		}
		for _, p := range model.CheckWiring() {
			if p.Warning {
				fmt.Fprintf(warn, "eventwatch: warning: %s\n", p)
				continue
			}
			problems = append(problems, p.String())
		}
	}
	if len(problems) == 0 {
		return nil
	}
	sort.Strings(problems)
	return fmt.Errorf("alarms that cannot work as synthesized:\n%s", strings.Join(problems, "\n"))
}
