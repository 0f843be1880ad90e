package test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"
)

// The CDK's CloudFormation validation (which reports schema problems as
// warnings and takes most of a synth's time) is skipped by eventwatch's
// `cdk synth`, where the constructs validate their props in Go, and runs
// here instead: on every stack of the example config, with no violation.
func TestCloudFormationValidationFindsNothing(t *testing.T) {
	report, err := os.ReadFile(filepath.Join(synthesized.dir, "validation-report.json"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(report), `"violations"`) {
		t.Errorf("the CDK's CloudFormation validation reports violations:\n%s", report)
	}
}

// The validation is on in this test process: a template CloudFormation
// would reject gets a violation.
func TestCloudFormationValidationIsOnInTests(t *testing.T) {
	dir := t.TempDir()
	app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(dir), Context: &cdkContext})
	stack := awscdk.NewStack(app, jsii.String("Invalid"), nil)
	awslogs.NewCfnLogGroup(stack, jsii.String("Bad"), &awslogs.CfnLogGroupProps{RetentionInDays: jsii.Number(10)})
	app.Synth(nil)
	report, err := os.ReadFile(filepath.Join(dir, "validation-report.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(report), "Properties.RetentionInDays") {
		t.Fatalf("no violation for a 10-day retention; is the validation off?\n%s", report)
	}
}
