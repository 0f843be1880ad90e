package appconfig

import (
	"errors"
	"fmt"
	"strings"
)

// SelectEnvironments reads the environments chosen with `-c env=...`: a
// comma-separated list of environment names, each at most once. An empty
// selection is every environment. The names come back in the order given.
// Every problem of the selection is reported, one a line, an unknown name
// with the closest environment's name.
func (c *Config) SelectEnvironments(sel string) ([]string, error) {
	if strings.TrimSpace(sel) == "" {
		return c.EnvironmentNames(), nil
	}
	flag := "-c env=" + cut(sel)
	var out []string
	var problems []error
	seen := map[string]bool{}
	for _, name := range strings.Split(sel, ",") {
		name = strings.TrimSpace(name)
		switch {
		case name == "":
			problems = append(problems, fmt.Errorf("%s: an empty environment name; expected a comma-separated list of %s", flag, strings.Join(c.EnvironmentNames(), ", ")))
		case seen[name]:
			if _, ok := c.Environment(name); ok { // an unknown one is reported once
				problems = append(problems, fmt.Errorf("%s: environment %s is selected twice; expected each environment at most once", flag, quote(name)))
			}
		default:
			if _, ok := c.Environment(name); !ok {
				problems = append(problems, fmt.Errorf("%s: unknown environment %s; %s", flag, quote(name), didYouMean(name, c.EnvironmentNames())))
			}
			seen[name] = true
			out = append(out, name)
		}
	}
	if len(problems) > 0 {
		return nil, errors.Join(problems...)
	}
	return out, nil
}
