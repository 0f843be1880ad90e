package appconfig

import (
	"fmt"
	"strings"

	"github.com/eventwatch/eventwatch/constructs/spec"
)

// logAlarmItems resolves service i's log alarms in environment e.
func (c *Config) logAlarmItems(i int, e NamedEnvironment) []Item {
	svc := c.Services.Services[i]
	var items []Item
	for k, la := range svc.LogAlarms {
		base := fmt.Sprintf("services[%d].logAlarms[%d]", i, k)
		sev := spec.Severity(la.Severity)
		if sev == "" {
			sev = spec.DefaultSeverity
		}
		runbook := la.Runbook
		if runbook == "" {
			runbook = svc.Runbook
		}
		props := &spec.LogAlarmProps{
			AlarmName:             AlarmName(e.Name, svc.Name, sev, la.Name),
			Description:           c.alarmText(e, svc, sev, la.Description, runbook),
			RunbookURL:            runbook,
			QueryString:           la.Query,
			LogGroupNames:         []string{c.logGroupName(svc.Name, e.Name)},
			AggregationExpression: la.Aggregation,
			Comparison:            la.Comparison,
			TreatMissingData:      la.MissingData,
			ActionLogLineCount:    float64(la.LogLines),
			ActionsDisabled:       e.AlarmActions != nil && !*e.AlarmActions,
			Tags:                  map[string]string{"service": svc.Name, "owner": c.owner(svc)},
		}
		if la.QueryFile != "" {
			props.QueryString, _ = c.QueryText(la.QueryFile)
		}
		if la.Threshold != nil {
			props.Threshold = *la.Threshold
		}
		src := source{doc: c.services, base: base, fields: map[string]string{
			"alarmName": "name", "queryString": queryField(la), "aggregationExpression": "aggregation", "threshold": "threshold",
			"comparison": "comparison", "scheduleSeconds": "every", "windowSeconds": "window", "queryResultsToEvaluate": "evaluationPeriods",
			"queryResultsToAlarm": "datapointsToAlarm", "missingData": "missingData", "actionLogLineCount": "logLines",
		}}
		src.fields["description"] = runbookField(c.services, &src, fmt.Sprintf("services[%d]", i), "runbook", la.Runbook, svc.Runbook, "description")
		if s, err := parsePeriod(la.Every); err == nil && s > 0 {
			props.ScheduleSeconds = number(s)
		} else if err != nil {
			src.periodErr, src.periodProp = err, "scheduleSeconds"
		}
		if s, err := parsePeriod(la.Window); err == nil && s > 0 {
			props.WindowSeconds = number(s)
		} else if err != nil && src.periodErr == nil {
			src.periodErr, src.periodProp = err, "windowSeconds"
		}
		if la.EvaluationPeriods > 0 {
			props.QueryResultsToEvaluate = number(la.EvaluationPeriods)
		}
		if la.DatapointsToAlarm > 0 {
			props.QueryResultsToAlarm = number(la.DatapointsToAlarm)
		}
		items = append(items, Item{Name: svc.Name + "-" + la.Name, Service: svc.Name, LogAlarm: props, Notify: sev, src: src})
	}
	return items
}

func queryField(la LogAlarm) string {
	if la.QueryFile != "" {
		return "queryFile"
	}
	return "query"
}

func number(n int) *float64 {
	f := float64(n)
	return &f
}

// checkLogAlarms checks what the log alarms' props cannot: exactly one of
// query and queryFile, a saved query that exists, and a threshold.
func (c *Config) checkLogAlarms() ErrorList {
	d := c.services
	var errs ErrorList
	for i, svc := range c.Services.Services {
		for k, la := range svc.LogAlarms {
			p := fmt.Sprintf("services[%d].logAlarms[%d]", i, k)
			switch {
			case (la.Query == "") == (la.QueryFile == ""):
				errs = append(errs, d.at(p, "set query or queryFile (exactly one): the Logs Insights query the alarm runs"))
			case la.QueryFile != "":
				if _, language, err := c.QueryFile(la.QueryFile); err != nil {
					errs = append(errs, d.at(p+".queryFile", "%s", c.queryFileProblem(d, la.QueryFile, err)))
				} else if language != spec.QueryLanguageInsights {
					errs = append(errs, d.at(p+".queryFile", "%s is a %s query; a log alarm runs a Logs Insights query", la.QueryFile, language))
				}
			}
			if la.Threshold == nil {
				errs = append(errs, d.at(p+".threshold", "is required; expected the number the aggregation is compared with, such as 1"))
			}
			if strings.TrimSpace(la.Aggregation) == "" {
				errs = append(errs, d.at(p+".aggregation", "is required; expected a stats aggregation such as count(*)"))
			}
		}
	}
	return errs
}
