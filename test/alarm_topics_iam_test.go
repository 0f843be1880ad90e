package test

import (
	"testing"

	"github.com/eventwatch/eventwatch/test/iam"
)

// Only this environment's alarms can page, proven by IAM evaluation
// (package iam, @cloud-copilot/iam-simulate) on the synthesized templates
// of every environment: for every alarm with a topic action, CloudWatch
// (cloudwatch.amazonaws.com, aws:SourceArn the alarm's ARN,
// aws:SourceAccount its account) may sns:Publish to each of its topics
// under the topic policy, and kms:GenerateDataKey and kms:Decrypt on the
// topic's key under the key policy; the same calls are denied for an alarm
// of another application in the account (other-app-<name>), an alarm of
// the same name in another account or another region, a request without
// aws:SourceArn, and every other environment's alarms as if they shared
// the environment's account and region (dev's alarms and prod's topics).
func TestAlarmTopicsAnswerOnlyTheirAlarms(t *testing.T) {
	templates := templateFiles(t)
	design, err := iam.AlertDesign(synthesized.config, templates)
	if err != nil {
		t.Fatal(err)
	}
	results, err := iam.AlertPublishing("..", design)
	if err != nil {
		t.Fatal(err)
	}
	allowed, denied, unexpected := iam.Tally(results)
	for _, r := range unexpected {
		t.Errorf("%s", r)
	}
	t.Logf("who may notify the alert topics (%s as each alarm; ! marks an unexpected decision):\n%s", iam.CloudWatchPrincipal, iam.AlertTable(results))
	t.Logf("%d calls evaluated in %d environments: %d allowed, %d denied", len(results), len(design.Environments), allowed, denied)
	if allowed == 0 {
		t.Error("no alarm with a topic action in any environment: nothing was proven")
	}
}
