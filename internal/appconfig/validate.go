package appconfig

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"sort"

	"github.com/eventwatch/eventwatch/filterpattern"
	"github.com/eventwatch/eventwatch/insights"
	"github.com/eventwatch/eventwatch/insights/langcheck"

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
// CloudFormation rule, for every environment. It returns every problem but
// the cascades of earlier ones (see report): each phase checks what the
// earlier phases have built on.
func (c *Config) validate() ErrorList {
	docs := []*document{c.services}
	var envs ErrorList
	for _, e := range c.Environments {
		docs = append(docs, e.doc)
		envs = append(envs, c.validateEnvironment(e)...)
	}
	r := newReport(docs...)
	// 0. Events tied to their declared log events, patterns derived.
	logEvents := c.resolveLogEvents()
	// 1. Each file's keys and the references between the files.
	r.add(logEvents, c.validateServices(), c.checkServiceRules(), c.checkDimensionBounds(), c.checkLogAlarms(),
		c.checkMonitoringRules(), c.validateQueryFiles(), c.validateGitHub(), envs)
	// 2. The names made of them: stacks, resources, logical IDs.
	sound := newSoundness(c, r)
	var allow ErrorList
	for _, e := range c.Environments {
		allow = append(allow, c.validateAllowances(e, sound.environment(e))...)
	}
	r.add(c.checkCollisions(sound), c.checkDeployStackNames(sound), allow)
	// 3. Every construct's props, and each stack's logical IDs and size.
	r.add(c.checkConstructs(newSoundness(c, r)))
	return r.errs
}

// checkConstructs validates the props of every item of every environment's
// stacks, each problem at its config line, and each stack's logical IDs
// and resource count, but for the problems that follow from those of
// earlier phases.
func (c *Config) checkConstructs(sound soundness) ErrorList {
	var errs ErrorList
	for _, e := range c.Environments {
		plans, err := c.Plan(e.Name)
		if err != nil {
			errs = append(errs, &Error{File: e.doc.file, Msg: err.Error()})
			continue
		}
		for _, p := range plans {
			ids := map[string]string{}
			for _, it := range p.Items {
				// A period that does not resolve is its own problem; the
				// construct's problems may follow from a problem reported at
				// one of its inputs.
				if fe := it.src.periodProblem(); fe != nil && !sound.follows(e, it, fe.Field) {
					errs = append(errs, it.src.errorFor(fe))
				}
				for _, fe := range it.constructProblems() {
					if !sound.inputReported(it) && !sound.follows(e, it, fe.Field) {
						errs = append(errs, it.src.errorFor(fe))
					}
				}
				if sound.item(e, it) {
					if err := p.logicalIDError(it, ids); err != nil {
						errs = append(errs, it.src.errorFor(err))
					}
				}
			}
			if err := p.resourceLimitError(); err != nil {
				errs = append(errs, asError(c.services, err))
			}
		}
	}
	return errs
}

// problems are every problem of an item's props: the period that did not
// resolve, and the problems of its construct's Validate.
func (it Item) problems() []*spec.FieldError {
	if fe := it.src.periodProblem(); fe != nil {
		return append([]*spec.FieldError{fe}, it.constructProblems()...)
	}
	return it.constructProblems()
}

// constructProblems are the problems its construct's Validate reports
// (one joined error), each as a FieldError; those of a period that did
// not resolve, which the props hold as the default, are left out.
func (it Item) constructProblems() []*spec.FieldError {
	var out []*spec.FieldError
	for _, err := range splitErrors(it.validate()) {
		var fe *spec.FieldError
		if !errors.As(err, &fe) {
			fe = &spec.FieldError{Msg: err.Error()}
		}
		if p := it.src.periodProblem(); p == nil || p.Field != fe.Field {
			out = append(out, fe)
		}
	}
	return out
}

// logicalIDError says that it gets the logical ID of an earlier item of
// its kind in the stack; ids maps the logical IDs seen to item names.
func (p *StackPlan) logicalIDError(it Item, ids map[string]string) error {
	kind, _ := it.kind()
	id := cfn.LogicalID(kind, it.Name)
	if other, ok := ids[id]; ok {
		return fmt.Errorf("%s %q and %q both get the logical ID %s in stack %s; rename one", kind, other, it.Name, id, p.StackName)
	}
	ids[id] = it.Name
	return nil
}

