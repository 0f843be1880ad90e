package cfnrules

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// teamEnv is the account and region of the library user's stacks.
var teamEnv = [2]string{"444444444444", "eu-west-1"}

// libraryStacks are a library user's stacks, synthesized with construct
// paths in their metadata (testdata/library: TeamStack from gen, Payments
// and Reports from examples/secondteam), each template passed to edit.
func libraryStacks(t *testing.T, edit func(name string, tpl map[string]any)) []Stack {
	t.Helper()
	var out []Stack
	for _, name := range []string{"TeamStack", "Payments", "Reports"} {
		body := readFile(t, filepath.Join("testdata", "library", name+".template.json"))
		if edit != nil {
			var tpl map[string]any
			if err := json.Unmarshal(body, &tpl); err != nil {
				t.Fatal(err)
			}
			edit(name, tpl)
			var err error
			if body, err = json.Marshal(tpl); err != nil {
				t.Fatal(err)
			}
		}
		out = append(out, Stack{Name: name, Account: teamEnv[0], Region: teamEnv[1], Template: body})
	}
	return out
}

// The library user's stacks, with aws-cdk-lib's LogRetention function,
// IAM policies, Lambda functions and CDK metadata beside eventwatch's
// constructs, pass.
func TestLibraryUserStacksPass(t *testing.T) {
	for _, p := range Check(libraryStacks(t, nil)) {
		t.Errorf("%s", p)
	}
}

// A problem in a library user's stack names the construct path of the
// resource, from the template's aws:cdk:path metadata.
func TestProblemsNameTheConstructPath(t *testing.T) {
	stacks := libraryStacks(t, func(name string, tpl map[string]any) {
		if name != "TeamStack" {
			return
		}
		res := tpl["Resources"].(map[string]any)
		filter := res["OrdersFailuresC10DA753"].(map[string]any)["Properties"].(map[string]any)
		filter["MetricTransformations"].([]any)[0].(map[string]any)["MetricValue"] = "length"
		alarm := res["OrdersFailuresAlarmF5137139"].(map[string]any)["Properties"].(map[string]any)
		alarm["Period"] = 10
	})
	problems := Check(stacks)
	want := map[string]string{
		"logs-filter-metric-value": "TeamStack/Orders/Failures/Resource",
		"cw-alarm-filter-period":   "TeamStack/Orders/FailuresAlarm/Resource",
	}
	for _, p := range problems {
		path, ok := want[p.Rule]
		if !ok {
			continue
		}
		if p.Path != path || p.Stack != "TeamStack" {
			t.Errorf("%s: Stack %q, Path %q; want TeamStack, %q", p, p.Stack, p.Path, path)
		}
		if !strings.Contains(p.String(), path) {
			t.Errorf("String() %q does not show the path", p)
		}
		delete(want, p.Rule)
	}
	for rule := range want {
		t.Errorf("no %s problem; got %v", rule, problems)
	}
}

// Paths given by the caller win over the metadata; without either, Path is
// empty.
func TestPathsFromTheCaller(t *testing.T) {
	body := `{"Resources": {"T": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "bad name"}, "Metadata": {"aws:cdk:path": "S/Topic/Resource"}},
		"U": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "also bad"}}}}`
	for _, c := range []struct {
		paths map[string]string
		want  map[string]string
	}{
		{nil, map[string]string{"T": "S/Topic/Resource", "U": ""}},
		{map[string]string{"T": "Given/T", "U": "Given/U"}, map[string]string{"T": "Given/T", "U": "Given/U"}},
	} {
		problems := Check([]Stack{{Name: "S", Account: "111111111111", Region: "eu-west-1", Template: []byte(body), Paths: c.paths}})
		if len(problems) != 2 {
			t.Fatalf("got %v, want one problem per topic", problems)
		}
		for _, p := range problems {
			if p.Path != c.want[p.LogicalID] {
				t.Errorf("paths %v: %s has Path %q, want %q", c.paths, p.LogicalID, p.Path, c.want[p.LogicalID])
			}
		}
	}
}
