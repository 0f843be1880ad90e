package constructs_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs"
)

// managedPolicies are the customer-managed policies of stack that role
// lists in its ManagedPolicyArns (by Ref).
func managedPolicies(t *testing.T, stack awscdk.Stack, role map[string]any) []map[string]any {
	t.Helper()
	all := resources(t, stack, "AWS::IAM::ManagedPolicy")
	var out []map[string]any
	arns, _ := props(role)["ManagedPolicyArns"].([]any)
	for _, a := range arns {
		ref, _ := a.(map[string]any)["Ref"].(string)
		if p, ok := all[ref]; ok {
			out = append(out, p)
		}
	}
	return out
}

// managedStatements are the statements of the role's customer-managed
// policies.
func managedStatements(t *testing.T, stack awscdk.Stack, role map[string]any) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, p := range managedPolicies(t, stack, role) {
		for _, s := range props(p)["PolicyDocument"].(map[string]any)["Statement"].([]any) {
			out = append(out, s.(map[string]any))
		}
	}
	return out
}

// Roles the constructs create carry no inline policy, which the NIST
// 800-53, HIPAA and PCI DSS packs forbid, and every permission they grant
// is in a managed policy they list.
func TestRolesHaveNoInlinePolicies(t *testing.T) {
	stack := newStack()
	constructs.NewLogAlarm(stack, "PaymentErrors", logAlarmProps(func(p *constructs.LogAlarmProps) { p.ActionLogLineCount = jsii.Number(10) }))
	roles := resources(t, stack, "AWS::IAM::Role")
	if len(roles) != 2 {
		t.Fatalf("%d roles, want the scheduled query's and the log lines'", len(roles))
	}
	for id, role := range roles {
		if p := props(role)["Policies"]; p != nil {
			t.Errorf("%s has inline policies %s", id, jsonOf(p))
		}
		if len(managedStatements(t, stack, role)) == 0 {
			t.Errorf("%s lists no managed policy with statements", id)
		}
	}
	if n := len(resources(t, stack, "AWS::IAM::Policy")); n != 0 {
		t.Errorf("%d AWS::IAM::Policy resources (inline policies), want none", n)
	}
}
