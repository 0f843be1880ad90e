package appconfig

import (
	"errors"
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/eventwatch/eventwatch/constructs/spec"
)

// StackPlan is one CloudFormation stack of an environment with every
// construct's props resolved: defaults, environment settings and threshold
// overrides applied. It is plain Go; the stacks package builds the
// constructs from it.
type StackPlan struct {
	// StackName is <app>-<env>, or <app>-<env>-<stack> for services that name a stack.
	StackName   string
	Environment string
	Account     string
	Region      string
	// Tags are applied to the stack, and by CloudFormation to its resources.
	Tags map[string]string
	// TerminationProtection makes CloudFormation refuse to delete the stack.
	TerminationProtection bool
	// Items in config order.
	Items []Item
}

// Item is one construct of a stack plan; exactly one props field is set.
type Item struct {
	// Name is the stable base of the item's logical IDs.
	Name     string
	LogGroup *spec.LogGroupProps
	Topic    *spec.AlertTopicProps
	Metric   *spec.EventMetricProps
	Alarm    *spec.EventAlarmProps
	Query    *spec.SavedQueryProps
	// Service whose log group a metric reads, when that log group is in the same stack.
	Service string
	// QueryServices are the services whose log groups a query reads that are in the same stack.
	QueryServices []string
	// Dashboard is a service's dashboard (Service names it), or with
	// Summary the environment's, built once all its stacks are.
	Dashboard *spec.DashboardProps
	Summary   bool
	// DashboardQueries are the saved queries on a dashboard's service's log group.
	DashboardQueries []spec.SavedQueryProps
	// Composite is a service's composite alarm (Service names it).
	Composite *spec.CompositeAlarmProps
	// Silence is a service's silence alarm (Service names it).
	Silence *spec.SilenceAlarmProps
	// LogAlarm is an alarm on a scheduled Logs Insights query of its service's log group.
	LogAlarm *spec.LogAlarmProps
	// Ratio, on an Alarm item, makes its metric one metric item of the
	// service divided by another.
	Ratio *RatioOf
	// Notify is the severity of the topic an alarm notifies: its own, or
	// warning for a critical alarm whose service's composite alarm pages.
	Notify spec.Severity

	src source
}

// RatioOf names the metric items (<service>-<event>) of a ratio alarm.
type RatioOf struct{ Numerator, Denominator string }

// Validate checks every construct's props, that no two constructs of a
// kind share a logical ID, and CloudFormation's limit on resources per
// stack. It returns every problem, joined with errors.Join.
func (p *StackPlan) Validate() error {
	var errs []error
	ids := map[string]string{}
	for _, it := range p.Items {
		for _, fe := range it.problems() {
			errs = append(errs, it.src.errorFor(fe))
		}
		if err := p.logicalIDError(it, ids); err != nil {
			errs = append(errs, it.src.errorFor(err))
		}
	}
	return errors.Join(append(errs, p.resourceLimitError())...)
}

// ResourceCount is how many CloudFormation resources the stack will have
// (the CDK's own CDKMetadata aside).
func (p *StackPlan) ResourceCount() int {
	n := 0
	for _, it := range p.Items {
		_, count := it.kind()
		n += count
	}
	return n
}

// kind names what an item makes, as its logical IDs start, and how many
// resources it adds to the stack.
func (it Item) kind() (string, int) {
	switch {
	case it.LogGroup != nil:
		return "LogGroup", it.LogGroup.ResourceCount()
	case it.Topic != nil:
		return "AlertTopic", it.Topic.ResourceCount()
	case it.Metric != nil:
		return "MetricFilter", it.Metric.ResourceCount()
	case it.Alarm != nil:
		return "Alarm", it.Alarm.ResourceCount()
	case it.Query != nil:
		return "Query", it.Query.ResourceCount()
	case it.Dashboard != nil:
		return "Dashboard", it.Dashboard.ResourceCount()
	case it.Composite != nil:
		return "ServiceAlarm", it.Composite.ResourceCount()
	case it.Silence != nil:
		return "SilenceAlarm", it.Silence.ResourceCount()
	case it.LogAlarm != nil:
		return "LogAlarm", it.LogAlarm.ResourceCount()
	}
	return "", 0
}

// alertsName is the name of the alert topics in the main stack's plan.
const alertsName = "Alerts"

