package appconfig

import (
	"fmt"
	"strings"
)

// SelectEnvironments reads the environments chosen with `-c env=...`: a
// comma-separated list of environment names, each at most once. An empty
// selection is every environment. The names come back in the order given.
func (c *Config) SelectEnvironments(sel string) ([]string, error) {
	if strings.TrimSpace(sel) == "" {
		return c.EnvironmentNames(), nil
	}
	flag := "-c env=" + cut(sel)
	var out []string
	seen := map[string]bool{}
	for _, name := range strings.Split(sel, ",") {
		name = strings.TrimSpace(name)
		switch {
		case name == "":
			return nil, fmt.Errorf("%s: an empty environment name; expected a comma-separated list of %s", flag, strings.Join(c.EnvironmentNames(), ", "))
		case seen[name]:
			return nil, fmt.Errorf("%s: environment %s is selected twice; expected each environment at most once", flag, quote(name))
		}
		if _, ok := c.Environment(name); !ok {
			return nil, fmt.Errorf("%s: unknown environment %s; the config has %s", flag, quote(name), strings.Join(c.EnvironmentNames(), ", "))
		}
		seen[name] = true
		out = append(out, name)
	}
	return out, nil
}
