package appconfig

import (
	"errors"
	"fmt"
	"strings"

	"github.com/eventwatch/eventwatch/constructs/spec"
)

// checkEnvironmentName checks the name an environment takes from its file name.
func checkEnvironmentName(file, name string) ErrorList {
	switch {
	case !envName.MatchString(name):
		return ErrorList{{File: file, Msg: fmt.Sprintf("environment name %s (from the file name) must be lower case letters, digits and '-', starting with a letter", quote(name))}}
	case length(name) > MaxEnvironmentNameLength:
		return ErrorList{{File: file, Msg: fmt.Sprintf("the environment name (from the file name) %s; at most %d characters are allowed, so that stack, topic and alarm names fit AWS's limits", tooLong(name, length(name)), MaxEnvironmentNameLength)}}
	}
	return nil
}

// checkNameLengths checks app, service, stack and event names against the
// limits that keep every name derived from them inside AWS's, so that an
// overlong value is blamed on its own field.
func (c *Config) checkNameLengths() ErrorList {
	d, s := c.services, &c.Services
	var errs ErrorList
	if n := length(s.App); n > MaxAppLength {
		errs = append(errs, d.at("app", "%s; at most %d characters are allowed, so that stack, topic and alarm names fit AWS's limits", tooLong(s.App, n), MaxAppLength))
	}
	for i, svc := range s.Services {
		p := fmt.Sprintf("services[%d]", i)
		errs = append(errs, checkRunbookLength(d, p+".runbook", svc.Runbook)...)
		for j, ev := range svc.Events {
			if ev.Alarm != nil {
				errs = append(errs, checkRunbookLength(d, fmt.Sprintf("%s.events[%d].alarm.runbook", p, j), ev.Alarm.Runbook)...)
			}
		}
		for k, r := range svc.Ratios {
			errs = append(errs, checkRunbookLength(d, fmt.Sprintf("%s.ratios[%d].alarm.runbook", p, k), r.Alarm.Runbook)...)
		}
		for k, la := range svc.LogAlarms {
			errs = append(errs, checkRunbookLength(d, fmt.Sprintf("%s.logAlarms[%d].runbook", p, k), la.Runbook)...)
		}
		if n := length(svc.Name); n > MaxServiceNameLength {
			errs = append(errs, d.at(p+".name", "%s; at most %d characters are allowed, so that alarm names and logical IDs fit AWS's limits", tooLong(svc.Name, n), MaxServiceNameLength))
		}
		if n := length(svc.Stack); n > MaxStackSuffixLength {
			errs = append(errs, d.at(p+".stack", "%s; at most %d characters are allowed, so that the stack name <app>-<env>-<stack> fits CloudFormation's %d", tooLong(svc.Stack, n), MaxStackSuffixLength, spec.MaxStackNameLength))
		}
		for j, ev := range svc.Events {
			if n := length(ev.Name); n > MaxEventNameLength {
				errs = append(errs, d.at(fmt.Sprintf("%s.events[%d].name", p, j), "%s; at most %d characters are allowed, so that alarm names and logical IDs fit AWS's limits", tooLong(ev.Name, n), MaxEventNameLength))
			}
			if n := length(ev.Description); n > spec.MaxAlarmDescriptionLen {
				errs = append(errs, d.at(fmt.Sprintf("%s.events[%d].description", p, j), "is %d characters; it starts the alarm description, which CloudWatch allows at most %d", n, spec.MaxAlarmDescriptionLen))
			}
		}
	}
	return errs
}

// checkRunbookLength checks that a runbook link fits an alarm description
// on its own: the alarms that link it end their description with
// spec.RunbookPrefix and the link, at most spec.MaxAlarmDescriptionLen
// characters in all. (With the rest of the description, the construct's
// check blames the same field.)
func checkRunbookLength(d *document, field, runbook string) ErrorList {
	if n := length(runbook); n > spec.MaxRunbookLength {
		return ErrorList{d.at(field, "is %d characters; an alarm description holds at most %d, with %q and the link: at most %d characters for the link",
			n, spec.MaxAlarmDescriptionLen, spec.RunbookPrefix, spec.MaxRunbookLength)}
	}
	return nil
}

// tooLong quotes a value that has n characters, and says how many unless
// the cut quote already does.
func tooLong(v string, n int) string {
	if n > MaxEchoedValue {
		return quote(v) + " is too long"
	}
	return fmt.Sprintf("%s (%d characters) is too long", quote(v), n)
}

// place is where a name comes from, for messages.
type place struct {
	doc   *document
	field string // "" for the file as a whole
	what  string // e.g. "environment dev"
}

func (p place) error(format string, args ...any) *Error {
	if p.field == "" {
		return &Error{File: p.doc.file, Msg: fmt.Sprintf(format, args...)}
	}
	return p.doc.at(p.field, format, args...)
}

