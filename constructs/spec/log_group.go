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

// LogGroupProps configures a LogGroup.
type LogGroupProps struct {
	// LogGroupName is the log group's name, for example "/eventwatch/prod/orders".
	// Default: a name CloudFormation generates.
	LogGroupName string
	// RetentionDays is how long CloudWatch keeps events; one of ValidRetentionDays.
	// Default: DefaultRetentionDays (731).
	RetentionDays int
	// Class is the log group class, one of ValidLogGroupClasses. Default: DefaultLogGroupClass.
	Class string
	// Encrypt creates a customer-managed KMS key (rotated yearly) whose policy
	// lets this region's CloudWatch Logs service use it for this log group only.
	// Default: false (CloudWatch Logs' own encryption).
	Encrypt bool
	// MaskedDataIdentifiers are managed data identifiers ("EmailAddress",
	// "AwsSecretKey", ...) audited and masked by a data protection policy.
	// Default: none, no data protection policy.
	MaskedDataIdentifiers []string
	// RemovalPolicy applies to the log group and its key. Default: Retain.
	RemovalPolicy RemovalPolicy
	// DeletionProtection makes CloudWatch refuse to delete the log group.
	// Default: false.
	DeletionProtection bool
	// Tags are added to the log group. Default: none.
	Tags map[string]string
}

// WithDefaults returns the props with every default applied.
func (p LogGroupProps) WithDefaults() LogGroupProps { return p.withDefaults() }

func (p LogGroupProps) withDefaults() LogGroupProps {
	if p.RetentionDays == 0 {
		p.RetentionDays = DefaultRetentionDays
	}
	if p.Class == "" {
		p.Class = DefaultLogGroupClass
	}
	if p.RemovalPolicy == "" {
		p.RemovalPolicy = Retain
	}
	return p
}

// Validate checks the props against CloudWatch Logs' rules and reports
// every problem (see Problems).
func (p *LogGroupProps) Validate() error {
	d := p.withDefaults()
	var ps Problems
	d.checkRules(&ps)
	if IsUnresolved(d.LogGroupName) {
		// a token: the name is known at deploy time; check the rest
	} else if chars(d.LogGroupName) > MaxLogGroupNameLength {
		ps.Add(fieldErr("logGroupName", "is %d characters; CloudWatch allows at most %d", chars(d.LogGroupName), MaxLogGroupNameLength))
	} else {
		for _, r := range d.LogGroupName {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == '/' || r == '.' || r == '#') {
				ps.Add(fieldErr("logGroupName", "%q contains %q; CloudWatch allows only a-z, A-Z, 0-9, '_', '-', '/', '.' and '#'", d.LogGroupName, r))
				break
			}
		}
	}
	if !slices.Contains(ValidRetentionDays, d.RetentionDays) {
		ps.Add(fieldErr("retentionDays", "%d is not a retention CloudWatch Logs accepts; expected one of %s", d.RetentionDays, joinValues(ValidRetentionDays)))
	}
	ps.Add(oneOf("class", d.Class, ValidLogGroupClasses))
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
