package appconfig

import (
	"errors"
	"path"

	"fmt"
	"github.com/eventwatch/eventwatch/filterpattern"
	"github.com/eventwatch/eventwatch/insights"
	"github.com/eventwatch/eventwatch/insights/langcheck"
	"io/fs"
	"regexp"
	"sort"
	"strings"

	"github.com/eventwatch/eventwatch/constructs/spec"
	"github.com/eventwatch/eventwatch/internal/cfn"
)

var (
	envName   = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
	nameRE    = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
	accountRE = regexp.MustCompile(`^[0-9]{12}$`)
)

// validate checks what decoding cannot: names, references between files,
// and, through the constructs' own Validate methods, every CloudWatch and
// CloudFormation rule, for every environment. It returns all problems.
func (c *Config) validate() error {
	var errs ErrorList
	errs = append(errs, c.validateServices()...)
	errs = append(errs, c.checkServiceRules()...)
	errs = append(errs, c.checkDimensionBounds()...)
	errs = append(errs, c.checkLogAlarms()...)
	errs = append(errs, c.checkMonitoringRules()...)
	errs = append(errs, c.validateQueryFiles()...)
	errs = append(errs, c.validateGitHub()...)
	for _, e := range c.Environments {
		errs = append(errs, c.validateEnvironment(e)...)
	}
	if len(errs) > 0 {
		return errs.Err()
	}
	if errs = c.checkCollisions(); len(errs) > 0 {
		return errs.Err()
	}
	errs = c.checkDeployStackNames()
	for _, e := range c.Environments {
		errs = append(errs, c.validateAllowances(e)...)
	}
	if len(errs) > 0 {
		return errs.Err()
	}
	seen := map[string]bool{}
	for _, e := range c.Environments {
		plans, err := c.Plan(e.Name)
		if err != nil {
			return err
		}
		for _, p := range plans {
			for _, it := range p.Items {
				if it.src.periodErr != nil {
					errs = appendOnce(errs, seen, it.src.errorFor(&spec.FieldError{Field: "period", Msg: it.src.periodErr.Error()}))
				} else if err := it.validate(); err != nil {
					errs = appendOnce(errs, seen, it.src.errorFor(err))
				}
			}
			if len(errs) == 0 {
				if err := p.Validate(); err != nil {
					errs = appendOnce(errs, seen, asError(c.services, err))
				}
			}
		}
	}
	return errs.Err()
}

func (it Item) validate() error {
	switch {
	case it.LogGroup != nil:
		return it.LogGroup.Validate()
	case it.Topic != nil:
		return it.Topic.Validate()
	case it.Metric != nil:
		return it.Metric.Validate()
	case it.Alarm != nil && it.Ratio != nil:
		return it.Alarm.ValidateWithoutMetric()
	case it.Alarm != nil:
		return it.Alarm.Validate()
	case it.Query != nil:
		return it.Query.Validate()
	case it.Dashboard != nil:
		return it.Dashboard.Validate()
	case it.Composite != nil:
		return it.Composite.Validate()
	case it.Silence != nil:
		return it.Silence.Validate()
	case it.LogAlarm != nil:
		return it.LogAlarm.Validate()
	}
	return nil
}

// appendOnce adds err unless the same message is already there: a problem
// in services.yaml shows up once, not once per environment.
func appendOnce(errs ErrorList, seen map[string]bool, err error) ErrorList {
	e := asError(nil, err)
	if seen[e.Error()] {
		return errs
	}
	seen[e.Error()] = true
	return append(errs, e)
}

func asError(doc *document, err error) *Error {
	if e, ok := err.(*Error); ok {
		return e
	}
	if doc == nil {
		return &Error{Msg: err.Error()}
	}
	return &Error{File: doc.file, Msg: err.Error()}
}

func (c *Config) validateServices() ErrorList {
	d, s := c.services, &c.Services
	var errs ErrorList
	if s.Owner == "" {
		errs = append(errs, d.at("owner", "is required; expected the team that owns these alarms"))
	}
	if !nameRE.MatchString(s.App) {
		errs = append(errs, d.at("app", "%s must be lower case letters, digits and '-', starting with a letter", quote(s.App)))
	}
	if len(s.Services) == 0 {
		errs = append(errs, d.at("services", "is empty; expected at least one service"))
	}
	services := map[string]string{}
	ids := map[string]string{}
	for i, svc := range s.Services {
		p := fmt.Sprintf("services[%d]", i)
		errs = append(errs, checkName(d, p+".name", svc.Name, services)...)
		if svc.Stack != "" && !nameRE.MatchString(svc.Stack) {
			errs = append(errs, d.at(p+".stack", "%s must be lower case letters, digits and '-'", quote(svc.Stack)))
		}
		errs = append(errs, checkLogGroupQuotas(d, p, svc)...)
		events := map[string]string{}
		for j, ev := range svc.Events {
			ep := fmt.Sprintf("%s.events[%d]", p, j)
			errs = append(errs, checkName(d, ep+".name", ev.Name, events)...)
			if ev.Pattern == "" {
				errs = append(errs, d.at(ep+".pattern", "is required; expected a CloudWatch filter pattern such as '{ $.event = \"%s\" }'", ev.Name))
			}
			// Two names that differ only in punctuation would share logical IDs.
			id := cfn.LogicalID(svc.Name, ev.Name)
			if other, dup := ids[id]; dup {
				errs = append(errs, d.at(ep+".name", "%s/%s and %s give the same CloudFormation logical ID %s; rename one", svc.Name, ev.Name, other, id))
			}
			ids[id] = svc.Name + "/" + ev.Name
			for k, ex := range ev.Examples.Match {
				if ex.Line == "" {
					errs = append(errs, d.at(fmt.Sprintf("%s.examples.match[%d].line", ep, k), "is required; expected a log line the pattern must match"))
				}
			}
		}
	}
	queries := map[string]string{}
	for i, q := range s.Queries {
		p := fmt.Sprintf("queries[%d]", i)
		if prev, dup := queries[q.File]; dup {
			errs = append(errs, d.at(p+".file", "%q is listed twice (first at %s)", q.File, prev))
		}
		queries[q.File] = p
		if _, _, err := c.QueryFile(q.File); errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, d.at(p+".file", "no saved query %s (%s, .sql or .ppl) in %s; expected one of %s", q.File, QueryExtension, QueriesDir, strings.Join(c.queryNames(), ", ")))
		} else if err != nil {
			errs = append(errs, d.at(p+".file", "%v", err))
		}
		if len(q.LogGroups) == 0 {
			errs = append(errs, d.at(p+".logGroups", "is empty; expected the services whose log groups the query runs on"))
		}
		for j, svc := range q.LogGroups {
			if _, ok := services[svc]; !ok {
				errs = append(errs, d.at(fmt.Sprintf("%s.logGroups[%d]", p, j), "unknown service %q; expected one of %s", svc, strings.Join(sortedKeys(services), ", ")))
			}
		}
	}
	return errs
}

