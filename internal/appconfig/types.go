// Package appconfig reads eventwatch's configuration: services.yaml, which
// describes every service and its structured log events once, and one
// environments/<name>.yaml per environment, which says where and how strictly
// to watch them. Files are decoded strictly; every error names the file, the
// line and the field, and says what is expected.
package appconfig

// Services is services.yaml.
type Services struct {
	// App prefixes stack, log group and topic names, at most 32 characters. Default: eventwatch.
	App string `yaml:"app,omitempty" json:"app,omitempty" jsonschema:"pattern=^[a-z][a-z0-9-]*$,maxLength=32"`
	// Owner is tagged on every resource unless a service names its own. Required.
	Owner string `yaml:"owner" json:"owner"`
	// Services to watch.
	Services []Service `yaml:"services" json:"services"`
	// Queries are saved Logs Insights queries and the log groups they run on.
	Queries []Query `yaml:"queries,omitempty" json:"queries,omitempty"`
	// EventField is the JSON field whose value names a log event, as in {"event":"my-queue-worker",...}. Default: event.
	EventField string `yaml:"eventField,omitempty" json:"eventField,omitempty" jsonschema:"pattern=^[A-Za-z_][A-Za-z0-9_]*$,maxLength=64"`
	// GitHub is the repository that deploys from GitHub Actions; with it, each account of the environments gets a deploy-role stack <app>-deploy-<account>. Default: none, no deploy-role stacks.
	GitHub *GitHub `yaml:"github,omitempty" json:"github,omitempty"`
}

// Service is one application that logs structured events.
type Service struct {
	// Name is unique, lower case, at most 64 characters; it names the log group, alarms and logical IDs. Required.
	Name string `yaml:"name" json:"name" jsonschema:"pattern=^[a-z][a-z0-9-]*$,maxLength=64"`
	// Owner is tagged on the service's resources. Default: the file's owner.
	Owner string `yaml:"owner,omitempty" json:"owner,omitempty"`
	// Stack puts the service in the stack <app>-<env>-<stack> instead of the
	// environment's main stack, for when a stack nears CloudFormation's 500
	// resources. Moving a service to another stack replaces its resources.
	// At most 32 characters. Default: the main stack.
	Stack string `yaml:"stack,omitempty" json:"stack,omitempty" jsonschema:"pattern=^[a-z][a-z0-9-]*$,maxLength=32"`
	// LogGroup configures the service's log group.
	LogGroup LogGroup `yaml:"logGroup,omitempty" json:"logGroup,omitempty"`
	// LogEvents declare, once, the structured JSON events the service logs and their fields. Events derive their patterns from them (logEvent, where), hand-written patterns and examples are checked against them, and logq gen and logq lint use them. Default: none, events are known only by their patterns.
	LogEvents []LogEvent `yaml:"logEvents,omitempty" json:"logEvents,omitempty"`
	// Events are the structured log events turned into metrics and alarms.
	Events []Event `yaml:"events" json:"events"`
	// Description says what the service does; it heads the service's dashboard. Default: none.
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
	// Runbook is the service's runbook, linked from its dashboard and from the alarms without one of their own. Default: none.
	Runbook string `yaml:"runbook,omitempty" json:"runbook,omitempty" jsonschema:"pattern=^https://"`
	// CompositeAlarm pages once per service: a composite alarm, ALARM when any critical alarm of the service is, notifies the critical topic, and the critical alarms themselves notify the warning topic. Default: on when the service has two or more critical alarms.
	CompositeAlarm *bool `yaml:"compositeAlarm,omitempty" json:"compositeAlarm,omitempty"`
	// Silence overrides the environment's silence detection for this service. Default: the environment's.
	Silence *Silence `yaml:"silence,omitempty" json:"silence,omitempty"`
	// Ratios are alarms on one event's metric divided by another's, such as failed runs per run. Default: none.
	Ratios []Ratio `yaml:"ratios,omitempty" json:"ratios,omitempty"`
	// LogAlarms are alarms on a Logs Insights query of the service's log group, run on a schedule (AWS::CloudWatch::LogAlarm). Default: none.
	LogAlarms []LogAlarm `yaml:"logAlarms,omitempty" json:"logAlarms,omitempty"`
}

