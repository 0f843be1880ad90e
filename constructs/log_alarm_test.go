package constructs_test

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatchactions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs"
)

// logAlarmProps is a valid log alarm on the log group /shop/prod/orders,
// changed by f.
func logAlarmProps(f func(*constructs.LogAlarmProps)) *constructs.LogAlarmProps {
	p := &constructs.LogAlarmProps{
		AlarmName:             jsii.String("prod-orders-payment-errors"),
		QueryString:           jsii.String(`fields @timestamp, @message | filter event = "payment" and level = "ERROR"`),
		LogGroupNames:         jsii.Strings("/shop/prod/orders"),
		AggregationExpression: jsii.String("count(*)"),
		Threshold:             jsii.Number(5),
	}
	if f != nil {
		f(p)
	}
	return p
}

// logAlarm is the stack's only log alarm's logical ID and properties.
func logAlarm(t *testing.T, stack awscdk.Stack) (string, map[string]any) {
	t.Helper()
	for id, r := range resources(t, stack, "AWS::CloudWatch::LogAlarm") {
		if n := len(resources(t, stack, "AWS::CloudWatch::LogAlarm")); n != 1 {
			t.Fatalf("%d log alarms, want 1", n)
		}
		return id, props(r)
	}
	t.Fatal("no AWS::CloudWatch::LogAlarm")
	return "", nil
}

// logAlarmRole is the stack's role whose logical ID holds kind, and its ID.
func logAlarmRole(t *testing.T, stack awscdk.Stack, kind string) (string, map[string]any) {
	t.Helper()
	for id, r := range resources(t, stack, "AWS::IAM::Role") {
		if strings.Contains(id, kind) {
			return id, r
		}
	}
	t.Fatalf("no %s role", kind)
	return "", nil
}

// logAlarmGrants maps each action the statements allow to the resources it
// is allowed on (JSON of each), and fails on a statement that does more
// than allow actions on resources.
func logAlarmGrants(t *testing.T, statements []map[string]any) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, s := range statements {
		if s["Effect"] != "Allow" || s["Condition"] != nil || s["NotAction"] != nil || s["NotResource"] != nil {
			t.Errorf("statement is more than an Allow of actions on resources: %s", jsonOf(s))
		}
		actions, resources := []any{s["Action"]}, []any{s["Resource"]}
		if l, ok := s["Action"].([]any); ok {
			actions = l
		}
		if l, ok := s["Resource"].([]any); ok {
			resources = l
		}
		for _, a := range actions {
			for _, r := range resources {
				out[a.(string)] = append(out[a.(string)], jsonOf(r))
			}
		}
	}
	return out
}

