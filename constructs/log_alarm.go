package constructs

import (
	"slices"
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs/spec"
)

// LogAlarmProps configures a LogAlarm.
type LogAlarmProps struct {
	// AlarmName is stable and readable; eventwatch's stacks use
	// "<env>-<service>-<event>". It is the alarm's physical ID: a new name
	// replaces the alarm. Required.
	AlarmName *string
	// AlarmDescription tells the on-call engineer what happened. Default: none.
	AlarmDescription *string
	// RunbookUrl is appended to the description. Default: none.
	RunbookUrl *string
	// QueryString is the Logs Insights query each run executes, as written;
	// it is parsed when the construct is built, as a SavedQuery's is. Its
	// results are what AggregationExpression aggregates. Required.
	QueryString *string
	// LogGroups queried, in the stack's account and region (the alarm
	// names them by name). LogGroups and LogGroupNames together hold 1 to
	// 50 log groups (spec.MaxLogAlarmLogGroups). Default: none.
	LogGroups *[]awslogs.ILogGroup
	// LogGroupNames of existing log groups queried, in the stack's account
	// and region, after LogGroups. Default: none.
	LogGroupNames *[]*string
	// Schedule is how often the query runs, whole minutes from 1 minute to
	// 30 days; it becomes the rate() expression AWS asks for ("rate(5
	// minutes)"). A schedule from a token must be awscdk.Duration_Minutes,
	// must not resolve to 1 (rate(1 minutes) is not a rate expression), and
	// needs Window. Default: awscdk.Duration_Minutes(5)
	// (spec.DefaultLogAlarmScheduleSeconds).
	Schedule awscdk.Duration
	// Window is how far back from each run the query looks (the scheduled
	// query's StartTimeOffset: "an offset of 360 (6 minutes) on a query
	// running at 12:05:00 starts the query time range at 11:59:00"), whole
	// seconds up to 30 days; the range ends at the run (EndTimeOffset 0).
	// A window longer than Schedule also sees events that reach CloudWatch
	// Logs late, at the cost of counting some twice. A window from a token
	// must be awscdk.Duration_Seconds. Default: equal to Schedule.
	Window awscdk.Duration
	// AggregationExpression is what the alarm compares with Threshold: one
	// stats aggregation of the query's results ("count(*)",
	// "avg(latency)", "pct(latency, 99)"), parsed when the construct is
	// built; "by field" makes each group a contributor alarmed on
	// separately. Required.
	AggregationExpression *string
	// Threshold the aggregated value is compared with. Required.
	Threshold *float64
	// ComparisonOperator of the aggregated value and the threshold; log
	// alarms have no anomaly detection band.
	// Default: awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD.
	ComparisonOperator awscloudwatch.ComparisonOperator
	// QueryResultsToEvaluate is N of M-out-of-N: how many of the latest
	// runs are evaluated, 1 to 100. Default: 1.
	QueryResultsToEvaluate *float64
	// QueryResultsToAlarm is M: how many of those runs must breach.
	// Default: QueryResultsToEvaluate.
	QueryResultsToAlarm *float64
	// TreatMissingData says what a run without a result means.
	// Default: awscloudwatch.TreatMissingData_NOT_BREACHING.
	TreatMissingData awscloudwatch.TreatMissingData
	// Actions are notified on ALARM and on OK: an AlertTopic's
	// AlarmAction(sev), awscloudwatchactions.NewSnsAction(topic), or any
	// awscloudwatch.IAlarmAction, each rendered with its Bind, as
	// aws-cdk-lib's Alarm does. AddAlarmAction and AddOkAction add more.
	// Default: none.
	Actions *[]awscloudwatch.IAlarmAction
	// ActionsEnabled false keeps the alarm evaluating without notifying
	// anyone, for development environments. Default: true.
	ActionsEnabled *bool
	// ActionLogLineCount is how many log lines of the last run the
	// notifications carry, 0 to 50 (spec.MaxActionLogLineCount). Above 0,
	// the construct creates the role CloudWatch needs to read them
	// ("ActionLogLineRole"). The lines reach everyone the actions notify:
	// mind what the query returns. Default: 0, none.
	ActionLogLineCount *float64
	// Role is the role the scheduled query runs as; the construct adds to
	// its policy the query permissions on the alarm's log groups (an
	// immutable imported role drops them: grant them yourself). Default: a
	// role created here ("ScheduledQueryRole"), trusted by the CloudWatch
	// Logs service principal for scheduled queries of this account and
	// region only, allowed to start queries on these log groups and read
	// query results, and nothing else.
	Role awsiam.IRole
	// Tags are added to the alarm and to the roles the construct creates.
	// Default: none.
	Tags *map[string]*string
}

