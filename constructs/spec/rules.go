package spec

import (
	"math"
	"strconv"
)

// The rules below run before each Validate's own: limits counted in
// characters where AWS counts characters, names checked against each
// resource's pattern, values echoed cut to MaxEchoedValue, and range checks
// that must come before any arithmetic on the values. Values that are CDK
// tokens are skipped, as aws-cdk-lib does. Each adds every problem it finds
// to ps; a field it reports is not reported again by Validate's own checks.

func (d *LogGroupProps) checkRules(ps *Problems) {
	if !IsUnresolved(d.LogGroupName) && chars(d.LogGroupName) > MaxLogGroupNameLength {
		ps.Add(fieldErr("logGroupName", "%s is %d characters; CloudWatch allows at most %d", echo(d.LogGroupName), chars(d.LogGroupName), MaxLogGroupNameLength))
	}
	ps.Add(validateTags(d.Tags))
	for i, id := range d.MaskedDataIdentifiers {
		ps.Add(checkDataIdentifier(indexField("maskedDataIdentifiers", i), id))
	}
	if len(d.MaskedDataIdentifiers) > 0 && !ClassFeatures(d.Class).DataProtection && d.Class != "" {
		if _, known := LogClasses[d.Class]; known {
			ps.Add(fieldErr("maskedDataIdentifiers", "needs data protection, which the %s log group class does not support; use the STANDARD class or remove the identifiers", d.Class))
		}
	}
}

func (p *AlertTopicProps) checkRules(ps *Problems) {
	if IsUnresolved(p.NamePrefix) {
		ps.Add(validateTags(p.Tags))
		return
	}
	if n := chars(p.displayName(Critical)); n > MaxTopicDisplayNameLength {
		ps.Add(fieldErr("namePrefix", "%s makes topic display names of %d characters; SNS allows at most %d", echo(p.NamePrefix), n, MaxTopicDisplayNameLength))
	}
	p.checkTopicNames(ps)
	ps.Add(validateTags(p.Tags))
	p.checkEndpointRegions(ps)
	p.checkDuplicateEndpoints(ps)
}

func (d *EventAlarmProps) checkRules(ps *Problems) {
	if !IsUnresolved(d.AlarmName) {
		if n := chars(d.AlarmName); n > MaxAlarmNameLength {
			ps.Add(fieldErr("alarmName", "%s is %d characters; CloudWatch allows at most %d", echo(d.AlarmName), n, MaxAlarmNameLength))
		}
		ps.Add(checkAlarmName(d.AlarmName))
	}
	if !IsUnresolvedNumber(d.Threshold) && !math.IsNaN(d.Threshold) && math.Abs(d.Threshold) > MaxMetricMagnitude {
		ps.Add(fieldErr("threshold", "%g is out of range; CloudWatch accepts -2^360 to 2^360", d.Threshold))
	}
	if !IsUnresolvedInt(d.PeriodSeconds) && d.PeriodSeconds > MaxPeriodSeconds {
		ps.Add(fieldErr("period", "%ds is longer than a day; CloudWatch allows at most %ds", d.PeriodSeconds, MaxPeriodSeconds))
	}
	if desc := d.description(); !IsUnresolved(desc) {
		if n := chars(desc); n > MaxAlarmDescriptionLen {
			ps.Add(fieldErr("description", "with the runbook link is %d characters; CloudWatch allows at most %d", n, MaxAlarmDescriptionLen))
		}
	}
	ps.Add(validateTags(d.Tags))
}

func (d *EventMetricProps) checkRules(ps *Problems) {
	if !IsUnresolved(d.FilterPattern) {
		if n := chars(d.FilterPattern); n > MaxFilterPatternLength {
			ps.Add(fieldErr("pattern", "is %d characters; CloudWatch allows at most %d", n, MaxFilterPatternLength))
		}
	}
	if v := d.DefaultValue; v != nil && !IsUnresolvedNumber(*v) && (math.IsNaN(*v) || math.IsInf(*v, 0) || math.Abs(*v) > MaxMetricMagnitude) {
		ps.Add(fieldErr("defaultValue", "%g is not a metric value; CloudWatch accepts finite numbers from -2^360 to 2^360", *v))
	}
}

func (p *SavedQueryProps) checkRules(ps *Problems) {
	if IsUnresolved(p.Name) {
		return
	}
	ps.Add(checkQueryName(p.Name))
	if n := chars(p.QueryString); n > MaxQueryStringLength {
		ps.Add(fieldErr("queryString", "is %d characters; CloudWatch allows at most %d", n, MaxQueryStringLength))
	}
}

func indexField(name string, i int) string {
	return name + "[" + strconv.Itoa(i) + "]"
}
