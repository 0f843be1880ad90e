package constructs

import (
	"maps"
	"slices"
	"sync"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// pseudo holds the tokens of CloudFormation's pseudo parameters. They are
// the same in every stack (each stack resolves them for itself), so they
// are fetched from the CDK once per process, not once per resource.
var pseudo = sync.OnceValue(func() struct{ partition, region, account string } {
	return struct{ partition, region, account string }{*awscdk.Aws_PARTITION(), *awscdk.Aws_REGION(), *awscdk.Aws_ACCOUNT_ID()}
})

// accountRootArn is the ARN of the account's root principal, which a KMS
// key policy must trust so that the key never becomes unmanageable.
func accountRootArn() string {
	p := pseudo()
	return "arn:" + p.partition + ":iam::" + p.account + ":root"
}

// logGroupArnFor is the ARN of a log group of the stack's account and region.
func logGroupArnFor(name string) string {
	p := pseudo()
	return "arn:" + p.partition + ":logs:" + p.region + ":" + p.account + ":log-group:" + name
}

// logsServicePrincipal is CloudWatch Logs of the stack's region.
func logsServicePrincipal() string { return "logs." + pseudo().region + ".amazonaws.com" }

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