// spec returns the props as package spec validates them. Durations are
// asked of the CDK; one from a token becomes that number token, in the
// unit it is rendered in, so that its value checks are skipped.
func (p *LogAlarmProps) spec() (spec.LogAlarmProps, error) {
	s := spec.LogAlarmProps{
		AlarmName:              str(p.AlarmName),
		Description:            str(p.AlarmDescription),
		RunbookURL:             str(p.RunbookUrl),
		QueryString:            str(p.QueryString),
		AggregationExpression:  str(p.AggregationExpression),
		Threshold:              num(p.Threshold),
		QueryResultsToEvaluate: p.QueryResultsToEvaluate,
		QueryResultsToAlarm:    p.QueryResultsToAlarm,
		ActionLogLineCount:     num(p.ActionLogLineCount),
		ActionsDisabled:        p.ActionsEnabled != nil && !*p.ActionsEnabled,
		Tags:                   strMap(p.Tags),
	}
	if p.LogGroups != nil {
		for i, lg := range *p.LogGroups {
			if lg == nil {
				return s, &spec.FieldError{Field: "logGroups[" + strconv.Itoa(i) + "]", Msg: "is nil; expected an awslogs.ILogGroup"}
			}
			s.LogGroupNames = append(s.LogGroupNames, spec.GivenAsObject)
		}
	}
	s.LogGroupNames = append(s.LogGroupNames, strs(p.LogGroupNames)...)
	if p.ComparisonOperator != "" {
		s.Comparison = cloudWatchName(string(p.ComparisonOperator), slices.Concat(spec.ValidComparisons, spec.ValidAnomalyComparisons), sameName)
	}
	if p.TreatMissingData != "" {
		s.TreatMissingData = cloudWatchName(string(p.TreatMissingData), spec.ValidMissingData, sameName)
	}
	if p.Schedule != nil {
		if *p.Schedule.IsUnresolved() {
			if unit := *p.Schedule.UnitLabel(); unit != "minutes" {
				return s, &spec.FieldError{Field: "schedule", Msg: "comes from a token in " + unit + "; a schedule from a token must be awscdk.Duration_Minutes, as it is rendered rate(<token> minutes)"}
			}
			if p.Window == nil {
				return s, &spec.FieldError{Field: "window", Msg: "is required when the schedule comes from a token: a minutes token cannot be turned into the window's seconds in the template"}
			}
			s.ScheduleSeconds = p.Schedule.ToMinutes(nil) // the token itself
		} else {
			s.ScheduleSeconds = p.Schedule.ToSeconds(&awscdk.TimeConversionOptions{Integral: jsii.Bool(false)})
		}
	}
	if p.Window != nil {
		if *p.Window.IsUnresolved() {
			if unit := *p.Window.UnitLabel(); unit != "seconds" {
				return s, &spec.FieldError{Field: "window", Msg: "comes from a token in " + unit + "; a window from a token must be awscdk.Duration_Seconds, as StartTimeOffset counts seconds"}
			}
		}
		s.WindowSeconds = p.Window.ToSeconds(&awscdk.TimeConversionOptions{Integral: jsii.Bool(false)})
	}
	return s, nil
}

// Validate checks the alarm against CloudWatch's rules, parses its query
// and its aggregation expression, without Node.js (Schedule and Window are
// asked of the CDK).
func (p *LogAlarmProps) Validate() error {
	if p.Threshold == nil {
		return &spec.FieldError{Field: "threshold", Msg: "is required"}
	}
	s, err := p.spec()
	if err != nil {
		return err
	}
	return s.Validate()
}