// checkCollisions checks, over every environment's plan, that stack names
// are valid and unique in the app, and that log groups, alarms, topics and
// dashboards are unique in each account and region: CloudFormation
// refuses a second resource with a name that is taken. Saved queries are
// not: a query definition is known by its ID, not its name
// (PutQueryDefinition generates a new ID for each), so two environments
// in one account and region each save theirs. Logical IDs must fit
// CloudFormation's 255 characters. Only sound names are checked.
func (c *Config) checkCollisions(sound soundness) ErrorList {
	var errs ErrorList
	stacks := map[string]place{}
	named := map[string]place{}
	reported := map[string]bool{}
	add := func(e *Error) {
		if !reported[e.Error()] {
			reported[e.Error()] = true
			errs = append(errs, e)
		}
	}
	for _, e := range c.Environments {
		plans, err := c.Plan(e.Name)
		if err != nil {
			add(&Error{File: e.doc.file, Msg: err.Error()})
			continue
		}
		for _, p := range plans {
			at := c.stackPlace(e, p.StackName)
			// A stack name made of an app or environment name with a
			// problem would only repeat it.
			if sound.environment(e) {
				if err := spec.CheckStackName("", p.StackName); err != nil {
					add(at.error("%s", fieldMsg(err)))
				} else if first, dup := stacks[p.StackName]; dup {
					add(at.error("the stack name %s is also made by %s; stack names must be unique in the app (rename the environment file or the service's stack)", p.StackName, first.what))
				} else {
					stacks[p.StackName] = at
				}
			}
			// Names are unique per account and region, and so not checked
			// in an environment whose account or region failed to decode.
			located := !e.doc.damagedAt("account") && !e.doc.damagedAt("region")
			for _, it := range p.Items {
				if !sound.item(e, it) {
					continue
				}
				var created []resourceName
				if located {
					created = itemNames(c, e, it)
				}
				for _, n := range created {
					key := e.Account + "/" + e.Region + "/" + n.kind + "/" + n.name
					if first, dup := named[key]; dup && first.what != n.at.what {
						add(n.at.error("the %s name %s of %s is also used by %s, in the same account %s and region %s; CloudFormation would refuse the second, whose name is taken (give it another name, or the environments different accounts or regions)", n.kind, quote(n.name), n.at.what, first.what, e.Account, e.Region))
					} else if !dup {
						named[key] = n.at
					}
				}
				if kind, field := logicalIDKind(it); kind != "" && it.src.doc != nil {
					if err := spec.CheckLogicalID("", kind, it.Name); err != nil {
						add(it.src.doc.at(join(it.src.base, field), "%s", fieldMsg(err)))
					}
				}
			}
		}
	}
	return errs
}

// fieldMsg is a spec error's message without its (empty) field.
func fieldMsg(err error) string {
	var fe *spec.FieldError
	if errors.As(err, &fe) {
		return fe.Msg
	}
	return err.Error()
}

// stackPlace blames a stack name on the service that names the stack, or
// on the environment file for its main stack.
func (c *Config) stackPlace(e NamedEnvironment, stack string) place {
	for i, svc := range c.Services.Services {
		if svc.Stack != "" && c.Services.App+"-"+e.Name+"-"+svc.Stack == stack {
			return place{doc: c.services, field: fmt.Sprintf("services[%d].stack", i), what: fmt.Sprintf("services[%d].stack in environment %s", i, e.Name)}
		}
	}
	return place{doc: e.doc, what: "environment " + e.Name}
}

// logicalIDKind is the longest logical ID prefix of an item's resources
// (<kind><Name>) and the field its name comes from.
func logicalIDKind(it Item) (kind, field string) {
	switch {
	case it.Query != nil:
		return "Query", "file"
	case it.Metric != nil:
		return "MetricFilter", "name"
	case it.Alarm != nil:
		return "Alarm", "name"
	case it.LogGroup != nil:
		return "LogGroupKey", ""
	}
	return "", ""
}

type resourceName struct {
	kind, name string
	at         place
}

// itemNames lists the names an item creates that must be unique in its
// account and region (not a saved query's: see checkCollisions).
func itemNames(c *Config, e NamedEnvironment, it Item) []resourceName {
	in := " in environment " + e.Name
	switch {
	case it.LogGroup != nil:
		field := it.src.base + ".name"
		if _, ok := it.src.doc.lines[field]; !ok {
			field = strings.TrimSuffix(it.src.base, ".logGroup") + ".name"
		}
		return []resourceName{{"log group", it.LogGroup.LogGroupName, place{c.services, field, field + in}}}
	case it.Alarm != nil:
		field := it.src.base + ".name"
		return []resourceName{{"alarm", it.Alarm.AlarmName, place{c.services, field, field + in}}}
	case it.Topic != nil:
		var out []resourceName
		at := place{doc: e.doc, what: "environment " + e.Name}
		for _, sev := range spec.Severities {
			out = append(out, resourceName{"SNS topic", it.Topic.NamePrefix + "-" + string(sev), at})
			// the alarm on the topic's dead-letter queue
			out = append(out, resourceName{"alarm", spec.TopicName(it.Topic.NamePrefix, sev) + "-undelivered", at})
		}
		return out
	case it.Composite != nil:
		field := it.src.base + ".name"
		return []resourceName{{"alarm", it.Composite.AlarmName, place{c.services, field, field + " (its composite alarm)" + in}}}
	case it.Silence != nil:
		field := strings.TrimPrefix(it.src.fields["after"], "@")
		return []resourceName{{"alarm", it.Silence.AlarmName, place{it.src.doc, field, "the silence alarm of " + it.Service + in}}}
	case it.Dashboard != nil:
		if it.Summary {
			return []resourceName{{"dashboard", it.Dashboard.DashboardName, place{doc: e.doc, what: "the summary dashboard of environment " + e.Name}}}
		}
		field := it.src.base + ".name"
		return []resourceName{{"dashboard", it.Dashboard.DashboardName, place{c.services, field, "the dashboard of " + it.Service + in}}}
	}
	return nil
}
