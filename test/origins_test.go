package test

import (
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/internal/assembly"
)

// Every resource of an environment's stacks can be traced back to the
// config line it comes from, through the construct metadata the stacks
// record beside the template (not in it): each alarm to the entry of its
// event, ratio, log alarm or service, each metric filter and log group to
// theirs.
func TestResourcesTraceBackToTheConfig(t *testing.T) {
	traced := 0
	for _, env := range synthesized.config.EnvironmentNames() {
		byName := map[string]string{} // alarm name → planned origin
		for _, it := range plannedItems(t, env) {
			switch {
			case it.Alarm != nil:
				byName[it.Alarm.AlarmName] = it.Origin()
			case it.Silence != nil:
				byName[it.Silence.AlarmName] = it.Origin()
			case it.Composite != nil:
				byName[it.Composite.AlarmName] = it.Origin()
			case it.LogAlarm != nil:
				byName[it.LogAlarm.AlarmName] = it.Origin()
			}
		}
		for _, stack := range envStacks(env) {
			md, err := assembly.ReadMetadata(synthesized.dir, stack, appconfig.OriginMetadataType)
			if err != nil {
				t.Fatal(err)
			}
			for id, r := range synthesized.templates[stack].Resources {
				if strings.Contains(jsonOf(r.Properties), appconfig.OriginMetadataType) {
					t.Errorf("%s %s: the origin reached the template", stack, id)
				}
				origin := md.Origin(id)
				switch r.Type {
				case "AWS::CloudWatch::Alarm", "AWS::CloudWatch::CompositeAlarm", "AWS::CloudWatch::LogAlarm":
					name, _ := r.Properties["AlarmName"].(string)
					want, planned := byName[name]
					if !planned {
						want = "" // an alert topic's own alarm: traced to the environment file
						if !strings.Contains(origin, "environments/"+env) {
							t.Errorf("%s %s (%s): origin %q, want the environment file", stack, id, name, origin)
						}
						continue
					}
					if origin != want || !strings.Contains(origin, ".yaml:") {
						t.Errorf("%s %s (%s): origin %q, want %q", stack, id, name, origin, want)
					}
					traced++
				case "AWS::Logs::MetricFilter", "AWS::Logs::LogGroup", "AWS::Logs::QueryDefinition":
					if !strings.Contains(origin, ".yaml:") {
						t.Errorf("%s %s (%s): no origin (%q)", stack, id, r.Type, origin)
					}
				}
			}
		}
	}
	if traced == 0 {
		t.Error("no alarm was traced back")
	}
}