// Plan resolves the stacks of environment env: the main stack <app>-<env>
// with the alert topics and the services without a `stack`, then one stack
// per named group.
func (c *Config) Plan(env string) ([]StackPlan, error) {
	e, ok := c.Environment(env)
	if !ok {
		return nil, fmt.Errorf("unknown environment %q; the config has %s", env, strings.Join(c.EnvironmentNames(), ", "))
	}
	s := &c.Services
	mainName := s.App + "-" + e.Name
	topics := spec.AlertTopicProps{
		NamePrefix: mainName,
		Subscriptions: map[spec.Severity][]spec.Subscription{
			spec.Critical: subscriptions(e.Subscriptions.Critical),
			spec.Warning:  subscriptions(e.Subscriptions.Warning),
		},
		Tags:          map[string]string{"owner": s.Owner},
		RemovalPolicy: spec.RemovalPolicy(e.RemovalPolicy),
		KeyAccess:     e.keyAccess(),
	}
	stacks := []StackPlan{c.newStack(mainName, e)}
	stacks[0].Items = append(stacks[0].Items, Item{Name: alertsName, Topic: &topics, src: source{doc: e.doc, fields: map[string]string{"subscriptions": "subscriptions"}}})
	index := map[string]int{"": 0}
	stackOf := map[string]int{}
	for i, svc := range s.Services {
		k, ok := index[svc.Stack]
		if !ok {
			k = len(stacks)
			index[svc.Stack] = k
			stacks = append(stacks, c.newStack(mainName+"-"+svc.Stack, e))
		}
		stackOf[svc.Name] = k
		stacks[k].Items = append(stacks[k].Items, c.serviceItems(i, e)...)
	}
	for i, q := range s.Queries {
		if len(q.LogGroups) == 0 {
			continue
		}
		k := stackOf[q.LogGroups[0]]
		file, language, _ := c.QueryFile(q.File)
		it := Item{Name: q.File, src: source{doc: c.services, base: fmt.Sprintf("queries[%d]", i), query: path.Join(c.QueriesRoot, file), fields: map[string]string{"name": "file", "queryString": "file"}}}
		text, _ := c.QueryText(q.File)
		it.Query = &spec.SavedQueryProps{Name: q.File, QueryString: text, QueryLanguage: language}
		for _, svc := range q.LogGroups {
			it.Query.LogGroupNames = append(it.Query.LogGroupNames, c.logGroupName(svc, e.Name))
			if stackOf[svc] == k {
				it.QueryServices = append(it.QueryServices, svc)
			}
		}
		stacks[k].Items = append(stacks[k].Items, it)
	}
	for i, svc := range s.Services {
		k := stackOf[svc.Name]
		stacks[k].Items = append(stacks[k].Items, c.logEventQueries(i, e.Name)...)
	}
	if e.Dashboards == nil || *e.Dashboards {
		for i, svc := range s.Services {
			k := stackOf[svc.Name]
			stacks[k].Items = append(stacks[k].Items, c.dashboardItem(i, e, stacks[k].Items))
		}
		stacks[0].Items = append(stacks[0].Items, c.summaryItem(e))
	}
	topics.PublishingAlarms = c.publishingAlarms(e.Name, stacks)
	return stacks, nil
}

func (c *Config) newStack(name string, e NamedEnvironment) StackPlan {
	protect := e.DeletionProtection
	if e.TerminationProtection != nil {
		protect = *e.TerminationProtection
	}
	return StackPlan{
		StackName: name, Environment: e.Name, Account: e.Account, Region: e.Region,
		Tags:                  map[string]string{"app": c.Services.App, "environment": e.Name, "owner": c.Services.Owner},
		TerminationProtection: protect,
	}
}

// owner is the service's owner, or the file's.
func (c *Config) owner(svc Service) string {
	if svc.Owner != "" {
		return svc.Owner
	}
	return c.Services.Owner
}

// logGroupName is the name of a service's log group in environment env:
// the existing one it adopts, the one it names, or the default.
func (c *Config) logGroupName(service, env string) string {
	for _, svc := range c.Services.Services {
		if svc.Name != service {
			continue
		}
		if svc.LogGroup.Existing != "" {
			return strings.ReplaceAll(svc.LogGroup.Existing, "{env}", env)
		}
		if svc.LogGroup.Name != "" {
			return strings.ReplaceAll(svc.LogGroup.Name, "{env}", env)
		}
	}
	return "/" + c.Services.App + "/" + env + "/" + service
}

