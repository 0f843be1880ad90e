package constructs

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// rolePolicy is a customer-managed policy ("<id>") of the given
// statements, for a role the construct creates to list in its
// ManagedPolicies. Roles carry managed policies rather than inline ones
// because the NIST 800-53, HIPAA and PCI DSS rule packs require it
// (IAMNoInlinePolicy: a managed policy is versioned and can be reviewed
// and reused on its own); the role references the policy, so it is
// complete when CloudFormation creates it.
func rolePolicy(scope constructs.Construct, id, description string, statements ...map[string]any) awsiam.IManagedPolicy {
	return awsiam.NewManagedPolicy(scope, jsii.String(id), &awsiam.ManagedPolicyProps{
		Description: jsii.String(descriptionPrefix + description),
		Document:    policyDocument(statements...),
	})
}