// LogAlarm is an alarm on a Logs Insights query that CloudWatch runs on a
// schedule over the service's log group: each run's results are
// aggregated (count(*), avg(latency)) and compared with the threshold.
type LogAlarm struct {
	// Name is unique among the service's events, ratios and log alarms, lower case. Required.
	Name string `yaml:"name" json:"name" jsonschema:"pattern=^[a-z][a-z0-9-]*$,maxLength=64"`
	// Description says what the alarm means; it starts the alarm description.
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
	// Query is the Logs Insights query, such as 'filter latency > 2000'. Required, or queryFile.
	Query string `yaml:"query,omitempty" json:"query,omitempty"`
	// QueryFile is a saved Logs Insights query under queries/ (its name without the extension). Required, or query.
	QueryFile string `yaml:"queryFile,omitempty" json:"queryFile,omitempty"`
	// Aggregation is the stats aggregation compared with the threshold: count(*), avg(latency), count(*) by host (each host alarmed on). Required.
	Aggregation string `yaml:"aggregation" json:"aggregation"`
	// Every is how often the query runs, in whole minutes: 5m, 1h. Default: 5m.
	Every string `yaml:"every,omitempty" json:"every,omitempty" jsonschema:"pattern=^[0-9]+[mh]$"`
	// Window is how far back each run queries: 5m, 1h. Default: every.
	Window string `yaml:"window,omitempty" json:"window,omitempty" jsonschema:"pattern=^[0-9]+[smh]$"`
	// Threshold compared with the aggregation. Required.
	Threshold *float64 `yaml:"threshold" json:"threshold"`
	// Comparison. Default: GreaterThanOrEqualToThreshold.
	Comparison string `yaml:"comparison,omitempty" json:"comparison,omitempty" jsonschema:"enum=GreaterThanOrEqualToThreshold,enum=GreaterThanThreshold,enum=LessThanThreshold,enum=LessThanOrEqualToThreshold"`
	// EvaluationPeriods is how many of the last runs are evaluated. Default: 1.
	EvaluationPeriods int `yaml:"evaluationPeriods,omitempty" json:"evaluationPeriods,omitempty"`
	// DatapointsToAlarm of those runs must breach. Default: evaluationPeriods.
	DatapointsToAlarm int `yaml:"datapointsToAlarm,omitempty" json:"datapointsToAlarm,omitempty"`
	// MissingData is what a run without results means. Default: notBreaching.
	MissingData string `yaml:"missingData,omitempty" json:"missingData,omitempty" jsonschema:"enum=breaching,enum=notBreaching,enum=ignore,enum=missing"`
	// Severity routes notifications to the topic of that severity. Default: warning.
	Severity string `yaml:"severity,omitempty" json:"severity,omitempty" jsonschema:"enum=critical,enum=warning"`
	// Runbook is linked from the alarm description. Default: the service's.
	Runbook string `yaml:"runbook,omitempty" json:"runbook,omitempty"`
	// LogLines is how many log lines of the run the notification carries, 0 to 50. Default: 0.
	LogLines int `yaml:"logLines,omitempty" json:"logLines,omitempty"`
	// Examples are log lines the query selects: the tests write them until the alarm fires, and fewer to see it stay quiet. Required for the generated alarm tests.
	Examples []string `yaml:"examples,omitempty" json:"examples,omitempty"`
}

// Silence configures silence detection: an alarm when a log group receives
// no event at all for a while, since a crashed service logs nothing.
type Silence struct {
	// After is how long without an event raises the alarm, in whole minutes: 15m, 1h. Required when silence detection is on: in an environment, unless enabled is false; in a service, unless every environment sets it.
	After string `yaml:"after,omitempty" json:"after,omitempty" jsonschema:"pattern=^[0-9]+[mh]$"`
	// Enabled false turns silence detection off (for a service whose environment has it on). Default: true.
	Enabled *bool `yaml:"enabled,omitempty" json:"enabled,omitempty"`
	// Severity routes the alarm's notifications. Default: critical.
	Severity string `yaml:"severity,omitempty" json:"severity,omitempty" jsonschema:"enum=critical,enum=warning"`
}

// Ratio is an alarm on one event's metric divided by another's.
type Ratio struct {
	// Name is unique among the service's events and ratios, lower case. Required.
	Name string `yaml:"name" json:"name" jsonschema:"pattern=^[a-z][a-z0-9-]*$,maxLength=64"`
	// Description says what the ratio means; it starts the alarm description.
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
	// Numerator is the event counted above the line, such as queue-worker-failure. Required.
	Numerator string `yaml:"numerator" json:"numerator"`
	// Denominator is the event counted below it, such as queue-worker-run. Required.
	Denominator string `yaml:"denominator" json:"denominator"`
	// Alarm on the ratio (threshold as a fraction: 0.1 is 10%). Required.
	Alarm Alarm `yaml:"alarm" json:"alarm"`
}