// serviceItems resolves service i's log group, metrics and alarms.
func (c *Config) serviceItems(i int, e NamedEnvironment) []Item {
	svc := c.Services.Services[i]
	base := fmt.Sprintf("services[%d]", i)
	owner := c.owner(svc)
	retention := e.RetentionDays
	retentionDoc, retentionField := e.doc, "retentionDays"
	if !classTakesRetention(svc.LogGroup.Class) {
		// The environment's retention is not for a class without one
		// (DELIVERY); the service's own is an error at its line.
		retention = 0
	}
	if svc.LogGroup.RetentionDays != 0 {
		retention = svc.LogGroup.RetentionDays
		retentionDoc, retentionField = c.services, base+".logGroup.retentionDays"
	}
	removal := spec.RemovalPolicy(e.RemovalPolicy)
	lgName := c.logGroupName(svc.Name, e.Name)
	items := []Item{{
		Name: svc.Name,
		LogGroup: &spec.LogGroupProps{
			LogGroupName: lgName, RetentionDays: retention, Class: svc.LogGroup.Class,
			Encrypt: e.EncryptLogs, KeyAccess: e.logKeyAccess(), MaskedDataIdentifiers: svc.LogGroup.MaskedDataIdentifiers,
			FieldIndexes:  c.fieldIndexes(svc),
			RemovalPolicy: removal, DeletionProtection: e.DeletionProtection,
			Tags: map[string]string{"service": svc.Name, "owner": owner},
		},
		src: source{doc: c.services, base: base + ".logGroup", fields: map[string]string{
			"logGroupName": "name", "retentionDays": "@" + retentionField, "removalPolicy": "@removalPolicy",
		}, other: map[string]*document{"@" + retentionField: retentionDoc, "@removalPolicy": e.doc}},
	}}
	if svc.LogGroup.Existing != "" {
		items[0] = c.adoptedLogGroup(i, e)
	}
	for j, ev := range svc.Events {
		evBase := fmt.Sprintf("%s.events[%d]", base, j)
		name := svc.Name + "-" + ev.Name
		metric := spec.EventMetricProps{
			LogGroupName: lgName, FilterPattern: ev.Pattern,
			Namespace: ev.Metric.Namespace, MetricName: ev.Metric.Name, Value: ev.Metric.Value, Unit: ev.Metric.Unit,
			DefaultValue: ev.Metric.DefaultValue, Dimensions: ev.Metric.Dimensions,
		}
		if metric.Namespace == "" {
			metric.Namespace = c.Services.App + "/" + svc.Name
		}
		if metric.MetricName == "" {
			metric.MetricName = ev.Name
		}
		items = append(items, Item{Name: name, Metric: &metric, Service: svc.Name, src: source{doc: c.services, base: evBase, fields: map[string]string{
			"pattern": "pattern", "namespace": "metric.namespace", "metricName": "metric.name", "value": "metric.value",
			"unit": "metric.unit", "defaultValue": "metric.defaultValue", "dimensions": "metric.dimensions",
		}}})
		if ev.Alarm == nil {
			continue
		}
		items = append(items, c.alarmItem(name, evBase, svc, ev.Name, ev.Description, ev.Alarm, metric, e))
	}
	return c.monitoringItems(i, e, items)
}

// classTakesRetention reports whether a log group of the class (""
// for the default) takes a retention; an unknown class, an error of its
// own, is taken to.
func classTakesRetention(class string) bool {
	if class == "" {
		class = spec.DefaultLogGroupClass
	}
	features, known := spec.LogClasses[class]
	return !known || features.Retention
}

