package cfnrules

// The AWS pages the rules follow, each rule's Source. Resource pages are
// the CloudFormation template reference (which redirects from the
// UserGuide addresses used here); quotas come from the services' quota
// pages and API references.
const (
	cfnRef = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"

	srcTemplateFormat = cfnRef + "template-anatomy.html"
	srcCFNQuotas      = cfnRef + "cloudformation-limits.html"
	srcOutputs        = cfnRef + "outputs-section-structure.html"
	srcResources      = cfnRef + "resources-section-structure.html"
	srcCustomResource = cfnRef + "aws-resource-cloudformation-customresource.html"
	srcCDKMetadata    = "https://docs.aws.amazon.com/cdk/v2/guide/cli.html#version-reporting"

	srcLogGroup         = cfnRef + "aws-resource-logs-loggroup.html"
	srcMetricFilter     = cfnRef + "aws-resource-logs-metricfilter.html"
	srcMetricTransform  = cfnRef + "aws-properties-logs-metricfilter-metrictransformation.html"
	srcQueryDefinition  = cfnRef + "aws-resource-logs-querydefinition.html"
	srcLogsQuotas       = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html"
	srcLogClasses       = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CloudWatch_Logs_Log_Classes.html"
	srcLogClassCommands = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_AnalyzeLogData_Classes.html"
	srcPutMetricFilter  = "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutMetricFilter.html"
	srcPutRetention     = "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html"
	srcFilterSyntax     = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html"

	srcAlarm           = cfnRef + "aws-resource-cloudwatch-alarm.html"
	srcPutMetricAlarm  = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html"
	srcMetricDataQuery = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDataQuery.html"
	srcComposite       = cfnRef + "aws-resource-cloudwatch-compositealarm.html"
	srcPutComposite    = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutCompositeAlarm.html"
	srcLogAlarm        = cfnRef + "aws-resource-cloudwatch-logalarm.html"
	srcPutLogAlarm     = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutLogAlarm.html"
	srcCWQuotas        = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html"
	srcStatistics      = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html"
	srcPutMetricData   = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html"
	srcCWConcepts      = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html"
	srcMetricsFilters  = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/MonitoringLogData.html"
	srcAlarms          = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html"
	srcDashboard       = cfnRef + "aws-resource-cloudwatch-dashboard.html"
	srcDashboardBody   = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html"
	srcPutDashboard    = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutDashboard.html"

	srcTopic         = cfnRef + "aws-resource-sns-topic.html"
	srcCreateTopic   = "https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html"
	srcSubscription  = cfnRef + "aws-resource-sns-subscription.html"
	srcSubscribe     = "https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html"
	srcSNSCrossLamda = "https://docs.aws.amazon.com/sns/latest/dg/lambda-prereq.html"
	srcTopicPolicy   = cfnRef + "aws-resource-sns-topicpolicy.html"

	srcQueue       = cfnRef + "aws-resource-sqs-queue.html"
	srcQueueAttrs  = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html"
	srcQueuePolicy = cfnRef + "aws-resource-sqs-queuepolicy.html"

	srcKMSKey    = cfnRef + "aws-resource-kms-key.html"
	srcKMSQuotas = "https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html"

	srcRole          = cfnRef + "aws-resource-iam-role.html"
	srcPolicy        = cfnRef + "aws-resource-iam-policy.html"
	srcManagedPolicy = cfnRef + "aws-resource-iam-managedpolicy.html"
	srcOIDCProvider  = cfnRef + "aws-resource-iam-oidcprovider.html"
	srcIAMQuotas     = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html"
	srcIAMPrincipal  = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html"
	srcIAMGrammar    = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html"

	srcSlackChannel = cfnRef + "aws-resource-chatbot-slackchannelconfiguration.html"

	srcPermission    = cfnRef + "aws-resource-lambda-permission.html"
	srcAddPermission = "https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html"
	srcFunction      = cfnRef + "aws-resource-lambda-function.html"

	srcARNs      = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html"
	srcTags      = "https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html"
	srcRegions   = "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html"
	srcLogGroups = "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html"
)
