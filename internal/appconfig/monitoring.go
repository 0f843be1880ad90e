package appconfig

import (
	"fmt"
	"strings"

	"github.com/eventwatch/eventwatch/constructs/spec"
)

// The alarms and dashboards that watch a service as a whole: ratio
// alarms, silence detection, the composite alarm that pages once per
// service, and the dashboards.

// Anomaly bands' sides in the config, and the comparison each means.
var anomalySides = map[string]string{
	"both":  "LessThanLowerOrGreaterThanUpperThreshold",
	"above": "GreaterThanUpperThreshold",
	"below": "LessThanLowerThreshold",
}

// AlarmName is "<env>-<service>-<severity>-<what>", so that a list of
// alarms sorts by environment, service and severity.
func AlarmName(env, service string, sev spec.Severity, what string) string {
	return env + "-" + service + "-" + string(sev) + "-" + what
}

// AlarmNamePattern matches every name AlarmName gives a service's alarms
// in env: "<env>-<service>-*".
func AlarmNamePattern(env, service string) string {
	return env + "-" + service + "-*"
}

// DashboardName is "<app>-<env>-<service>", or "<app>-<env>" for the
// environment's summary (service "").
func DashboardName(app, env, service string) string {
	if service == "" {
		return app + "-" + env
	}
	return app + "-" + env + "-" + service
}

// alarmText says what happened, in which environment and service, and,
// without a runbook (which the alarm appends as its first step), where to
// look first.
func (c *Config) alarmText(e NamedEnvironment, svc Service, sev spec.Severity, what, runbook string) string {
	if what == "" {
		what = "the alarm's threshold was crossed."
	}
	text := fmt.Sprintf("%s %s (%s): %s", e.Name, svc.Name, sev, what)
	if runbook != "" {
		return text
	}
	lg := c.logGroupName(svc.Name, e.Name)
	if e.Dashboards == nil || *e.Dashboards {
		return text + " First step: open the dashboard " + DashboardName(c.Services.App, e.Name, svc.Name) + ", then query the log group " + lg + " in Logs Insights."
	}
	return text + " First step: query the log group " + lg + " in Logs Insights."
}

// anomalyBand is the band width and comparison of an anomaly alarm.
func anomalyBand(a Anomaly) (float64, string) {
	width := a.StdDevs
	if width == 0 {
		width = spec.DefaultAnomalyStdDevs
	}
	side := a.Side
	if side == "" {
		side = "both"
	}
	return width, anomalySides[side]
}

// monitoringItems adds to a service's items its ratio alarms, its silence
// alarm and its composite alarm, and routes the critical alarms the
// composite alarm watches to the warning topic.
func (c *Config) monitoringItems(i int, e NamedEnvironment, items []Item) []Item {
	svc := c.Services.Services[i]
	for k, r := range svc.Ratios {
		base := fmt.Sprintf("services[%d].ratios[%d]", i, k)
		it := c.alarmItem(svc.Name+"-"+r.Name, base, svc, r.Name, r.Description, &r.Alarm, spec.EventMetricProps{}, e)
		it.Ratio = &RatioOf{Numerator: svc.Name + "-" + r.Numerator, Denominator: svc.Name + "-" + r.Denominator}
		items = append(items, it)
	}
	items = append(items, c.logAlarmItems(i, e)...)
	if sil, ok := c.silence(i, e); ok {
		items = append(items, sil)
	}
	var critical []int
	for k, it := range items {
		if it.Alarm != nil && it.Alarm.Severity == spec.Critical || it.Silence != nil && it.Silence.Severity == spec.Critical {
			critical = append(critical, k)
		}
	}
	enabled := len(critical) >= 2
	if svc.CompositeAlarm != nil {
		enabled = *svc.CompositeAlarm && len(critical) > 0
	}
	if !enabled {
		return items
	}
	composite := &spec.CompositeAlarmProps{
		AlarmName:       AlarmName(e.Name, svc.Name, spec.Critical, "service"),
		Description:     c.alarmText(e, svc, spec.Critical, "at least one critical alarm of the service is in ALARM; the alarms on its dashboard say which.", svc.Runbook),
		RunbookURL:      svc.Runbook,
		Severity:        spec.Critical,
		ActionsDisabled: e.AlarmActions != nil && !*e.AlarmActions,
	}
	for _, k := range critical {
		items[k].Notify = spec.Warning
		if items[k].Alarm != nil {
			composite.Members = append(composite.Members, items[k].Alarm.AlarmName)
		} else {
			composite.Members = append(composite.Members, items[k].Silence.AlarmName)
		}
	}
	src := source{doc: c.services, base: fmt.Sprintf("services[%d]", i), fields: map[string]string{"alarmName": "name", "description": "compositeAlarm"}}
	if svc.Runbook != "" {
		src.fields["description"] = "runbook"
	}
	return append(items, Item{Name: svc.Name, Service: svc.Name, Composite: composite, Notify: spec.Critical, src: src})
}