// checkLogGroupQuotas checks CloudWatch's per-log-group quotas on the
// service's metric filters: at most 100, at most 5 with a regex.
func checkLogGroupQuotas(d *document, p string, svc Service) ErrorList {
	var errs ErrorList
	if n := len(svc.Events); n > spec.MaxMetricFiltersPerGroup {
		errs = append(errs, d.at(p+".events", "has %d events; CloudWatch allows at most %d metric filters per log group", n, spec.MaxMetricFiltersPerGroup))
	}
	regexes := 0
	for j, ev := range svc.Events {
		if pat, err := filterpattern.Parse(ev.Pattern); err == nil && pat.RegexCount() > 0 {
			regexes++
			if regexes > spec.MaxRegexFiltersPerGroup {
				errs = append(errs, d.at(fmt.Sprintf("%s.events[%d].pattern", p, j), "is the %dth pattern with a %%regex%% on this log group; CloudWatch allows at most %d", regexes, spec.MaxRegexFiltersPerGroup))
			}
		}
	}
	return errs
}

// checkName checks a service or event name and that it is unique.
func checkName(d *document, field, name string, seen map[string]string) ErrorList {
	if !nameRE.MatchString(name) {
		return ErrorList{d.at(field, "%s must be lower case letters, digits and '-', starting with a letter", quote(name))}
	}
	if first, dup := seen[name]; dup {
		return ErrorList{d.at(field, "%s is used twice (first at %s, line %d); names must be unique", quote(name), first, d.line(first))}
	}
	seen[name] = field
	return nil
}

func (c *Config) validateEnvironment(e NamedEnvironment) ErrorList {
	d := e.doc
	var errs ErrorList
	if !accountRE.MatchString(e.Account) {
		errs = append(errs, d.at("account", "%s is not an AWS account ID; expected 12 digits, quoted", quote(e.Account)))
	}
	errs = append(errs, checkEnvironmentRules(e)...)
	if e.RemovalPolicy != "" && e.RemovalPolicy != string(spec.Retain) && e.RemovalPolicy != string(spec.Destroy) {
		errs = append(errs, d.at("removalPolicy", "%s is not allowed; expected retain or destroy", quote(e.RemovalPolicy)))
	}
	for key := range e.Thresholds {
		svc, ev, _ := strings.Cut(key, "/")
		if !c.hasAlarm(svc, ev) {
			errs = append(errs, d.at("thresholds."+key, "%s names no alarm; expected <service>/<event> of an event with an alarm in %s", quote(key), ServicesFile))
		}
	}
	return errs
}

func (c *Config) hasAlarm(service, event string) bool {
	for _, svc := range c.Services.Services {
		if svc.Name != service {
			continue
		}
		for _, ev := range svc.Events {
			if ev.Name == event {
				return ev.Alarm != nil
			}
		}
		for _, r := range svc.Ratios {
			if r.Name == event {
				return true
			}
		}
	}
	return false
}

// validateQueryFiles parses every saved query in the queries folder, the
// ones no service uses included, so that a broken query never waits for the
// day someone attaches it.
func (c *Config) validateQueryFiles() ErrorList {
	var errs ErrorList
	for _, name := range c.queryNames() {
		rel, language, err := c.QueryFile(name)
		if err != nil {
			errs = append(errs, &Error{File: path.Join(c.QueriesRoot, name), Msg: err.Error()})
			continue
		}
		file := path.Join(c.QueriesRoot, rel)
		text, err := c.QueryText(name)
		if err != nil {
			errs = append(errs, &Error{File: file, Msg: "cannot be read: " + err.Error()})
			continue
		}
		if err := langcheck.Check(language, text); err != nil {
			e := &Error{File: file, Msg: err.Error()}
			var qe *insights.Error
			if errors.As(err, &qe) {
				e.Line, e.Col, e.Msg = qe.Line, qe.Col, withoutPosition(qe.Error(), qe.Msg)
			}
			errs = append(errs, e)
		}
	}
	return errs
}

// queryNames lists the saved queries of every language, by name, sorted;
// a name with files of two languages is listed once.
func (c *Config) queryNames() []string {
	var names []string
	seen := map[string]bool{}
	_ = fs.WalkDir(c.Queries, ".", func(p string, d fs.DirEntry, err error) error {
		if name, _, ok := queryFileName(p); err == nil && !d.IsDir() && ok && !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
		return nil
	})
	sort.Strings(names)
	return names
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