// Given the required props, when nothing else is set, then the alarm runs
// the query every 5 minutes over the last 5 minutes, alarms on one run at
// or above the threshold, treats a run without results as not breaching,
// notifies no one, and its query runs as a role created for it.
func TestLogAlarmDefaults(t *testing.T) {
	stack := newStack()
	orders := awslogs.NewLogGroup(stack, jsii.String("Orders"), &awslogs.LogGroupProps{LogGroupName: jsii.String("/shop/prod/orders")})
	alarm := constructs.NewLogAlarm(stack, "PaymentErrors", logAlarmProps(func(p *constructs.LogAlarmProps) {
		p.LogGroups = &[]awslogs.ILogGroup{orders}
		p.LogGroupNames = jsii.Strings("/shop/prod/payments")
		p.AlarmDescription, p.RunbookUrl = jsii.String("Payments fail."), jsii.String("https://runbooks.example.com/payments")
	}))
	id, p := logAlarm(t, stack)
	if !strings.HasPrefix(id, "PaymentErrors") || strings.Contains(id, "Resource") {
		t.Errorf("logical ID %s, want the construct ID with the Resource child hidden", id)
	}
	ordersID := *stack.GetLogicalId(orders.Node().DefaultChild().(awscdk.CfnElement))
	if alarm.Node().DefaultChild() == nil || *alarm.Resource().Node().Id() != "Resource" {
		t.Error("the log alarm is not the construct's default child \"Resource\"")
	}
	want := map[string]any{
		"AlarmName": "prod-orders-payment-errors", "ComparisonOperator": "GreaterThanOrEqualToThreshold", "Threshold": 5.0,
		"QueryResultsToEvaluate": 1.0, "QueryResultsToAlarm": 1.0, "TreatMissingData": "notBreaching", "ActionsEnabled": true,
		"AlarmDescription": "Payments fail. First step: follow the runbook https://runbooks.example.com/payments",
	}
	for k, v := range want {
		if p[k] != v {
			t.Errorf("%s = %v, want %v", k, p[k], v)
		}
	}
	for _, k := range []string{"AlarmActions", "OKActions", "InsufficientDataActions", "ActionLogLineCount", "ActionLogLineRoleArn", "Tags"} {
		if v, ok := p[k]; ok {
			t.Errorf("%s = %s by default, want it absent", k, jsonOf(v))
		}
	}
	roleID, _ := logAlarmRole(t, stack, "ScheduledQueryRole")
	sqc := p["ScheduledQueryConfiguration"].(map[string]any)
	if got, want := jsonOf(sqc), `{"AggregationExpression":"count(*)",`+
		`"LogGroupIdentifiers":[{"Ref":"`+ordersID+`"},"/shop/prod/payments"],`+
		`"QueryString":"fields @timestamp, @message | filter event = \"payment\" and level = \"ERROR\"",`+
		`"ScheduleConfiguration":{"ScheduleExpression":"rate(5 minutes)","StartTimeOffset":300},`+
		`"ScheduledQueryRoleARN":{"Fn::GetAtt":["`+roleID+`","Arn"]}}`; got != want {
		t.Errorf("ScheduledQueryConfiguration\n got %s\nwant %s", got, want)
	}
	if n := len(resources(t, stack, "AWS::IAM::Role")); n != 1 {
		t.Errorf("%d roles, want only the scheduled query's (no log lines, no log line role)", n)
	}
}

// The role created for the scheduled query is trusted by CloudWatch Logs
// for scheduled queries of this account and region only, and may start
// queries on the alarm's log groups and read query results, nothing else.
func TestLogAlarmScheduledQueryRoleIsScopedToItsLogGroups(t *testing.T) {
	stack := newStack()
	orders := awslogs.NewLogGroup(stack, jsii.String("Orders"), &awslogs.LogGroupProps{LogGroupName: jsii.String("/shop/prod/orders")})
	constructs.NewLogAlarm(stack, "PaymentErrors", logAlarmProps(func(p *constructs.LogAlarmProps) {
		p.LogGroups = &[]awslogs.ILogGroup{orders}
		p.LogGroupNames = jsii.Strings("/shop/prod/payments")
	}))
	_, role := logAlarmRole(t, stack, "ScheduledQueryRole")
	tr := trust(t, role)
	if got := jsonOf(tr["Principal"]); got != `{"Service":"logs.amazonaws.com"}` || tr["Action"] != "sts:AssumeRole" {
		t.Errorf("trusted principal %s, action %v; want logs.amazonaws.com, sts:AssumeRole", got, tr["Action"])
	}
	if got, want := jsonOf(tr["Condition"]), `{"ArnLike":{"aws:SourceArn":{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":logs:",{"Ref":"AWS::Region"},":",{"Ref":"AWS::AccountId"},":scheduled-query:*"]]}},`+
		`"StringEquals":{"aws:SourceAccount":{"Ref":"AWS::AccountId"}}}`; got != want {
		t.Errorf("trust conditions\n got %s\nwant %s", got, want)
	}
	grants := logAlarmGrants(t, managedStatements(t, stack, role))
	if got := slices.Sorted(maps.Keys(grants)); !slices.Equal(got, []string{"logs:GetQueryResults", "logs:StartQuery"}) {
		t.Errorf("actions %v, want logs:GetQueryResults and logs:StartQuery only", got)
	}
	if got := grants["logs:GetQueryResults"]; !slices.Equal(got, []string{`"*"`}) {
		t.Errorf("logs:GetQueryResults on %v, want * (it has no resource type)", got)
	}
	start := grants["logs:StartQuery"]
	ordersID := *stack.GetLogicalId(orders.Node().DefaultChild().(awscdk.CfnElement))
	ordersArn := `{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":logs:eu-west-1:123456789012:log-group:",{"Ref":"` + ordersID + `"}]]}`
	paymentsArn := `{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":logs:",{"Ref":"AWS::Region"},":",{"Ref":"AWS::AccountId"},":log-group:/shop/prod/payments"]]}`
	wantStart := []string{ordersArn, strings.Replace(ordersArn, `}]]}`, `},":*"]]}`, 1), paymentsArn, strings.Replace(paymentsArn, `payments"]]}`, `payments:*"]]}`, 1)}
	if !slices.Equal(start, wantStart) {
		t.Errorf("logs:StartQuery on\n%s\nwant the two log groups' ARNs, each with and without :*\n%s", strings.Join(start, "\n"), strings.Join(wantStart, "\n"))
	}
	if n := len(resources(t, stack, "AWS::IAM::Policy")); n != 0 {
		t.Errorf("%d AWS::IAM::Policy resources, want the permissions in the role's managed policy only", n)
	}
	if policies := managedPolicies(t, stack, role); len(policies) != 1 || !strings.Contains(jsonOf(policies[0]["Metadata"]), "AwsSolutions-IAM5") {
		t.Errorf("the policy's '*' and ':*' resources carry no reasoned cdk-nag suppression: %s", jsonOf(policies))
	}
}

