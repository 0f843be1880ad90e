package cfnrules

import (
	"regexp"
	"strings"
)

// AWS::Chatbot::SlackChannelConfiguration.
var slackChannelRules = []rule{
	{ID: "chatbot-name", Source: srcSlackChannel, Check: func(r *resource, ps *problems) {
		if !r.has("ConfigurationName") {
			ps.add(r, "ConfigurationName", "is missing; AWS Chatbot requires a configuration name")
			return
		}
		if name, ok := checkLength(r, ps, "ConfigurationName", 1, maxChatbotNameLength, "AWS Chatbot", "ConfigurationName"); ok && !chatbotName.MatchString(name) {
			ps.add(r, "ConfigurationName", "%s is not a configuration name; AWS Chatbot allows letters, digits, '-' and '_'", echo(name))
		}
	}},
	{ID: "chatbot-slack-ids", Source: srcSlackChannel, Check: func(r *resource, ps *problems) {
		for _, c := range []struct {
			prop string
			re   *regexp.Regexp
			what string
		}{{"SlackChannelId", slackChannelID, "letters and digits"}, {"SlackWorkspaceId", slackWorkspaceID, "upper-case letters and digits"}} {
			if !r.has(c.prop) {
				ps.add(r, c.prop, "is missing; AWS Chatbot requires the Slack workspace and channel IDs")
				continue
			}
			if id, ok := checkLength(r, ps, c.prop, 1, maxSlackIDLength, "AWS Chatbot", c.prop); ok && !c.re.MatchString(id) {
				ps.add(r, c.prop, "%s is not a Slack ID; AWS Chatbot takes %s (such as T012ABCDE or C012ABCDE)", echo(id), c.what)
			}
		}
	}},
	{ID: "chatbot-logging-level", Source: srcSlackChannel, Check: func(r *resource, ps *problems) {
		checkEnum(r, ps, "LoggingLevel", []string{"ERROR", "INFO", "NONE"}, "AWS Chatbot", "LoggingLevel")
	}},
	{ID: "chatbot-role", Source: srcSlackChannel, Check: func(r *resource, ps *problems) {
		if !r.has("IamRoleArn") {
			ps.add(r, "IamRoleArn", "is missing; AWS Chatbot requires the role the channel acts with")
		} else if arn, ok := r.textAt("IamRoleArn"); ok && !iamRoleArn.MatchString(arn) {
			ps.add(r, "IamRoleArn", "%s is not an IAM role ARN (arn:PARTITION:iam::ACCOUNT:role/NAME)", echo(arn))
		}
	}},
	{ID: "chatbot-topics", Source: srcSlackChannel, Check: func(r *resource, ps *problems) {
		for i := range list(r.Props["SnsTopicArns"]) {
			if arn, ok := r.textAt("SnsTopicArns", i); ok && !arnOf("sns").MatchString(arn) {
				ps.add(r, prop("SnsTopicArns", i), "%s is not an SNS topic ARN", echo(arn))
			}
		}
		for i := range list(r.Props["GuardrailPolicies"]) {
			if arn, ok := r.textAt("GuardrailPolicies", i); ok && !(strings.HasPrefix(arn, "arn:") && strings.Contains(arn, ":iam::") && strings.Contains(arn, ":policy/")) {
				ps.add(r, prop("GuardrailPolicies", i), "%s is not an IAM policy ARN (arn:PARTITION:iam::ACCOUNT:policy/NAME, or aws for a managed policy)", echo(arn))
			}
		}
	}},
	tagsRule,
}

var (
	chatbotName      = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
	slackChannelID   = regexp.MustCompile(`^[A-Za-z0-9]+$`)
	slackWorkspaceID = regexp.MustCompile(`^[0-9A-Z]{1,255}$`)
	iamRoleArn       = regexp.MustCompile(`^arn:aws[a-z-]*:iam::\d{12}:role/.+$`)
)
