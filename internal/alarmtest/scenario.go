// Package alarmtest runs alarm scenarios, as promtool tests alerting rules:
// log lines in, alarm states and pages out, checked against what the team
// expects, on the synthesized templates that will be deployed (package
// cwsim simulates CloudWatch). Scenarios are YAML files (Scenario, with
// the JSON Schema config/schema/scenario.schema.json) or are generated from
// a config's event examples (Generate).
package alarmtest

// Scenario is one alarm test file.
type Scenario struct {
	// Name says what the scenario shows. Default: the file name.
	Name string `yaml:"name,omitempty" json:"name,omitempty"`
	// Environment selects the stacks <app>-<environment> and <app>-<environment>-<stack> of the cloud assembly. Required.
	Environment string `yaml:"environment" json:"environment" jsonschema:"pattern=^[a-z][a-z0-9-]*$"`
	// Start is when the scenario begins, RFC 3339. Default: DefaultStart.
	Start string `yaml:"start,omitempty" json:"start,omitempty" jsonschema:"format=date-time"`
	// Duration of the simulation from Start: 90m, 6h. Default: the last offset of a log line or an expectation, at least an hour.
	Duration string `yaml:"duration,omitempty" json:"duration,omitempty" jsonschema:"pattern=^[0-9]+[smh]([0-9]+[smh])*$"`
	// Bands are the anomaly detection bands of anomaly alarms, by alarm name: CloudWatch's model is AWS's, so a scenario fixes it. Default: none; an anomaly alarm without one is an error.
	Bands map[string]Band `yaml:"bands,omitempty" json:"bands,omitempty"`
	// Logs are the log lines the services write.
	Logs []Logs `yaml:"logs" json:"logs"`
	// Expect lists what must happen. Required.
	Expect []Expectation `yaml:"expect" json:"expect"`
}

// Band is an anomaly detection band.
type Band struct {
	Lower float64 `yaml:"lower" json:"lower"`
	Upper float64 `yaml:"upper" json:"upper"`
}

// Logs is a log line written once or repeatedly.
type Logs struct {
	// Service whose log group receives the line (the log group tagged service: <name>). Required, or logGroup.
	Service string `yaml:"service,omitempty" json:"service,omitempty"`
	// LogGroup receives the line, by name. Required, or service.
	LogGroup string `yaml:"logGroup,omitempty" json:"logGroup,omitempty"`
	// Line is the raw log message; {{i}} in it (or in json) becomes the occurrence's number, 0, 1, …. Required, or json.
	Line string `yaml:"line,omitempty" json:"line,omitempty"`
	// JSON is the log message as an object, written as compact JSON. Required, or line.
	JSON map[string]any `yaml:"json,omitempty" json:"json,omitempty"`
	// At is the offset from the start of the first line: 0m, 90s, +5m. Default: 0s.
	At string `yaml:"at,omitempty" json:"at,omitempty" jsonschema:"pattern=^\\+?[0-9]+[smh]([0-9]+[smh])*$"`
	// Every repeats the line at this interval. Default: written once.
	Every string `yaml:"every,omitempty" json:"every,omitempty" jsonschema:"pattern=^\\+?[0-9]+[smh]([0-9]+[smh])*$"`
	// Until is the offset the repetition stops before. Required with every.
	Until string `yaml:"until,omitempty" json:"until,omitempty" jsonschema:"pattern=^\\+?[0-9]+[smh]([0-9]+[smh])*$"`
	// Count is how many copies of the line each occurrence writes. Default: 1.
	Count int `yaml:"count,omitempty" json:"count,omitempty" jsonschema:"minimum=1"`
}

// Expectation is one thing that must happen; set exactly one of alarm,
// notified, notNotified, quiet and filterDisabled.
type Expectation struct {
	// Alarm (its AlarmName) must be in State at At, or reach it by By.
	Alarm string `yaml:"alarm,omitempty" json:"alarm,omitempty"`
	// State of the alarm: OK, ALARM or INSUFFICIENT_DATA; with notified, the state change that notifies. Default: ALARM.
	State string `yaml:"state,omitempty" json:"state,omitempty" jsonschema:"enum=OK,enum=ALARM,enum=INSUFFICIENT_DATA"`
	// At is the offset at which the state must hold.
	At string `yaml:"at,omitempty" json:"at,omitempty" jsonschema:"pattern=^\\+?[0-9]+[smh]([0-9]+[smh])*$"`
	// By is the offset by which the state must have been reached, or the notification sent. Default: the end of the scenario.
	By string `yaml:"by,omitempty" json:"by,omitempty" jsonschema:"pattern=^\\+?[0-9]+[smh]([0-9]+[smh])*$"`
	// Notified is a topic (its TopicName, or a glob such as *-critical) that must be notified of State by By.
	Notified string `yaml:"notified,omitempty" json:"notified,omitempty"`
	// NotNotified is a topic (name or glob) that must never be notified of State.
	NotNotified string `yaml:"notNotified,omitempty" json:"notNotified,omitempty"`
	// From names the alarm whose notification counts, with notified. Default: any alarm.
	From string `yaml:"from,omitempty" json:"from,omitempty"`
	// Times is how many notifications, exactly, with notified. Default: at least one.
	Times *int `yaml:"times,omitempty" json:"times,omitempty" jsonschema:"minimum=0"`
	// Quiet alarms (names or globs) never go to ALARM.
	Quiet []string `yaml:"quiet,omitempty" json:"quiet,omitempty"`
	// FilterDisabled is a metric filter (its metric name) that CloudWatch Logs disables for its dimensions' cardinality.
	FilterDisabled string `yaml:"filterDisabled,omitempty" json:"filterDisabled,omitempty"`
}
