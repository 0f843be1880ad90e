package constructs

import "github.com/aws/aws-cdk-go/awscdk/v2/awsiam"

// policyDocument is an IAM policy document of the given statements, made
// in one call into the CDK.
func policyDocument(statements ...map[string]any) awsiam.PolicyDocument {
	list := make([]any, len(statements))
	for i, s := range statements {
		list[i] = s
	}
	var doc any = map[string]any{"Version": "2012-10-17", "Statement": list}
	return awsiam.PolicyDocument_FromJson(&doc)
}

// accountAdminStatement lets the account administer a key through IAM, the
// statement every KMS key policy needs so that it never becomes unmanageable.
func (p pseudoParams) accountAdminStatement() map[string]any {
	return map[string]any{
		"Sid":       "AllowAccountAdministration",
		"Effect":    "Allow",
		"Principal": map[string]any{"AWS": p.accountRootArn()},
		"Action":    "kms:*",
		"Resource":  "*",
	}
}

// policyStatement is an IAM policy statement, made in one call into the CDK.
func policyStatement(statement map[string]any) awsiam.PolicyStatement {
	var s any = statement
	return awsiam.PolicyStatement_FromJson(&s)
}
