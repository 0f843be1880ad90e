package constructs

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// nagSuppression is a cdk-nag rule suppressed on one resource, with the
// reason a reviewer needs.
type nagSuppression struct {
	ID     string
	Reason string
}

// suppress records cdk-nag suppressions on c's CloudFormation resource, in
// the template metadata cdk-nag reads, without loading cdk-nag itself (as
// cdknag.NagSuppressions_AddResourceSuppressions would) into apps that do
// not run it.
func suppress(c constructs.IConstruct, ss ...nagSuppression) {
	list := make([]any, len(ss))
	for i, s := range ss {
		list[i] = map[string]any{"id": s.ID, "reason": s.Reason}
	}
	cfnResource(c).AddMetadata(jsii.String("cdk_nag"), map[string]any{"rules_to_suppress": list})
}

// cfnResource is the CloudFormation resource of an aws-cdk-lib L2 construct.
func cfnResource(c constructs.IConstruct) awscdk.CfnResource {
	return c.Node().DefaultChild().(awscdk.CfnResource)
}
