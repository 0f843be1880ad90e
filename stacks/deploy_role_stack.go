package stacks

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	eventwatch "github.com/eventwatch/eventwatch/constructs"
	"github.com/eventwatch/eventwatch/internal/appconfig"
)

// Logical IDs of the deploy-role stack, pinned: a replaced role gets a new
// ARN (its name is generated), and the repository's variables would name a
// role that no longer exists.
const (
	deployRoleConstructID = "GitHub"
	oidcProviderLogicalID = "GitHubOidcProvider"
	deployRoleLogicalID   = "GitHubDeployRole"
	diffRoleLogicalID     = "GitHubDiffRole"
	// Output IDs: the values to copy into the repository's variables.
	deployRoleOutputID = "DeployRoleArn"
	diffRoleOutputID   = "DiffRoleArn"
)

// DeployRoleStackProps configures a DeployRoleStack.
type DeployRoleStackProps struct {
	awscdk.StackProps
	// Plan is the account's deploy-role stack, from Config.DeployStacks. Required.
	Plan appconfig.DeployStackPlan
}

// DeployRoleStack is the stack <app>-deploy-<account>: the GitHubDeployRole
// of one account, deployed once by hand with administrator credentials
// (README: First-time setup of an account), and its outputs, the role ARNs
// for the repository's variables.
type DeployRoleStack struct {
	awscdk.Stack
	Roles *eventwatch.GitHubDeployRole
}

// NewDeployRoleStack builds the deploy-role stack of plan.Account, in the
// region of the account's first environment.
func NewDeployRoleStack(scope constructs.Construct, props *DeployRoleStackProps) (*DeployRoleStack, error) {
	plan := props.Plan
	if err := plan.Role.Validate(); err != nil {
		return nil, err
	}
	sp := props.StackProps
	sp.StackName = jsii.String(plan.StackName)
	sp.Env = &awscdk.Environment{Account: jsii.String(plan.Account), Region: jsii.String(plan.Region)}
	if sp.Description == nil {
		sp.Description = jsii.String("eventwatch: GitHub Actions roles of " + plan.Role.Repository + " in account " + plan.Account + " (environments " + strings.Join(plan.Environments, ", ") + ")")
	}
	sp.Tags = stringMap(plan.Tags)
	// The roles CI deploys with: deleting their stack takes turning this off.
	sp.TerminationProtection = jsii.Bool(true)
	s := &DeployRoleStack{Stack: awscdk.NewStack(scope, jsii.String(plan.StackName), &sp)}

	r := plan.Role.WithDefaults()
	props2 := &eventwatch.GitHubDeployRoleProps{
		Repository:         jsii.String(r.Repository),
		Environments:       jsii.Strings(r.Environments...),
		BootstrapQualifier: jsii.String(r.BootstrapQualifier),
		DiffStackPattern:   jsii.String(r.DiffStackPattern),
	}
	if r.OIDCProviderArn != "" {
		props2.OidcProviderArn = jsii.String(r.OIDCProviderArn)
	}
	s.Roles = eventwatch.NewGitHubDeployRole(s.Stack, deployRoleConstructID, props2)
	if p := s.Roles.OidcProvider(); p != nil {
		pin(p, oidcProviderLogicalID)
	}
	pin(s.Roles.DeployRole(), deployRoleLogicalID)
	pin(s.Roles.DiffRole(), diffRoleLogicalID)

	awscdk.NewCfnOutput(s.Stack, jsii.String(deployRoleOutputID), &awscdk.CfnOutputProps{
		Value: s.Roles.DeployRole().RoleArn(),
		Description: jsii.String("AWS_DEPLOY_ROLE_ARN of the GitHub environments " + strings.Join(r.Environments, ", ") +
			" (Settings, Environments, <environment>, Environment variables)"),
	})
	vars := make([]string, len(plan.Environments))
	for i, env := range plan.Environments {
		vars[i] = "AWS_DIFF_ROLE_ARN_" + strings.ToUpper(strings.ReplaceAll(env, "-", "_"))
	}
	awscdk.NewCfnOutput(s.Stack, jsii.String(diffRoleOutputID), &awscdk.CfnOutputProps{
		Value: s.Roles.DiffRole().RoleArn(),
		Description: jsii.String("the repository variables " + strings.Join(vars, ", ") +
			" (Settings, Secrets and variables, Actions, Variables): the read-only role for pull-request diffs"),
	})
	return s, nil
}
