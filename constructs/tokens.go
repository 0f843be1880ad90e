package constructs

import (
	"maps"
	"math"
	"slices"
	"sync"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs/spec"
)

// pseudoParams are the tokens of CloudFormation's pseudo parameters. They
// are asked of the CDK each time (three calls) rather than kept: a token's
// text belongs to the Node.js process that made it, and a program may
// synthesize, close jsii and synthesize again.
type pseudoParams struct{ partition, region, account string }

func pseudo() pseudoParams {
	return pseudoParams{*awscdk.Aws_PARTITION(), *awscdk.Aws_REGION(), *awscdk.Aws_ACCOUNT_ID()}
}

// accountRootArn is the ARN of the account's root principal, which a KMS
// key policy must trust so that the key never becomes unmanageable.
func (p pseudoParams) accountRootArn() string {
	return "arn:" + p.partition + ":iam::" + p.account + ":root"
}

// logGroupArn is the ARN of a log group of the stack's account and region.
func (p pseudoParams) logGroupArn(name string) string {
	return "arn:" + p.partition + ":logs:" + p.region + ":" + p.account + ":log-group:" + name
}

// str dereferences an optional string prop.
func str(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// num dereferences an optional number prop.
func num(n *float64) float64 {
	if n == nil {
		return 0
	}
	return *n
}

// intOf is a number prop as package spec's int-valued fields take it:
// spec.UnresolvedInt for a CDK number token, whose double (about -1.9e289)
// has no int value, so it is checked before any conversion; a value out of
// int's range, or NaN, is clamped to one that fails every range check
// rather than converted (Go leaves that conversion to the platform, and
// on amd64 it gives math.MinInt, spec.UnresolvedInt).
func intOf(f float64) int {
	switch {
	case spec.IsUnresolvedNumber(f):
		return spec.UnresolvedInt
	case math.IsNaN(f) || f <= math.MinInt:
		return math.MinInt + 1
	case f >= math.MaxInt:
		return math.MaxInt
	}
	return int(f)
}

// intProp is intOf of an optional number prop, 0 (the default) when nil.
func intProp(n *float64) int {
	if n == nil {
		return 0
	}
	return intOf(*n)
}

// cdkNumber is the number to give aws-cdk-lib for a spec int: the token
// itself when n stands for one, else n.
func cdkNumber(n int, token *float64) *float64 {
	if spec.IsUnresolvedInt(n) {
		return token
	}
	return jsii.Number(n)
}

// strMap dereferences an optional map of strings.
func strMap(m *map[string]*string) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(*m))
	for k, v := range *m {
		out[k] = str(v)
	}
	return out
}

// strs dereferences an optional list of strings.
func strs(l *[]*string) []string {
	if l == nil {
		return nil
	}
	out := make([]string, len(*l))
	for i, s := range *l {
		out[i] = str(s)
	}
	return out
}

// addTags tags scope and every taggable resource under it, in key order.
func addTags(scope constructs.IConstruct, tags *map[string]*string) {
	if tags == nil || len(*tags) == 0 {
		return
	}
	t := awscdk.Tags_Of(scope)
	for _, k := range slices.Sorted(maps.Keys(*tags)) {
		t.Add(jsii.String(k), (*tags)[k], nil)
	}
}

// stackEnv is a stack's account and region as Metric.AttachTo takes them:
// nil when the stack's is a token (an environment-agnostic stack).
type stackEnv struct{ account, region *string }

// knownLogGroupNames (awslogs.ILogGroup → *string), knownLogGroupStacks
// (awslogs.ILogGroup → stackEnv) and knownStacks (awscdk.Stack → stackEnv)
// hold what the CDK said of a log group and a stack. An entry is keyed by
// the Go value of a CDK object, which belongs to the jsii process that made
// it, so it never answers for another process's object.
var knownLogGroupNames, knownLogGroupStacks, knownStacks sync.Map

// logGroupName is lg.LogGroupName() (a token for a log group of the app),
// asked of the CDK once per log group.
func logGroupName(lg awslogs.ILogGroup) *string {
	if n, ok := knownLogGroupNames.Load(lg); ok {
		return n.(*string)
	}
	n := lg.LogGroupName()
	knownLogGroupNames.Store(lg, n)
	return n
}

// logGroupStackEnv is the account and region of lg's stack, asked of the
// CDK once per log group and stack.
func logGroupStackEnv(lg awslogs.ILogGroup) stackEnv {
	if e, ok := knownLogGroupStacks.Load(lg); ok {
		return e.(stackEnv)
	}
	e := stackEnvOf(lg.Stack())
	knownLogGroupStacks.Store(lg, e)
	return e
}

func stackEnvOf(stack awscdk.Stack) stackEnv {
	if e, ok := knownStacks.Load(stack); ok {
		return e.(stackEnv)
	}
	var e stackEnv
	if account := stack.Account(); !spec.IsUnresolved(*account) {
		e.account = account
	}
	if region := stack.Region(); !spec.IsUnresolved(*region) {
		e.region = region
	}
	knownStacks.Store(stack, e)
	return e
}
