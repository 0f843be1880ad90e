package appconfig_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/eventwatch/eventwatch/constructs/spec"
	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/queries"
)

// validInputs are configs a new user writes that CloudWatch accepts: each
// loads without an error, and its plan holds what the config says. The
// synthesized side of some (the DELIVERY log group, the split alarm
// widgets) is in test/valid_inputs_test.go.
var validInputs = []struct {
	name string
	// services is services.yaml; envs are the environment files by name
	// (devEnv when none).
	services string
	envs     map[string]string
	check    func(t *testing.T, cfg *appconfig.Config)
}{
	{
		// PutMetricAlarm: period × evaluationPeriods up to 604,800 s (7
		// days) for periods of an hour or more, one day for shorter ones;
		// for event, ratio and anomaly alarms alike.
		name: "seven-day windows of hourly periods",
		services: `owner: team
services:
  - name: orders
    events:
      - name: failed
        pattern: 'ERROR'
        alarm: {threshold: 1, period: 1h, evaluationPeriods: 168}
      - name: run
        pattern: 'RUN'
        alarm: {anomaly: {stdDevs: 3}, period: 2h, evaluationPeriods: 84, datapointsToAlarm: 80}
      - name: slow
        pattern: 'SLOW'
        alarm: {threshold: 1, period: 10s, evaluationPeriods: 8640}
    ratios:
      - name: failure-rate
        numerator: failed
        denominator: run
        alarm: {threshold: 0.1, period: 1h, evaluationPeriods: 48}
      - name: failure-band
        numerator: failed
        denominator: run
        alarm: {anomaly: {side: above}, period: 24h, evaluationPeriods: 7}
`,
		check: func(t *testing.T, cfg *appconfig.Config) {
			want := map[string][2]int{
				"dev-orders-warning-failed":       {3600, 168},
				"dev-orders-warning-run":          {7200, 84},
				"dev-orders-warning-slow":         {10, 8640},
				"dev-orders-warning-failure-rate": {3600, 48},
				"dev-orders-warning-failure-band": {86400, 7},
			}
			for _, it := range items(t, cfg, "dev") {
				if it.Alarm == nil {
					continue
				}
				w, ok := want[it.Alarm.AlarmName]
				if got := [2]int{it.Alarm.PeriodSeconds, it.Alarm.EvaluationPeriods}; ok && got != w {
					t.Errorf("%s: period × periods %v, want %v", it.Alarm.AlarmName, got, w)
				}
				delete(want, it.Alarm.AlarmName)
			}
			if len(want) > 0 {
				t.Errorf("alarms missing from the plan: %v", want)
			}
		},
	},
	{
		// Nothing caps evaluationPeriods at 100: 120 five-minute periods are
		// ten hours.
		name: "120 evaluation periods",
		services: `owner: team
services:
  - name: orders
    events:
      - name: failed
        pattern: 'ERROR'
        alarm: {threshold: 1, evaluationPeriods: 120, datapointsToAlarm: 110}
`,
		check: func(t *testing.T, cfg *appconfig.Config) {
			a := alarm(t, cfg, "dev", "dev-orders-warning-failed")
			if a.EvaluationPeriods != 120 || a.DatapointsToAlarm != 110 {
				t.Errorf("evaluation %d of %d, want 110 of 120", a.DatapointsToAlarm, a.EvaluationPeriods)
			}
		},
	},
	{
		// A DELIVERY log group keeps events for a day and takes no
		// retention: the environment's retentionDays does not apply to it.
		name: "DELIVERY log group",
		services: `owner: team
services:
  - name: lambda
    logGroup: {class: DELIVERY}
    events: []
  - name: orders
    events: []
`,
		envs: map[string]string{"dev": devEnv + "retentionDays: 7\n"},
		check: func(t *testing.T, cfg *appconfig.Config) {
			for _, it := range items(t, cfg, "dev") {
				if it.LogGroup == nil {
					continue
				}
				lg := it.LogGroup.WithDefaults()
				switch it.Name {
				case "lambda":
					if lg.Class != spec.ClassDelivery || lg.RetentionDays != 0 {
						t.Errorf("lambda: class %s retention %d, want DELIVERY without a retention", lg.Class, lg.RetentionDays)
					}
				case "orders":
					if lg.RetentionDays != 7 {
						t.Errorf("orders: retention %d, want the environment's 7", lg.RetentionDays)
					}
				}
			}
		},
	},
	{
		// Query definitions are not unique by name: each has its own ID
		// (PutQueryDefinition), so two environments in one account and
		// region both save theirs.
		name: "one saved query in two environments of an account and region",
		services: `owner: team
services:
  - name: orders
    events: []
queries:
  - file: slow
    logGroups: [orders]
`,
		envs: map[string]string{"dev": devEnv, "test": devEnv},
		check: func(t *testing.T, cfg *appconfig.Config) {
			for _, env := range []string{"dev", "test"} {
				found := false
				for _, it := range items(t, cfg, env) {
					if it.Query != nil && it.Query.Name == "slow" && it.Query.LogGroupNames[0] == "/eventwatch/"+env+"/orders" {
						found = true
					}
				}
				if !found {
					t.Errorf("%s: no saved query slow on its log group", env)
				}
			}
		},
	},
	{
		// 100 alarmed events and the silence alarm: 101 alarms, which the
		// dashboards show in alarm status widgets of at most 100 each.
		name: "100 alarmed events and a silence alarm",
		services: func() string {
			var b strings.Builder
			b.WriteString("owner: team\nservices:\n  - name: orders\n    events:\n")
			for i := range spec.MaxMetricFiltersPerGroup {
				fmt.Fprintf(&b, "      - name: e%d\n        pattern: '{ $.event = \"e%d\" }'\n        alarm: {threshold: 1}\n", i, i)
			}
			return b.String()
		}(),
		envs: map[string]string{"dev": devEnv + "silence: {after: 15m}\n"},
		check: func(t *testing.T, cfg *appconfig.Config) {
			n := 0
			for _, it := range items(t, cfg, "dev") {
				if it.Alarm != nil || it.Silence != nil {
					n++
				}
			}
			if n != 101 {
				t.Errorf("%d alarms, want 101", n)
			}
		},
	},
	{
		// YAML 1.2: a leading zero is not octal (030 is thirty), 0o30 is
		// the octal, and yes, no, on and off are text.
		name: "YAML 1.2 numbers and text",
		services: `owner: team
services:
  - name: orders
    description: yes
    logGroup: {retentionDays: 030}
    events:
      - name: failed
        description: off
        pattern: 'ERROR'
        alarm: {threshold: 010, evaluationPeriods: 0o30, datapointsToAlarm: 0x10}
`,
		envs: map[string]string{"dev": devEnv + "thresholds: {orders/failed: 007.5}\n", "prod": devEnv + "alarmActions: True\n"},
		check: func(t *testing.T, cfg *appconfig.Config) {
			svc := cfg.Services.Services[0]
			if svc.Description != "yes" || svc.Events[0].Description != "off" || svc.LogGroup.RetentionDays != 30 {
				t.Errorf("description %q, event description %q, retention %d; want yes, off and 30", svc.Description, svc.Events[0].Description, svc.LogGroup.RetentionDays)
			}
			if a := svc.Events[0].Alarm; *a.Threshold != 10 || a.EvaluationPeriods != 24 || a.DatapointsToAlarm != 16 {
				t.Errorf("threshold %g, evaluation %d of %d; want 10, 16 of 24", *a.Threshold, a.DatapointsToAlarm, a.EvaluationPeriods)
			}
			if a := alarm(t, cfg, "dev", "dev-orders-warning-failed"); a.Threshold != 7.5 {
				t.Errorf("dev threshold %g, want the override 7.5", a.Threshold)
			}
		},
	},
}