// resourceLimitError says that the stack has more resources than
// CloudFormation allows.
func (p *StackPlan) resourceLimitError() error {
	if resources := p.ResourceCount(); resources > spec.MaxResourcesPerStack {
		return fmt.Errorf("stack %s would have %d resources; CloudFormation allows at most %d: give some services `stack: <name>` in %s to move them to a stack of their own",
			p.StackName, resources, spec.MaxResourcesPerStack, ServicesFile)
	}
	return nil
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
		return it.Alarm.ValidateOnExpression()
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
		nameErrs := checkName(d, p+".name", svc.Name, services)
		errs = append(errs, nameErrs...)
		if svc.Stack != "" && !nameRE.MatchString(svc.Stack) {
			errs = append(errs, d.at(p+".stack", "%s must be lower case letters, digits and '-'", quote(svc.Stack)))
		}
		errs = append(errs, checkLogGroupQuotas(d, p, svc)...)
		events := map[string]string{}
		for j, ev := range svc.Events {
			ep := fmt.Sprintf("%s.events[%d]", p, j)
			evNameErrs := checkName(d, ep+".name", ev.Name, events)
			errs = append(errs, evNameErrs...)
			if ev.Pattern == "" {
				if ev.LogEvent == "" {
					errs = append(errs, d.at(ep+".pattern", "is required, or logEvent (and the pattern is derived from it); expected a CloudWatch filter pattern such as '{ $.event = \"%s\" }'", ev.Name))
				}
			}
			// Two names that differ only in punctuation would share logical
			// IDs; names that are not valid or unique are reported already.
			id := cfn.LogicalID(svc.Name, ev.Name)
			if other, dup := ids[id]; dup && len(nameErrs)+len(evNameErrs) == 0 {
				errs = append(errs, d.at(ep+".name", "%s/%s and %s give the same CloudFormation logical ID %s; rename one", svc.Name, ev.Name, other, id))
			} else if !dup {
				ids[id] = svc.Name + "/" + ev.Name
			}
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
		if _, _, err := c.QueryFile(q.File); err != nil {
			errs = append(errs, d.at(p+".file", "%s", c.queryFileProblem(d, q.File, err)))
		}
		if len(q.LogGroups) == 0 {
			errs = append(errs, d.at(p+".logGroups", "is empty; expected the services whose log groups the query runs on"))
		}
		for j, svc := range q.LogGroups {
			if _, ok := services[svc]; ok {
				continue
			}
			// A service that failed to decode may be the one named.
			if hint, report := d.suggest.unknownName(svc, sortedKeys(services), d.namesUnknown("services", len(s.Services))); report {
				errs = append(errs, d.at(fmt.Sprintf("%s.logGroups[%d]", p, j), "unknown service %s; %s", quote(svc), hint))
			}
		}
	}
	return errs
}

// queryFileProblem says why QueryFile did not find the saved query name.
func (c *Config) queryFileProblem(d *document, name string, err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Sprintf("no saved query %s (%s, .sql or .ppl) in %s; %s", name, QueryExtension, QueriesDir, d.suggest.didYouMean(name, c.queryNames()))
	}
	return err.Error()
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
	errs = append(errs, checkSecurity(e)...)
	if e.RemovalPolicy != "" && e.RemovalPolicy != string(spec.Retain) && e.RemovalPolicy != string(spec.Destroy) {
		errs = append(errs, d.at("removalPolicy", "%s is not allowed; expected retain or destroy", quote(e.RemovalPolicy)))
	}
	alarms, incomplete := c.alarmKeys()
	known := map[string]bool{}
	for _, key := range alarms {
		known[key] = true
	}
	anomalies := c.anomalyAlarmKeys()
	for _, key := range slices.Sorted(maps.Keys(e.Thresholds)) {
		if anomalies[key] {
			errs = append(errs, d.at("thresholds."+key, "%s is an anomaly alarm, which compares with a band CloudWatch learns, not a threshold; remove the override (its band's width is anomaly.stdDevs in %s)", key, ServicesFile))
			continue
		}
		if known[key] {
			continue
		}
		// An alarm that failed to decode may be the one named.
		if best, ok := d.suggest.closest(key, alarms); ok {
			errs = append(errs, d.at("thresholds."+key, "%s names no alarm; did you mean %s?", quote(key), best))
		} else if incomplete {
			continue
		} else if len(alarms) == 0 {
			errs = append(errs, d.at("thresholds."+key, "%s names no alarm; no event or ratio in %s has one", quote(key), ServicesFile))
		} else {
			errs = append(errs, d.at("thresholds."+key, "%s names no alarm; expected <service>/<event> of an event or ratio with an alarm in %s: %s", quote(key), ServicesFile, listNames(alarms)))
		}
	}
	return errs
}

// alarmKeys lists the alarms an environment's thresholds may name,
// <service>/<event> and <service>/<ratio>, and whether the list may be
// incomplete, since a service, an event, a ratio or an alarm failed to
// decode.
func (c *Config) alarmKeys() (keys []string, incomplete bool) {
	d := c.services
	incomplete = d.namesUnknown("services", len(c.Services.Services))
	for i, svc := range c.Services.Services {
		p := fmt.Sprintf("services[%d]", i)
		incomplete = incomplete || d.namesUnknown(p+".events", len(svc.Events)) || d.namesUnknown(p+".ratios", len(svc.Ratios))
		for j, ev := range svc.Events {
			if ev.Alarm != nil {
				keys = append(keys, svc.Name+"/"+ev.Name)
			}
			incomplete = incomplete || d.damagedAt(fmt.Sprintf("%s.events[%d].alarm", p, j))
		}
		for _, r := range svc.Ratios {
			keys = append(keys, svc.Name+"/"+r.Name)
		}
	}
	return keys, incomplete
}

// anomalyAlarmKeys are the alarms of alarmKeys that compare with an
// anomaly detection band, which has no threshold to override.
func (c *Config) anomalyAlarmKeys() map[string]bool {
	out := map[string]bool{}
	for _, svc := range c.Services.Services {
		for _, ev := range svc.Events {
			if ev.Alarm != nil && ev.Alarm.Anomaly != nil {
				out[svc.Name+"/"+ev.Name] = true
			}
		}
		for _, r := range svc.Ratios {
			if r.Alarm.Anomaly != nil {
				out[svc.Name+"/"+r.Name] = true
			}
		}
	}
	return out
}

// validateQueryFiles parses every saved query in the queries folder, the
// ones no service uses included, so that a broken query never waits for the
// day someone attaches it.
func (c *Config) validateQueryFiles() ErrorList {
	var errs ErrorList
	for _, name := range c.queryNames() {
		rel, language, err := c.QueryFile(name)
		if err != nil {
			errs = append(errs, fileError(path.Join(c.QueriesRoot, name), err))
			continue
		}
		file := path.Join(c.QueriesRoot, rel)
		text, err := c.QueryText(name)
		if err != nil {
			errs = append(errs, fileError(file, err))
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
