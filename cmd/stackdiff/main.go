// Command stackdiff prints what a synthesized cdk.out changes, stack by
// stack, against the committed golden templates or, with --deployed, the
// templates deployed in CloudFormation: resources added, removed, modified
// (with the changed property paths) and replaced (with the property that
// forces the replacement), then the stateful-change problems of
// cfn.CheckStacks. It exits like diff(1): 0 no change, 1 changes, 2 error.
// `make diff ENV=<env>` synthesizes one environment and runs it.
package main

import (
	"context"
	"os"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}
