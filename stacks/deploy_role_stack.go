package stacks

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	eventwatch "github.com/eventwatch/eventwatch/constructs"
	"github.com/eventwatch/eventwatch/constructs/spec"
	"github.com/eventwatch/eventwatch/internal/appconfig"
)

// Logical IDs of the deploy-role stack, pinned: a replaced role gets a new
// ARN (its name is generated), and the repository's variables would name a
// role that no longer exists.
const (
	deployRoleConstructID  = "GitHub"
	oidcProviderLogicalID  = "GitHubOidcProvider"
	deployRoleLogicalID    = "GitHubDeployRole"
	diffRoleLogicalID      = "GitHubDiffRole"
	executionPolicyLogical = "GitHubExecutionPolicy"
	boundaryPolicyLogical  = "GitHubPermissionsBoundary"
	// Output IDs: the values to copy into the repository's variables and
	// to give `cdk bootstrap`.
	deployRoleOutputID      = "DeployRoleArn"
	diffRoleOutputID        = "DiffRoleArn"
	executionPolicyOutputID = "ExecutionPolicyArn"
	boundaryOutputID        = "PermissionsBoundaryName"
)

// DeployRoleStackProps configures a DeployRoleStack.
type DeployRoleStackProps struct {
	awscdk.StackProps
	// Plan is the account's deploy-role stack, from Config.DeployStacks. Required.
	Plan appconfig.DeployStackPlan
	// Contents are the resource types and dynamic references of the
	// account's stacks, for a synth whose app does not hold those stacks
	// (one process per part). Default: read from the stacks in scope.
	Contents *StackContents
}

// StackContents are what the execution policy covers: the resource types
// of the stacks the deploy role deploys, sorted, and the secrets and
// parameters their templates resolve at deploy.
type StackContents struct {
	ResourceTypes     []string
	DynamicReferences []spec.DynamicReference
}

// DeployRoleStack is the stack <app>-deploy-<account>: the GitHubDeployRole
// of one account, with the execution policy and permissions boundary of
// its CDK bootstrap, and its outputs. It is deployed by hand with
// administrator credentials, without the bootstrap roles (its synthesizer
// needs no bootstrap), which the boundary keeps from changing it (README:
// Deploying from CI).
type DeployRoleStack struct {
	awscdk.Stack
	Roles *eventwatch.GitHubDeployRole
}

// NewDeployRoleStack builds the deploy-role stack of plan.Account, in the
// region of the account's first environment. The stacks of the account's
// environments must be in scope already, unless props.Contents says what
// they hold: the execution policy covers their resource types.
func NewDeployRoleStack(scope constructs.Construct, props *DeployRoleStackProps) (*DeployRoleStack, error) {
	plan := props.Plan
	if err := plan.Role.Validate(); err != nil {
		return nil, err
	}
	contents := props.Contents
	if contents == nil {
		var err error
		if contents, err = stackContents(scope, plan); err != nil {
			return nil, err
		}
	}
	sp := props.StackProps
	sp.StackName = jsii.String(plan.StackName)
	sp.Env = &awscdk.Environment{Account: jsii.String(plan.Account), Region: jsii.String(plan.Region)}
	if sp.Description == nil {
		sp.Description = jsii.String("eventwatch: GitHub Actions roles of " + plan.Role.Repository + " in account " + plan.Account + " (environments " + strings.Join(plan.Environments, ", ") + ") and its CDK bootstrap's execution policy and permissions boundary")
	}
	if sp.Synthesizer == nil {
		// Deployed with the administrator's own credentials, the template
		// inline: never through the bootstrap roles, whose boundary denies
		// changes to this stack, and before any bootstrap.
		sp.Synthesizer = awscdk.NewLegacyStackSynthesizer()
	}
	sp.Tags = stringMap(plan.Tags)
	// The roles CI deploys with: deleting their stack takes turning this off.
	sp.TerminationProtection = jsii.Bool(true)
	s := &DeployRoleStack{Stack: awscdk.NewStack(scope, jsii.String(plan.StackName), &sp)}

	r := plan.Role.WithDefaults()
	roleProps := &eventwatch.GitHubDeployRoleProps{
		Repository:          jsii.String(r.Repository),
		Environments:        jsii.Strings(r.Environments...),
		RepositoryId:        optionalString(r.RepositoryID),
		RepositoryOwnerId:   optionalString(r.RepositoryOwnerID),
		DeployWorkflow:      jsii.String(r.DeployWorkflow),
		DeployRef:           jsii.String(r.DeployRef),
		PullRequestWorkflow: jsii.String(r.PullRequestWorkflow),
		Stacks:              r.Stacks,
		BootstrapQualifier:  jsii.String(r.BootstrapQualifier),
		DiffRole:            jsii.Bool(plan.DiffRole),
		Execution: &eventwatch.GitHubExecutionProps{
			ResourceTypes:     contents.ResourceTypes,
			RolePrefix:        jsii.String(plan.RolePrefix),
			DynamicReferences: contents.DynamicReferences,
		},
	}
	roleProps.PullRequestEnvironment = optionalString(r.PullRequestEnvironment)
	roleProps.OidcProviderArn = optionalString(r.OIDCProviderArn)
	s.Roles = eventwatch.NewGitHubDeployRole(s.Stack, deployRoleConstructID, roleProps)
	if p := s.Roles.OidcProvider(); p != nil {
		pin(p, oidcProviderLogicalID)
	}
	pin(s.Roles.DeployRole(), deployRoleLogicalID)
	if d := s.Roles.DiffRole(); d != nil {
		pin(d, diffRoleLogicalID)
	}
	pin(s.Roles.ExecutionPolicy(), executionPolicyLogical)
	pin(s.Roles.PermissionsBoundary(), boundaryPolicyLogical)
	addDeployRoleOutputs(s, plan, r)
	return s, nil
}

