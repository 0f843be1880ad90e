package cfn

import (
	"encoding/json"
	"strings"
	"testing"
)

// The bodies are DashboardBody values in template JSON: a string literal,
// or an Fn::Join.
func TestDiffDashboard(t *testing.T) {
	const (
		metricA   = `{\"type\":\"metric\",\"x\":0,\"y\":0,\"width\":12,\"height\":6,\"properties\":{\"title\":\"a\",\"metrics\":[[\"ns\",\"a\"]]}}`
		metricA2  = `{\"type\":\"metric\",\"x\":0,\"y\":0,\"width\":12,\"height\":6,\"properties\":{\"title\":\"a\",\"metrics\":[[\"ns\",\"a\",{\"stat\":\"p99\"}]]}}`
		metricAUp = `{\"type\":\"metric\",\"x\":0,\"y\":6,\"width\":24,\"height\":6,\"properties\":{\"title\":\"a\",\"metrics\":[[\"ns\",\"a\"]]}}`
		logA      = `{\"type\":\"log\",\"x\":0,\"y\":0,\"width\":12,\"height\":6,\"properties\":{\"title\":\"a\",\"query\":\"fields @message\"}}`
		metricB   = `{\"type\":\"metric\",\"x\":12,\"y\":0,\"width\":12,\"height\":6,\"properties\":{\"title\":\"b\",\"metrics\":[[\"ns\",\"b\"]]}}`
		text      = `{\"type\":\"text\",\"properties\":{\"markdown\":\"\\n## orders (prod)\\nOwner: team\"}}`
		text2     = `{\"type\":\"text\",\"properties\":{\"markdown\":\"## orders (prod)\\nOwner: team-orders\"}}`
		untitled  = `{\"type\":\"metric\",\"properties\":{\"metrics\":[[\"ns\",\"u\"]]}}`
		untitled2 = `{\"type\":\"metric\",\"properties\":{\"metrics\":[[\"ns\",\"u2\"]]}}`
	)
	body := func(widgets ...string) string { return `"{\"widgets\":[` + strings.Join(widgets, ",") + `]}"` }
	cases := []struct {
		name, old, next string
		want            []string
	}{
		{"a widget added", body(metricA), body(metricA, metricB), []string{`+ metric widget "b"`}},
		{"a widget removed", body(metricA, metricB), body(metricA), []string{`- metric widget "b"`}},
		{"a widget changed, with the paths inside it", body(metricA), body(metricA2), []string{`~ metric widget "a": properties.metrics[0]`}},
		{"a widget only moved is counted", body(metricA, metricB), body(metricB, metricAUp), []string{"1 widget moved or resized"}},
		{"the same title in another type is another widget", body(metricA), body(logA), []string{`- metric widget "a"`, `+ log widget "a"`}},
		{"a text widget is titled by its first line of markdown", body(text), body(text2), []string{`~ text widget "orders (prod)": properties.markdown`}},
		{"widgets without a title", body(untitled), body(untitled2), []string{`~ metric widget (untitled): properties.metrics[0][1]`}},
		{"a repeated title is numbered", body(metricA, metricA), body(metricA, metricA2), []string{`~ metric widget "a #2": properties.metrics[0]`}},
		{"other keys of the body", `"{\"start\":\"-PT3H\",\"widgets\":[]}"`, `"{\"start\":\"-PT6H\",\"periodOverride\":\"auto\",\"widgets\":[]}"`, []string{"~ body: periodOverride, start"}},
		{"references are placeholders", `{"Fn::Join": ["", ["{\"widgets\":[{\"type\":\"alarm\",\"properties\":{\"title\":\"Alarms\",\"alarms\":[\"", {"Fn::GetAtt": ["AlarmA", "Arn"]}, "\"]}}]}"]]}`,
			`{"Fn::Join": ["", ["{\"widgets\":[{\"type\":\"alarm\",\"properties\":{\"title\":\"Alarms\",\"alarms\":[\"", {"Fn::GetAtt": "AlarmB.Arn"}, "\"]}}]}"]]}`,
			[]string{`~ alarm widget "Alarms": properties.alarms[0]`}},
		{"a list of plain values says what it gains and loses", `"{\"widgets\":[{\"type\":\"alarm\",\"properties\":{\"title\":\"Alarms\",\"alarms\":[\"a\",\"b\",\"b\"]}}]}"`,
			`"{\"widgets\":[{\"type\":\"alarm\",\"properties\":{\"title\":\"Alarms\",\"alarms\":[\"b\",\"c\",\"d\",1]}}]}"`,
			[]string{`~ alarm widget "Alarms": properties.alarms (-a, -b, +c, +d, +1)`}},
		{"a nested Fn::Join and a Ref", `{"Fn::Join": ["", ["{\"widgets\":[{\"type\":\"log\",\"properties\":{\"title\":\"q\",\"query\":\"SOURCE '", {"Ref": "LogGroupA"}, "'\"}}]}"]]}`,
			`{"Fn::Join": ["", ["{\"widgets\":[{\"type\":\"log\",\"properties\":{\"title\":\"q\",\"query\":\"SOURCE '", {"Fn::Join": ["/", ["", "app", {"Ref": "AWS::Region"}]]}, "'\"}}]}"]]}`,
			[]string{`~ log widget "q": properties.query`}},
		{"the same widgets written otherwise", body(metricA), `{"Fn::Join": ["", ["{\"widgets\":[` + metricA[:20] + `", "` + metricA[20:] + `]}"]]}`, []string{"body rewritten, same widgets"}},

		{"not JSON", `"{\"widgets\":["`, body(metricA), []string{"body changed (its widgets cannot be read: the old body: not JSON: unexpected end of JSON input)"}},
		{"a reference outside a string", body(metricA), `{"Fn::Join": ["", ["{\"widgets\":[{\"type\":\"metric\",\"width\":", {"Ref": "Width"}, "}]}"]]}`,
			[]string{"body changed (its widgets cannot be read: the new body: the reference ${Width} stands outside a JSON string)"}},
		{"no widgets list", `"{\"widgets\":{}}"`, body(), []string{`body changed (its widgets cannot be read: the old body: no "widgets" list)`}},
		{"a widget that is not an object", body(metricA), `"{\"widgets\":[1]}"`, []string{"body changed (its widgets cannot be read: the new body: widget 0 is a float64; expected an object)"}},
		{"a body that is not a string", `{"Fn::ImportValue": "x"}`, body(), []string{`body changed (its widgets cannot be read: the old body: Fn::ImportValue, known only at deploy)`}},
		{"no body", `null`, body(), []string{"body changed (its widgets cannot be read: the old body: no DashboardBody)"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var o, n any
			if err := json.Unmarshal([]byte(c.old), &o); err != nil {
				t.Fatalf("old: %v", err)
			}
			if err := json.Unmarshal([]byte(c.next), &n); err != nil {
				t.Fatalf("next: %v", err)
			}
			got := diffDashboard(o, n).lines()
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

// In the stack diff, a dashboard's line gives the body as one path and
// lists the widgets under it; paths inside an intrinsic function stop at
// the property.
func TestDiffTemplatesDashboardAndIntrinsics(t *testing.T) {
	old := []byte(`{"Resources": {
		"D": {"Type": "AWS::CloudWatch::Dashboard", "Properties": {"DashboardName": "app-prod", "DashboardBody": {"Fn::Join": ["", ["{\"widgets\":[{\"type\":\"alarm\",\"properties\":{\"title\":\"Alarms\",\"alarms\":[\"", {"Fn::GetAtt": ["AlarmA", "Arn"]}, "\"]}}]}"]]}}},
		"C": {"Type": "AWS::CloudWatch::CompositeAlarm", "Properties": {"AlarmName": "app-service", "AlarmRule": {"Fn::Join": ["", ["ALARM(\"", {"Fn::GetAtt": ["AlarmA", "Arn"]}, "\")"]]}}},
		"S": {"Type": "AWS::SNS::Subscription", "Properties": {"Protocol": "sqs", "Endpoint": "q", "TopicArn": {"Ref": "TopicA"}}}}}`)
	next := []byte(`{"Resources": {
		"D": {"Type": "AWS::CloudWatch::Dashboard", "Properties": {"DashboardName": "app-prod", "DashboardBody": {"Fn::Join": ["", ["{\"widgets\":[{\"type\":\"alarm\",\"properties\":{\"title\":\"Alarms\",\"alarms\":[\"", {"Fn::GetAtt": ["AlarmB", "Arn"]}, "\"]}},{\"type\":\"text\",\"properties\":{\"markdown\":\"# Runbook\"}}]}"]]}}},
		"C": {"Type": "AWS::CloudWatch::CompositeAlarm", "Properties": {"AlarmName": "app-service", "AlarmRule": {"Fn::Join": ["", ["ALARM(\"", {"Fn::GetAtt": ["AlarmB", "Arn"]}, "\") OR ALARM(\"", {"Fn::GetAtt": ["AlarmC", "Arn"]}, "\")"]]}}},
		"S": {"Type": "AWS::SNS::Subscription", "Properties": {"Protocol": "sqs", "Endpoint": "q", "TopicArn": {"Ref": "TopicB"}}}}}`)
	d, err := DiffTemplates("app-prod", old, next)
	if err != nil {
		t.Fatal(err)
	}
	want := `app-prod
  ~ C (AWS::CloudWatch::CompositeAlarm app-service) modified: Properties.AlarmRule
  ~ D (AWS::CloudWatch::Dashboard app-prod) modified: Properties.DashboardBody
      ~ alarm widget "Alarms": properties.alarms[0]
      + text widget "Runbook"
  ! S (AWS::SNS::Subscription "sqs q") replaced: TopicArn forces a replacement; changed: Properties.TopicArn
`
	if got := d.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestUpToIntrinsics(t *testing.T) {
	got := upToIntrinsics([]string{"Properties.A.Fn::Join[1][3]", "Properties.A.Fn::Join[1][5]", "Properties.B.Ref", "Properties.RefreshRate", "Properties.C[0].Ref", "Properties.D[1].Fn::GetAtt[0]", "Properties.E"})
	want := "Properties.A Properties.B Properties.RefreshRate Properties.C[0] Properties.D[1] Properties.E"
	if strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
