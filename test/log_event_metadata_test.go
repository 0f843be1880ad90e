package test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/eventwatch/eventwatch/internal/appconfig"
)

// Each synthesized stack records, in its template's Metadata, the log
// events its services declare (for make diff to compare with a baseline
// template): every service of the stack with logEvents, each log event
// with its fields, and each event tied to one with its pattern and match
// lines, as the config says; no record where no service declares any.
func TestGoldenTemplatesRecordLogEvents(t *testing.T) {
	cfg := synthesized.config
	recorded := 0
	for _, env := range cfg.EnvironmentNames() {
		plans, err := cfg.Plan(env)
		if err != nil {
			t.Fatal(err)
		}
		for _, plan := range plans {
			body, err := os.ReadFile(filepath.Join(synthesized.dir, plan.StackName+".template.json"))
			if err != nil {
				t.Fatal(err)
			}
			snap, err := appconfig.SchemaSnapshotOf(body)
			if err != nil {
				t.Fatalf("%s: %v", plan.StackName, err)
			}
			declaring := servicesDeclaringLogEvents(cfg, plan)
			if snap == nil {
				if len(declaring) > 0 {
					t.Errorf("%s: no Metadata.%s, but services %v declare log events", plan.StackName, appconfig.LogEventsMetadataKey, declaring)
				}
				continue
			}
			recorded++
			if snap.Environment != env || len(snap.Services) != len(declaring) {
				t.Errorf("%s: records environment %q and %d services, want %q and %v", plan.StackName, snap.Environment, len(snap.Services), env, declaring)
			}
			for _, svc := range declaring {
				checkServiceRecord(t, plan.StackName, cfg, svc, snap.Services[svc.Name])
			}
		}
	}
	if recorded == 0 {
		t.Error("no stack records log events: the example config should declare some")
	}
}

// servicesDeclaringLogEvents are the services of plan with logEvents.
func servicesDeclaringLogEvents(cfg *appconfig.Config, plan appconfig.StackPlan) []appconfig.Service {
	var out []appconfig.Service
	for _, it := range plan.Items {
		if it.LogGroup == nil {
			continue
		}
		for _, svc := range cfg.Services.Services {
			if svc.Name == it.Name && len(svc.LogEvents) > 0 {
				out = append(out, svc)
			}
		}
	}
	return out
}

// checkServiceRecord compares one service's record with its config.
func checkServiceRecord(t *testing.T, stack string, cfg *appconfig.Config, svc appconfig.Service, got appconfig.ServiceSchema) {
	t.Helper()
	where := stack + ": service " + svc.Name
	if got.EventField != cfg.Services.EventFieldName() || len(got.LogEvents) != len(svc.LogEvents) {
		t.Errorf("%s: event field %q and %d log events, want %q and %d", where, got.EventField, len(got.LogEvents), cfg.Services.EventFieldName(), len(svc.LogEvents))
	}
	for _, le := range svc.LogEvents {
		rec := got.LogEvents[le.Name]
		if len(rec.Fields) != len(le.Fields) {
			t.Errorf("%s: log event %s records %d fields, want %d", where, le.Name, len(rec.Fields), len(le.Fields))
		}
		for _, f := range le.Fields {
			r, ok := rec.Fields[f.Name]
			if !ok || r.Type != f.Type || r.Required != f.Required || r.Unit != f.Unit || !slices.Equal(r.Values, f.Values) {
				t.Errorf("%s: log event %s, field %s: recorded %+v (present %v), want %+v", where, le.Name, f.Name, r, ok, f)
			}
		}
	}
	for _, ev := range svc.Events {
		r, ok := got.Events[ev.Name]
		if ev.LogEvent == "" {
			if ok {
				t.Errorf("%s: event %s, tied to no log event, is recorded", where, ev.Name)
			}
			continue
		}
		var lines []string
		for _, m := range ev.Examples.Match {
			lines = append(lines, m.Line)
		}
		if !ok || r.LogEvent != ev.LogEvent || r.Pattern == "" || r.Pattern != ev.Pattern || !slices.Equal(r.Match, lines) {
			t.Errorf("%s: event %s: recorded %+v (present %v), want log event %s, pattern %s, match %q", where, ev.Name, r, ok, ev.LogEvent, ev.Pattern, lines)
		}
	}
}