// Anomaly compares a metric with a band CloudWatch learns from its history.
type Anomaly struct {
	// StdDevs is the band's width in standard deviations, a positive number. Default: 2.
	StdDevs float64 `yaml:"stdDevs,omitempty" json:"stdDevs,omitempty"`
	// Side of the band that alarms: above, below or both. Default: both.
	Side string `yaml:"side,omitempty" json:"side,omitempty" jsonschema:"enum=above,enum=below,enum=both"`
}

// LogGroup configures a service's log group: one the stack creates, or,
// with existing, one that exists already.
type LogGroup struct {
	// Name of the log group the stack creates; {env} is replaced by the environment's name. Not with existing. Default: /<app>/<env>/<service>.
	Name string `yaml:"name,omitempty" json:"name,omitempty"`
	// Existing is the name of a log group that exists already, such as /aws/lambda/orders (Lambda, ECS and API Gateway create their own), which the service adopts: its metric filters, alarms, log alarms, silence detection, saved queries and dashboard attach to it, and the stack neither creates nor ever deletes it. {env} is replaced by the environment's name. Not with name, class or maskedDataIdentifiers; the environment's encryptLogs, retentionDays, removalPolicy and deletionProtection do not apply. Default: none, the stack creates the log group.
	Existing string `yaml:"existing,omitempty" json:"existing,omitempty"`
	// Class is STANDARD, INFREQUENT_ACCESS or DELIVERY (events kept one day for delivery to S3 or Firehose: no retention, metric filters or queries). Not with existing. Default: STANDARD.
	Class string `yaml:"class,omitempty" json:"class,omitempty" jsonschema:"enum=STANDARD,enum=INFREQUENT_ACCESS,enum=DELIVERY"`
	// RetentionDays overrides the environment's retention for this log group. Not with class DELIVERY, which takes none (nor the environment's). With existing, it is set on the existing log group through a custom resource (aws-cdk-lib's LogRetention), and stays when removed. Default: the environment's; with existing, the retention is left as it is.
	RetentionDays int `yaml:"retentionDays,omitempty" json:"retentionDays,omitempty"`
	// MaskedDataIdentifiers are masked by a data protection policy, e.g. EmailAddress. Not with existing. Default: none.
	MaskedDataIdentifiers []string `yaml:"maskedDataIdentifiers,omitempty" json:"maskedDataIdentifiers,omitempty"`
}

// Event is one structured log event of a service.
type Event struct {
	// Name is unique within the service, lower case, at most 64 characters. Required.
	Name string `yaml:"name" json:"name" jsonschema:"pattern=^[a-z][a-z0-9-]*$,maxLength=64"`
	// Description says what the event means; it starts the alarm description.
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
	// Pattern is the CloudWatch filter pattern that selects the event. Required, unless logEvent is set: then it is derived, { $.<eventField> = "<logEvent>" && <where> }, and a pattern given is checked against the log event's fields.
	Pattern string `yaml:"pattern,omitempty" json:"pattern,omitempty"`
	// LogEvent is the name of one of the service's logEvents that this event counts. Default: none.
	LogEvent string `yaml:"logEvent,omitempty" json:"logEvent,omitempty"`
	// Where narrows the log event by its fields, each a declared field: a string or enum value ("False"), a number (12.5), true or false, or "*" for present. Only with logEvent. Default: every occurrence of the log event.
	Where map[string]string `yaml:"where,omitempty" json:"where,omitempty"`
	// Metric configures the metric the event publishes.
	Metric Metric `yaml:"metric,omitempty" json:"metric,omitempty"`
	// Alarm on the metric. Default: no alarm.
	Alarm *Alarm `yaml:"alarm,omitempty" json:"alarm,omitempty"`
	// Examples are log lines the pattern must and must not match, checked by make test and logq test.
	Examples Examples `yaml:"examples,omitempty" json:"examples,omitempty"`
}