// addDeployRoleOutputs adds the role ARNs for the repository's variables
// and the policies for `cdk bootstrap`.
func addDeployRoleOutputs(s *DeployRoleStack, plan appconfig.DeployStackPlan, r spec.GitHubDeployRoleProps) {
	awscdk.NewCfnOutput(s.Stack, jsii.String(deployRoleOutputID), &awscdk.CfnOutputProps{
		Value: s.Roles.DeployRole().RoleArn(),
		Description: jsii.String("AWS_DEPLOY_ROLE_ARN of the GitHub environments " + strings.Join(r.Environments, ", ") +
			" (Settings, Environments, <environment>, Environment variables)"),
	})
	if d := s.Roles.DiffRole(); d != nil {
		vars := make([]string, len(plan.Environments))
		for i, env := range plan.Environments {
			vars[i] = "AWS_DIFF_ROLE_ARN_" + strings.ToUpper(strings.ReplaceAll(env, "-", "_"))
		}
		who := "pull-request jobs"
		if r.PullRequestEnvironment != "" {
			who = "pull-request jobs in the GitHub environment " + r.PullRequestEnvironment + " (required reviewers)"
		}
		awscdk.NewCfnOutput(s.Stack, jsii.String(diffRoleOutputID), &awscdk.CfnOutputProps{
			Value: d.RoleArn(),
			Description: jsii.String("the repository variables " + strings.Join(vars, ", ") +
				" (Settings, Secrets and variables, Actions, Variables): the read-only role of " + who + " for diffs"),
		})
	}
	regions := strings.Join(r.Regions(), " ")
	awscdk.NewCfnOutput(s.Stack, jsii.String(executionPolicyOutputID), &awscdk.CfnOutputProps{
		Value:       s.Roles.ExecutionPolicy().ManagedPolicyArn(),
		Description: jsii.String("cdk bootstrap --cloudformation-execution-policies <this ARN>, in each region of " + plan.Account + " (" + regions + ")"),
	})
	awscdk.NewCfnOutput(s.Stack, jsii.String(boundaryOutputID), &awscdk.CfnOutputProps{
		Value:       jsii.String(s.Roles.PermissionsBoundaryName()),
		Description: jsii.String("cdk bootstrap --custom-permissions-boundary <this name> --apply-permissions-boundary-to-all-roles, in each region of " + plan.Account + " (" + regions + ")"),
	})
}

// stackContents reads the contents of the stacks the deploy role deploys
// (plan.Role.Stacks, already in scope): their CloudFormation resource
// types, and the dynamic references of https subscriptions, the only place
// the config takes one.
func stackContents(scope constructs.Construct, plan appconfig.DeployStackPlan) (*StackContents, error) {
	var types []string
	var refs []spec.DynamicReference
	for _, ref := range plan.Role.Stacks {
		stack := scope.Node().TryFindChild(jsii.String(ref.Name))
		if stack == nil {
			return nil, fmt.Errorf("%s: the stack %s is not in the app; build the environments' stacks before the deploy-role stack, whose execution policy covers their resources", plan.StackName, ref.Name)
		}
		for _, c := range *stack.Node().FindAll(constructs.ConstructOrder_PREORDER) {
			if !*awscdk.CfnResource_IsCfnResource(c) {
				continue
			}
			if t := *c.(awscdk.CfnResource).CfnResourceType(); !slices.Contains(types, t) {
				types = append(types, t)
			}
			if sub, ok := c.(awssns.CfnSubscription); ok && sub.Endpoint() != nil {
				// The endpoint may be a token (a lazy literal): its value.
				endpoint, _ := awscdk.Stack_Of(c).Resolve(sub.Endpoint()).(string)
				for _, r := range spec.DynamicReferences(endpoint) {
					if !slices.Contains(refs, r) {
						refs = append(refs, r)
					}
				}
			}
		}
	}
	sort.Strings(types)
	return &StackContents{ResourceTypes: types, DynamicReferences: refs}, nil
}

// optionalString is nil for "", else the string.
func optionalString(s string) *string {
	if s == "" {
		return nil
	}
	return jsii.String(s)
}
