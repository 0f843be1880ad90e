package iam

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/config"
	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/queries"
)

// oldAlertTopics holds the prod template before the alert topics and
// their key required aws:SourceArn (git show d08b7fc:test/golden/
// eventwatch-prod.template.json): the topic policies require only
// aws:SourceAccount, the key policy nothing.
const oldAlertTopics = "testdata/old-alert-topics"

// alertDesign is the example config's environments with the golden
// templates, each template of dir (if any) in place of the golden one.
func alertDesign(t *testing.T, dir string) *Design {
	t.Helper()
	cfg, err := appconfig.Load(config.FS, "config", queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	templates := map[string][]byte{}
	dirs := []string{filepath.Join(root, "test", "golden")}
	if dir != "" {
		dirs = append([]string{dir}, dirs...)
	}
	for _, d := range dirs {
		files, err := filepath.Glob(filepath.Join(d, "eventwatch-*.template.json"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no templates (%v)", d, err)
		}
		for _, f := range files {
			name := strings.TrimSuffix(filepath.Base(f), ".template.json")
			if _, replaced := templates[name]; replaced {
				continue
			}
			if templates[name], err = os.ReadFile(f); err != nil {
				t.Fatal(err)
			}
		}
	}
	d, err := AlertDesign(cfg, templates)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// CheckAlertResults fails t on each unexpected result, logs the table and
// the counts, and returns the counts of allowed and denied calls.
func checkAlertResults(t *testing.T, results []AlertResult) (allowed, denied int) {
	t.Helper()
	allowed, denied, unexpected := Tally(results)
	for _, r := range unexpected {
		t.Errorf("%s", r)
	}
	t.Logf("who may notify the alert topics (%s as each alarm; ! marks an unexpected decision):\n%s", CloudWatchPrincipal, AlertTable(results))
	t.Logf("%d calls: %d allowed, %d denied", len(results), allowed, denied)
	return allowed, denied
}

// The golden templates' topics and keys answer their environment's alarms
// only (test/TestAlarmTopicsAnswerOnlyTheirAlarms proves it on the
// synthesized templates).
func TestAlarmTopicsOfGoldenTemplates(t *testing.T) {
	needNode(t)
	results, err := AlertPublishing(root, alertDesign(t, ""))
	if err != nil {
		t.Fatal(err)
	}
	if allowed, denied := checkAlertResults(t, results); allowed == 0 || denied == 0 {
		t.Errorf("%d allowed, %d denied: the golden templates have no alarm with a topic action?", allowed, denied)
	}
}

// The evaluation catches the design before the conditions: on the old
// prod template, another application's alarms in the account, requests
// without aws:SourceArn and other environments' alarms may page through
// prod's topics and key; an alarm of another account may not (the topic
// policy required aws:SourceAccount), and prod's own alarms still may.
func TestAlarmTopicsOldTemplateFails(t *testing.T) {
	needNode(t)
	results, err := AlertPublishing(root, alertDesign(t, oldAlertTopics))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]map[string]bool{} // "env case action" -> decisions seen
	for _, r := range results {
		if r.Err != "" {
			t.Errorf("%s", r)
		}
		k := r.Env + " " + string(r.Case) + " " + r.Action
		if got[k] == nil {
			got[k] = map[string]bool{}
		}
		got[k][decision(r.Allowed)] = true
	}
	for _, want := range []struct {
		key, decision string
	}{
		{"prod other application sns:Publish", "allowed"},
		{"prod other application kms:GenerateDataKey", "allowed"},
		{"prod other application kms:Decrypt", "allowed"},
		{"prod no SourceArn sns:Publish", "allowed"},
		{"prod other environment sns:Publish", "allowed"},
		{"prod other region sns:Publish", "allowed"},
		{"prod other account sns:Publish", "denied"},
		{"prod own alarm sns:Publish", "allowed"},
		{"prod own alarm kms:Decrypt", "allowed"},
		{"staging other application sns:Publish", "denied"},
	} {
		if seen := got[want.key]; len(seen) != 1 || !seen[want.decision] {
			t.Errorf("old template: %s: %v, want every call %s", want.key, keysOf(seen), want.decision)
		}
	}
	unexpected := 0
	for _, r := range results {
		if r.Unexpected() {
			unexpected++
		}
	}
	t.Logf("the old prod template fails %d of %d calls:\n%s", unexpected, len(results), AlertTable(results))
}

func keysOf(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// A topic without a policy answers no alarm; a key named by its ID (Ref)
// is the topic's key; an alarm without AlarmName has CloudFormation's
// generated name, which no <env>-<service>-* pattern matches.
func TestAlarmTopicsOfATemplate(t *testing.T) {
	needNode(t)
	const tmpl = `{"Resources": {
  "Key": {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy": {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "cloudwatch.amazonaws.com"}, "Action": ["kms:Decrypt", "kms:GenerateDataKey*"], "Resource": "*",
     "Condition": {"ArnLike": {"aws:SourceArn": {"Fn::Sub": "arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:e-*"}}}}]}}},
  "Open": {"Type": "AWS::SNS::Topic", "Properties": {"KmsMasterKeyId": {"Ref": "Key"}}},
  "OpenPolicy": {"Type": "AWS::SNS::TopicPolicy", "Properties": {"Topics": [{"Ref": "Open"}], "PolicyDocument": {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "cloudwatch.amazonaws.com"}, "Action": "sns:Publish", "Resource": {"Ref": "Open"},
     "Condition": {"ArnLike": {"aws:SourceArn": {"Fn::Sub": "arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:e-*"}}}}]}}},
  "Closed": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "closed"}},
  "Named": {"Type": "AWS::CloudWatch::Alarm", "Properties": {"AlarmName": "e-svc-x", "AlarmActions": [{"Ref": "Open"}], "OKActions": [{"Ref": "Closed"}]}},
  "Unnamed": {"Type": "AWS::CloudWatch::Alarm", "Properties": {"AlarmActions": [{"Ref": "Open"}]}}
}}`
	d := &Design{App: "a", StackTemplates: map[string][]byte{"a-e": []byte(tmpl)},
		Environments: []Environment{{Name: "e", Account: "123456789012", Region: "eu-west-1", Stacks: []string{"a-e"}}}}
	results, err := AlertPublishing(root, d)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, r := range results {
		if r.Err != "" {
			t.Errorf("%s", r)
		}
		if r.Case == OwnAlarm {
			got[r.Alarm+" "+topicName(r.Topic)+" "+r.Action] = r.Allowed
		}
	}
	want := map[string]bool{
		"e-svc-x a-e-Open sns:Publish": true, "e-svc-x a-e-Open kms:GenerateDataKey": true, "e-svc-x a-e-Open kms:Decrypt": true,
		"e-svc-x closed sns:Publish":                    false,
		"a-e-Unnamed-1A2B3C4D5E6F a-e-Open sns:Publish": false, "a-e-Unnamed-1A2B3C4D5E6F a-e-Open kms:GenerateDataKey": false, "a-e-Unnamed-1A2B3C4D5E6F a-e-Open kms:Decrypt": false,
	}
	for k, v := range want {
		if a, ok := got[k]; !ok || a != v {
			t.Errorf("%s: allowed %v (evaluated: %v), want %v", k, a, ok, v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("own-alarm calls %v, want %v", got, want)
	}
}