// LogEvent is one structured JSON event an application logs, such as
// {"event":"my-queue-worker","success":"False","time":1.2}, declared with
// its fields.
type LogEvent struct {
	// Name is the value of the event field (eventField) that identifies the log event. Required.
	Name string `yaml:"name" json:"name" jsonschema:"minLength=1,maxLength=128"`
	// Description says when the application logs it; it heads the generated logger's function.
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
	// Fields of the event other than the event field. Required.
	Fields []Field `yaml:"fields" json:"fields"`
}

// Field is one field of a log event.
type Field struct {
	// Name is the JSON key, top level. Required.
	Name string `yaml:"name" json:"name" jsonschema:"pattern=^[A-Za-z_][A-Za-z0-9_]*$,maxLength=64"`
	// Type is string, number, boolean or enum (a string from values). Required.
	Type string `yaml:"type" json:"type" jsonschema:"enum=string,enum=number,enum=boolean,enum=enum"`
	// Required fields are in every occurrence of the event. Default: false.
	Required bool `yaml:"required,omitempty" json:"required,omitempty"`
	// Description says what the field holds; it documents the generated logger's parameter.
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
	// Unit of a number, a CloudWatch unit such as Seconds or Bytes; a metric whose value is this field takes it. Only with type number. Default: none.
	Unit string `yaml:"unit,omitempty" json:"unit,omitempty"`
	// Values an enum takes. Required with type enum, and only with it.
	Values []string `yaml:"values,omitempty" json:"values,omitempty"`
	// MaxValues bounds how many different values a string field takes within an hour, for a metric dimension taken from it (an enum is bounded by its values). Only with type string. Default: unbounded, and the field cannot be a dimension.
	MaxValues int `yaml:"maxValues,omitempty" json:"maxValues,omitempty"`
}

// Metric configures an event's metric.
type Metric struct {
	// Namespace. Default: <app>/<service>.
	Namespace string `yaml:"namespace,omitempty" json:"namespace,omitempty"`
	// Name. Default: the event name.
	Name string `yaml:"name,omitempty" json:"name,omitempty"`
	// Value per event: a number, $.field (JSON) or $name (space-delimited). Default: "1".
	Value string `yaml:"value,omitempty" json:"value,omitempty"`
	// Unit is a CloudWatch unit. Default: Count for numbers, None for fields.
	Unit string `yaml:"unit,omitempty" json:"unit,omitempty"`
	// DefaultValue is published for minutes without a match; not with dimensions. Default: none.
	DefaultValue *float64 `yaml:"defaultValue,omitempty" json:"defaultValue,omitempty"`
	// Dimensions map names to event fields, at most 3. Default: none.
	Dimensions map[string]string `yaml:"dimensions,omitempty" json:"dimensions,omitempty"`
	// AllowedValues lists, per dimension taken from an event field, the values it may take: CloudWatch Logs may disable a metric filter whose dimensions make 1,000 name/value pairs within an hour, so each such dimension lists its values here or bounds them in maxValues. Examples and alarm dimensions must use these values. Default: none.
	AllowedValues map[string][]string `yaml:"allowedValues,omitempty" json:"allowedValues,omitempty"`
	// MaxValues bounds, per dimension taken from an event field, how many different values it takes within an hour, when they cannot be listed in allowedValues; the bounds of a metric's dimensions add up to fewer than 1,000. Default: none.
	MaxValues map[string]int `yaml:"maxValues,omitempty" json:"maxValues,omitempty"`
}

