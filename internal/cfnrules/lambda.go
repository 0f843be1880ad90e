package cfnrules

import (
	"regexp"
	"strings"
)

// AWS::Lambda::Permission.
var permissionRules = []rule{
	{ID: "lambda-permission-action", Source: srcAddPermission, Check: func(r *resource, ps *problems) {
		if !r.has("Action") {
			ps.add(r, "Action", "is missing; Lambda requires the action the permission allows, such as lambda:InvokeFunction")
		} else if a, ok := r.textAt("Action"); ok && !lambdaAction.MatchString(a) {
			ps.add(r, "Action", "%s is not a Lambda action; expected lambda:InvokeFunction, lambda:Name or *", echo(a))
		}
	}},
	{ID: "lambda-permission-principal", Source: srcAddPermission, Check: func(r *resource, ps *problems) {
		if !r.has("Principal") {
			ps.add(r, "Principal", "is missing; Lambda requires the service or account the permission is for")
		}
		checkEnum(r, ps, "FunctionUrlAuthType", []string{"AWS_IAM", "NONE"}, "Lambda", "FunctionUrlAuthType")
	}},
	{ID: "lambda-permission-function", Source: srcAddPermission, Check: func(r *resource, ps *problems) {
		if !r.has("FunctionName") {
			ps.add(r, "FunctionName", "is missing; Lambda requires the function the permission is on")
			return
		}
		name, ok := checkLength(r, ps, "FunctionName", 1, maxFunctionNameArn, "Lambda", "FunctionName")
		if !ok {
			return
		}
		if !lambdaFunctionName.MatchString(name) {
			ps.add(r, "FunctionName", "%s is not a function name or ARN", echo(name))
		}
	}},
	{ID: "lambda-permission-region", Source: srcAddPermission, Check: func(r *resource, ps *problems) {
		// AddPermission is regional: a function ARN of another region fails
		// ("Functions from 'us-east-1' are not reachable in this region").
		name, ok := r.textAt("FunctionName")
		fn, isArn := parseARN(name)
		if !ok || !isArn || fn.region == "" || r.stack.Region == "" || fn.region == r.stack.Region {
			return
		}
		ps.add(r, "FunctionName", "is a function in %s, but the stack deploys to %s; Lambda's AddPermission is regional, so CloudFormation cannot add the permission there (deploy it in a stack of %s)", fn.region, r.stack.Region, fn.region)
	}},
}

// AWS::Lambda::Function (in eventwatch's stacks, the function of
// aws-cdk-lib's LogRetention custom resource).
var functionRules = []rule{
	{ID: "lambda-function-name", Source: srcFunction, Check: func(r *resource, ps *problems) {
		if name, ok := checkLength(r, ps, "FunctionName", 1, maxFunctionName, "Lambda", "FunctionName"); ok && !lambdaName.MatchString(name) {
			ps.add(r, "FunctionName", "%s is not a function name; Lambda allows letters, digits, '-' and '_'", echo(name))
		}
	}},
	{ID: "lambda-function-settings", Source: srcFunction, Check: func(r *resource, ps *problems) {
		checkRange(r, ps, "Timeout", 1, maxFunctionTimeout, true, "s", "Lambda", "Timeout")
		checkRange(r, ps, "MemorySize", minFunctionMemory, maxFunctionMemory, true, " MB", "Lambda", "MemorySize")
		checkRange(r, ps, "EphemeralStorage.Size", minEphemeralStorage, maxEphemeralStorage, true, " MB", "Lambda", "EphemeralStorage", "Size")
		checkLength(r, ps, "Handler", 0, maxHandlerLength, "Lambda", "Handler")
		checkLength(r, ps, "Description", 0, maxFunctionDescLen, "Lambda", "Description")
	}},
	{ID: "lambda-function-code", Source: srcFunction, Check: func(r *resource, ps *problems) {
		if !r.has("Code") {
			ps.add(r, "Code", "is missing; CloudFormation requires the function's code")
		}
	}},
	{ID: "lambda-function-role", Source: srcFunction, Check: func(r *resource, ps *problems) {
		if !r.has("Role") {
			ps.add(r, "Role", "is missing; Lambda requires the execution role's ARN")
		} else if arn, ok := r.textAt("Role"); ok && !iamRoleArn.MatchString(arn) && !strings.Contains(arn, ":role/") {
			ps.add(r, "Role", "%s is not an IAM role ARN", echo(arn))
		}
	}},
	tagsRule,
}

var (
	lambdaAction       = regexp.MustCompile(`^(lambda:[*]|lambda:[a-zA-Z]+|[*])$`)
	lambdaName         = regexp.MustCompile(`^[a-zA-Z0-9_-]+$`)
	lambdaFunctionName = regexp.MustCompile(`^(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z0-9-]+-\d+:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?$`)
)
