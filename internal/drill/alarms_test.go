package drill

import (
	"github.com/eventwatch/eventwatch/internal/assembly"
	"strings"
	"testing"
)

// names renders alarms as "stack region name type disabled" lines.
func names(alarms []alarm) string {
	var lines []string
	for _, a := range alarms {
		line := a.Stack + " " + a.StackRegion + " " + a.Name + " " + a.Type
		if a.ActionsDisabled {
			line += " disabled"
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

func TestEnvironmentAlarms(t *testing.T) {
	cases := []struct {
		name, dir, env, only string
		want                 []string // "stack region name type [disabled]"
		skipped              []string // parts of the skip messages
		err                  string
	}{
		{name: "the environment's stacks from the manifest, with their regions; metric alarms before composites",
			dir: "testdata/assembly", env: "prod",
			want: []string{
				"eventwatch-prod eu-west-1 prod-checkout-error-lines AWS::CloudWatch::Alarm",
				"eventwatch-prod eu-west-1 prod-orders-queue-worker-failure AWS::CloudWatch::Alarm",
				"eventwatch-prod eu-west-1 prod-orders-critical AWS::CloudWatch::CompositeAlarm",
				"eventwatch-prod-payments us-east-1 prod-payments-declined AWS::CloudWatch::Alarm"},
			skipped: []string{
				`eventwatch-prod: AlarmJoined (AWS::CloudWatch::Alarm): AlarmName is not a literal string: {"Fn::Join": ["", ["prod-", {"Ref": "AWS::Region"}, "-joined"]]}; skipped`,
				"eventwatch-prod: AlarmUnnamed (AWS::CloudWatch::Alarm): no AlarmName (CloudFormation generates one, unknown before the deploy); skipped"}},
		{name: "actions disabled in dev", dir: "testdata/assembly", env: "dev",
			want: []string{"eventwatch-dev eu-west-1 dev-orders-queue-worker-failure AWS::CloudWatch::Alarm disabled"}},
		{name: "--only filters by alarm name", dir: "testdata/assembly", env: "prod", only: "prod-orders-*",
			want: []string{
				"eventwatch-prod eu-west-1 prod-orders-queue-worker-failure AWS::CloudWatch::Alarm",
				"eventwatch-prod eu-west-1 prod-orders-critical AWS::CloudWatch::CompositeAlarm"}},
		{name: "without a manifest: every template, named by its file, no region; \"false\" as a string",
			dir: "testdata/templates", env: "staging",
			want: []string{"eventwatch-staging  staging-orders-queue-worker-failure AWS::CloudWatch::Alarm disabled"}},
		{name: "no stack of the environment", dir: "testdata/assembly", env: "staging",
			err: `testdata/assembly: no stack of environment "staging"`},
		{name: "--only matching nothing", dir: "testdata/assembly", env: "prod", only: "staging-*",
			err: `stacks eventwatch-prod, eventwatch-prod-payments: no alarm name matches --only "staging-*"`},
		{name: "no alarms", dir: "testdata/nothing", env: "prod",
			err: "stacks eventwatch-prod: no AWS::CloudWatch::Alarm or AWS::CloudWatch::CompositeAlarm to drill"},
		{name: "a broken template names its stack", dir: "testdata/broken", env: "prod",
			err: "stack eventwatch-prod: testdata/broken/eventwatch-prod.template.json is not a CloudFormation template"},
		{name: "a missing cdk.out", dir: "testdata/absent", env: "prod",
			err: "testdata/absent: stat testdata/absent: no such file or directory; run make synth first"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			alarms, skips, err := environmentAlarms(c.dir, c.env, c.only)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want one containing %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got, want := names(alarms), strings.Join(c.want, "\n"); got != want {
				t.Errorf("alarms:\n%s\nwant\n%s", got, want)
			}
			if len(skips) != len(c.skipped) {
				t.Fatalf("skipped %v, want %d", skips, len(c.skipped))
			}
			for i, s := range skips {
				if s.String() != c.skipped[i] {
					t.Errorf("skipped[%d] = %q, want %q", i, s.String(), c.skipped[i])
				}
			}
		})
	}
}

func TestInEnvironment(t *testing.T) {
	for stack, want := range map[string]bool{
		"eventwatch-prod": true, "eventwatch-prod-payments": true,
		"eventwatch-preprod": false, "eventwatch-production": false, "eventwatch-dev": false,
	} {
		if got := assembly.InEnvironment(stack, "prod"); got != want {
			t.Errorf("assembly.InEnvironment(%q, prod) = %v, want %v", stack, got, want)
		}
	}
}