// LogAlarm is a CloudWatch log alarm: CloudWatch runs a Logs Insights query
// on a schedule (through an AWS managed scheduled query it creates and
// deletes with the alarm), aggregates each run's results and compares the
// value with a threshold, M out of the last N runs
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-log.html).
// It needs no metric filter.
//
// It is built on the L1 awscloudwatch.CfnLogAlarm (child "Resource"),
// because aws-cdk-lib 2.270 has no log alarm L2, and it is an
// aws-cdk-lib awscloudwatch.AlarmBase, with AlarmArn (the L1's Arn
// attribute) and AlarmName (its Ref): so it is an awscloudwatch.IAlarm
// that AddAlarmAction, AddOkAction, dashboards and CompositeAlarm rules
// (RenderAlarmRule) take as they are. AWS's log alarm documentation does
// not say whether a composite alarm's rule may name a log alarm; check
// before relying on it.
type LogAlarm struct {
	awscloudwatch.AlarmBase
	alarm       awscloudwatch.CfnLogAlarm
	role        awsiam.IRole
	logLineRole awsiam.IRole
	runbookURL  *string
	arn, name   *string
}

// NewLogAlarm validates props and adds the log alarm ("Resource") to scope,
// with the scheduled query role ("ScheduledQueryRole") unless props.Role is
// given, and the role that reads log lines for notifications
// ("ActionLogLineRole") when props.ActionLogLineCount is above 0.
func NewLogAlarm(scope constructs.Construct, id string, props *LogAlarmProps) *LogAlarm {
	if props == nil {
		props = &LogAlarmProps{}
	}
	mustValidateAt(scope, id, props.Validate())
	s, _ := props.spec()
	d := s.WithDefaults()

	a := &LogAlarm{runbookURL: props.RunbookUrl}
	awscloudwatch.NewAlarmBase_Override(a, scope, jsii.String(id), &awscdk.ResourceProps{PhysicalName: props.AlarmName})

	p := pseudo()
	identifiers, resources := logAlarmLogGroups(p, props)
	a.role = props.Role
	var policies []constructs.IDependable // the given role's policy, attached before the alarm is created
	if a.role == nil {
		a.role = newScheduledQueryRole(a, p, d.AlarmName, resources)
	} else {
		for _, st := range scheduledQueryStatements(resources) {
			if r := a.role.AddToPrincipalPolicy(policyStatement(st)); r != nil && r.PolicyDependable != nil {
				policies = append(policies, r.PolicyDependable)
			}
		}
	}

	cfn := &awscloudwatch.CfnLogAlarmProps{
		AlarmName:              props.AlarmName,
		ComparisonOperator:     jsii.String(d.Comparison),
		Threshold:              props.Threshold,
		QueryResultsToEvaluate: d.QueryResultsToEvaluate,
		QueryResultsToAlarm:    d.QueryResultsToAlarm,
		TreatMissingData:       jsii.String(d.TreatMissingData),
		ActionsEnabled:         jsii.Bool(!d.ActionsDisabled),
		ScheduledQueryConfiguration: &awscloudwatch.CfnLogAlarm_ScheduledQueryConfigurationProperty{
			QueryString:           props.QueryString,
			AggregationExpression: props.AggregationExpression,
			LogGroupIdentifiers:   &identifiers,
			ScheduledQueryRoleArn: a.role.RoleArn(),
			ScheduleConfiguration: &awscloudwatch.CfnLogAlarm_ScheduleConfigurationProperty{
				ScheduleExpression: jsii.String(scheduleExpression(props.Schedule, *d.ScheduleSeconds)),
				StartTimeOffset:    d.WindowSeconds,
			},
		},
		// Read when the template is synthesized, so that actions added
		// after construction (AddAlarmAction, AddOkAction) are rendered.
		AlarmActions:            actionArns(a.AlarmActionArns),
		OkActions:               actionArns(a.OkActionArns),
		InsufficientDataActions: actionArns(a.InsufficientDataActionArns),
	}
	if desc := d.AlarmDescription(); desc != "" {
		cfn.AlarmDescription = jsii.String(desc)
	}
	if c := props.ActionLogLineCount; c != nil && (spec.IsUnresolvedNumber(*c) || *c > 0) {
		a.logLineRole = newActionLogLineRole(a, p, d.AlarmName)
		cfn.ActionLogLineCount = c
		cfn.ActionLogLineRoleArn = a.logLineRole.RoleArn()
	}
	a.alarm = awscloudwatch.NewCfnLogAlarm(a, jsii.String(resourceID), cfn)
	a.alarm.Node().AddDependency(policies...)

	if props.Actions != nil && len(*props.Actions) > 0 {
		a.AddAlarmAction(*props.Actions...)
		a.AddOkAction(*props.Actions...)
	}
	addTags(a, props.Tags)
	return a
}

