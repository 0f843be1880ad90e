package cfn

import (
	"os"
	"strings"
	"testing"
)

func TestDiffTemplates(t *testing.T) {
	cases := []struct {
		name      string
		old, next []byte
		want      string // the rendered diff
	}{
		{"no change", tpl(logGroup, key), tpl(logGroup, key), "app-prod: no change\n"},
		{"a new stack", nil, tpl(logGroup), "app-prod\n  + LogGroupOrders (AWS::Logs::LogGroup /app/orders) added\n"},
		{"added and removed", tpl(logGroup, alarm), tpl(logGroup, query),
			"app-prod\n  - AlarmOrdersFailures (AWS::CloudWatch::Alarm orders-failures) removed\n  + QueryExceptions (AWS::Logs::QueryDefinition exceptions) added\n"},
		{"modified with property paths", tpl(logGroup, topic), tpl(logGroup90, topicDisplay),
			"app-prod\n  ~ LogGroupOrders (AWS::Logs::LogGroup /app/orders) modified: Properties.RetentionInDays\n  ~ TopicCritical (AWS::SNS::Topic app-critical) modified: Properties.DisplayName\n"},
		{"a replacement names the forcing property", tpl(logGroup), tpl(logGroupIA),
			"app-prod\n  ! LogGroupOrders (AWS::Logs::LogGroup /app/orders) replaced: LogGroupClass forces a replacement; changed: Properties.LogGroupClass\n"},
		{"a type change replaces", tpl(logGroup), tpl(logGroupAsTopic),
			"app-prod\n  ! LogGroupOrders (AWS::SNS::Topic /app/orders → orders) replaced: Type forces a replacement; changed: DeletionPolicy, Properties.LogGroupClass, Properties.LogGroupName, Properties.RetentionInDays, Properties.TopicName, Type\n"},
		{"an immutable key property", tpl(key), tpl(keyHMAC),
			"app-prod\n  ~ KeyOrders (AWS::KMS::Key) modified: KeySpec cannot change, the update fails; changed: Properties.KeySpec\n"},
		{"array elements and policies", []byte(`{"Resources": {"A": {"Type": "AWS::SNS::Topic", "Properties": {"Tags": [{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}]}}}}`),
			[]byte(`{"Resources": {"A": {"Type": "AWS::SNS::Topic", "Properties": {"Tags": [{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "3"}]}, "DeletionPolicy": "Retain"}}}`),
			"app-prod\n  ~ A (AWS::SNS::Topic) modified: DeletionPolicy, Properties.Tags[1].Value\n"},
		{"an array that changes length is one path", []byte(`{"Resources": {"A": {"Type": "AWS::SNS::Topic", "Properties": {"Tags": [{"Key": "a"}]}}}}`),
			[]byte(`{"Resources": {"A": {"Type": "AWS::SNS::Topic", "Properties": {"Tags": [{"Key": "a"}, {"Key": "b"}]}}}}`),
			"app-prod\n  ~ A (AWS::SNS::Topic) modified: Properties.Tags\n"},
		{"template sections", []byte(`{"Description": "a", "Outputs": {"X": {"Value": "1"}}, "Resources": {}}`),
			[]byte(`{"Description": "b", "Outputs": {"X": {"Value": "2"}, "Y": {"Value": "3"}}, "Resources": {}}`),
			"app-prod\n  ~ template Description\n  ~ template Outputs.X\n  ~ template Outputs.Y\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := DiffTemplates("app-prod", c.old, c.next)
			if err != nil {
				t.Fatal(err)
			}
			if got := d.String(); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
			if d.Empty() != strings.HasSuffix(c.want, "no change\n") {
				t.Errorf("Empty() = %v for\n%s", d.Empty(), c.want)
			}
		})
	}
}

func TestDiffTemplatesErrorsNameTheSide(t *testing.T) {
	if _, err := DiffTemplates("app-prod", []byte("Resources: {}"), tpl()); err == nil || !strings.Contains(err.Error(), "app-prod: the baseline template: not a CloudFormation template in JSON") {
		t.Errorf("YAML baseline: %v", err)
	}
	if _, err := DiffTemplates("app-prod", tpl(), []byte("{")); err == nil || !strings.Contains(err.Error(), "app-prod: the synthesized template") {
		t.Errorf("broken synthesized template: %v", err)
	}
}

// A golden template against itself has no change; with one log group's
// class changed, the diff names the replacement.
func TestDiffTemplatesGolden(t *testing.T) {
	golden, err := os.ReadFile("../../test/golden/eventwatch-prod.template.json")
	if err != nil {
		t.Fatal(err)
	}
	d, err := DiffTemplates("eventwatch-prod", golden, golden)
	if err != nil || !d.Empty() {
		t.Fatalf("golden against itself: %v\n%s", err, d)
	}
	changed := []byte(strings.Replace(string(golden), `"LogGroupClass": "STANDARD"`, `"LogGroupClass": "INFREQUENT_ACCESS"`, 1))
	if string(changed) == string(golden) {
		t.Skip("the golden template has no STANDARD log group class to change")
	}
	d, err = DiffTemplates("eventwatch-prod", golden, changed)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Resources) != 1 || d.Resources[0].Kind != ChangeReplaced || d.Resources[0].Forcing[0] != "LogGroupClass" {
		t.Errorf("got\n%s\nwant one log group replaced by LogGroupClass", d)
	}
}

// `cdk synth` adds CDK's bookkeeping, the golden templates lack it: the
// diff leaves it out, and keeps the rest of the metadata.
func TestDiffTemplatesIgnoresCDKBookkeeping(t *testing.T) {
	golden := []byte(`{"Resources": {"A": {"Type": "AWS::SNS::Topic", "Metadata": {"cfn_nag": "x"}}, "B": {"Type": "AWS::SNS::Topic"}}}`)
	synthesized := []byte(`{"Conditions": {"CDKMetadataAvailable": {"Fn::Equals": [1, 1]}},
		"Resources": {"A": {"Type": "AWS::SNS::Topic", "Metadata": {"cfn_nag": "x", "aws:cdk:path": "app/A/Resource"}},
		"B": {"Type": "AWS::SNS::Topic", "Metadata": {"aws:cdk:path": "app/B/Resource", "aws:asset:path": "asset.1"}},
		"CDKMetadata": {"Type": "AWS::CDK::Metadata", "Properties": {"Analytics": "v2:deflate64:x"}, "Condition": "CDKMetadataAvailable"}}}`)
	d, err := DiffTemplates("app-prod", golden, synthesized)
	if err != nil || !d.Empty() {
		t.Fatalf("bookkeeping only: %v\n%s", err, d)
	}
	changed := []byte(strings.Replace(string(synthesized), `"cfn_nag": "x"`, `"cfn_nag": "y"`, 1))
	d, err = DiffTemplates("app-prod", golden, changed)
	if err != nil || d.String() != "app-prod\n  ~ A (AWS::SNS::Topic) modified: Metadata.cfn_nag\n" {
		t.Errorf("other metadata: %v\n%s", err, d)
	}
}
