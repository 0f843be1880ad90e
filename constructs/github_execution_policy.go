package constructs

import (
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs/spec"
)

// GitHubExecutionProps configures the two customer-managed policies a
// GitHubDeployRole adds for `cdk bootstrap`: the execution policy of the
// bootstrap's CloudFormation execution role
// (--cloudformation-execution-policies), in place of AdministratorAccess,
// and the permissions boundary of the bootstrap roles
// (--custom-permissions-boundary --apply-permissions-boundary-to-all-roles),
// which stops a deploy from changing the deploy-role stack, its roles and
// policies, or the bootstrap.
type GitHubExecutionProps struct {
	// ResourceTypes are the CloudFormation resource types the deploys
	// create; the execution policy grants the actions spec.ExecutionActions
	// lists for them, and no other. Required.
	ResourceTypes []string
	// RolePrefix starts the names of the IAM roles and managed policies the
	// deploys create and pass, such as "eventwatch-" (CloudFormation names
	// them <stack name>-<logical ID>-<suffix>). Required.
	RolePrefix *string
	// DynamicReferences are the secrets and parameters the templates
	// resolve at deploy ({{resolve:...}}); the execution role may read
	// those, in the stacks' regions. Default: none.
	DynamicReferences []spec.DynamicReference
	// PolicyName names the execution policy.
	// Default: cdk-<qualifier>-deploy-execution.
	PolicyName *string
	// BoundaryName names the permissions boundary.
	// Default: cdk-<qualifier>-deploy-boundary.
	BoundaryName *string
}

var (
	// managedPolicyNameRE is IAM's rule for a managed policy name.
	managedPolicyNameRE = regexp.MustCompile(`^[\w+=,.@-]{1,128}$`)
	// rolePrefixRE: the characters of a role name, at most 32 of them.
	rolePrefixRE = regexp.MustCompile(`^[\w+=,.@-]{1,32}$`)
)

// validate checks the props and that spec.ExecutionActions knows every
// resource type.
func (e *GitHubExecutionProps) validate() error {
	var ps spec.Problems
	if len(e.ResourceTypes) == 0 {
		ps.Add(&spec.FieldError{Field: "execution.resourceTypes", Msg: "is empty; expected the CloudFormation resource types the deploys create"})
	} else if _, err := spec.ExecutionActionsFor(e.ResourceTypes); err != nil {
		ps.Add(&spec.FieldError{Field: "execution.resourceTypes", Msg: err.Error()})
	}
	if p := str(e.RolePrefix); !rolePrefixRE.MatchString(p) {
		ps.Add(&spec.FieldError{Field: "execution.rolePrefix", Msg: "is " + quoteOrEmpty(p) + "; expected the start of the app's role names, 1 to 32 letters, digits or +=,.@_-"})
	}
	for field, name := range map[string]*string{"execution.policyName": e.PolicyName, "execution.boundaryName": e.BoundaryName} {
		if name != nil && !managedPolicyNameRE.MatchString(*name) {
			ps.Add(&spec.FieldError{Field: field, Msg: quoteOrEmpty(*name) + " is not an IAM policy name; expected 1 to 128 letters, digits or +=,.@_-"})
		}
	}
	return ps.Err()
}

func quoteOrEmpty(s string) string {
	if s == "" {
		return "empty"
	}
	return `"` + s + `"`
}

// Names of the policies by default, from the bootstrap qualifier: one of
// each per account, whatever its regions.
const (
	executionPolicySuffix = "-deploy-execution"
	boundaryPolicySuffix  = "-deploy-boundary"
)

// protectedIAMActions change a role, a policy or the OIDC provider: the
// boundary denies them on the deploy roles, their provider, the two
// policies and the bootstrap roles.
var protectedIAMActions = []string{
	"iam:CreateRole", "iam:DeleteRole", "iam:UpdateRole", "iam:UpdateRoleDescription", "iam:UpdateAssumeRolePolicy",
	"iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy",
	"iam:PutRolePermissionsBoundary", "iam:DeleteRolePermissionsBoundary", "iam:TagRole", "iam:UntagRole",
	"iam:CreatePolicy", "iam:DeletePolicy", "iam:CreatePolicyVersion", "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion",
	"iam:TagPolicy", "iam:UntagPolicy",
	"iam:CreateOpenIDConnectProvider", "iam:DeleteOpenIDConnectProvider", "iam:UpdateOpenIDConnectProviderThumbprint",
	"iam:AddClientIDToOpenIDConnectProvider", "iam:RemoveClientIDFromOpenIDConnectProvider",
	"iam:TagOpenIDConnectProvider", "iam:UntagOpenIDConnectProvider",
}