// A role given for the scheduled query is used as it is, and gets the
// query permissions on the alarm's log groups in its default policy.
func TestLogAlarmUsesAGivenRole(t *testing.T) {
	stack := newStack()
	role := awsiam.NewRole(stack, jsii.String("QueryRole"), &awsiam.RoleProps{AssumedBy: awsiam.NewServicePrincipal(jsii.String("logs.amazonaws.com"), nil)})
	alarm := constructs.NewLogAlarm(stack, "PaymentErrors", logAlarmProps(func(p *constructs.LogAlarmProps) { p.Role = role }))
	if alarm.Role() != role {
		t.Error("Role() is not the given role")
	}
	if n := len(resources(t, stack, "AWS::IAM::Role")); n != 1 {
		t.Errorf("%d roles, want only the given one", n)
	}
	_, p := logAlarm(t, stack)
	if got := jsonOf(p["ScheduledQueryConfiguration"].(map[string]any)["ScheduledQueryRoleARN"]); !strings.Contains(got, `"QueryRole`) {
		t.Errorf("ScheduledQueryRoleARN %s, want the given role's", got)
	}
	policy := props(one(t, stack, "AWS::IAM::Policy"))
	var statements []map[string]any
	for _, s := range policy["PolicyDocument"].(map[string]any)["Statement"].([]any) {
		statements = append(statements, s.(map[string]any))
	}
	grants := logAlarmGrants(t, statements)
	if len(grants) != 2 || len(grants["logs:StartQuery"]) != 2 || !strings.Contains(grants["logs:StartQuery"][0], "log-group:/shop/prod/orders") {
		t.Errorf("the given role's policy %s, want StartQuery on /shop/prod/orders and GetQueryResults", jsonOf(statements))
	}
	if !strings.Contains(jsonOf(policy["Roles"]), `"QueryRole`) {
		t.Errorf("policy attached to %s, want the given role", jsonOf(policy["Roles"]))
	}
	for _, r := range resources(t, stack, "AWS::CloudWatch::LogAlarm") {
		if !strings.Contains(jsonOf(r["DependsOn"]), `"QueryRoleDefaultPolicy`) {
			t.Errorf("the alarm DependsOn %s, want the role's policy, so that the query may run once the alarm exists", jsonOf(r["DependsOn"]))
		}
	}
}