// silence resolves the silence alarm of service i: the environment's
// setting, overridden field by field by the service's.
func (c *Config) silence(i int, e NamedEnvironment) (Item, bool) {
	svc := c.Services.Services[i]
	var after, severity string
	enabled := false
	doc, field := e.doc, "silence.after"
	if s := e.Silence; s != nil {
		after, severity, enabled = s.After, s.Severity, s.Enabled == nil || *s.Enabled
	}
	if s := svc.Silence; s != nil {
		enabled = s.Enabled == nil || *s.Enabled
		if s.After != "" {
			after, doc, field = s.After, c.services, fmt.Sprintf("services[%d].silence.after", i)
		}
		if s.Severity != "" {
			severity = s.Severity
		}
	}
	if !enabled || after == "" {
		return Item{}, false
	}
	sev := spec.Severity(severity)
	if sev == "" {
		sev = spec.DefaultSilenceSeverity
	}
	seconds, err := parsePeriod(after)
	lg := c.logGroupName(svc.Name, e.Name)
	sil := &spec.SilenceAlarmProps{
		AlarmName:    AlarmName(e.Name, svc.Name, sev, "silence"),
		LogGroupName: lg,
		AfterSeconds: seconds,
		Description: c.alarmText(e, svc, sev, fmt.Sprintf("the log group %s received no log event for %s: the service may be down, or unable to log.", lg, after),
			svc.Runbook),
		RunbookURL:      svc.Runbook,
		Severity:        sev,
		ActionsDisabled: e.AlarmActions != nil && !*e.AlarmActions,
		Tags:            map[string]string{"service": svc.Name, "owner": c.owner(svc)},
	}
	src := source{doc: doc, fields: map[string]string{"after": "@" + field, "alarmName": "@" + field}, other: map[string]*document{"@" + field: doc}, periodErr: err, periodProp: "after"}
	src.fields["description"] = runbookField(c.services, &src, fmt.Sprintf("services[%d]", i), "", "", svc.Runbook, "@"+field)
	return Item{Name: svc.Name, Service: svc.Name, Silence: sil, Notify: sev, src: src}, true
}

// dashboardItem is service i's dashboard, with the saved queries on its log group.
func (c *Config) dashboardItem(i int, e NamedEnvironment, stackItems []Item) Item {
	svc := c.Services.Services[i]
	d := &spec.DashboardProps{
		DashboardName: DashboardName(c.Services.App, e.Name, svc.Name),
		Title:         svc.Name + " (" + e.Name + ")",
		Description:   svc.Description,
		Owner:         c.owner(svc),
	}
	if svc.Runbook != "" {
		d.Links = append(d.Links, svc.Runbook)
	}
	it := Item{Name: svc.Name, Service: svc.Name, Dashboard: d, src: source{doc: c.services, base: fmt.Sprintf("services[%d]", i), fields: map[string]string{"dashboardName": "name"}}}
	for _, q := range c.Services.Queries {
		for _, name := range q.LogGroups {
			if name != svc.Name {
				continue
			}
			_, language, _ := c.QueryFile(q.File)
			text, _ := c.QueryText(q.File)
			names := make([]string, len(q.LogGroups))
			for k, s := range q.LogGroups {
				names[k] = c.logGroupName(s, e.Name)
			}
			it.DashboardQueries = append(it.DashboardQueries, spec.SavedQueryProps{Name: q.File, QueryString: text, QueryLanguage: language, LogGroupNames: names})
		}
	}
	for _, q := range c.logEventQueries(i, e.Name) {
		it.DashboardQueries = append(it.DashboardQueries, *q.Query)
	}
	return it
}

