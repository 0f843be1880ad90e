package appconfig_test

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/queries"
)

// adoptingConfig has a service that adopts its Lambda function's log
// group with a retention of its own, one that adopts a log group as it
// is, and one whose log group the stack creates, in an environment whose
// log group settings are all set.
var adoptingConfig = fstest.MapFS{
	"services.yaml": {Data: []byte(`owner: team
services:
  - name: orders
    logGroup:
      existing: /aws/lambda/orders-{env}
      retentionDays: 30
    events:
      - name: failed
        pattern: 'ERROR'
        alarm: {threshold: 1}
    logAlarms:
      - name: slow
        query: 'filter duration > 1000'
        aggregation: count(*)
        threshold: 1
  - name: checkout
    logGroup:
      existing: /aws/lambda/checkout
    events: []
  - name: payments
    events: []
queries:
  - file: exceptions-per-hour
    logGroups: [orders, payments]
`)},
	"environments/prod.yaml": {Data: []byte(`account: "111111111111"
region: eu-west-1
retentionDays: 365
encryptLogs: true
deletionProtection: true
removalPolicy: destroy
silence: {after: 15m}
`)},
}

// An adopted log group takes the service's own retention, if any, and
// none of the environment's log group settings, which are for the log
// groups the stack creates; everything else of the service reads it by
// its name, with {env} replaced.
func TestAdoptedLogGroupPlan(t *testing.T) {
	cfg, err := appconfig.Load(adoptingConfig, "cfg", queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	plans, err := cfg.Plan("prod")
	if err != nil {
		t.Fatal(err)
	}
	type logGroup struct {
		existing, name              string
		retention, resources        int
		encrypt, deletionProtection bool
		removal                     string
	}
	got := map[string]logGroup{}
	var readers []string
	for _, it := range plans[0].Items {
		switch {
		case it.LogGroup != nil:
			lg := it.LogGroup
			got[it.Name] = logGroup{lg.Existing, lg.LogGroupName, lg.RetentionDays, lg.ResourceCount(), lg.Encrypt, lg.DeletionProtection, string(lg.RemovalPolicy)}
		case it.Metric != nil:
			readers = append(readers, "metric "+it.Metric.LogGroupName)
		case it.Silence != nil:
			readers = append(readers, "silence "+it.Silence.LogGroupName)
		case it.LogAlarm != nil:
			readers = append(readers, "log alarm "+strings.Join(it.LogAlarm.LogGroupNames, ","))
		case it.Query != nil:
			readers = append(readers, "query "+strings.Join(it.Query.LogGroupNames, ","))
		case it.Alarm != nil:
			if !strings.Contains(it.Alarm.Description, "query the log group /aws/lambda/orders-prod") {
				t.Errorf("alarm description %q does not name the adopted log group", it.Alarm.Description)
			}
		}
	}
	want := map[string]logGroup{
		"orders":   {"/aws/lambda/orders-prod", "/aws/lambda/orders-prod", 30, 4, false, false, ""},
		"checkout": {"/aws/lambda/checkout", "/aws/lambda/checkout", 0, 0, false, false, ""},
		"payments": {"", "/eventwatch/prod/payments", 365, 2, true, true, "destroy"},
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: log group %+v, want %+v", name, got[name], w)
		}
	}
	for _, w := range []string{
		"metric /aws/lambda/orders-prod", "silence /aws/lambda/orders-prod", "silence /aws/lambda/checkout",
		"log alarm /aws/lambda/orders-prod", "query /aws/lambda/orders-prod,/eventwatch/prod/payments",
	} {
		if !slices.Contains(readers, w) {
			t.Errorf("no %s; the plan has %v", w, readers)
		}
	}
}
