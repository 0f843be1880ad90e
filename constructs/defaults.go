package constructs

// Names and texts the constructs give the resources they create; the
// defaults of every prop and CloudWatch's limits are in package spec
// (spec/defaults.go).
const (
	// descriptionPrefix starts every description, so that the console
	// says which resources eventwatch manages.
	descriptionPrefix = "eventwatch: "
	// dataProtectionPolicyName names a log group's data protection policy.
	dataProtectionPolicyName = "eventwatch-data-protection"
	// chatbotGuardrail is the AWS managed policy that bounds AWS Chatbot's
	// Slack channels: CloudWatch, read only.
	chatbotGuardrail = "CloudWatchReadOnlyAccess"
	// resourceID is the construct ID of a construct's main resource, which
	// the CDK leaves out of the logical ID's readable part.
	resourceID = "Resource"
)
