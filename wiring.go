package main

import (
	"fmt"
	"io"

	"github.com/eventwatch/eventwatch/cwsim"
	"github.com/eventwatch/eventwatch/internal/appconfig"
)

// warnUnsubscribed warns, per environment, of each alarm that notifies a
// topic without a subscriber: it deploys and evaluates, and pages nobody
// (cwsim.Model.CheckWiring's warnings; its errors are checkRules').
func warnUnsubscribed(cfg *appconfig.Config, proposed map[string][]byte, warn io.Writer) {
	byEnv := map[string][]cwsim.Stack{}
	places := stackPlaces(cfg)
	for name, body := range proposed {
		if p := places[name]; p.env != "" {
			byEnv[p.env] = append(byEnv[p.env], cwsim.Stack{Name: name, Account: p.account, Region: p.region, Template: body})
		}
	}
	for _, env := range cfg.EnvironmentNames() {
		if len(byEnv[env]) == 0 {
			continue
		}
		model, err := cwsim.Load(byEnv[env])
		if err != nil {
			continue // checkRules has reported what cwsim cannot read
		}
		for _, p := range model.CheckWiring() {
			if p.Warning {
				fmt.Fprintf(warn, "eventwatch: warning: %s\n", p)
			}
		}
	}
}