// protectedStackActions change a stack: the boundary denies them on the
// deploy-role stack and the bootstrap stack.
var protectedStackActions = []string{
	"cloudformation:CreateStack", "cloudformation:UpdateStack", "cloudformation:DeleteStack",
	"cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet",
	"cloudformation:UpdateTerminationProtection", "cloudformation:SetStackPolicy",
	"cloudformation:CancelUpdateStack", "cloudformation:ContinueUpdateRollback", "cloudformation:RollbackStack",
}

// refactorActions move resources between stacks, out of a protected one
// too; CI's deploys never refactor.
var refactorActions = []string{"cloudformation:CreateStackRefactor", "cloudformation:ExecuteStackRefactor"}

// names are the execution policy's and the boundary's, defaults applied.
func (e *GitHubExecutionProps) names(qualifier string) (policy, boundary string) {
	policy, boundary = "cdk-"+qualifier+executionPolicySuffix, "cdk-"+qualifier+boundaryPolicySuffix
	if e.PolicyName != nil {
		policy = *e.PolicyName
	}
	if e.BoundaryName != nil {
		boundary = *e.BoundaryName
	}
	return policy, boundary
}

// newExecutionPolicies adds the execution policy and the boundary.
func newExecutionPolicies(g *GitHubDeployRole, d spec.GitHubDeployRoleProps, e *GitHubExecutionProps) (execution, boundary awsiam.ManagedPolicy) {
	p := pseudo()
	policyName, boundaryName := e.names(d.BootstrapQualifier)
	policyArn := func(name string) string { return "arn:" + p.partition + ":iam::" + p.account + ":policy/" + name }

	doc, appliesTo := executionDocument(d, e)
	execution = awsiam.NewManagedPolicy(g, jsii.String("ExecutionPolicy"), &awsiam.ManagedPolicyProps{
		ManagedPolicyName: jsii.String(policyName),
		Description:       jsii.String(descriptionPrefix + "what CloudFormation may do deploying the app's stacks (cdk bootstrap --cloudformation-execution-policies)"),
		Document:          doc,
	})
	where := "limited to the stacks' regions (" + strings.Join(d.Regions(), ", ") + ") by aws:RequestedRegion"
	if len(d.Regions()) == 0 {
		where = "in any region (no stacks were named)"
	}
	suppressWildcards(execution, appliesTo, "CloudFormation deploys the app's stacks with exactly the actions spec.ExecutionActions lists for the resource types in their templates. Resource * because those resources are named at deploy (log groups, alarms, topics, keys, queues), "+where+"; IAM actions only on the roles and policies named "+str(e.RolePrefix)+"* (CloudFormation names a stack's roles and policies after the stack) and on service-linked roles; the permissions boundary denies them on the deploy-role stack's roles and policies.")

	protectedResources := []string{*g.deploy.RoleArn(), policyArn(policyName), policyArn(boundaryName), bootstrapRoleArn(d.BootstrapQualifier, "*", "*")}
	if g.diff != nil {
		protectedResources = append(protectedResources, *g.diff.RoleArn())
	}
	protectedResources = append(protectedResources, *g.providerArn)
	stackArn := func(name string) string {
		return "arn:" + p.partition + ":cloudformation:*:" + p.account + ":stack/" + name + "/*"
	}
	boundary = awsiam.NewManagedPolicy(g, jsii.String("PermissionsBoundary"), &awsiam.ManagedPolicyProps{
		ManagedPolicyName: jsii.String(boundaryName),
		Description:       jsii.String(descriptionPrefix + "boundary of the CDK bootstrap roles: no deploy changes the deploy-role stack, its roles and policies, or the bootstrap (cdk bootstrap --custom-permissions-boundary)"),
		Document: policyDocument(
			map[string]any{"Sid": "AllowWhatTheRolesPoliciesGrant", "Effect": "Allow", "Action": "*", "Resource": "*"},
			map[string]any{"Sid": "ProtectTheDeployRoleStackAndTheBootstrap", "Effect": "Deny", "Action": protectedStackActions,
				"Resource": []string{stackArn(*awscdk.Stack_Of(g).StackName()), stackArn(spec.CDKToolkitStackName)}},
			map[string]any{"Sid": "ProtectTheDeployRolesAndPolicies", "Effect": "Deny", "Action": protectedIAMActions, "Resource": protectedResources},
			map[string]any{"Sid": "NoStackRefactors", "Effect": "Deny", "Action": refactorActions, "Resource": "*"},
		),
	})
	const boundaryReason = "A permissions boundary grants nothing: its Allow * only leaves in force what the bootstrap roles' own policies grant, and its Deny statements are its purpose."
	suppressWildcards(boundary, []string{"Action::*", "Resource::*"}, boundaryReason,
		append(complianceSuppressions("IAMPolicyNoStatementsWithAdminAccess", boundaryReason),
			complianceSuppressions("IAMPolicyNoStatementsWithFullAccess", boundaryReason)...)...)
	return execution, boundary
}

