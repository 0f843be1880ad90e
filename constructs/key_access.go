package constructs

import "slices"

// KeyAccess names who may administer and who may use the KMS keys a
// construct creates, for a security review that wants named key
// administrators rather than every IAM principal of the account.
type KeyAccess struct {
	// Administrators are ARNs of IAM roles or users (wildcards allowed, as
	// in arn:aws:iam::111111111111:role/platform-*) that may administer the
	// keys, and not use them. CloudFormation execution roles of the CDK
	// bootstrap (cdk-*-cfn-exec-role-*) are always added, so that deploys
	// can keep updating the keys. Default: none, and the account
	// administers the keys through IAM policies (kms:* for the account).
	Administrators *[]*string
	// Users are ARNs of IAM roles or users (wildcards allowed) that may
	// encrypt and decrypt with the keys, besides the AWS services each key
	// is for. Only with Administrators. Default: none.
	Users *[]*string
}

// keyAdminActions administer a key without using it (AWS's "key
// administrators" set of the default key policy).
var keyAdminActions = []string{
	"kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*",
	"kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*",
	"kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion",
	"kms:CancelKeyDeletion", "kms:RotateKeyOnDemand",
}

// keyUseActions use a key for data (AWS's "key users" set).
var keyUseActions = []string{
	"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey",
}

// cdkExecutionRolePattern matches the CloudFormation execution role of any
// CDK bootstrap qualifier in the account: the role that creates and
// updates the keys, which KMS requires a key policy to keep allowing.
const cdkExecutionRolePattern = "cdk-*-cfn-exec-role-*"

// statements are the key-policy statements of who administers and uses a
// key: without named administrators, the account through IAM (kms:*); with
// them, the administrators and the CDK's execution roles for
// administration and the users for use, each as the account principal
// narrowed by aws:PrincipalArn, so that a name that does not exist yet
// does not fail the deploy.
func (a *KeyAccess) statements(p pseudoParams) []map[string]any {
	if a == nil || a.Administrators == nil || len(*a.Administrators) == 0 {
		return []map[string]any{p.accountAdminStatement()}
	}
	admins := append(strs(a.Administrators), "arn:"+p.partition+":iam::"+p.account+":role/"+cdkExecutionRolePattern)
	out := []map[string]any{p.principalStatement("AllowKeyAdministrators", keyAdminActions, admins)}
	if users := strs(a.Users); len(users) > 0 {
		out = append(out, p.principalStatement("AllowKeyUsers", keyUseActions, users))
	}
	return out
}

// principalStatement allows actions on the key to the account's IAM
// principals whose ARN matches one of arns.
func (p pseudoParams) principalStatement(sid string, actions, arns []string) map[string]any {
	return map[string]any{
		"Sid":       sid,
		"Effect":    "Allow",
		"Principal": map[string]any{"AWS": p.accountRootArn()},
		"Action":    slices.Clone(actions),
		"Resource":  "*",
		"Condition": map[string]any{"ArnLike": map[string]any{"aws:PrincipalArn": arns}},
	}
}
