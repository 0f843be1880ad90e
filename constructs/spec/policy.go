package spec

import (
	"sort"
	"strings"

	"github.com/eventwatch/eventwatch/internal/cfn"
)

// policyDocument wraps IAM statements in a policy document.
func policyDocument(statements ...map[string]any) map[string]any {
	list := make([]any, len(statements))
	for i, s := range statements {
		list[i] = s
	}
	return map[string]any{"Version": "2012-10-17", "Statement": list}
}

// accountAdminStatement lets the account administer a key through IAM, the
// statement every KMS key policy needs so that it never becomes unmanageable.
func accountAdminStatement() map[string]any {
	return map[string]any{
		"Sid":       "AllowAccountAdministration",
		"Effect":    "Allow",
		"Principal": map[string]any{"AWS": cfn.Sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root")},
		"Action":    "kms:*",
		"Resource":  "*",
	}
}

// renderTags renders a tag map as a sorted CloudFormation tag list.
func renderTags(tags map[string]string) []any {
	if len(tags) == 0 {
		return nil
	}
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]any, len(keys))
	for i, k := range keys {
		out[i] = map[string]any{"Key": k, "Value": tags[k]}
	}
	return out
}

// checkTag checks a tag against AWS's limits.
func checkTag(key, value string) error {
	switch {
	case key == "" || len(key) > MaxTagKeyLength:
		return fieldErr("tags", "tag key %q must be 1 to %d characters", key, MaxTagKeyLength)
	case strings.HasPrefix(key, "aws:"):
		return fieldErr("tags", "tag key %q: the aws: prefix is reserved for AWS", key)
	case len(value) > MaxTagValueLength:
		return fieldErr("tags", "tag %s's value is %d characters; AWS allows at most %d", key, len(value), MaxTagValueLength)
	}
	return nil
}