// AlarmArn is the alarm's ARN (the L1's Arn attribute), as
// aws-cdk-lib's Alarm gives it: usable from another stack or environment.
func (a *LogAlarm) AlarmArn() *string {
	if a.arn == nil && a.alarm != nil {
		a.arn = a.GetResourceArnAttribute(a.alarm.AttrArn(), &awscdk.ArnComponents{
			Service:      jsii.String("cloudwatch"),
			Resource:     jsii.String("alarm"),
			ResourceName: a.PhysicalName(),
			ArnFormat:    awscdk.ArnFormat_COLON_RESOURCE_NAME,
		})
	}
	return a.arn
}

// AlarmName is the alarm's name (the L1's Ref).
func (a *LogAlarm) AlarmName() *string {
	if a.name == nil && a.alarm != nil {
		a.name = a.GetResourceNameAttribute(a.alarm.Ref())
	}
	return a.name
}

// Resource is the AWS::CloudWatch::LogAlarm, for escape hatches
// (WarmUpConfiguration, InsufficientDataActions by ARN, ...).
func (a *LogAlarm) Resource() awscloudwatch.CfnLogAlarm { return a.alarm }

// Role is the role the scheduled query runs as: props.Role, or the one created.
func (a *LogAlarm) Role() awsiam.IRole { return a.role }

// ActionLogLineRole is the role CloudWatch assumes to read the log lines of
// notifications, or nil when they carry none.
func (a *LogAlarm) ActionLogLineRole() awsiam.IRole { return a.logLineRole }

// RunbookUrl is the runbook linked from the alarm's description, or nil.
func (a *LogAlarm) RunbookUrl() *string { return a.runbookURL }

// scheduleExpression is the rate() expression of the schedule: from its
// seconds, or rate(<token> minutes) for a schedule from a token.
func scheduleExpression(schedule awscdk.Duration, seconds float64) string {
	if schedule != nil && *schedule.IsUnresolved() {
		return "rate(" + *schedule.FormatTokenToNumber() + ")" // "<token> minutes"
	}
	return spec.LogAlarmScheduleExpression(int(seconds))
}

// logAlarmLogGroups returns the log group identifiers of the alarm (the
// names, as the alarm's log groups are in the stack's account and region)
// and the ARNs its query role may start queries on: each log group's ARN
// in both forms IAM policies use, "...:log-group:<name>" and
// "...:log-group:<name>:*" (aws-cdk-lib's LogGroupArn), so that no other
// log group matches.
func logAlarmLogGroups(p pseudoParams, props *LogAlarmProps) (identifiers []*string, resources []string) {
	add := func(account, region, name string) {
		identifiers = append(identifiers, jsii.String(name))
		arn := "arn:" + p.partition + ":logs:" + region + ":" + account + ":log-group:" + name
		resources = append(resources, arn, arn+":*")
	}
	if props.LogGroups != nil {
		for _, lg := range *props.LogGroups {
			env := lg.Env()
			add(*env.Account, *env.Region, *lg.LogGroupName())
		}
	}
	for _, name := range strs(props.LogGroupNames) {
		add(p.account, p.region, name)
	}
	return identifiers, resources
}

// scheduledQueryStatements allow a scheduled query on the given log
// groups: logs:StartQuery on them, and logs:GetQueryResults, which reads
// results by query ID and has no resource type to scope it to (hence "*").
// AWS documents only that the role "must grant the CloudWatch Alarms
// service permission to execute scheduled queries on the specified log
// groups" (PutLogAlarm); these are the actions of a Logs Insights query
// (StartQuery, then GetQueryResults), as aws-cdk's LogAlarm grants them
// (aws/aws-cdk packages/aws-cdk-lib/aws-cloudwatch/lib/log-alarm.ts).
func scheduledQueryStatements(resources []string) []map[string]any {
	return []map[string]any{
		{"Sid": "StartQueryOnTheAlarmsLogGroups", "Effect": "Allow", "Action": "logs:StartQuery", "Resource": resources},
		{"Sid": "GetQueryResults", "Effect": "Allow", "Action": "logs:GetQueryResults", "Resource": "*"},
	}
}

