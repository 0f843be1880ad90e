package spec

import (
	"slices"
	"strconv"

	"github.com/eventwatch/eventwatch/internal/cfn"
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
	// LogGroupName is the log group's name, for example "/eventwatch/prod/orders". Required.
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

// Validate checks the props against CloudWatch Logs' rules.
func (p *LogGroupProps) Validate() error {
	d := p.withDefaults()
	if d.LogGroupName == "" {
		return fieldErr("logGroupName", "is required")
	}
	if len(d.LogGroupName) > MaxLogGroupNameLength {
		return fieldErr("logGroupName", "is %d characters; CloudWatch allows at most %d", len(d.LogGroupName), MaxLogGroupNameLength)
	}
	for _, r := range d.LogGroupName {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == '/' || r == '.' || r == '#') {
			return fieldErr("logGroupName", "%q contains %q; CloudWatch allows only a-z, A-Z, 0-9, '_', '-', '/', '.' and '#'", d.LogGroupName, r)
		}
	}
	if !slices.Contains(ValidRetentionDays, d.RetentionDays) {
		return fieldErr("retentionDays", "%d is not a retention CloudWatch Logs accepts; expected one of %s", d.RetentionDays, joinValues(ValidRetentionDays))
	}
	if err := oneOf("class", d.Class, ValidLogGroupClasses); err != nil {
		return err
	}
	if err := oneOf("removalPolicy", d.RemovalPolicy, []RemovalPolicy{Retain, Destroy}); err != nil {
		return err
	}
	for k, v := range d.Tags {
		if err := checkTag(k, v); err != nil {
			return err
		}
	}
	for i, id := range d.MaskedDataIdentifiers {
		if id == "" {
			return fieldErr("maskedDataIdentifiers["+strconv.Itoa(i)+"]", "is empty; expected a managed data identifier such as EmailAddress")
		}
	}
	return nil
}

func (p RemovalPolicy) deletionPolicy() string {
	if p == Destroy {
		return cfn.Delete
	}
	return cfn.Retain
}

// logGroupRender renders the log group, and its key when Encrypt is set,
// under logical IDs derived from name.
func renderLogGroup(name string, p LogGroupProps) (cfn.Resources, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	p = p.withDefaults()
	rs := cfn.Resources{}
	props := map[string]any{
		"LogGroupName":    p.LogGroupName,
		"RetentionInDays": p.RetentionDays,
		"LogGroupClass":   p.Class,
	}
	if p.DeletionProtection {
		props["DeletionProtectionEnabled"] = true
	}
	if tags := renderTags(p.Tags); tags != nil {
		props["Tags"] = tags
	}
	if len(p.MaskedDataIdentifiers) > 0 {
		props["DataProtectionPolicy"] = dataProtectionPolicy(p.LogGroupName, p.MaskedDataIdentifiers)
	}
	if p.Encrypt {
		keyID := cfn.LogicalID("LogGroupKey", name)
		props["KmsKeyId"] = cfn.GetAtt(keyID, "Arn")
		if err := rs.Add(keyID, logGroupKey(p.LogGroupName, p.RemovalPolicy)); err != nil {
			return nil, err
		}
	}
	err := rs.Add(cfn.LogicalID("LogGroup", name), cfn.Resource{
		Type:           "AWS::Logs::LogGroup",
		Properties:     props,
		DeletionPolicy: p.RemovalPolicy.deletionPolicy(),
	})
	return rs, err
}

// logGroupKey is a customer-managed key that the account administers and that
// CloudWatch Logs of the stack's region may use, with the encryption context
// condition restricting it to the one log group.
func logGroupKey(logGroupName string, removal RemovalPolicy) cfn.Resource {
	return cfn.Resource{
		Type:           "AWS::KMS::Key",
		DeletionPolicy: removal.deletionPolicy(),
		Properties: map[string]any{
			"Description":       "eventwatch: encrypts log group " + logGroupName,
			"EnableKeyRotation": true,
			"KeyPolicy": policyDocument(
				accountAdminStatement(),
				map[string]any{
					"Sid":       "AllowCloudWatchLogs",
					"Effect":    "Allow",
					"Principal": map[string]any{"Service": cfn.Sub("logs.${AWS::Region}.amazonaws.com")},
					"Action":    []string{"kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"},
					"Resource":  "*",
					"Condition": map[string]any{"ArnEquals": map[string]any{
						"kms:EncryptionContext:aws:logs:arn": cfn.Sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:" + logGroupName),
					}},
				},
			),
		},
	}
}

// dataProtectionPolicy audits and masks the given managed data identifiers.
func dataProtectionPolicy(logGroupName string, identifiers []string) map[string]any {
	arns := make([]string, len(identifiers))
	for i, id := range identifiers {
		arns[i] = "arn:aws:dataprotection::aws:data-identifier/" + id
	}
	return map[string]any{
		"Name":        "eventwatch-data-protection",
		"Description": "eventwatch: masks sensitive data in " + logGroupName,
		"Version":     "2021-06-01",
		"Statement": []any{
			map[string]any{"Sid": "audit", "DataIdentifier": arns, "Operation": map[string]any{"Audit": map[string]any{"FindingsDestination": map[string]any{}}}},
			map[string]any{"Sid": "redact", "DataIdentifier": arns, "Operation": map[string]any{"Deidentify": map[string]any{"MaskConfig": map[string]any{}}}},
		},
	}
}
