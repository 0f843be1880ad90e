package appconfig

import (
	"fmt"
	"slices"

	"github.com/eventwatch/eventwatch/constructs/spec"
	"github.com/eventwatch/eventwatch/insights"
)

// checkServiceRules checks what services.yaml must hold beyond its shape:
// name lengths, an alarm's required threshold, and the features each log
// group class supports (spec.LogClasses).
func (c *Config) checkServiceRules() ErrorList {
	d := c.services
	errs := c.checkNameLengths()
	errs = append(errs, checkOwner(d, "owner", c.Services.Owner)...)
	classOf := map[string]string{}
	for i, svc := range c.Services.Services {
		p := fmt.Sprintf("services[%d]", i)
		class := svc.LogGroup.Class
		if class == "" {
			class = spec.DefaultLogGroupClass
		}
		classOf[svc.Name] = class
		if svc.Owner != "" {
			errs = append(errs, checkOwner(d, p+".owner", svc.Owner)...)
		}
		features, known := spec.LogClasses[class]
		if known && !features.MetricFilters && len(svc.Events) > 0 {
			errs = append(errs, d.at(p+".logGroup.class", "%s log groups do not support metric filters, and the service's events need them; use STANDARD, or move the events to a service with a STANDARD log group", class))
		}
		for j, ev := range svc.Events {
			if ev.Alarm != nil && ev.Alarm.Threshold == nil && ev.Alarm.Anomaly == nil {
				errs = append(errs, d.at(fmt.Sprintf("%s.events[%d].alarm.threshold", p, j), "is required; expected the number the alarm compares its statistic with, such as 1"))
			}
		}
	}
	for i, q := range c.Services.Queries {
		for j, svc := range q.LogGroups {
			class, ok := classOf[svc]
			if !ok {
				continue
			}
			if err := queryRunsOn(c, q.File, class); err != "" {
				errs = append(errs, d.at(fmt.Sprintf("queries[%d].logGroups[%d]", i, j), "%s's log group is %s: %s", svc, class, err))
			}
		}
	}
	return errs
}

// queryRunsOn says why the saved query cannot run on a log group of class,
// or "" when it can. Commands the parser does not know (pattern, diff,
// filterIndex) fail the query's own check already.
func queryRunsOn(c *Config, file, class string) string {
	features, known := spec.LogClasses[class]
	if !known {
		return ""
	}
	if !features.Queries {
		return "that class does not support Logs Insights queries"
	}
	text, err := c.QueryText(file)
	if err != nil {
		return ""
	}
	q, err := insights.Parse(text)
	if err != nil {
		return ""
	}
	for _, cmd := range q.Commands {
		if _, ok := cmd.(*insights.UnmaskCmd); ok && slices.Contains(features.UnsupportedQueryCommands, "unmask") {
			return "that class cannot run the unmask command the query uses"
		}
	}
	return ""
}

// checkEnvironmentRules checks an environment file beyond its shape: the
// region is one AWS has (spec.Partitions).
func checkEnvironmentRules(e NamedEnvironment) ErrorList {
	if e.Region == "" {
		return ErrorList{e.doc.at("region", "is required; expected an AWS region such as eu-west-1")}
	}
	if err := spec.CheckRegion("region", e.Region); err != nil {
		return ErrorList{e.doc.at("region", "%s", fieldMsg(err))}
	}
	return nil
}

// checkOwner checks an owner, which becomes the value of the owner tag.
func checkOwner(d *document, field, owner string) ErrorList {
	if owner == "" {
		return nil
	}
	if err := spec.CheckTag("owner", owner); err != nil {
		return ErrorList{d.at(field, "is the value of the owner tag: %s", fieldMsg(err))}
	}
	return nil
}