// Alarm configures an alarm on an event's metric.
type Alarm struct {
	// Threshold compared with the statistic; an environment may override it. Required, unless anomaly is set.
	Threshold *float64 `yaml:"threshold,omitempty" json:"threshold,omitempty"`
	// Comparison. Default: GreaterThanOrEqualToThreshold.
	Comparison string `yaml:"comparison,omitempty" json:"comparison,omitempty" jsonschema:"enum=GreaterThanOrEqualToThreshold,enum=GreaterThanThreshold,enum=LessThanThreshold,enum=LessThanOrEqualToThreshold"`
	// Statistic: SampleCount, Average, Sum, Minimum, Maximum, or an extended statistic of a metric whose value comes from the event (metric.value: $.time): a percentile p99 or p99.9, a trimmed mean tm99 or TM(10%:90%), wm99, tc99, ts99, PR(:300), IQM. Default: Sum.
	Statistic string `yaml:"statistic,omitempty" json:"statistic,omitempty"`
	// Period as a duration: 10s, 30s, 1m, 5m, 1h. Default: 5m.
	Period string `yaml:"period,omitempty" json:"period,omitempty" jsonschema:"pattern=^[0-9]+[smh]$"`
	// EvaluationPeriods: period × evaluationPeriods is at most 7 days for periods of 1h or more, one day for shorter ones. Default: 1.
	EvaluationPeriods int `yaml:"evaluationPeriods,omitempty" json:"evaluationPeriods,omitempty"`
	// DatapointsToAlarm, 1 to evaluationPeriods. Default: evaluationPeriods.
	DatapointsToAlarm int `yaml:"datapointsToAlarm,omitempty" json:"datapointsToAlarm,omitempty"`
	// MissingData. Default: notBreaching for count metrics, missing otherwise.
	MissingData string `yaml:"missingData,omitempty" json:"missingData,omitempty" jsonschema:"enum=breaching,enum=notBreaching,enum=ignore,enum=missing"`
	// Severity routes notifications to the topic of that severity. Default: warning.
	Severity string `yaml:"severity,omitempty" json:"severity,omitempty" jsonschema:"enum=critical,enum=warning"`
	// Runbook is linked from the alarm description. Default: none.
	Runbook string `yaml:"runbook,omitempty" json:"runbook,omitempty"`
	// Dimensions pick the series of a metric with dimensions. Required when the metric has dimensions.
	Dimensions map[string]string `yaml:"dimensions,omitempty" json:"dimensions,omitempty"`
	// Anomaly alarms when the metric leaves a band CloudWatch learns from its history, instead of crossing threshold. Default: none, a static threshold.
	Anomaly *Anomaly `yaml:"anomaly,omitempty" json:"anomaly,omitempty"`
}

// Examples are the event's contract tests.
type Examples struct {
	// Match lists log lines the pattern must match.
	Match []MatchExample `yaml:"match,omitempty" json:"match,omitempty"`
	// NoMatch lists log lines the pattern must not match.
	NoMatch []string `yaml:"noMatch,omitempty" json:"noMatch,omitempty"`
}

// MatchExample is a log line that must match, with optional expectations.
type MatchExample struct {
	// Line is the log message. Required.
	Line string `yaml:"line" json:"line"`
	// Value is the expected metric value. Default: not checked.
	Value *float64 `yaml:"value,omitempty" json:"value,omitempty"`
	// Dimensions are the expected dimension values. Default: not checked.
	Dimensions map[string]string `yaml:"dimensions,omitempty" json:"dimensions,omitempty"`
}

// Query is a saved Logs Insights query.
type Query struct {
	// File is the query's path under queries/ without the extension, e.g.
	// exceptions-per-hour or team/slow-requests; it is also its console name. Required.
	File string `yaml:"file" json:"file"`
	// LogGroups are the services whose log groups the query runs on. Required.
	LogGroups []string `yaml:"logGroups" json:"logGroups"`
}