// Actions are notified on ALARM and on OK, as each action's Bind renders
// it, and AddAlarmAction after construction adds to the template; the log
// alarm is an IAlarm that a CompositeAlarm's rule and a ServiceAlarm take.
func TestLogAlarmActionsAndCompositeAlarms(t *testing.T) {
	stack := newStack()
	alerts := constructs.NewAlertTopic(stack, "Alerts", &constructs.AlertTopicProps{NamePrefix: jsii.String("shop-prod")})
	alarm := constructs.NewLogAlarm(stack, "PaymentErrors", logAlarmProps(func(p *constructs.LogAlarmProps) {
		p.Actions = &[]awscloudwatch.IAlarmAction{alerts.AlarmAction(constructs.Critical)}
	}))
	extra := awssns.NewTopic(stack, jsii.String("Extra"), nil)
	alarm.AddAlarmAction(awscloudwatchactions.NewSnsAction(extra))
	var _ awscloudwatch.IAlarm = alarm

	constructs.NewServiceAlarm(stack, "Orders", &constructs.ServiceAlarmProps{
		CompositeAlarmName: jsii.String("prod-orders-critical-service"),
		Alarms:             &[]awscloudwatch.IAlarm{alarm},
		AlarmDescription:   jsii.String("prod orders: a critical alarm of the service is in ALARM."),
	})

	id, p := logAlarm(t, stack)
	alarmActions, okActions := jsonOf(p["AlarmActions"]), jsonOf(p["OKActions"])
	if !strings.Contains(alarmActions, `{"Ref":"AlertsCritical`) || !strings.Contains(alarmActions, `{"Ref":"Extra`) {
		t.Errorf("AlarmActions %s, want the critical topic and the one added later", alarmActions)
	}
	if !strings.Contains(okActions, `{"Ref":"AlertsCritical`) || strings.Contains(okActions, "Extra") {
		t.Errorf("OKActions %s, want the critical topic only", okActions)
	}
	if _, ok := p["InsufficientDataActions"]; ok {
		t.Errorf("InsufficientDataActions %s, want none", jsonOf(p["InsufficientDataActions"]))
	}
	rule := jsonOf(props(one(t, stack, "AWS::CloudWatch::CompositeAlarm"))["AlarmRule"])
	if !strings.Contains(rule, `ALARM(\"`) || !strings.Contains(rule, `{"Fn::GetAtt":["`+id+`","Arn"]}`) {
		t.Errorf("composite rule %s, want ALARM(\"<the log alarm's Arn attribute>\")", rule)
	}
}

// Log lines in notifications need a role that CloudWatch assumes for this
// alarm only, and that may read query results.
func TestLogAlarmActionLogLines(t *testing.T) {
	stack := newStack()
	alarm := constructs.NewLogAlarm(stack, "PaymentErrors", logAlarmProps(func(p *constructs.LogAlarmProps) { p.ActionLogLineCount = jsii.Number(10) }))
	roleID, role := logAlarmRole(t, stack, "ActionLogLineRole")
	_, p := logAlarm(t, stack)
	if p["ActionLogLineCount"] != 10.0 || jsonOf(p["ActionLogLineRoleArn"]) != `{"Fn::GetAtt":["`+roleID+`","Arn"]}` {
		t.Errorf("ActionLogLineCount %v, ActionLogLineRoleArn %s; want 10 and the log line role", p["ActionLogLineCount"], jsonOf(p["ActionLogLineRoleArn"]))
	}
	if alarm.ActionLogLineRole() == nil {
		t.Error("ActionLogLineRole() is nil")
	}
	tr := trust(t, role)
	if got := jsonOf(tr["Principal"]); got != `{"Service":"cloudwatch.amazonaws.com"}` {
		t.Errorf("log line role trusts %s, want cloudwatch.amazonaws.com", got)
	}
	if got := jsonOf(tr["Condition"]); !strings.Contains(got, `:alarm:prod-orders-payment-errors"]]}`) || !strings.Contains(got, `"aws:SourceAccount":{"Ref":"AWS::AccountId"}`) {
		t.Errorf("log line role conditions %s, want this account and this alarm's ARN", got)
	}
	if grants := logAlarmGrants(t, managedStatements(t, stack, role)); len(grants) != 1 || !slices.Equal(grants["logs:GetQueryResults"], []string{`"*"`}) {
		t.Errorf("log line role may %v, want logs:GetQueryResults only", grants)
	}
}

