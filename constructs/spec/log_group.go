package spec

import (
	"slices"
	"strconv"
)

// RemovalPolicy says what happens to a stateful resource when the stack is
// deleted or the resource must be replaced.
type RemovalPolicy string

const (
	// Retain keeps the resource and its data. The default for log groups.
	Retain RemovalPolicy = "retain"
	// Destroy deletes it, for throwaway environments.
	Destroy RemovalPolicy = "destroy"
)

// LogGroupProps configures a LogGroup: one the stack creates or, with
// Existing, one that exists already and is adopted.
type LogGroupProps struct {
	// LogGroupName is the log group's name, for example "/eventwatch/prod/orders".
	// With Existing: empty, or Existing's name.
	// Default: a name CloudFormation generates.
	LogGroupName string
	// RetentionDays is how long CloudWatch keeps events; one of ValidRetentionDays.
	// Not with a class without a retention (DELIVERY keeps events for a day).
	// Default: DefaultRetentionDays (731); none for DELIVERY.
	RetentionDays int
	// Class is the log group class, one of ValidLogGroupClasses. Default: DefaultLogGroupClass.
	Class string
	// Encrypt creates a customer-managed KMS key (rotated yearly) whose policy
	// lets this region's CloudWatch Logs service use it for this log group only.
	// Default: false (CloudWatch Logs' own encryption).
	Encrypt bool
	// KeyAccess names the key's administrators and users. Only with Encrypt. Default: the account, through IAM.
	KeyAccess KeyAccess
	// MaskedDataIdentifiers are managed data identifiers ("EmailAddress",
	// "AwsSecretKey", ...) audited and masked by a data protection policy.
	// Default: none, no data protection policy.
	MaskedDataIdentifiers []string
	// FieldIndexes are the fields of the log events that a field index
	// policy indexes, so that Logs Insights queries with filterIndex on
	// them read only the matching events. STANDARD class only, at most
	// MaxFieldIndexes. Default: none.
	FieldIndexes []string
	// RemovalPolicy applies to the log group and its key. Default: Retain.
	RemovalPolicy RemovalPolicy
	// DeletionProtection makes CloudWatch refuse to delete the log group.
	// Default: false.
	DeletionProtection bool
	// Tags are added to the log group; an adopted one is not the stack's to
	// tag. Default: none.
	Tags map[string]string
	// Existing is the name of a log group that exists already, such as
	// "/aws/lambda/orders" (Lambda, ECS and API Gateway create their own),
	// adopted instead of created (constructs.AdoptLogGroup): the stack
	// creates no log group and never deletes one. Of the other props, only
	// RetentionDays applies, set through a custom resource; 0 leaves the
	// log group's retention as it is. Default: none, the log group is created.
	Existing string
}

// WithDefaults returns the props with every default applied.
func (p LogGroupProps) WithDefaults() LogGroupProps { return p.withDefaults() }

func (p LogGroupProps) withDefaults() LogGroupProps {
	if p.Existing != "" {
		return p // an adopted log group keeps what it has
	}
	if p.Class == "" {
		p.Class = DefaultLogGroupClass
	}
	if p.RetentionDays == 0 && ClassFeatures(p.Class).Retention {
		p.RetentionDays = DefaultRetentionDays
	}
	if p.RemovalPolicy == "" {
		p.RemovalPolicy = Retain
	}
	return p
}

// Validate checks the props against CloudWatch Logs' rules and reports
// every problem (see Problems).
func (p *LogGroupProps) Validate() error {
	if p.Existing != "" {
		return p.validateExisting()
	}
	d := p.withDefaults()
	var ps Problems
	d.checkRules(&ps)
	ps.Add(CheckLogGroupName("logGroupName", d.LogGroupName))
	features, known := LogClasses[d.Class]
	switch {
	case known && !features.Retention && d.RetentionDays != 0:
		ps.Add(fieldErr("retentionDays", "a %s log group keeps events for one day and takes no retention; remove retentionDays, or use the STANDARD class", d.Class))
	case known && !features.Retention:
	case !slices.Contains(ValidRetentionDays, d.RetentionDays):
		ps.Add(fieldErr("retentionDays", "%d is not a retention CloudWatch Logs accepts; expected one of %s", d.RetentionDays, joinValues(ValidRetentionDays)))
	}
	ps.Add(oneOf("class", d.Class, ValidLogGroupClasses))
	d.checkFieldIndexes(&ps)
	ps.Add(oneOf("removalPolicy", d.RemovalPolicy, []RemovalPolicy{Retain, Destroy}))
	for _, k := range sortedKeys(d.Tags) {
		ps.Add(checkTag(k, d.Tags[k]))
	}
	for i, id := range d.MaskedDataIdentifiers {
		if id == "" {
			ps.Add(fieldErr("maskedDataIdentifiers["+strconv.Itoa(i)+"]", "is empty; expected a managed data identifier such as EmailAddress"))
		}
	}
	return ps.Err()
}

// validateExisting checks the props of an adopted log group: its name, a
// retention CloudWatch Logs accepts, and nothing set that only a log group
// the stack creates can have.
func (p *LogGroupProps) validateExisting() error {
	var ps Problems
	ps.Add(CheckLogGroupName("existing", p.Existing))
	elsewhere := "the existing log group " + echo(p.Existing) + " is managed elsewhere"
	if p.LogGroupName != "" && p.LogGroupName != p.Existing {
		ps.Add(fieldErr("logGroupName", "names a log group to create, and existing names one to adopt (%s); set one of them", echo(p.Existing)))
	}
	if p.Class != "" {
		ps.Add(fieldErr("class", "is fixed when a log group is created: the existing log group %s keeps its own; remove class", echo(p.Existing)))
	}
	if len(p.MaskedDataIdentifiers) > 0 {
		ps.Add(fieldErr("maskedDataIdentifiers", "need a data protection policy, which the stack sets only on a log group it creates; %s: remove maskedDataIdentifiers, or set the policy where it is managed", elsewhere))
	}
	if p.Encrypt {
		ps.Add(fieldErr("encrypt", "needs a KMS key, which the stack sets only on a log group it creates; %s", elsewhere))
	}
	if p.DeletionProtection {
		ps.Add(fieldErr("deletionProtection", "is set only on a log group the stack creates; %s", elsewhere))
	}
	if p.RemovalPolicy == Destroy {
		ps.Add(fieldErr("removalPolicy", "destroy would delete a log group the stack did not create; an adopted log group is never deleted"))
	} else if p.RemovalPolicy != "" {
		ps.Add(oneOf("removalPolicy", p.RemovalPolicy, []RemovalPolicy{Retain}))
	}
	if p.RetentionDays != 0 && !slices.Contains(ValidRetentionDays, p.RetentionDays) {
		ps.Add(fieldErr("retentionDays", "%d is not a retention CloudWatch Logs accepts; expected one of %s", p.RetentionDays, joinValues(ValidRetentionDays)))
	}
	ps.Add(validateTags(p.Tags))
	return ps.Err()
}

// CheckLogGroupName checks a log group name against CloudWatch Logs'
// length and characters; a token is known at deploy time only and passes.
func CheckLogGroupName(field, name string) error {
	switch {
	case IsUnresolved(name):
		return nil
	case chars(name) > MaxLogGroupNameLength:
		return fieldErr(field, "is %d characters; CloudWatch allows at most %d", chars(name), MaxLogGroupNameLength)
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == '/' || r == '.' || r == '#') {
			return fieldErr(field, "%q contains %q; CloudWatch allows only a-z, A-Z, 0-9, '_', '-', '/', '.' and '#'", name, r)
		}
	}
	return nil
}
