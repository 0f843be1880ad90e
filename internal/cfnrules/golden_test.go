package cfnrules

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// root is the repository, from this package's directory.
var root = filepath.Join("..", "..")

// environments reads the account and region of each environment from
// config/environments/<env>.yaml.
func environments(t testing.TB) map[string][2]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(root, "config", "environments", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("config/environments: %v (%d files)", err, len(files))
	}
	account := regexp.MustCompile(`(?m)^account:\s*"?(\d{12})"?\s*$`)
	region := regexp.MustCompile(`(?m)^region:\s*([a-z0-9-]+)\s*$`)
	out := map[string][2]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		a, r := account.FindSubmatch(b), region.FindSubmatch(b)
		if a == nil || r == nil {
			t.Fatalf("%s: no account or region", f)
		}
		out[strings.TrimSuffix(filepath.Base(f), ".yaml")] = [2]string{string(a[1]), string(r[1])}
	}
	return out
}

// goldenStacks are the templates of test/golden, each with the account and
// region it deploys to: eventwatch-<env> that of its environment,
// eventwatch-deploy-<account> its account in the environments' region.
func goldenStacks(t testing.TB) []Stack {
	t.Helper()
	envs := environments(t)
	files, err := filepath.Glob(filepath.Join(root, "test", "golden", "*.template.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("test/golden: %v (%d files)", err, len(files))
	}
	sort.Strings(files)
	var stacks []Stack
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".template.json")
		st := Stack{Name: name, Template: body}
		if account, ok := strings.CutPrefix(name, "eventwatch-deploy-"); ok {
			st.Account = account
			for _, e := range envs {
				if e[0] == account {
					st.Region = e[1]
				}
			}
		} else if e, ok := envs[strings.TrimPrefix(name, "eventwatch-")]; ok {
			st.Account, st.Region = e[0], e[1]
		} else {
			t.Fatalf("%s: no environment", f)
		}
		stacks = append(stacks, st)
	}
	return stacks
}

func TestGoldenTemplatesPass(t *testing.T) {
	for _, p := range Check(goldenStacks(t)) {
		t.Errorf("%s", p)
	}
}

// The templates of cwsim's tests pass, each on its own (both create the
// log group /app/orders, so together they would collide).
func TestCwsimTestdataPasses(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(root, "cwsim", "testdata", "*.template.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("cwsim/testdata: %v (%d files)", err, len(files))
	}
	for _, f := range files {
		for _, p := range Check([]Stack{{Name: "app", Account: "111111111111", Region: "eu-west-1", Template: readFile(t, f)}}) {
			t.Errorf("%s: %s", filepath.Base(f), p)
		}
	}
}

// Every resource type of the golden templates, the library user's stacks
// and cwsim's testdata has a table of rules.
func TestEveryEmittedTypeHasRules(t *testing.T) {
	var files []string
	for _, pattern := range []string{
		filepath.Join(root, "test", "golden", "*.template.json"),
		filepath.Join(root, "cwsim", "testdata", "*.template.json"),
		filepath.Join("testdata", "library", "*.template.json"),
	} {
		matches, _ := filepath.Glob(pattern)
		files = append(files, matches...)
	}
	typ := regexp.MustCompile(`"Type": "([A-Za-z0-9:]+)"`)
	for _, f := range files {
		for _, m := range typ.FindAllStringSubmatch(string(readFile(t, f)), -1) {
			if m[1] == "AWS::SSM::Parameter::Value<String>" || strings.HasPrefix(m[1], "AWS::SSM::Parameter") {
				continue // a parameter's type, not a resource's
			}
			if _, ok := resourceRules[m[1]]; !ok {
				t.Errorf("%s: %s has no rules", filepath.Base(f), m[1])
			}
		}
	}
}

// Problems come sorted by stack, logical ID and rule.
func TestProblemsAreSorted(t *testing.T) {
	b := `{"Resources": {"Z": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "bad name", "DisplayName": "` + strings.Repeat("d", 101) + `"}},
		"A": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "bad name", "DelaySeconds": 901}}}}`
	a := `{"Resources": {"M": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "x.fifo"}}}}`
	problems := Check([]Stack{{Name: "b", Template: []byte(b)}, {Name: "a", Template: []byte(a)}})
	var got []string
	for _, p := range problems {
		got = append(got, p.Stack+"/"+p.LogicalID+" "+p.Rule)
	}
	want := []string{"a/M sns-topic-name", "b/A sqs-queue-attributes", "b/A sqs-queue-name", "b/Z sns-topic-display-name", "b/Z sns-topic-name"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// BenchmarkCheckGolden checks the golden templates, as the synth does.
func BenchmarkCheckGolden(b *testing.B) {
	stacks := goldenStacks(b)
	b.ReportAllocs()
	for b.Loop() {
		if problems := Check(stacks); len(problems) != 0 {
			b.Fatal(problems)
		}
	}
}

// An alarm that notifies a topic without a subscriber deploys and pages
// nobody: a warning, not a problem.
func TestUnsubscribedTopicIsAWarning(t *testing.T) {
	body := `{"Resources": {
	  "L": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "/app/orders"}},
	  "T": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "pages"}},
	  "A": {"Type": "AWS::CloudWatch::Alarm", "Properties": {"AlarmName": "silence", "Namespace": "AWS/Logs", "MetricName": "IncomingLogEvents",
	    "Dimensions": [{"Name": "LogGroupName", "Value": {"Ref": "L"}}], "Statistic": "Sum", "Period": 60, "EvaluationPeriods": 1,
	    "Threshold": 1, "ComparisonOperator": "LessThanThreshold", "AlarmActions": [{"Ref": "T"}]}}}}`
	found, warnings := CheckWithWarnings([]Stack{{Name: "s", Account: "111111111111", Region: "eu-west-1", Template: []byte(body)}})
	if len(found) != 0 {
		t.Errorf("problems %v, want none", found)
	}
	if len(warnings) != 1 || warnings[0].LogicalID != "A" || !strings.Contains(warnings[0].Msg, "no subscriber") {
		t.Errorf("warnings %v, want the alarm's topic without a subscriber", warnings)
	}
}