func TestLogAlarmScheduleWindowAndOptions(t *testing.T) {
	stack := newStack()
	constructs.NewLogAlarm(stack, "PaymentErrors", logAlarmProps(func(p *constructs.LogAlarmProps) {
		p.Schedule, p.Window = awscdk.Duration_Hours(jsii.Number(1)), awscdk.Duration_Minutes(jsii.Number(65))
		p.AggregationExpression = jsii.String("pct(latency, 99) by service")
		p.ComparisonOperator = awscloudwatch.ComparisonOperator_LESS_THAN_THRESHOLD
		p.TreatMissingData = awscloudwatch.TreatMissingData_BREACHING
		p.QueryResultsToEvaluate, p.QueryResultsToAlarm = jsii.Number(3), jsii.Number(2)
		p.ActionsEnabled = jsii.Bool(false)
		p.Tags = &map[string]*string{"team": jsii.String("orders")}
	}))
	_, p := logAlarm(t, stack)
	want := map[string]any{"ComparisonOperator": "LessThanThreshold", "TreatMissingData": "breaching",
		"QueryResultsToEvaluate": 3.0, "QueryResultsToAlarm": 2.0, "ActionsEnabled": false}
	for k, v := range want {
		if p[k] != v {
			t.Errorf("%s = %v, want %v", k, p[k], v)
		}
	}
	sqc := p["ScheduledQueryConfiguration"].(map[string]any)
	if got := jsonOf(sqc["ScheduleConfiguration"]); got != `{"ScheduleExpression":"rate(60 minutes)","StartTimeOffset":3900}` {
		t.Errorf("ScheduleConfiguration %s, want rate(60 minutes) over the last 3900s", got)
	}
	if sqc["AggregationExpression"] != "pct(latency, 99) by service" {
		t.Errorf("AggregationExpression %v", sqc["AggregationExpression"])
	}
	if got := jsonOf(p["Tags"]); got != `[{"Key":"team","Value":"orders"}]` {
		t.Errorf("Tags %s", got)
	}
	_, role := logAlarmRole(t, stack, "ScheduledQueryRole")
	if !strings.Contains(jsonOf(props(role)["Tags"]), `"orders"`) {
		t.Errorf("the role is not tagged: %s", jsonOf(props(role)["Tags"]))
	}
}

// Tokens pass validation where a value is needed, and reach the template.
func TestLogAlarmPropsMayBeTokens(t *testing.T) {
	stack := newStack()
	number := func(id string) *float64 {
		return awscdk.NewCfnParameter(stack, jsii.String(id), &awscdk.CfnParameterProps{Type: jsii.String("Number")}).ValueAsNumber()
	}
	p := logAlarmProps(func(p *constructs.LogAlarmProps) {
		p.AlarmName = awscdk.NewCfnParameter(stack, jsii.String("Name"), nil).ValueAsString()
		p.Threshold, p.QueryResultsToEvaluate, p.QueryResultsToAlarm = number("Threshold"), number("N"), number("M")
		p.ActionLogLineCount = number("Lines")
		p.Schedule, p.Window = awscdk.Duration_Minutes(number("Every")), awscdk.Duration_Seconds(number("Over"))
	})
	if err := p.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	constructs.NewLogAlarm(stack, "PaymentErrors", p)
	_, got := logAlarm(t, stack)
	for k, ref := range map[string]string{"AlarmName": "Name", "Threshold": "Threshold", "QueryResultsToEvaluate": "N", "QueryResultsToAlarm": "M", "ActionLogLineCount": "Lines"} {
		if g := jsonOf(got[k]); g != `{"Ref":"`+ref+`"}` {
			t.Errorf("%s = %s, want the parameter %s", k, g, ref)
		}
	}
	schedule := jsonOf(got["ScheduledQueryConfiguration"].(map[string]any)["ScheduleConfiguration"])
	if schedule != `{"ScheduleExpression":{"Fn::Join":["",["rate(",{"Ref":"Every"}," minutes)"]]},"StartTimeOffset":{"Ref":"Over"}}` {
		t.Errorf("ScheduleConfiguration %s, want rate(<Every> minutes) over <Over> seconds", schedule)
	}
	if _, ok := got["ActionLogLineRoleArn"]; !ok {
		t.Error("no log line role for a line count that may be above 0")
	}
}