// executionDocument is the execution policy and the wildcard resources
// cdk-nag finds in it.
func executionDocument(d spec.GitHubDeployRoleProps, e *GitHubExecutionProps) (awsiam.PolicyDocument, []string) {
	p := pseudo()
	actions, _ := spec.ExecutionActionsFor(e.ResourceTypes) // validated
	var regional, roles []string
	linkedRoles := false
	for _, a := range actions {
		switch {
		case a == "iam:CreateServiceLinkedRole":
			linkedRoles = true
		case strings.HasPrefix(a, "iam:"):
			roles = append(roles, a)
		default:
			regional = append(regional, a)
		}
	}
	var statements []map[string]any
	appliesTo := []string{}
	if len(regional) > 0 {
		s := map[string]any{"Sid": "DeployTheStacksResources", "Effect": "Allow", "Action": regional, "Resource": "*"}
		if regions := d.Regions(); len(regions) > 0 {
			s["Condition"] = map[string]any{"StringEquals": map[string]any{"aws:RequestedRegion": regions}}
		}
		statements = append(statements, s)
		appliesTo = append(appliesTo, "Resource::*")
	}
	if len(roles) > 0 {
		statements = append(statements, map[string]any{"Sid": "ManageTheAppsRolesAndPolicies", "Effect": "Allow", "Action": roles,
			"Resource": []string{
				"arn:" + p.partition + ":iam::" + p.account + ":role/" + str(e.RolePrefix) + "*",
				"arn:" + p.partition + ":iam::" + p.account + ":policy/" + str(e.RolePrefix) + "*",
			}})
		appliesTo = append(appliesTo, "Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:role/"+str(e.RolePrefix)+"*",
			"Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:policy/"+str(e.RolePrefix)+"*")
	}
	if linkedRoles {
		statements = append(statements, map[string]any{"Sid": "CreateServiceLinkedRoles", "Effect": "Allow", "Action": "iam:CreateServiceLinkedRole",
			"Resource": "arn:" + p.partition + ":iam::" + p.account + ":role/aws-service-role/*"})
		appliesTo = append(appliesTo, "Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:role/aws-service-role/*")
	}
	if s, nag := dynamicReferenceStatement(d, e.DynamicReferences); s != nil {
		statements = append(statements, s)
		appliesTo = append(appliesTo, nag...)
	}
	return policyDocument(statements...), appliesTo
}

// dynamicReferenceStatement lets the execution role read the secrets and
// parameters the templates resolve, in the stacks' regions.
func dynamicReferenceStatement(d spec.GitHubDeployRoleProps, refs []spec.DynamicReference) (map[string]any, []string) {
	if len(refs) == 0 {
		return nil, nil
	}
	p := pseudo()
	regions := d.Regions()
	if len(regions) == 0 {
		regions = []string{"*"}
	}
	var actions, resources, nag []string
	add := func(list []string, v ...string) []string {
		for _, s := range v {
			if !slices.Contains(list, s) {
				list = append(list, s)
			}
		}
		return list
	}
	for _, r := range refs {
		switch {
		case r.Service == "secretsmanager" && strings.HasPrefix(r.Name, "arn:"):
			actions = add(actions, "secretsmanager:GetSecretValue")
			resources = add(resources, r.Name+"*")
			nag = add(nag, "Resource::"+r.Name+"*")
		case r.Service == "secretsmanager":
			actions = add(actions, "secretsmanager:GetSecretValue")
			for _, region := range regions {
				// Secrets Manager appends - and six characters to the name.
				resources = add(resources, "arn:"+p.partition+":secretsmanager:"+region+":"+p.account+":secret:"+r.Name+"-??????")
			}
		default:
			actions = add(actions, "ssm:GetParameter", "ssm:GetParameters")
			for _, region := range regions {
				resources = add(resources, "arn:"+p.partition+":ssm:"+region+":"+p.account+":parameter/"+strings.TrimPrefix(r.Name, "/"))
			}
		}
	}
	sort.Strings(actions)
	return map[string]any{"Sid": "ResolveTheTemplatesDynamicReferences", "Effect": "Allow", "Action": actions, "Resource": resources}, nag
}