// alarmItem resolves the alarm of an event (or of a ratio, whose metric is
// left empty) named event in its service.
func (c *Config) alarmItem(name, evBase string, svc Service, event, description string, a *Alarm, metric spec.EventMetricProps, e NamedEnvironment) Item {
	sev := spec.Severity(a.Severity)
	if sev == "" {
		sev = spec.DefaultSeverity
	}
	runbook := a.Runbook
	if runbook == "" {
		runbook = svc.Runbook
	}
	alarm := spec.EventAlarmProps{
		Metric: metric, DimensionValues: a.Dimensions,
		AlarmName:   AlarmName(e.Name, svc.Name, sev, event),
		Description: c.alarmText(e, svc, sev, description, runbook), RunbookURL: runbook,
		Comparison: a.Comparison, Statistic: a.Statistic,
		EvaluationPeriods: a.EvaluationPeriods, DatapointsToAlarm: a.DatapointsToAlarm,
		TreatMissingData: a.MissingData, Severity: sev,
		ActionsDisabled: e.AlarmActions != nil && !*e.AlarmActions,
		Tags:            map[string]string{"service": svc.Name, "owner": c.owner(svc)},
	}
	if a.Anomaly != nil {
		alarm.AnomalyStdDevs, alarm.Comparison = anomalyBand(*a.Anomaly)
	}
	if a.Threshold != nil {
		alarm.Threshold = *a.Threshold
	}
	src := source{doc: c.services, base: evBase, fields: map[string]string{
		"alarmName": "name", "threshold": "alarm.threshold", "period": "alarm.period", "comparison": "alarm.comparison",
		"statistic": "alarm.statistic", "evaluationPeriods": "alarm.evaluationPeriods", "datapointsToAlarm": "alarm.datapointsToAlarm",
		"missingData": "alarm.missingData", "severity": "alarm.severity", "dimensions": "alarm.dimensions",
		"anomaly.stdDevs": "alarm.anomaly.stdDevs", "anomaly.side": "alarm.anomaly.side",
	}, other: map[string]*document{}}
	// The description is too long for the runbook it links: the alarm's
	// own, or else the service's.
	src.fields["description"] = runbookField(c.services, &src, serviceBase(evBase), "alarm.runbook", a.Runbook, svc.Runbook, "description")
	if t, ok := e.Thresholds[svc.Name+"/"+event]; ok {
		alarm.Threshold = t
		src.fields["threshold"] = "@thresholds." + svc.Name + "/" + event
		src.other[src.fields["threshold"]] = e.doc
	}
	alarm.PeriodSeconds, src.periodErr = parsePeriod(a.Period)
	return Item{Name: name, Alarm: &alarm, Service: svc.Name, Notify: sev, src: src}
}

// serviceBase is the key path of the service that holds the one at path
// ("services[2]" for "services[2].events[0]").
func serviceBase(path string) string {
	if i := strings.Index(path, "]"); i >= 0 {
		return path[:i+1]
	}
	return path
}

// runbookField is the source field an alarm's description problem (too
// long with its runbook link) is blamed on: ownField, the item's own
// runbook, when it has one (own); else the service's runbook
// (svcBase.runbook in services.yaml, recorded in src); else fallback.
func runbookField(services *document, src *source, svcBase, ownField, own, serviceRunbook, fallback string) string {
	switch {
	case own != "":
		return ownField
	case serviceRunbook != "":
		key := "@" + join(svcBase, "runbook")
		if src.other == nil {
			src.other = map[string]*document{}
		}
		src.other[key] = services
		return key
	}
	return fallback
}

// parsePeriod reads an alarm period such as 30s, 5m or 1h; empty is 0 (the default).
func parsePeriod(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	unit := map[byte]int{'s': 1, 'm': 60, 'h': 3600}[s[len(s)-1]]
	n, err := strconv.Atoi(s[:len(s)-1])
	if unit == 0 || err != nil && !errors.Is(err, strconv.ErrRange) || n <= 0 && err == nil {
		return 0, fmt.Errorf("%s is not a duration; expected a whole number and a unit, such as 30s, 5m or 1h", quote(s))
	}
	// Bound n before multiplying, so that a huge period cannot overflow.
	if err != nil || n > spec.MaxPeriodSeconds/unit {
		return 0, fmt.Errorf("%s is longer than a day; CloudWatch allows alarm periods of at most %ds", quote(s), spec.MaxPeriodSeconds)
	}
	return n * unit, nil
}

func subscriptions(list []Subscription) []spec.Subscription {
	out := make([]spec.Subscription, len(list))
	for i, s := range list {
		out[i] = spec.Subscription{Email: s.Email, HTTPS: s.HTTPS, SQSQueueArn: s.SQS, LambdaFunctionArn: s.Lambda}
		if s.Slack != nil {
			out[i].Slack = &spec.SlackChannel{WorkspaceID: s.Slack.WorkspaceID, ChannelID: s.Slack.ChannelID}
		}
	}
	return out
}