// summaryItem is the environment's dashboard of every service's alarms.
func (c *Config) summaryItem(e NamedEnvironment) Item {
	return Item{Summary: true, Dashboard: &spec.DashboardProps{
		DashboardName: DashboardName(c.Services.App, e.Name, ""),
		Title:         c.Services.App + " " + e.Name + ": every service",
		Description:   "The alarms of each service; a service's composite alarm, when it has one, comes first.",
		Owner:         c.Services.Owner,
	}, src: source{doc: e.doc}}
}

// checkMonitoringRules checks anomaly alarms, ratios, silence detection and
// composite alarms, with the line of each problem.
func (c *Config) checkMonitoringRules() ErrorList {
	d := c.services
	var errs ErrorList
	for i, svc := range c.Services.Services {
		p := fmt.Sprintf("services[%d]", i)
		// events maps the names of the service's events to their index, and
		// of its ratios and log alarms to -1.
		events := map[string]int{}
		for j, ev := range svc.Events {
			events[ev.Name] = j
			if ev.Alarm != nil {
				errs = append(errs, checkAnomaly(d, fmt.Sprintf("%s.events[%d].alarm", p, j), ev.Alarm)...)
			}
		}
		critical := 0
		for _, ev := range svc.Events {
			if ev.Alarm != nil && ev.Alarm.Severity == string(spec.Critical) {
				critical++
			}
		}
		for k, r := range svc.Ratios {
			rp := fmt.Sprintf("%s.ratios[%d]", p, k)
			if _, dup := events[r.Name]; dup {
				errs = append(errs, d.at(rp+".name", "%s is also an event of service %s; a ratio needs a name of its own", quote(r.Name), svc.Name))
			}
			events[r.Name] = -1
			for _, side := range []struct{ field, event string }{{"numerator", r.Numerator}, {"denominator", r.Denominator}} {
				j, ok := events[side.event]
				switch {
				case !ok || j < 0:
					// An event that failed to decode may be the one named.
					if hint, report := d.suggest.unknownName(side.event, eventNames(svc), d.namesUnknown(p+".events", len(svc.Events))); report {
						errs = append(errs, d.at(rp+"."+side.field, "%s is not an event of service %s; %s", quote(side.event), svc.Name, hint))
					}
				case len(svc.Events[j].Metric.Dimensions) > 0:
					errs = append(errs, d.at(rp+"."+side.field, "the event %s publishes its metric with dimensions; a ratio divides metrics without dimensions", side.event))
				}
			}
			if r.Alarm.Threshold == nil && r.Alarm.Anomaly == nil {
				errs = append(errs, d.at(rp+".alarm.threshold", "is required; expected the fraction the ratio is compared with, such as 0.1 for 10%%"))
			}
			if len(r.Alarm.Dimensions) > 0 {
				errs = append(errs, d.at(rp+".alarm.dimensions", "a ratio has no dimensions"))
			}
			errs = append(errs, checkAnomaly(d, rp+".alarm", &r.Alarm)...)
			if r.Alarm.Severity == string(spec.Critical) {
				critical++
			}
		}
		for k, la := range svc.LogAlarms {
			if _, dup := events[la.Name]; dup {
				errs = append(errs, d.at(fmt.Sprintf("%s.logAlarms[%d].name", p, k), "%s is also an event or ratio of service %s; a log alarm needs a name of its own", quote(la.Name), svc.Name))
			}
			events[la.Name] = -1
		}
		if svc.Silence != nil {
			errs = append(errs, checkSilence(d, p+".silence", svc.Silence)...)
			errs = append(errs, c.checkSilenceAfter(i)...)
		}
		// A severity that failed to decode may be the critical one.
		if svc.CompositeAlarm != nil && *svc.CompositeAlarm && critical == 0 && !silenceCritical(c, svc) && !d.damagedUnder(p) {
			errs = append(errs, d.at(p+".compositeAlarm", "the service has no critical alarm for a composite alarm to watch; give an alarm severity: critical, or remove compositeAlarm"))
		}
	}
	for _, e := range c.Environments {
		if e.Silence != nil {
			errs = append(errs, checkSilence(e.doc, "silence", e.Silence)...)
			if silenceOn(e.Silence) && e.Silence.After == "" {
				errs = append(errs, e.doc.at("silence", "needs after, how long without an event raises the alarm, such as 15m"))
			}
		}
	}
	return errs
}

