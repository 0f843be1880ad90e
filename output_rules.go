package main

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/internal/assembly"
	"github.com/eventwatch/eventwatch/internal/cfnrules"
)

// checkRules checks the synthesized templates as CloudFormation and
// CloudWatch will see them (internal/cfnrules: each property's pattern and
// range, service limits, name uniqueness at AWS's scope, ARNs, log class
// features, evaluation windows, alarm wiring), and reports each problem at
// the config line its resource comes from (the origins the stacks record
// in the cloud assembly, beside the template), else at its construct path.
// What deploys but pages nobody (an alarm on a topic without subscribers)
// is a warning on warn.
func checkRules(dir string, cfg *appconfig.Config, proposed map[string][]byte, warn io.Writer) error {
	var stacks []cfnrules.Stack
	meta := map[string]assembly.Metadata{}
	places := stackPlaces(cfg)
	for _, name := range slices.Sorted(maps.Keys(proposed)) {
		md, err := assembly.ReadMetadata(dir, name, appconfig.OriginMetadataType)
		if err != nil {
			return err
		}
		meta[name] = md
		p := places[name]
		stacks = append(stacks, cfnrules.Stack{Name: name, Account: p.account, Region: p.region, Template: proposed[name], Paths: md.Paths})
	}
	found, warnings := cfnrules.CheckWithWarnings(stacks)
	for _, p := range warnings {
		fmt.Fprintf(warn, "eventwatch: warning: %s\n", describeRuleProblem(p, meta[p.Stack].Origin(p.LogicalID)))
	}
	var lines []string
	for _, p := range found {
		lines = append(lines, describeRuleProblem(p, meta[p.Stack].Origin(p.LogicalID)))
	}
	if len(lines) == 0 {
		return nil
	}
	sort.Strings(lines)
	return fmt.Errorf("what CloudFormation or CloudWatch would refuse, or an alarm that cannot work, in the synthesized templates:\n%s", strings.Join(lines, "\n"))
}

// describeRuleProblem puts the config origin first, as a config error:
// "config/services.yaml:80: services[1].ratios[0]: eventwatch-prod/AlarmX
// (AWS::CloudWatch::Alarm) Period: ... [rule]".
func describeRuleProblem(p cfnrules.Problem, origin string) string {
	if origin == "" {
		return p.String() + " (" + p.Source + ")"
	}
	return origin + ": " + p.String() + " (" + p.Source + ")"
}

// place is where a stack deploys, and its environment ("" for a
// deploy-role stack).
type place struct{ account, region, env string }

// stackPlaces are the places of the config's stacks by name: those of
// every environment's plan (planned once each), and the deploy-role stacks.
func stackPlaces(cfg *appconfig.Config) map[string]place {
	out := map[string]place{}
	for _, env := range cfg.EnvironmentNames() {
		plans, err := cfg.Plan(env)
		if err != nil {
			continue
		}
		for _, p := range plans {
			out[p.StackName] = place{p.Account, p.Region, env}
		}
	}
	for _, p := range cfg.DeployStacks() {
		out[p.StackName] = place{account: p.Account, region: p.Region}
	}
	return out
}