// newScheduledQueryRole is the role the alarm's scheduled query runs as.
//
// AWS's log alarm documentation names no service principal for
// ScheduledQueryRoleARN ("the IAM role that CloudWatch assumes when
// executing the scheduled query", API_ScheduledQueryConfiguration). The
// query is a CloudWatch Logs scheduled query, whose execution role
// "CloudWatch Logs will assume" (API_CreateScheduledQuery), so the role
// trusts logs.amazonaws.com, as aws-cdk's LogAlarm does; and, against the
// confused deputy, only for scheduled queries of this account and region
// (aws:SourceAccount, aws:SourceArn arn:...:logs:<region>:<account>:scheduled-query:*,
// the form aws-cdk's LogAlarm uses; AWS does not document the ARN of the
// managed scheduled query, whose name CloudWatch generates).
func newScheduledQueryRole(scope constructs.Construct, p pseudoParams, alarmName string, resources []string) awsiam.Role {
	policy := rolePolicy(scope, "RunScheduledQuery", "runs the scheduled query of the log alarm "+alarmName, scheduledQueryStatements(resources)...)
	role := awsiam.NewRole(scope, jsii.String("ScheduledQueryRole"), &awsiam.RoleProps{
		Description: jsii.String(descriptionPrefix + "runs the scheduled Logs Insights query of the log alarm " + alarmName),
		AssumedBy: serviceTrust("logs.amazonaws.com", p,
			"arn:"+p.partition+":logs:"+p.region+":"+p.account+":scheduled-query:*"),
		ManagedPolicies: &[]awsiam.IManagedPolicy{policy},
	})
	suppress(policy, nagSuppression{ID: "AwsSolutions-IAM5", Reason: "logs:StartQuery is allowed on the alarm's log groups only; the ':*' form is the log group ARN aws-cdk-lib's LogGroupArn gives, not a wildcard over log groups. logs:GetQueryResults reads results by query ID and has no resource type, so it takes '*'."})
	return role
}

// newActionLogLineRole is the role CloudWatch assumes to read the log lines
// of the alarm's notifications. AWS documents the role as one "that
// CloudWatch assumes to retrieve log events for inclusion in alarm action
// notifications" (PutLogAlarm), and names neither its actions nor its
// principal: it trusts cloudwatch.amazonaws.com for this alarm only
// (aws:SourceAccount, and aws:SourceArn the alarm's ARN, known from its
// name), and may read query results (logs:GetQueryResults, which has no
// resource type), the lines of the last run, as aws-cdk's LogAlarm grants.
func newActionLogLineRole(scope constructs.Construct, p pseudoParams, alarmName string) awsiam.Role {
	policy := rolePolicy(scope, "ReadQueryResults", "reads the query results of the log alarm "+alarmName, map[string]any{
		"Sid": "GetQueryResults", "Effect": "Allow", "Action": "logs:GetQueryResults", "Resource": "*",
	})
	role := awsiam.NewRole(scope, jsii.String("ActionLogLineRole"), &awsiam.RoleProps{
		Description: jsii.String(descriptionPrefix + "reads the log lines of the notifications of the log alarm " + alarmName),
		AssumedBy: serviceTrust("cloudwatch.amazonaws.com", p,
			"arn:"+p.partition+":cloudwatch:"+p.region+":"+p.account+":alarm:"+alarmName),
		ManagedPolicies: &[]awsiam.IManagedPolicy{policy},
	})
	suppress(policy, nagSuppression{ID: "AwsSolutions-IAM5", Reason: "logs:GetQueryResults reads the results of the alarm's last run by query ID and has no resource type, so it takes '*'."})
	return role
}

// serviceTrust is a service principal that may assume a role only on
// behalf of this account and of the resources sourceArn matches.
func serviceTrust(service string, p pseudoParams, sourceArn string) awsiam.IPrincipal {
	return awsiam.NewServicePrincipal(jsii.String(service), &awsiam.ServicePrincipalOpts{
		Conditions: &map[string]any{
			"StringEquals": map[string]any{"aws:SourceAccount": p.account},
			"ArnLike":      map[string]any{"aws:SourceArn": sourceArn},
		},
	})
}

// actionArnsProducer produces, when the template is synthesized, the ARNs
// AlarmBase's AddAlarmAction (or AddOkAction, ...) bound.
type actionArnsProducer struct{ arns func() *[]*string }

// Produce returns the ARNs bound so far, or nil for none.
func (p *actionArnsProducer) Produce(awscdk.IResolveContext) *[]*string { return p.arns() }

// actionArns is a lazy list of the action ARNs arns returns, absent from
// the template when empty.
func actionArns(arns func() *[]*string) *[]*string {
	return awscdk.Lazy_UncachedList(&actionArnsProducer{arns: arns}, &awscdk.LazyListValueOptions{OmitEmpty: jsii.Bool(true)})
}
