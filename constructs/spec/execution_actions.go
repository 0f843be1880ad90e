package spec

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// ExecutionActions are the IAM actions CloudFormation calls, with the
// bootstrap's execution role, to create, read, update and delete each
// resource type the app deploys (the handler permissions of the type's
// CloudFormation resource schema). The customer-managed execution policy
// of the deploy-role stack grants exactly the actions of the types in the
// synthesized templates, so a type the app starts to use is added here
// first: the synth names it until it is. A test checks that every action
// exists in the IAM service reference.
var ExecutionActions = map[string][]string{
	// CDK's metadata resource is handled by CloudFormation itself.
	"AWS::CDK::Metadata": nil,
	"AWS::Chatbot::SlackChannelConfiguration": {
		"chatbot:CreateSlackChannelConfiguration", "chatbot:DeleteSlackChannelConfiguration",
		"chatbot:DescribeSlackChannelConfigurations", "chatbot:UpdateSlackChannelConfiguration",
		"chatbot:ListTagsForResource", "chatbot:TagResource", "chatbot:UntagResource",
		"iam:PassRole", "iam:CreateServiceLinkedRole",
	},
	"AWS::CloudWatch::Alarm": {
		"cloudwatch:PutMetricAlarm", "cloudwatch:DescribeAlarms", "cloudwatch:DeleteAlarms",
		"cloudwatch:ListTagsForResource", "cloudwatch:TagResource", "cloudwatch:UntagResource",
	},
	"AWS::CloudWatch::CompositeAlarm": {
		"cloudwatch:PutCompositeAlarm", "cloudwatch:DescribeAlarms", "cloudwatch:DeleteAlarms",
		"cloudwatch:ListTagsForResource", "cloudwatch:TagResource", "cloudwatch:UntagResource",
	},
	"AWS::CloudWatch::Dashboard": {
		"cloudwatch:PutDashboard", "cloudwatch:GetDashboard", "cloudwatch:DeleteDashboards", "cloudwatch:ListDashboards",
		"cloudwatch:ListTagsForResource", "cloudwatch:TagResource", "cloudwatch:UntagResource",
	},
	// A log alarm runs a scheduled Logs Insights query with its role.
	"AWS::CloudWatch::LogAlarm": {
		"cloudwatch:PutLogAlarm", "cloudwatch:DescribeAlarms", "cloudwatch:DeleteAlarms",
		"cloudwatch:ListTagsForResource", "cloudwatch:TagResource", "cloudwatch:UntagResource",
		"logs:CreateScheduledQuery", "logs:GetScheduledQuery", "logs:UpdateScheduledQuery", "logs:DeleteScheduledQuery",
		"iam:PassRole",
	},
	"AWS::IAM::ManagedPolicy": {
		"iam:CreatePolicy", "iam:GetPolicy", "iam:DeletePolicy",
		"iam:CreatePolicyVersion", "iam:GetPolicyVersion", "iam:DeletePolicyVersion", "iam:ListPolicyVersions",
		"iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:ListEntitiesForPolicy",
		"iam:ListPolicyTags", "iam:TagPolicy", "iam:UntagPolicy",
	},
	"AWS::IAM::Role": {
		"iam:CreateRole", "iam:GetRole", "iam:UpdateRole", "iam:UpdateRoleDescription", "iam:UpdateAssumeRolePolicy", "iam:DeleteRole",
		"iam:PutRolePolicy", "iam:GetRolePolicy", "iam:DeleteRolePolicy", "iam:ListRolePolicies",
		"iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole",
		"iam:TagRole", "iam:UntagRole", "iam:ListRoleTags",
	},
	"AWS::KMS::Key": {
		"kms:CreateKey", "kms:DescribeKey", "kms:GetKeyPolicy", "kms:PutKeyPolicy",
		"kms:EnableKeyRotation", "kms:DisableKeyRotation", "kms:GetKeyRotationStatus",
		"kms:EnableKey", "kms:DisableKey", "kms:UpdateKeyDescription", "kms:ScheduleKeyDeletion",
		"kms:ListResourceTags", "kms:TagResource", "kms:UntagResource",
	},
	"AWS::Lambda::Permission": {
		"lambda:AddPermission", "lambda:RemovePermission", "lambda:GetPolicy",
	},
	"AWS::Logs::LogGroup": {
		"logs:CreateLogGroup", "logs:DescribeLogGroups", "logs:DeleteLogGroup",
		"logs:PutRetentionPolicy", "logs:DeleteRetentionPolicy",
		"logs:AssociateKmsKey", "logs:DisassociateKmsKey",
		"logs:PutDataProtectionPolicy", "logs:GetDataProtectionPolicy", "logs:DeleteDataProtectionPolicy",
		"logs:PutLogGroupDeletionProtection",
		"logs:PutIndexPolicy", "logs:DescribeIndexPolicies", "logs:DeleteIndexPolicy",
		"logs:ListTagsForResource", "logs:TagResource", "logs:UntagResource",
		"logs:ListTagsLogGroup", "logs:TagLogGroup", "logs:UntagLogGroup",
	},
	"AWS::Logs::MetricFilter": {
		"logs:PutMetricFilter", "logs:DescribeMetricFilters", "logs:DeleteMetricFilter",
	},
	"AWS::Logs::QueryDefinition": {
		"logs:PutQueryDefinition", "logs:DescribeQueryDefinitions", "logs:DeleteQueryDefinition",
	},
	"AWS::SNS::Subscription": {
		"sns:Subscribe", "sns:Unsubscribe", "sns:GetSubscriptionAttributes", "sns:SetSubscriptionAttributes",
		"sns:ListSubscriptionsByTopic", "sns:GetTopicAttributes",
	},
	"AWS::SNS::Topic": {
		"sns:CreateTopic", "sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:DeleteTopic",
		"sns:ListSubscriptionsByTopic", "sns:GetDataProtectionPolicy", "sns:PutDataProtectionPolicy",
		"sns:ListTagsForResource", "sns:TagResource", "sns:UntagResource",
	},
	"AWS::SNS::TopicPolicy": {
		"sns:SetTopicAttributes", "sns:GetTopicAttributes",
	},
	"AWS::SQS::Queue": {
		"sqs:CreateQueue", "sqs:GetQueueUrl", "sqs:GetQueueAttributes", "sqs:SetQueueAttributes", "sqs:DeleteQueue",
		"sqs:ListQueueTags", "sqs:TagQueue", "sqs:UntagQueue",
	},
	"AWS::SQS::QueuePolicy": {
		"sqs:SetQueueAttributes", "sqs:GetQueueAttributes", "sqs:GetQueueUrl",
	},
}

