package constructs_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs"
)

// LogGroupName is the log group's reference, as LogGroup().LogGroupName()
// is: used in another stack, it is exported there and imported here, and
// that stack depends on the log group's.
func TestLogGroupNameUsedInAnotherStackReferencesIt(t *testing.T) {
	app := awscdk.NewApp(nil)
	env := &awscdk.Environment{Account: jsii.String("123456789012"), Region: jsii.String("eu-west-1")}
	a := awscdk.NewStack(app, jsii.String("Logs"), &awscdk.StackProps{Env: env})
	b := awscdk.NewStack(app, jsii.String("Queries"), &awscdk.StackProps{Env: env})
	orders := constructs.NewLogGroup(a, "Orders", &constructs.LogGroupProps{LogGroupName: jsii.String("/app/orders")})
	if !*awscdk.Token_IsUnresolved(orders.LogGroupName()) {
		t.Errorf("LogGroupName() = %s, want a token", *orders.LogGroupName())
	}
	constructs.NewSavedQuery(b, "Errors", &constructs.SavedQueryProps{
		QueryDefinitionName: jsii.String("errors"), QueryString: jsii.String("fields @message"),
		LogGroupNames: &[]*string{orders.LogGroupName()},
	})
	names := jsonOf(props(one(t, b, "AWS::Logs::QueryDefinition"))["LogGroupNames"])
	if !strings.Contains(names, `"Fn::ImportValue"`) {
		t.Errorf("LogGroupNames = %s, want an Fn::ImportValue of the log group's stack", names)
	}
	deps := b.Dependencies()
	if deps == nil || len(*deps) != 1 || *(*deps)[0].StackName() != "Logs" {
		t.Errorf("the stack of the query depends on %v, want the log group's stack", deps)
	}
}

// In its own stack, LogGroupName is a Ref to the log group, as when the
// name is generated.
func TestLogGroupNameIsARef(t *testing.T) {
	for _, name := range []*string{jsii.String("/app/orders"), nil} {
		stack := newStack()
		orders := constructs.NewLogGroup(stack, "Orders", &constructs.LogGroupProps{LogGroupName: name})
		got := jsonOf(stack.Resolve(orders.LogGroupName()))
		if !strings.HasPrefix(got, `{"Ref":"Orders`) {
			t.Errorf("name %v: LogGroupName() resolves to %s, want a Ref to the log group", name, got)
		}
	}
}