// Environment is environments/<name>.yaml.
type Environment struct {
	// Account is the 12-digit AWS account ID. Required.
	Account string `yaml:"account" json:"account" jsonschema:"pattern=^[0-9]{12}$"`
	// Region, e.g. eu-west-1: one of the regions listed in constructs/spec/regions.go. Required.
	Region string `yaml:"region" json:"region" jsonschema:"pattern=^[a-z]{2\\,4}(-[a-z]+)+-[0-9]+$"`
	// RetentionDays of log groups, a value CloudWatch accepts (not of DELIVERY log groups, which take none). Default: 731.
	RetentionDays int `yaml:"retentionDays,omitempty" json:"retentionDays,omitempty" jsonschema:"enum=1,enum=3,enum=5,enum=7,enum=14,enum=30,enum=60,enum=90,enum=120,enum=150,enum=180,enum=365,enum=400,enum=545,enum=731,enum=1096,enum=1827,enum=2192,enum=2557,enum=2922,enum=3288,enum=3653"`
	// AlarmActions notifies the topics; false keeps alarms silent (development). Default: true.
	AlarmActions *bool `yaml:"alarmActions,omitempty" json:"alarmActions,omitempty"`
	// RemovalPolicy of log groups and keys: retain or destroy. Default: retain.
	RemovalPolicy string `yaml:"removalPolicy,omitempty" json:"removalPolicy,omitempty" jsonschema:"enum=retain,enum=destroy"`
	// DeletionProtection makes CloudWatch refuse to delete the log groups. Default: false.
	DeletionProtection bool `yaml:"deletionProtection,omitempty" json:"deletionProtection,omitempty"`
	// TerminationProtection makes CloudFormation refuse to delete the environment's stacks (a delete must turn it off first). Default: the environment's deletionProtection, so on for production.
	TerminationProtection *bool `yaml:"terminationProtection,omitempty" json:"terminationProtection,omitempty"`
	// EncryptLogs encrypts each log group with its own customer-managed KMS key. Default: false.
	EncryptLogs bool `yaml:"encryptLogs,omitempty" json:"encryptLogs,omitempty"`
	// KeyAdministrators are the IAM role or user ARNs (wildcards allowed in the name) that administer the environment's KMS keys, instead of every principal of the account through IAM; the CDK bootstrap's CloudFormation execution roles are added so that deploys can update the keys. Default: none, the account administers the keys.
	KeyAdministrators []string `yaml:"keyAdministrators,omitempty" json:"keyAdministrators,omitempty"`
	// KeyUsers are the IAM role or user ARNs that may encrypt and decrypt with the environment's keys, besides CloudWatch and CloudWatch Logs. Only with keyAdministrators. Default: none.
	KeyUsers []string `yaml:"keyUsers,omitempty" json:"keyUsers,omitempty"`
	// Compliance names the cdk-nag rule packs the environment's stacks must pass, besides AWS Solutions and Serverless which every environment passes: make test runs them on its stacks. nist-800-53-r5, hipaa and pci-dss need encryptLogs. Default: none.
	Compliance []string `yaml:"compliance,omitempty" json:"compliance,omitempty" jsonschema:"uniqueItems=true,enum=nist-800-53-r5,enum=hipaa,enum=pci-dss"`
	// Thresholds override alarm thresholds, keyed "<service>/<event>" (not of anomaly alarms, which have none). Default: none.
	Thresholds map[string]float64 `yaml:"thresholds,omitempty" json:"thresholds,omitempty"`
	// Subscriptions of the alert topics, per severity.
	Subscriptions Subscriptions `yaml:"subscriptions,omitempty" json:"subscriptions,omitempty"`
	// GitHubEnvironment is the GitHub environment whose deploy job deploys this environment; its jobs may assume the account's deploy role. Only with github in services.yaml. Default: the environment's name.
	GitHubEnvironment string `yaml:"githubEnvironment,omitempty" json:"githubEnvironment,omitempty" jsonschema:"maxLength=255"`
	// Allow lists the stateful changes to this environment's stacks that are accepted on purpose (a log group, key or topic replaced, removed or moved), each with its reason. Default: none, every such change fails the synth.
	Allow []Allowance `yaml:"allow,omitempty" json:"allow,omitempty"`
	// Silence turns on silence detection for every service (a service may override it). Default: off.
	Silence *Silence `yaml:"silence,omitempty" json:"silence,omitempty"`
	// Dashboards: false builds none. Default: true, one per service and a summary of the environment.
	Dashboards *bool `yaml:"dashboards,omitempty" json:"dashboards,omitempty"`
}

// Subscriptions lists the endpoints per severity.
type Subscriptions struct {
	Critical []Subscription `yaml:"critical,omitempty" json:"critical,omitempty"`
	Warning  []Subscription `yaml:"warning,omitempty" json:"warning,omitempty"`
}

// Subscription is one endpoint; set exactly one key.
type Subscription struct {
	Email string `yaml:"email,omitempty" json:"email,omitempty"`
	// HTTPS is a webhook URL (https://...), or a CloudFormation dynamic reference to one kept in Secrets Manager or SSM, such as '{{resolve:secretsmanager:eventwatch/prod/pagerduty:SecretString:url}}': a URL carrying a credential (an integration key in the path, user:password, a token parameter) is refused.
	HTTPS  string `yaml:"https,omitempty" json:"https,omitempty" jsonschema:"pattern=^(https://|[{][{]resolve:)"`
	SQS    string `yaml:"sqs,omitempty" json:"sqs,omitempty" jsonschema:"pattern=^arn:aws[a-z-]*:sqs:"`
	Lambda string `yaml:"lambda,omitempty" json:"lambda,omitempty" jsonschema:"pattern=^arn:aws[a-z-]*:lambda:"`
	Slack  *Slack `yaml:"slack,omitempty" json:"slack,omitempty"`
}

// Slack is a channel in a workspace authorized in AWS Chatbot.
type Slack struct {
	WorkspaceID string `yaml:"workspaceId" json:"workspaceId"`
	ChannelID   string `yaml:"channelId" json:"channelId"`
}
