package constructs

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs/spec"
)

// LogGroupProps configures a LogGroup.
type LogGroupProps struct {
	// LogGroupName is the log group's name, for example "/shop/prod/orders".
	// Default: a name CloudFormation generates.
	LogGroupName *string
	// Retention is how long CloudWatch keeps events.
	// Default: awslogs.RetentionDays_TWO_YEARS (spec.DefaultRetentionDays), none for the DELIVERY class.
	Retention awslogs.RetentionDays
	// LogGroupClass cannot change once the log group exists.
	// Default: awslogs.LogGroupClass_STANDARD.
	LogGroupClass awslogs.LogGroupClass
	// EncryptionKey is a KMS key that CloudWatch Logs may already use.
	// Default: none; see Encrypt.
	EncryptionKey awskms.IKey
	// Encrypt creates a customer-managed key, rotated yearly, whose policy
	// lets this region's CloudWatch Logs use it for this log group only.
	// Not together with EncryptionKey. Default: false (CloudWatch Logs' own encryption).
	Encrypt *bool
	// KeyAccess names the administrators and users of the key that Encrypt
	// creates. Only with Encrypt. Default: the account administers it through IAM.
	KeyAccess *KeyAccess
	// MaskedDataIdentifiers are managed data identifiers ("EmailAddress",
	// "AwsSecretKey", ...) that a data protection policy audits and masks.
	// Default: none, no data protection policy.
	MaskedDataIdentifiers *[]*string
	// FieldIndexes are the fields of the log events that a field index
	// policy indexes, so that Logs Insights queries with filterIndex on
	// them read only the matching events. STANDARD class only, at most
	// spec.MaxFieldIndexes. Default: none.
	FieldIndexes *[]*string
	// RemovalPolicy applies to the log group and the key it creates.
	// Default: awscdk.RemovalPolicy_RETAIN.
	RemovalPolicy awscdk.RemovalPolicy
	// DeletionProtection makes CloudWatch refuse to delete the log group. Default: false.
	DeletionProtection *bool
	// Tags are added to the log group. Default: none.
	Tags *map[string]*string
}

// spec returns the props as package spec validates them.
func (p *LogGroupProps) spec() spec.LogGroupProps {
	s := spec.LogGroupProps{
		LogGroupName:          str(p.LogGroupName),
		Class:                 string(p.LogGroupClass),
		Encrypt:               p.Encrypt != nil && *p.Encrypt,
		MaskedDataIdentifiers: strs(p.MaskedDataIdentifiers),
		FieldIndexes:          strs(p.FieldIndexes),
		RemovalPolicy:         specRemovalPolicy(p.RemovalPolicy),
		DeletionProtection:    p.DeletionProtection != nil && *p.DeletionProtection,
		Tags:                  strMap(p.Tags),
	}
	s.RetentionDays = retentionDays[p.Retention]
	return s
}

// Validate checks the props against CloudWatch Logs' rules, without
// Node.js, and reports every problem (errors.Join'ed spec.FieldErrors).
func (p *LogGroupProps) Validate() error {
	var ps spec.Problems
	if p.EncryptionKey != nil && p.Encrypt != nil && *p.Encrypt {
		ps.Add(&spec.FieldError{Field: "encryptionKey", Msg: "set EncryptionKey or Encrypt, not both"})
	}
	if p.KeyAccess != nil {
		ps.Add(spec.CheckKeyAccess("keyAccess", strs(p.KeyAccess.Administrators), strs(p.KeyAccess.Users)))
		if p.Encrypt == nil || !*p.Encrypt {
			ps.Add(&spec.FieldError{Field: "keyAccess", Msg: "applies to the key that Encrypt creates, and Encrypt is not set"})
		}
	}
	if _, ok := retentionDays[p.Retention]; p.Retention != "" && !ok {
		ps.Add(&spec.FieldError{Field: "retention", Msg: string(p.Retention) + " is not an awslogs.RetentionDays"})
	}
	s := p.spec() // INFINITE, and a retention reported above, are 0 days there: the default, which passes
	ps.Add(s.Validate())
	return ps.Err()
}

// LogGroup is a CloudWatch Logs log group: one that NewLogGroup creates,
// retained on stack deletion and replacement unless its props say
// otherwise, optionally with its own KMS key and a data protection policy;
// or one that exists already, which AdoptLogGroup adopts and never deletes.
// Either way, LogGroup() is the awslogs.ILogGroup that metric filters,
// alarms, queries and grants take.
type LogGroup struct {
	constructs.Construct
	logGroup awslogs.ILogGroup
	key      awskms.IKey
	adopted  bool
}