// ExecutionActionsFile is where ExecutionActions is, for messages.
const ExecutionActionsFile = "constructs/spec/execution_actions.go"

// ExecutionActionsFor is the sorted union of the actions of types. A type
// that ExecutionActions lacks is an error that names it and the table.
func ExecutionActionsFor(types []string) ([]string, error) {
	set := map[string]bool{}
	var unknown []string
	for _, t := range types {
		actions, ok := ExecutionActions[t]
		if !ok {
			unknown = append(unknown, t)
			continue
		}
		for _, a := range actions {
			set[a] = true
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, fmt.Errorf("the deploy execution policy knows no actions for the resource types %s; add the actions CloudFormation needs for each (its resource schema's handler permissions) to ExecutionActions in %s", strings.Join(slices.Compact(unknown), ", "), ExecutionActionsFile)
	}
	out := make([]string, 0, len(set))
	for a := range set {
		out = append(out, a)
	}
	sort.Strings(out)
	return out, nil
}

// dynamicReferenceRE is a CloudFormation dynamic reference to a Secrets
// Manager secret or an SSM parameter, anywhere in a string.
var dynamicReferenceRE = regexp.MustCompile(`\{\{resolve:(ssm|ssm-secure|secretsmanager):(arn:[^:{}]+:secretsmanager:[^:{}]+:[0-9]+:secret:[^:{}]+|[^:{}]+)[^{}]*\}\}`)

// DynamicReference is a secret or parameter a template resolves at deploy.
type DynamicReference struct {
	// Service is "secretsmanager" or "ssm" (ssm-secure included).
	Service string
	// Name is the secret's name or ARN, or the parameter's name.
	Name string
}

// DynamicReferences are the dynamic references in s, each once.
func DynamicReferences(s string) []DynamicReference {
	var out []DynamicReference
	for _, m := range dynamicReferenceRE.FindAllStringSubmatch(s, -1) {
		ref := DynamicReference{Service: strings.TrimSuffix(m[1], "-secure"), Name: m[2]}
		if !slices.Contains(out, ref) {
			out = append(out, ref)
		}
	}
	return out
}
