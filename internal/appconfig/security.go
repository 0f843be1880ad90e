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

// MaxPublishingAlarmChars bounds the alarm names an environment's topic and
// key policies list one by one: SNS allows a topic policy of 30,720
// characters and KMS a key policy of 32,768, and each name becomes an ARN
// of about 60 more characters.
const MaxPublishingAlarmChars = 12000

// publishingAlarms are the alarms that may publish to the environment's
// alert topics: every alarm of its stacks by its exact name (alarm names
// are unique in an account and region, so no other alarm matches), or,
// when those would not fit the policies (MaxPublishingAlarmChars), one
// pattern per service, "<env>-<service>-*".
func (c *Config) publishingAlarms(env string, stacks []StackPlan) []string {
	var names []string
	size := 0
	for _, st := range stacks {
		for _, it := range st.Items {
			if name := it.alarmName(); name != "" {
				names = append(names, name)
				size += len(name) + publishingAlarmArnChars
			}
		}
	}
	if size <= MaxPublishingAlarmChars {
		return names
	}
	out := make([]string, len(c.Services.Services))
	for i, svc := range c.Services.Services {
		out[i] = AlarmNamePattern(env, svc.Name)
	}
	return out
}

// publishingAlarmArnChars is the length an alarm ARN adds to its name in a
// policy: "arn:aws:cloudwatch:<region>:<account>:alarm:" and the JSON around it.
const publishingAlarmArnChars = 60

// alarmName is the CloudWatch name of the alarm an item creates, or "".
func (it Item) alarmName() string {
	switch {
	case it.Alarm != nil:
		return it.Alarm.AlarmName
	case it.LogAlarm != nil:
		return it.LogAlarm.AlarmName
	case it.Silence != nil:
		return it.Silence.AlarmName
	case it.Composite != nil:
		return it.Composite.AlarmName
	}
	return ""
}
