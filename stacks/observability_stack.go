// Package stacks builds eventwatch's CloudFormation stacks: one observability
// stack per environment (more when services name a stack of their own), each
// holding the log groups, metric filters, alarms, alert topics and saved
// queries that the environment's plan resolves.
package stacks

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	eventwatch "github.com/eventwatch/eventwatch/constructs"
	"github.com/eventwatch/eventwatch/internal/appconfig"
)

// ObservabilityStackProps configures an ObservabilityStack.
type ObservabilityStackProps struct {
	awscdk.StackProps
	// Plan is the stack's resolved config. Required.
	Plan appconfig.StackPlan
}

// ResourcesID is the construct ID under which a stack's resources are
// included; their logical IDs do not depend on it.
const ResourcesID = "Resources"

// NewObservabilityStack builds the stack for plan, named plan.StackName, in
// the plan's account and region, tagged with app, environment and owner.
// Nothing in it needs AWS credentials at synth time.
func NewObservabilityStack(scope constructs.Construct, props *ObservabilityStackProps) (awscdk.Stack, error) {
	plan := props.Plan
	bundle, err := plan.Bundle()
	if err != nil {
		return nil, err
	}
	sp := props.StackProps
	sp.StackName = jsii.String(plan.StackName)
	sp.Env = &awscdk.Environment{Account: jsii.String(plan.Account), Region: jsii.String(plan.Region)}
	if sp.Description == nil {
		sp.Description = jsii.String("eventwatch " + plan.Environment + ": log groups, metric filters, alarms, alert topics and saved Logs Insights queries")
	}
	tags := map[string]*string{}
	for k, v := range plan.Tags {
		tags[k] = jsii.String(v)
	}
	sp.Tags = &tags
	stack := awscdk.NewStack(scope, jsii.String(plan.StackName), &sp)
	if _, err := eventwatch.Include(stack, ResourcesID, bundle); err != nil {
		return nil, err
	}
	return stack, nil
}
