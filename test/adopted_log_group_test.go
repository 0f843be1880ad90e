package test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/eventwatch/eventwatch/internal/alarmtest"
	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/internal/cfn"
	"github.com/eventwatch/eventwatch/queries"
	"github.com/eventwatch/eventwatch/stacks"
)

// The services of the adoption tests: orders adopts its Lambda function's
// log group and sets its retention, checkout adopts one as it is, payments
// has the log group the stack creates.
const (
	adoptedOrders = `  - name: orders
    logGroup:
      existing: /aws/lambda/orders-{env}
      retentionDays: 30
    events:
      - name: failed
        pattern: '{ $.level = "ERROR" }'
        alarm: {threshold: 1, severity: critical}
        examples:
          match: [{line: '{"level":"ERROR","msg":"order failed"}'}]
    logAlarms:
      - name: slow
        query: 'filter duration > 1000'
        aggregation: count(*)
        threshold: 1
        examples: ['{"duration":1500}']
`
	adoptedCheckout = `  - name: checkout
    logGroup:
      existing: /aws/lambda/checkout
    events:
      - name: failed
        pattern: 'ERROR'
        alarm: {threshold: 1}
        examples:
          match: [{line: 'ERROR payment declined'}]
`
	createdPayments = `  - name: payments
    events:
      - name: failed
        pattern: 'ERROR'
        alarm: {threshold: 1}
        examples:
          match: [{line: 'ERROR card declined'}]
`
	// adoptingEnvironment sets every log group setting of an environment:
	// none applies to an adopted log group.
	adoptingEnvironment = "account: \"111111111111\"\nregion: eu-west-1\nretentionDays: 7\nencryptLogs: true\ndeletionProtection: true\nsilence: {after: 15m}\n"
)

// synthesizedStack is one stack of a synthesis of the adoption tests.
type synthesizedStack struct {
	body      []byte
	Resources map[string]struct {
		Type       string         `json:"Type"`
		Properties map[string]any `json:"Properties"`
	} `json:"Resources"`
	metadata stackMetadata
	planned  int
}

// synthesis is environment dev of a config, synthesized into dir.
type synthesis struct {
	dir    string
	config *appconfig.Config
	stacks map[string]synthesizedStack
}

// synthesizeServices synthesizes environment dev of a config of the given
// services (and saved queries), with cdk-nag's AwsSolutionsChecks, as
// TestMain does the example's.
func synthesizeServices(t *testing.T, services, queriesYAML string) synthesis {
	t.Helper()
	return synthesizeConfig(t, fstest.MapFS{
		"services.yaml":         {Data: []byte("owner: team\nservices:\n" + services + queriesYAML)},
		"environments/dev.yaml": {Data: []byte(adoptingEnvironment)},
	})
}

// synthesizeConfig synthesizes environment dev of the config in fsys, with
// cdk-nag's AwsSolutionsChecks, as TestMain does the example's.
func synthesizeConfig(t *testing.T, fsys fstest.MapFS) synthesis {
	t.Helper()
	cfg, err := appconfig.Load(fsys, "cfg", queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(dir), Context: &cdkContext})
	built, err := stacks.NewEnvironment(app, cfg, "dev")
	if err != nil {
		t.Fatal(err)
	}
	plans, err := cfg.Plan("dev")
	if err != nil {
		t.Fatal(err)
	}
	awscdk.Aspects_Of(app).Add(cdknag.NewAwsSolutionsChecks(&cdknag.NagPackProps{Reports: jsii.Bool(false), Verbose: jsii.Bool(true), LogIgnores: jsii.Bool(true)}), nil)
	app.Synth(nil)
	out := synthesis{dir: dir, config: cfg, stacks: map[string]synthesizedStack{}}
	for i, s := range built {
		name := *s.StackName()
		var st synthesizedStack
		body, err := os.ReadFile(filepath.Join(dir, name+".template.json"))
		if err != nil {
			t.Fatal(err)
		}
		st.body, st.planned = body, plans[i].ResourceCount()
		if err := json.Unmarshal(body, &st); err != nil {
			t.Fatal(err)
		}
		if err := readJSON(filepath.Join(dir, name+".metadata.json"), &st.metadata); err != nil {
			t.Fatal(err)
		}
		out.stacks[name] = st
	}
	return out
}

// resourcesOf are the stack's resources of type typ, by logical ID, as JSON.
func (s synthesizedStack) resourcesOf(typ string) map[string]string {
	out := map[string]string{}
	for id, r := range s.Resources {
		if r.Type == typ {
			b, _ := json.Marshal(r.Properties)
			out[id] = string(b)
		}
	}
	return out
}

