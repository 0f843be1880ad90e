package spec

import (
	"math"
	"strconv"
)

// The rules below run before each Validate's own: limits counted in
// characters where AWS counts characters, names checked against each
// resource's pattern, values echoed cut to MaxEchoedValue, and range checks
// that must come before any arithmetic on the values. Values that are CDK
// tokens are skipped, as aws-cdk-lib does.

func (d *LogGroupProps) checkRules() error {
	if !IsUnresolved(d.LogGroupName) && chars(d.LogGroupName) > MaxLogGroupNameLength {
		return fieldErr("logGroupName", "%s is %d characters; CloudWatch allows at most %d", echo(d.LogGroupName), chars(d.LogGroupName), MaxLogGroupNameLength)
	}
	if err := validateTags(d.Tags); err != nil {
		return err
	}
	for i, id := range d.MaskedDataIdentifiers {
		if err := checkDataIdentifier(indexField("maskedDataIdentifiers", i), id); err != nil {
			return err
		}
	}
	if len(d.MaskedDataIdentifiers) > 0 && !ClassFeatures(d.Class).DataProtection && d.Class != "" {
		if _, known := LogClasses[d.Class]; known {
			return fieldErr("maskedDataIdentifiers", "needs data protection, which the %s log group class does not support; use the STANDARD class or remove the identifiers", d.Class)
		}
	}
	return nil
}

func (p *AlertTopicProps) checkRules() error {
	if IsUnresolved(p.NamePrefix) {
		return validateTags(p.Tags)
	}
	if n := chars(p.displayName(Critical)); n > MaxTopicDisplayNameLength {
		return fieldErr("namePrefix", "%s makes topic display names of %d characters; SNS allows at most %d", echo(p.NamePrefix), n, MaxTopicDisplayNameLength)
	}
	if err := p.checkTopicNames(); err != nil {
		return err
	}
	if err := validateTags(p.Tags); err != nil {
		return err
	}
	if err := p.checkEndpointRegions(); err != nil {
		return err
	}
	return p.checkDuplicateEndpoints()
}

func (d *EventAlarmProps) checkRules() error {
	if !IsUnresolved(d.AlarmName) {
		if n := chars(d.AlarmName); n > MaxAlarmNameLength {
			return fieldErr("alarmName", "%s is %d characters; CloudWatch allows at most %d", echo(d.AlarmName), n, MaxAlarmNameLength)
		}
		if err := checkAlarmName(d.AlarmName); err != nil {
			return err
		}
	}
	if !IsUnresolvedNumber(d.Threshold) && !math.IsNaN(d.Threshold) && math.Abs(d.Threshold) > MaxMetricMagnitude {
		return fieldErr("threshold", "%g is out of range; CloudWatch accepts -2^360 to 2^360", d.Threshold)
	}
	if d.PeriodSeconds > MaxPeriodSeconds {
		return fieldErr("period", "%ds is longer than a day; CloudWatch allows at most %ds", d.PeriodSeconds, MaxPeriodSeconds)
	}
	if desc := d.description(); !IsUnresolved(desc) {
		if n := chars(desc); n > MaxAlarmDescriptionLen {
			return fieldErr("description", "with the runbook link is %d characters; CloudWatch allows at most %d", n, MaxAlarmDescriptionLen)
		}
	}
	return validateTags(d.Tags)
}

func (d *EventMetricProps) checkRules() error {
	if !IsUnresolved(d.FilterPattern) {
		if n := chars(d.FilterPattern); n > MaxFilterPatternLength {
			return fieldErr("pattern", "is %d characters; CloudWatch allows at most %d", n, MaxFilterPatternLength)
		}
	}
	if v := d.DefaultValue; v != nil && !IsUnresolvedNumber(*v) && (math.IsNaN(*v) || math.IsInf(*v, 0) || math.Abs(*v) > MaxMetricMagnitude) {
		return fieldErr("defaultValue", "%g is not a metric value; CloudWatch accepts finite numbers from -2^360 to 2^360", *v)
	}
	return nil
}

func (p *SavedQueryProps) checkRules() error {
	if IsUnresolved(p.Name) {
		return nil
	}
	if err := checkQueryName(p.Name); err != nil {
		return err
	}
	if n := chars(p.QueryString); n > MaxQueryStringLength {
		return fieldErr("queryString", "is %d characters; CloudWatch allows at most %d", n, MaxQueryStringLength)
	}
	return nil
}

func indexField(name string, i int) string {
	return name + "[" + strconv.Itoa(i) + "]"
}
