package cfnrules

// Limits the rules apply that package spec does not hold (spec's are used
// where it has them: spec.MaxAlarmNameLength, spec.MaxResourcesPerStack,
// spec.ValidRetentionDays, ...). Each names its page; where the pages
// disagree, or a limit is adjustable, the value that refuses less is used.
const (
	// CloudFormation (srcCFNQuotas).
	maxOutputsPerStack     = 200
	maxParametersPerStack  = 200
	maxMappingsPerStack    = 200
	maxTemplateDescription = 1024 // bytes
	maxOutputNameLength    = 255

	// CloudWatch alarms (srcPutMetricAlarm, srcCWQuotas).
	maxAlarmActions         = 5    // "Alarm actions: 5/alarm", per state's list
	maxAlarmMetrics         = 10   // "Alarms based on metric math expressions can have up to 10 metrics"
	maxAlarmDimensions      = 30   // Dimensions of an alarm's metric (the quota rose from 10 to 30)
	maxDimensionValueLength = 1024 // an alarm dimension's Value
	maxMetricNameLength     = 255  // an alarm's MetricName and Namespace
	maxMetricQueryIDLength  = 255
	// The evaluation window, Period × EvaluationPeriods: "An alarm's total
	// current evaluation period can be no longer than seven days ... For
	// alarms with a period of less than one hour (3,600 seconds), the total
	// evaluation period can't be longer than one day (86,400 seconds)."
	maxWindowShortPeriods = 86400
	maxWindowLongPeriods  = 7 * 86400
	longPeriodSeconds     = 3600
	// metricFilterPeriod: metric filters publish one-minute data.
	metricFilterPeriod = 60

	// Composite alarms: compositerule.MaxAlarms and MaxRuleLength.

	// Dashboards (srcCWQuotas, srcDashboardBody, srcPutDashboard).
	maxWidgetsPerDashboard = 500
	maxMetricsPerWidget    = 500
	maxMetricsPerDashboard = 2500
	maxAlarmsPerWidget     = 100 // an alarm status widget's alarms: "1-100 ARNs"
	maxDashboardNameLength = 255
	gridWidth              = 24
	maxWidgetHeight        = 1000

	// Metric filters (srcMetricTransform, srcPutMetricFilter).
	maxFilterNameLength     = 512
	maxFilterMetricName     = 255
	maxFilterNamespace      = 256 // the resource schema's 256; the API reference says 255
	maxFilterMetricValueLen = 100
	maxFilterDimensionValue = 255

	// Log groups (srcLogGroup).
	maxKMSKeyIDLength = 256

	// SNS (srcCreateTopic).
	maxTopicNameLength = 256

	// SQS (srcQueue, srcQueueAttrs).
	maxQueueNameLength        = 80
	minMessageRetention       = 60
	maxMessageRetention       = 1209600
	maxDelaySeconds           = 900
	maxVisibilityTimeout      = 43200
	minMaximumMessageSize     = 1024
	maxMaximumMessageSize     = 1048576 // 1 MiB since August 2025; 262,144 before
	maxReceiveWaitTime        = 20
	minKMSDataKeyReuse        = 60
	maxKMSDataKeyReuse        = 86400
	maxRedriveMaxReceiveCount = 1000

	// KMS (srcKMSKey, srcKMSQuotas).
	maxKeyPolicyBytes    = 32768
	maxKeyDescription    = 8192
	minPendingWindowDays = 7
	maxPendingWindowDays = 30
	minRotationDays      = 90
	maxRotationDays      = 2560

	// IAM (srcRole, srcIAMQuotas).
	maxRoleNameLength        = 64
	maxPolicyNameLength      = 128
	maxRoleDescription       = 1000
	maxRolePathLength        = 512
	minSessionDuration       = 3600
	maxSessionDuration       = 43200
	maxRoleInlinePolicyChars = 10240 // aggregate inline policies of a role
	maxTrustPolicyChars      = 4096  // 2,048 by default, adjustable to 4,096
	maxManagedPolicies       = 20    // 10 by default, adjustable to 20
	maxManagedPolicyChars    = 6144
	maxOIDCURLLength         = 255
	maxOIDCClientIDs         = 100
	maxOIDCClientIDLength    = 255
	maxOIDCThumbprints       = 5
	maxTagsPerResource       = 50

	// Chatbot (srcSlackChannel).
	maxChatbotNameLength = 128
	maxSlackIDLength     = 256

	// Lambda (srcPermission, srcFunction).
	maxFunctionNameArn  = 140 // FunctionName of a permission: a name, partial or full ARN
	maxFunctionName     = 64
	maxFunctionTimeout  = 900
	minFunctionMemory   = 128
	maxFunctionMemory   = 10240
	maxHandlerLength    = 128
	maxFunctionDescLen  = 256
	minEphemeralStorage = 512
	maxEphemeralStorage = 10240
)