func TestValidInputsAreAccepted(t *testing.T) {
	for _, c := range validInputs {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"services.yaml":               {Data: []byte(c.services)},
				"queries/slow.insights":       {Data: []byte("filter duration > 1000\n")},
				"queries/exceptions.insights": {Data: []byte("filter level = \"ERROR\"\n")},
			}
			envs := c.envs
			if envs == nil {
				envs = map[string]string{"dev": devEnv}
			}
			for name, data := range envs {
				fsys["environments/"+name+".yaml"] = &fstest.MapFile{Data: []byte(data)}
			}
			cfg, err := appconfig.Load(fsys, "cfg", queries.FS)
			if err != nil {
				t.Fatalf("Load refused a valid config:\n%v", err)
			}
			for _, env := range cfg.EnvironmentNames() {
				plans, err := cfg.Plan(env)
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range plans {
					if err := p.Validate(); err != nil {
						t.Errorf("%s: %s: %v", env, p.StackName, err)
					}
				}
			}
			c.check(t, cfg)
		})
	}
}

// items are the items of every stack of env's plan.
func items(t *testing.T, cfg *appconfig.Config, env string) []appconfig.Item {
	t.Helper()
	plans, err := cfg.Plan(env)
	if err != nil {
		t.Fatal(err)
	}
	var out []appconfig.Item
	for _, p := range plans {
		out = append(out, p.Items...)
	}
	return out
}

// alarm is the props of the alarm called name in env's plan.
func alarm(t *testing.T, cfg *appconfig.Config, env, name string) spec.EventAlarmProps {
	t.Helper()
	for _, it := range items(t, cfg, env) {
		if it.Alarm != nil && it.Alarm.AlarmName == name {
			return *it.Alarm
		}
	}
	t.Fatalf("%s: no alarm %s", env, name)
	return spec.EventAlarmProps{}
}
