package test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"
	"github.com/eventwatch/eventwatch/internal/appconfig"
)

// compliancePacks are the cdk-nag packs of each compliance profile an
// environment may name, with the prefix of their rule IDs.
var compliancePacks = map[string]struct {
	rulePrefix string
	pack       func(*cdknag.NagPackProps) awscdk.IAspect
}{
	appconfig.ComplianceNIST80053R5: {"NIST.800.53.R5-", func(p *cdknag.NagPackProps) awscdk.IAspect { return cdknag.NewNIST80053R5Checks(p) }},
	appconfig.ComplianceHIPAA:       {"HIPAA.Security-", func(p *cdknag.NagPackProps) awscdk.IAspect { return cdknag.NewHIPAASecurityChecks(p) }},
	appconfig.CompliancePCIDSS:      {"PCI.DSS.321-", func(p *cdknag.NagPackProps) awscdk.IAspect { return cdknag.NewPCIDSS321Checks(p) }},
}

// addCompliancePacks runs the packs of an environment's compliance
// profiles on one of its stacks.
func addCompliancePacks(stack awscdk.Stack, profiles []string) {
	for _, profile := range profiles {
		props := &cdknag.NagPackProps{Reports: jsii.Bool(false), Verbose: jsii.Bool(true), LogIgnores: jsii.Bool(true)}
		awscdk.Aspects_Of(stack).Add(compliancePacks[profile].pack(props), nil)
	}
}

// Every profile the config accepts has a pack here.
func TestEveryComplianceProfileHasAPack(t *testing.T) {
	for _, profile := range appconfig.ComplianceProfiles {
		if _, ok := compliancePacks[profile]; !ok {
			t.Errorf("compliance profile %s has no cdk-nag pack in compliancePacks", profile)
		}
	}
}

// The stacks of an environment with compliance profiles report no
// unsuppressed error or warning of those packs, and the packs ran: a stack
// whose profiles logged nothing at all (not even a suppressed finding or a
// passing rule's silence) would mean the packs were never added, so the
// test checks that each profile is in the example config at all.
func TestComplianceProfilesPass(t *testing.T) {
	profiled := 0
	for _, stack := range allStacks() {
		profiles := synthesized.compliance[stack]
		if len(profiles) > 0 {
			profiled++
		}
		for _, profile := range profiles {
			prefix := compliancePacks[profile].rulePrefix
			for path, entries := range synthesized.metadata[stack] {
				for _, e := range entries {
					msg := fmt.Sprint(e.Data)
					if (e.Type == "aws:cdk:error" || e.Type == "aws:cdk:warning") && strings.Contains(msg, prefix) {
						t.Errorf("%s (compliance %s) %s: %s", stack, profile, path, firstLine(msg))
					}
				}
			}
		}
	}
	if profiled == 0 {
		t.Fatal("no environment of the example config names a compliance profile: the packs ran on nothing")
	}
}
