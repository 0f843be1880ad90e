package appconfig

import (
	"fmt"
	"slices"

	"github.com/eventwatch/eventwatch/constructs/spec"
)

// Compliance profiles: the cdk-nag rule packs an environment may be held to
// (Environment.Compliance), each named as in the config.
const (
	ComplianceNIST80053R5 = "nist-800-53-r5"
	ComplianceHIPAA       = "hipaa"
	CompliancePCIDSS      = "pci-dss"
)

// ComplianceProfiles lists the profiles the config accepts.
var ComplianceProfiles = []string{ComplianceNIST80053R5, ComplianceHIPAA, CompliancePCIDSS}

// checkSecurity checks an environment's key access and compliance profiles.
func checkSecurity(e NamedEnvironment) ErrorList {
	d := e.doc
	var errs ErrorList
	for field, arns := range map[string][]string{"keyAdministrators": e.KeyAdministrators, "keyUsers": e.KeyUsers} {
		for i, arn := range arns {
			if err := spec.CheckKeyAccess(field, []string{arn}, nil); err != nil {
				errs = append(errs, d.at(fmt.Sprintf("%s[%d]", field, i), "%s", fieldMsg(err)))
			}
		}
	}
	if len(e.KeyUsers) > 0 && len(e.KeyAdministrators) == 0 {
		errs = append(errs, d.at("keyUsers", "needs keyAdministrators: without them the account administers the keys through IAM, and grants their use the same way"))
	}
	for i, profile := range e.Compliance {
		switch {
		case !slices.Contains(ComplianceProfiles, profile):
			errs = append(errs, d.at(fmt.Sprintf("compliance[%d]", i), "%s is not a compliance profile; expected one of %s", quote(profile), listNames(ComplianceProfiles)))
		case slices.Index(e.Compliance, profile) < i:
			errs = append(errs, d.at(fmt.Sprintf("compliance[%d]", i), "%s is listed twice", quote(profile)))
		case !e.EncryptLogs:
			errs = append(errs, d.at(fmt.Sprintf("compliance[%d]", i), "%s requires every log group encrypted with a KMS key: set encryptLogs: true", quote(profile)))
		}
	}
	slices.SortFunc(errs, func(a, b *Error) int { return a.Line - b.Line })
	return errs
}

// keyAccess is an environment's key access as the constructs take it.
func (e NamedEnvironment) keyAccess() spec.KeyAccess {
	return spec.KeyAccess{Administrators: e.KeyAdministrators, Users: e.KeyUsers}
}

// logKeyAccess is the key access of the environment's log group keys:
// none when its log groups are not encrypted.
func (e NamedEnvironment) logKeyAccess() spec.KeyAccess {
	if !e.EncryptLogs {
		return spec.KeyAccess{}
	}
	return e.keyAccess()
}

// alarmNamePatterns match every alarm of the environment's services, and
// no other, so that only they may publish to its alert topics.
func (c *Config) alarmNamePatterns(env string) []string {
	out := make([]string, len(c.Services.Services))
	for i, svc := range c.Services.Services {
		out[i] = AlarmNamePattern(env, svc.Name)
	}
	return out
}
