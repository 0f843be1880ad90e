package constructs

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs/spec"
)

// AdoptLogGroupProps configures AdoptLogGroup.
type AdoptLogGroupProps struct {
	// LogGroupName of a log group that exists already, such as
	// "/aws/lambda/orders": Lambda, ECS and API Gateway create their own.
	// Required.
	LogGroupName *string
	// Retention is set on the log group by an awslogs.LogRetention, a
	// custom resource whose Lambda function the stack's LogRetentions share;
	// awslogs.RetentionDays_INFINITE removes the retention policy. Should
	// the log group not exist at deploy time, the custom resource creates
	// it, outside the stack. Once set, the retention stays when the prop,
	// the LogGroup or the stack is removed.
	// Default: none, the retention is left as it is.
	Retention awslogs.RetentionDays
}

// Validate checks the name and the retention against CloudWatch Logs'
// rules, without Node.js, and reports every problem (errors.Join'ed
// spec.FieldErrors).
func (p *AdoptLogGroupProps) Validate() error {
	var ps spec.Problems
	if str(p.LogGroupName) == "" {
		ps.Add(&spec.FieldError{Field: "logGroupName", Msg: "is required: the name of the log group to adopt"})
	} else {
		ps.Add(spec.CheckLogGroupName("logGroupName", *p.LogGroupName))
	}
	if _, ok := retentionDays[p.Retention]; p.Retention != "" && !ok {
		ps.Add(&spec.FieldError{Field: "retention", Msg: string(p.Retention) + " is not an awslogs.RetentionDays"})
	}
	return ps.Err()
}

// AdoptLogGroup validates props and adds to scope a LogGroup for a log
// group that exists already: an import (awslogs.LogGroup_FromLogGroupName,
// the child "Existing"), which creates nothing, and with props.Retention an
// awslogs.LogRetention ("Retention"). The stack creates no log group and
// never deletes one: removing the LogGroup, or the stack, leaves the log
// group and its events as they are. Metric filters, alarms, queries and
// grants take LogGroup() as they take a created log group's; Key() is nil;
// LogGroupName() is the name itself, so that a construct of another stack
// reads it without depending on this one.
//
// The LogRetention's function, role and policy are aws-cdk-lib's, one per
// stack; AdoptLogGroup suppresses cdk-nag's findings on them
// (AwsSolutions-IAM4 and -IAM5), each with its reason. To have the stack
// own an existing log group (its retention, encryption and deletion policy
// in the template), import it with `cdk import` into a NewLogGroup of the
// same name instead.
func AdoptLogGroup(scope constructs.Construct, id string, props *AdoptLogGroupProps) *LogGroup {
	if props == nil {
		props = &AdoptLogGroupProps{}
	}
	mustValidateAt(scope, id, props.Validate())
	l := &LogGroup{adopted: true}
	constructs.NewConstruct_Override(l, scope, jsii.String(id))
	l.logGroup = awslogs.LogGroup_FromLogGroupName(l, jsii.String(existingID), props.LogGroupName)
	if props.Retention != "" {
		stack := awscdk.Stack_Of(l)
		shared := stack.Node().TryFindChild(jsii.String(logRetentionProviderID)) != nil
		awslogs.NewLogRetention(l, jsii.String(retentionID), &awslogs.LogRetentionProps{
			LogGroupName:  props.LogGroupName,
			Retention:     props.Retention,
			RemovalPolicy: awscdk.RemovalPolicy_RETAIN,
		})
		if !shared {
			suppressLogRetentionProvider(stack)
		}
	}
	return l
}

// Adopted reports whether the log group existed before the stack
// (AdoptLogGroup) rather than being created by it (NewLogGroup).
func (l *LogGroup) Adopted() bool { return l.adopted }

// Construct IDs of an adopted log group's children, and of the function
// aws-cdk-lib's LogRetention adds once to each stack
// (aws-logs/lib/log-retention.ts, ensureSingletonLogRetentionFunction).
const (
	existingID             = "Existing"
	retentionID            = "Retention"
	logRetentionProviderID = "LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a"
)

// suppressLogRetentionProvider records why cdk-nag's findings on the
// stack's LogRetention function, role and policy are accepted.
func suppressLogRetentionProvider(stack awscdk.Stack) {
	provider := stack.Node().FindChild(jsii.String(logRetentionProviderID))
	role := provider.Node().FindChild(jsii.String("ServiceRole"))
	suppress(role, nagSuppression{ID: "AwsSolutions-IAM4", Reason: "aws-cdk-lib's LogRetention function writes its own logs with the AWS managed AWSLambdaBasicExecutionRole, as every Lambda function of the CDK's custom resources does."})
	suppress(role.Node().FindChild(jsii.String("DefaultPolicy")), nagSuppression{ID: "AwsSolutions-IAM5", Reason: "aws-cdk-lib's LogRetention function, which sets the retention of the log groups eventwatch adopts, is granted logs:PutRetentionPolicy and logs:DeleteRetentionPolicy on '*' by aws-cdk-lib, whatever role it is given; it takes no other action."})
}
