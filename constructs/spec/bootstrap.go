package spec

// The names `cdk bootstrap` gives what it creates (its template,
// node_modules/aws-cdk/lib/api/bootstrap/bootstrap-template.yaml).
const (
	// BootstrapDeployRole is the kind of the role the CLI deploys with.
	BootstrapDeployRole = "deploy"
	// BootstrapFilePublishingRole is the kind of the role that uploads
	// file assets, the templates among them, to the bootstrap bucket.
	BootstrapFilePublishingRole = "file-publishing"
	// BootstrapImagePublishingRole pushes container images.
	BootstrapImagePublishingRole = "image-publishing"
	// BootstrapLookupRole is the read-only role of context lookups: it has
	// AWS's ReadOnlyAccess.
	BootstrapLookupRole = "lookup"
	// BootstrapExecutionRole is the role CloudFormation deploys with
	// (cdk-<qualifier>-cfn-exec-role-...).
	BootstrapExecutionRole = "cfn-exec"
	// CDKToolkitStackName is the bootstrap stack's name (cdk bootstrap
	// --toolkit-stack-name changes it; eventwatch takes the default).
	CDKToolkitStackName = "CDKToolkit"
)

// BootstrapRoleName is the name of a bootstrap role:
// cdk-<qualifier>-<kind>-role-<account>-<region>.
func BootstrapRoleName(qualifier, kind, account, region string) string {
	return "cdk-" + qualifier + "-" + kind + "-role-" + account + "-" + region
}
