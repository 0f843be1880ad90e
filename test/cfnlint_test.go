package test

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// unknownToCfnLint are resource types aws-cdk-lib's CloudFormation spec
// has and the installed cfn-lint's schemas do not: E3006 ("does not exist
// in <region>") is expected for them, with the reason.
var unknownToCfnLint = map[string]string{
	"AWS::CloudWatch::LogAlarm": "cfn-lint 1.51's resource schemas predate it (no region lists it); aws-cdk-lib 2.270 generates CfnLogAlarm from CloudFormation's spec",
}

// cfn-lint checks every stack against the resource schemas of the region
// it deploys to (they differ: a dashboard's Tags are missing in some
// regions). Errors fail; warnings are logged. Skipped where cfn-lint is not
// installed.
func TestCfnLintPerRegion(t *testing.T) {
	lint, err := exec.LookPath("cfn-lint")
	if err != nil {
		t.Skip("cfn-lint is not installed (pip install cfn-lint): the templates are not linted against each region's schemas")
	}
	byRegion := map[string][]string{}
	for _, p := range stackPlaces() {
		byRegion[p.region] = append(byRegion[p.region], filepath.Join(synthesized.dir, p.stack+".template.json"))
	}
	regions := keys(byRegion)
	if len(regions) == 0 {
		t.Fatal("no stack with a region")
	}
	for _, region := range regions {
		files := byRegion[region]
		sort.Strings(files)
		out, _ := exec.Command(lint, append([]string{"--format", "parseable", "--regions", region, "--"}, files...)...).CombinedOutput()
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			// file:line:column:end line:end column:rule:message
			parts := strings.SplitN(line, ":", 7)
			if len(parts) < 7 {
				if strings.TrimSpace(line) != "" {
					t.Errorf("%s: cfn-lint: %s", region, line)
				}
				continue
			}
			rule, msg := parts[5], parts[6]
			if expectedUnknownType(rule, msg) {
				continue
			}
			where := filepath.Base(parts[0]) + ":" + parts[1]
			if strings.HasPrefix(rule, "E") {
				t.Errorf("%s %s: %s %s", region, where, rule, msg)
			} else {
				t.Logf("%s %s: %s %s", region, where, rule, msg)
			}
		}
	}
}

// The check above can fail: cfn-lint reports a retention CloudWatch Logs
// does not accept as an error.
func TestCfnLintFindsErrors(t *testing.T) {
	lint, err := exec.LookPath("cfn-lint")
	if err != nil {
		t.Skip("cfn-lint is not installed")
	}
	file := filepath.Join(t.TempDir(), "bad.template.json")
	writeFile(t, file, `{"Resources": {"L": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 10}}}}`)
	out, _ := exec.Command(lint, "--format", "parseable", "--regions", "eu-west-1", "--", file).CombinedOutput()
	if !strings.Contains(string(out), ":E") {
		t.Errorf("cfn-lint found no error in a retention of 10 days:\n%s", out)
	}
}

// expectedUnknownType tells an E3006 of a type in unknownToCfnLint.
func expectedUnknownType(rule, msg string) bool {
	if rule != "E3006" {
		return false
	}
	for typ := range unknownToCfnLint {
		if strings.Contains(msg, "'"+typ+"'") {
			return true
		}
	}
	return false
}

// stackPlace is a synthesized stack and its region.
type stackPlace struct{ stack, region string }

// stackPlaces are the regions of the synthesized stacks, from the config.
func stackPlaces() []stackPlace {
	var out []stackPlace
	for _, env := range synthesized.config.EnvironmentNames() {
		e, _ := synthesized.config.Environment(env)
		for _, s := range envStacks(env) {
			out = append(out, stackPlace{s, e.Region})
		}
	}
	for _, p := range synthesized.config.DeployStacks() {
		out = append(out, stackPlace{p.StackName, p.Region})
	}
	return out
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