// Invalid props panic with the construct ID and the rule, as aws-cdk-lib's
// constructors throw; Validate returns the same error.
func TestLogAlarmInvalidProps(t *testing.T) {
	stack := newStack()
	cases := map[string]struct {
		props *constructs.LogAlarmProps
		want  string
	}{
		"aggregate function": {logAlarmProps(func(p *constructs.LogAlarmProps) { p.AggregationExpression = jsii.String("p99(latency)") }),
			"aggregationExpression: 1:1: unknown function \"p99\""},
		"query":               {logAlarmProps(func(p *constructs.LogAlarmProps) { p.QueryString = jsii.String("filter (level") }), "queryString: 1:14:"},
		"threshold required":  {logAlarmProps(func(p *constructs.LogAlarmProps) { p.Threshold = nil }), "threshold: is required"},
		"log groups required": {logAlarmProps(func(p *constructs.LogAlarmProps) { p.LogGroupNames = nil }), "logGroups: is empty"},
		"nil log group":       {logAlarmProps(func(p *constructs.LogAlarmProps) { p.LogGroups = &[]awslogs.ILogGroup{nil} }), "logGroups[0]: is nil"},
		"schedule in seconds": {logAlarmProps(func(p *constructs.LogAlarmProps) { p.Schedule = awscdk.Duration_Seconds(jsii.Number(90)) }),
			"schedule: 90s is not a log alarm schedule; expected whole minutes"},
		"window over 30 days": {logAlarmProps(func(p *constructs.LogAlarmProps) { p.Window = awscdk.Duration_Days(jsii.Number(31)) }),
			"window: 2.6784e+06s is out of range; CloudWatch accepts whole seconds from 1 to 2592000"},
		"anomaly comparison": {logAlarmProps(func(p *constructs.LogAlarmProps) {
			p.ComparisonOperator = awscloudwatch.ComparisonOperator_LESS_THAN_LOWER_OR_GREATER_THAN_UPPER_THRESHOLD
		}), "comparison: LessThanLowerOrGreaterThanUpperThreshold compares with an anomaly detection band"},
		"schedule token in hours": {logAlarmProps(func(p *constructs.LogAlarmProps) {
			p.Schedule = awscdk.Duration_Hours(awscdk.NewCfnParameter(stack, jsii.String("Hours"), &awscdk.CfnParameterProps{Type: jsii.String("Number")}).ValueAsNumber())
		}), "schedule: comes from a token in hours"},
		"schedule token without window": {logAlarmProps(func(p *constructs.LogAlarmProps) {
			p.Schedule = awscdk.Duration_Minutes(awscdk.NewCfnParameter(stack, jsii.String("Minutes"), &awscdk.CfnParameterProps{Type: jsii.String("Number")}).ValueAsNumber())
		}), "window: is required when the schedule comes from a token"},
		"action log lines": {logAlarmProps(func(p *constructs.LogAlarmProps) { p.ActionLogLineCount = jsii.Number(51) }),
			"actionLogLineCount: 51 is out of range; CloudWatch accepts a whole number from 0 to 50"},
	}
	for name, c := range cases {
		err := c.props.Validate()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Validate: %v, want %q", name, err, c.want)
			continue
		}
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(r.(string), "eventwatch: Example/Broken: "+err.Error()) {
					t.Errorf("%s: panic %v, want the path and %v", name, r, err)
				}
			}()
			constructs.NewLogAlarm(stack, "Broken", c.props)
		}()
	}
}