// Given services that adopt existing log groups, the stack creates no log
// group and no key for them, attaches every filter, alarm, query and
// dashboard to their names, sets the one retention asked for through a
// LogRetention that never deletes, passes cdk-nag, and holds the number
// of resources the plan predicts.
func TestAdoptedLogGroupsAreNotCreated(t *testing.T) {
	synth := synthesizeServices(t, adoptedOrders+adoptedCheckout+createdPayments,
		"queries:\n  - file: exceptions-per-hour\n    logGroups: [orders, payments]\n")
	s := synth.stacks["eventwatch-dev"]

	logGroups := s.resourcesOf("AWS::Logs::LogGroup")
	if len(logGroups) != 1 || !strings.Contains(logGroups["LogGroupPayments"], `"LogGroupName":"/eventwatch/dev/payments"`) {
		t.Errorf("log groups %v, want only payments' LogGroupPayments", logGroups)
	}
	for id := range s.resourcesOf("AWS::KMS::Key") {
		if id != "LogGroupKeyPayments" && id != "AlertKeyAlerts" {
			t.Errorf("key %s: encryptLogs applies to the log groups the stack creates only", id)
		}
	}
	filters := map[string]bool{}
	for _, f := range s.resourcesOf("AWS::Logs::MetricFilter") {
		var p struct{ LogGroupName any }
		json.Unmarshal([]byte(f), &p)
		filters[fmt.Sprint(p.LogGroupName)] = true
	}
	if want := "map[/aws/lambda/checkout:true /aws/lambda/orders-dev:true map[Ref:LogGroupPayments]:true]"; fmt.Sprint(filters) != want {
		t.Errorf("metric filters on %v, want %s", filters, want)
	}
	everything := string(s.body)
	for typ, want := range map[string][]string{
		"AWS::CloudWatch::Alarm":     {`"AlarmName":"dev-orders-critical-failed"`, `"AlarmName":"dev-checkout-warning-failed"`, `"AlarmName":"dev-orders-critical-silence"`, `"Value":"/aws/lambda/orders-dev"`, `"Value":"/aws/lambda/checkout"`},
		"AWS::CloudWatch::LogAlarm":  {`/aws/lambda/orders-dev`},
		"AWS::Logs::QueryDefinition": {`"LogGroupNames":["/aws/lambda/orders-dev",{"Ref":"LogGroupPayments"}]`},
		"AWS::CloudWatch::Dashboard": {`/aws/lambda/orders-dev`, `/aws/lambda/checkout`},
	} {
		all := strings.Join(values(s.resourcesOf(typ)), "\n")
		for _, w := range want {
			if !strings.Contains(all, w) {
				t.Errorf("no %s has %s", typ, w)
			}
		}
	}
	retentions := values(s.resourcesOf("Custom::LogRetention"))
	if len(retentions) != 1 || !strings.Contains(retentions[0], `"LogGroupName":"/aws/lambda/orders-dev"`) ||
		!strings.Contains(retentions[0], `"RetentionInDays":30`) || !strings.Contains(retentions[0], `"RemovalPolicy":"retain"`) {
		t.Errorf("LogRetentions %v, want one, for orders: 30 days, retained", retentions)
	}
	if strings.Contains(everything, "logs:DeleteLogGroup") {
		t.Error("the stack may delete a log group")
	}
	if n := len(s.Resources) - len(s.resourcesOf("AWS::CDK::Metadata")); n != s.planned {
		t.Errorf("%d resources; the plan predicts %d", n, s.planned)
	}
	suppressed := 0
	for path, entries := range s.metadata {
		for _, e := range entries {
			msg := fmt.Sprint(e.Data)
			if (e.Type == "aws:cdk:error" || e.Type == "aws:cdk:warning") && strings.Contains(msg, "AwsSolutions-") {
				t.Errorf("cdk-nag: %s: %s", path, firstLine(msg))
			}
			if strings.Contains(path, "/LogRetention") && strings.Contains(msg, "was triggered but suppressed. Provided reason:") {
				suppressed++
			}
		}
	}
	if suppressed == 0 {
		t.Error("cdk-nag logged no suppressed finding on the LogRetention function's role: did it run?")
	}
	// The alarm tests find an adopted log group by its service: every
	// alarm fires from its examples, silence detection included.
	asm, err := alarmtest.OpenAssembly(synth.dir)
	if err != nil {
		t.Fatal(err)
	}
	files, problems := alarmtest.Generate(synth.config, "dev")
	for _, p := range problems {
		t.Error(p)
	}
	var out bytes.Buffer
	if sum := alarmtest.RunFiles(asm, files, &out, false); !sum.OK() || sum.Passed == 0 {
		t.Errorf("%s\n%s", sum, out.String())
	} else {
		t.Log(sum)
	}
}

// Given the services that adopt log groups are removed from the config,
// the stateful-change check finds nothing: their filters, alarms and
// retention go, and no log group is deleted.
func TestRemovingAnAdoptingServiceDeletesNoLogGroup(t *testing.T) {
	before := synthesizeServices(t, adoptedOrders+adoptedCheckout+createdPayments, "").stacks
	after := synthesizeServices(t, createdPayments, "").stacks
	deployed, proposed := map[string][]byte{}, map[string][]byte{}
	for name, s := range before {
		deployed[name] = s.body
		proposed[name] = after[name].body
	}
	if problems := cfn.CheckStacks(deployed, proposed, nil); len(problems) != 0 {
		t.Errorf("removing the adopting services: %v", problems)
	}
	gone := after["eventwatch-dev"]
	if n := len(gone.resourcesOf("Custom::LogRetention")); n != 0 || strings.Contains(string(gone.body), "/aws/lambda/") {
		t.Errorf("the adopted log groups' retention or filters are still in the stack")
	}
	if n := len(before["eventwatch-dev"].resourcesOf("AWS::Logs::MetricFilter")); n != 3 {
		t.Errorf("%d metric filters before, want 3: the removal removes nothing", n)
	}
}

func values(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}