// NewLogGroup validates props and adds the log group (its default child,
// "Resource") and, with Encrypt, its key ("Key") to scope. For a log group
// that exists already, use AdoptLogGroup: CloudFormation fails to create a
// log group whose name is taken.
func NewLogGroup(scope constructs.Construct, id string, props *LogGroupProps) *LogGroup {
	if props == nil {
		props = &LogGroupProps{}
	}
	mustValidateAt(scope, id, props.Validate())
	l := &LogGroup{key: props.EncryptionKey}
	constructs.NewConstruct_Override(l, scope, jsii.String(id))
	removal := props.RemovalPolicy
	if removal == "" {
		removal = awscdk.RemovalPolicy_RETAIN
	}
	if props.Encrypt != nil && *props.Encrypt {
		l.key = newLogGroupKey(l, str(props.LogGroupName), removal, props.KeyAccess)
	}
	lgProps := &awslogs.LogGroupProps{
		LogGroupName:              props.LogGroupName,
		Retention:                 props.Retention,
		LogGroupClass:             props.LogGroupClass,
		EncryptionKey:             l.key,
		RemovalPolicy:             removal,
		DeletionProtectionEnabled: props.DeletionProtection,
	}
	if lgProps.Retention == "" && props.LogGroupClass != awslogs.LogGroupClass_DELIVERY {
		lgProps.Retention = awslogs.RetentionDays_TWO_YEARS
	}
	if fields := props.FieldIndexes; fields != nil && len(*fields) > 0 {
		lgProps.FieldIndexPolicies = &[]awslogs.FieldIndexPolicy{awslogs.NewFieldIndexPolicy(&awslogs.FieldIndexPolicyProps{Fields: fields})}
	}
	if ids := strs(props.MaskedDataIdentifiers); len(ids) > 0 {
		lgProps.DataProtectionPolicy = dataProtectionPolicy(str(props.LogGroupName), ids)
	}
	created := awslogs.NewLogGroup(l, jsii.String(resourceID), lgProps)
	addTags(created, props.Tags)
	l.logGroup = created
	return l
}

// LogGroup is the log group, to grant access to (GrantWrite), to add metric
// filters to, or to hand to a Lambda function or another construct. For an
// adopted log group, it is the import (awslogs.LogGroup_FromLogGroupName).
func (l *LogGroup) LogGroup() awslogs.ILogGroup { return l.logGroup }

// Key is the log group's KMS key, or nil when CloudWatch Logs' own
// encryption is used, and for an adopted log group.
func (l *LogGroup) Key() awskms.IKey { return l.key }

// LogGroupName is the log group's name as LogGroup().LogGroupName() gives
// it. For a log group NewLogGroup creates, it is a reference to it (a Ref
// in its stack), whether the props name it or CloudFormation generates it:
// used in another stack, it becomes an Fn::ImportValue and that stack
// depends on this one. Where the literal name is wanted and the dependency
// is not, use the name given in the props. For an adopted log group, it
// is the name itself.
func (l *LogGroup) LogGroupName() *string { return l.logGroup.LogGroupName() }

// newLogGroupKey is a customer-managed key that the account administers and
// that CloudWatch Logs of the stack's region may use, with the encryption
// context condition restricting it to the one log group (to the account's
// log groups when the name is generated, which the key cannot know).
func newLogGroupKey(scope constructs.Construct, logGroupName string, removal awscdk.RemovalPolicy, access *KeyAccess) awskms.IKey {
	p := pseudo()
	described, condition, arn := "log group "+logGroupName, "ArnEquals", p.logGroupArn(logGroupName)
	if logGroupName == "" {
		described, condition, arn = "a log group", "ArnLike", p.logGroupArn("*")
	}
	policy := policyDocument(append(access.statements(p),
		map[string]any{
			"Sid":       "AllowCloudWatchLogs",
			"Effect":    "Allow",
			"Principal": map[string]any{"Service": "logs." + p.region + ".amazonaws.com"},
			"Action":    []string{"kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"},
			"Resource":  "*",
			"Condition": map[string]any{condition: map[string]any{"kms:EncryptionContext:aws:logs:arn": arn}},
		})...,
	)
	return awskms.NewKey(scope, jsii.String("Key"), &awskms.KeyProps{
		Description:       jsii.String(descriptionPrefix + "encrypts " + described),
		EnableKeyRotation: jsii.Bool(true),
		RemovalPolicy:     removal,
		Policy:            policy,
	})
}

// dataProtectionPolicy audits and masks the given managed data identifiers.
func dataProtectionPolicy(logGroupName string, identifiers []string) awslogs.DataProtectionPolicy {
	ids := make([]awslogs.DataIdentifier, len(identifiers))
	for i, id := range identifiers {
		ids[i] = awslogs.NewDataIdentifier(jsii.String(id))
	}
	return awslogs.NewDataProtectionPolicy(&awslogs.DataProtectionPolicyProps{
		Name:        jsii.String(dataProtectionPolicyName),
		Description: jsii.String(descriptionPrefix + "masks sensitive data in " + logGroupName),
		Identifiers: &ids,
	})
}

// mustValidateAt panics with the path the construct would have (the
// scope's path and id) and every problem of its props, as aws-cdk-lib's
// constructors throw on invalid props: in an app with a Beta and a Prod
// stage, the path tells which one failed.
func mustValidateAt(scope constructs.IConstruct, id string, err error) {
	if err != nil {
		panic("eventwatch: " + constructPath(scope, id) + ": " + err.Error())
	}
}

// constructPath is the path of a child id of scope: "Prod/Orders/Failures".
func constructPath(scope constructs.IConstruct, id string) string {
	if p := *scope.Node().Path(); p != "" {
		return p + "/" + id
	}
	return id
}
