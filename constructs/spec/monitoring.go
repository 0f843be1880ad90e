package spec

import (
	"fmt"
	"regexp"
	"slices"
)

// Defaults and limits of dashboards, composite, silence and anomaly alarms.
const (
	// DefaultAnomalyStdDevs is the width of an anomaly detection band, in
	// standard deviations, as aws-cdk-lib's default.
	DefaultAnomalyStdDevs = 2
	// DefaultAnomalyComparison alarms on either side of the band.
	DefaultAnomalyComparison = "LessThanLowerOrGreaterThanUpperThreshold"
	// DefaultSilenceSeverity: a service that stopped logging may be down.
	DefaultSilenceSeverity = Critical
	// MaxDashboardNameLength: CloudWatch dashboard names, [A-Za-z0-9_-].
	MaxDashboardNameLength = 255
	// MinSilenceSeconds: IncomingLogEvents is a one-minute metric.
	MinSilenceSeconds = 60
	// MaxAlarmsPerWidget: an alarm status widget shows 1 to 100 alarms
	// (the dashboard body's "alarms": "1-100 ARNs"); a service with more
	// gets several widgets (AlarmWidgets).
	MaxAlarmsPerWidget = 100
)

// AlarmWidgets splits n alarms into alarm status widgets of at most
// MaxAlarmsPerWidget each, in order, and titles them: title alone for one
// widget, "title (1/2)", "title (2/2)" for several. bounds[i] is the end
// (exclusive) of widget i's alarms; none for no alarm.
func AlarmWidgets(title string, n int) (titles []string, bounds []int) {
	widgets := (n + MaxAlarmsPerWidget - 1) / MaxAlarmsPerWidget
	for i := range widgets {
		t := title
		if widgets > 1 {
			t = fmt.Sprintf("%s (%d/%d)", title, i+1, widgets)
		}
		titles = append(titles, t)
		bounds = append(bounds, min(n, (i+1)*MaxAlarmsPerWidget))
	}
	return titles, bounds
}

// ValidAnomalyComparisons are the comparison operators of an anomaly detection alarm.
var ValidAnomalyComparisons = []string{"LessThanLowerOrGreaterThanUpperThreshold", "GreaterThanUpperThreshold", "LessThanLowerThreshold"}

var dashboardName = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// CheckDashboardName checks a dashboard name against CloudWatch's rule:
// 1 to 255 characters of A-Z, a-z, 0-9, '-' and '_'.
func CheckDashboardName(field, name string) error {
	if IsUnresolved(name) {
		return nil
	}
	if name == "" || len(name) > MaxDashboardNameLength || !dashboardName.MatchString(name) {
		return fieldErr(field, "%s must be 1 to %d characters of A-Z, a-z, 0-9, '-' and '_' (CloudWatch's rule for dashboard names)", echo(name), MaxDashboardNameLength)
	}
	return nil
}

// DashboardProps configures a service's or an environment's dashboard.
type DashboardProps struct {
	// DashboardName follows CheckDashboardName. Required.
	DashboardName string
	// Title heads the dashboard. Default: the dashboard name.
	Title string
	// Description is shown under the title. Default: none.
	Description string
	// Owner is shown under the title. Default: none.
	Owner string
	// Links are runbook URLs shown under the title. Default: none.
	Links []string
}

// Validate checks the dashboard name.
func (p *DashboardProps) Validate() error {
	return CheckDashboardName("dashboardName", p.DashboardName)
}

// ResourceCount is the dashboard.
func (p *DashboardProps) ResourceCount() int { return 1 }

// CompositeAlarmProps configures a service's composite alarm: ALARM when any
// of its member alarms is in ALARM, so that a page names the service once.
type CompositeAlarmProps struct {
	// AlarmName follows the rules of alarm names. Required.
	AlarmName string
	// Description says what happened and what to do first. Default: none.
	Description string
	// RunbookURL is appended to the description. Default: none.
	RunbookURL string
	// Members are the names of the alarms it watches, at least one. Required.
	Members []string
	// Severity routes its notifications. Default: Critical.
	Severity Severity
	// ActionsDisabled keeps it silent, for development environments. Default: false.
	ActionsDisabled bool
}

// Validate checks the name, the members and the description.
func (p *CompositeAlarmProps) Validate() error {
	a := EventAlarmProps{AlarmName: p.AlarmName, Description: p.Description, RunbookURL: p.RunbookURL, Threshold: 1, Severity: p.Severity}
	var ps Problems
	ps.Add(a.ValidateWithoutMetric())
	if len(p.Members) == 0 {
		ps.Add(fieldErr("alarms", "a composite alarm needs at least one alarm to watch"))
	}
	return ps.Err()
}

// ResourceCount is the composite alarm.
func (p *CompositeAlarmProps) ResourceCount() int { return 1 }

// SilenceAlarmProps configures an alarm on a log group that receives no
// events for a while: a crashed service logs nothing, not even errors.
type SilenceAlarmProps struct {
	// AlarmName follows the rules of alarm names. Required.
	AlarmName string
	// LogGroupName is the log group watched. Required.
	LogGroupName string
	// AfterSeconds without any event raise the alarm: a multiple of 60 up to a day. Required.
	AfterSeconds int
	// Description says what happened and what to do first. Default: none.
	Description string
	// RunbookURL is appended to the description. Default: none.
	RunbookURL string
	// Severity routes its notifications. Default: DefaultSilenceSeverity.
	Severity Severity
	// ActionsDisabled keeps it silent, for development environments. Default: false.
	ActionsDisabled bool
	// Tags are added to the alarm. Default: none.
	Tags map[string]string
}

// Validate checks the period and the alarm's own rules.
// AfterSeconds may be UnresolvedInt, a token, which skips the period check.
func (p *SilenceAlarmProps) Validate() error {
	var ps Problems
	if !IsUnresolvedInt(p.AfterSeconds) && (p.AfterSeconds < MinSilenceSeconds || p.AfterSeconds%60 != 0 || p.AfterSeconds > MaxPeriodSeconds) {
		ps.Add(fieldErr("after", "%ds is not a silence period; expected a whole number of minutes from 1m to 24h (IncomingLogEvents is a one-minute metric, and an alarm period is at most a day)", p.AfterSeconds))
	}
	a := EventAlarmProps{AlarmName: p.AlarmName, Description: p.Description, RunbookURL: p.RunbookURL, Threshold: 1, Severity: p.Severity, Tags: p.Tags}
	ps.Add(a.ValidateWithoutMetric())
	return ps.Err()
}

// ResourceCount is the alarm.
func (p *SilenceAlarmProps) ResourceCount() int { return 1 }

// checkAnomaly checks an anomaly detection alarm's band and comparison.
func (d *EventAlarmProps) checkAnomaly() error {
	if d.AnomalyStdDevs == 0 {
		if slices.Contains(ValidAnomalyComparisons, d.Comparison) {
			return fieldErr("comparison", "%s compares with an anomaly detection band; set anomaly, or use one of %s", d.Comparison, joinValues(ValidComparisons))
		}
		return nil
	}
	if !IsUnresolvedNumber(d.AnomalyStdDevs) && (d.AnomalyStdDevs < 0 || d.AnomalyStdDevs > MaxMetricMagnitude) {
		return fieldErr("anomaly.stdDevs", "%g is not a band width; expected a positive number of standard deviations", d.AnomalyStdDevs)
	}
	return oneOf("anomaly.side", d.Comparison, ValidAnomalyComparisons)
}