// silenceOn reports whether s turns silence detection on.
func silenceOn(s *Silence) bool { return s.Enabled == nil || *s.Enabled }

// checkSilenceAfter checks that service i's silence, when it turns
// silence detection on without an after of its own, takes one from every
// environment: without one, no alarm would be built. Environments whose
// silence failed to decode, or is on without after (an error of their
// own file), are left out.
func (c *Config) checkSilenceAfter(i int) ErrorList {
	svc, d := c.Services.Services[i], c.services
	p := fmt.Sprintf("services[%d].silence", i)
	if !silenceOn(svc.Silence) || svc.Silence.After != "" || d.damagedUnder(p) {
		return nil
	}
	var without []string
	for _, e := range c.Environments {
		switch {
		case e.doc.damagedAt("silence"):
		case e.Silence == nil || e.Silence.After == "" && !silenceOn(e.Silence):
			without = append(without, e.Name)
		}
	}
	switch len(without) {
	case 0:
		return nil
	case 1:
		return ErrorList{d.at(p, "needs after, how long without an event raises the alarm, such as 15m: environment %s sets no silence.after for it to take", without[0])}
	}
	return ErrorList{d.at(p, "needs after, how long without an event raises the alarm, such as 15m: environments %s set no silence.after for it to take", listAnd(without))}
}

// listAnd joins names as "a, b and c".
func listAnd(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// silenceCritical reports whether a service's silence alarm is critical
// in some environment.
func silenceCritical(c *Config, svc Service) bool {
	for _, e := range c.Environments {
		for i := range c.Services.Services {
			if c.Services.Services[i].Name != svc.Name {
				continue
			}
			if it, ok := c.silence(i, e); ok && it.Silence.Severity == spec.Critical {
				return true
			}
		}
	}
	return false
}

func checkAnomaly(d *document, p string, a *Alarm) ErrorList {
	if a.Anomaly == nil {
		return nil
	}
	var errs ErrorList
	if a.Threshold != nil {
		errs = append(errs, d.at(p+".threshold", "an anomaly alarm compares with its band, not a threshold; remove threshold or anomaly"))
	}
	if a.Comparison != "" {
		errs = append(errs, d.at(p+".comparison", "an anomaly alarm's side of the band is anomaly.side (above, below or both); remove comparison"))
	}
	if a.Anomaly.StdDevs < 0 {
		errs = append(errs, d.at(p+".anomaly.stdDevs", "%g is not a band width; expected a positive number of standard deviations, such as 2", a.Anomaly.StdDevs))
	}
	if _, ok := anomalySides[a.Anomaly.Side]; !ok && a.Anomaly.Side != "" {
		errs = append(errs, d.at(p+".anomaly.side", "%s is not a side; expected above, below or both", quote(a.Anomaly.Side)))
	}
	return errs
}

func checkSilence(d *document, p string, s *Silence) ErrorList {
	var errs ErrorList
	if s.After != "" {
		if seconds, err := parsePeriod(s.After); err != nil || seconds%60 != 0 {
			errs = append(errs, d.at(p+".after", "%s is not a silence period; expected whole minutes or hours, such as 15m or 1h", quote(s.After)))
		}
	}
	if s.Severity != "" && spec.CheckSeverity("severity", spec.Severity(s.Severity)) != nil {
		errs = append(errs, d.at(p+".severity", "%s is not a severity; expected critical or warning", quote(s.Severity)))
	}
	return errs
}

// eventNames lists the names of the service's events (but those that
// failed to decode, which are empty).
func eventNames(svc Service) []string {
	var names []string
	for _, ev := range svc.Events {
		if ev.Name != "" {
			names = append(names, ev.Name)
		}
	}
	return names
}
