// Command stackdiff prints what a synthesized cdk.out changes, stack by
// stack, against the committed golden templates or, with --deployed, the
// templates deployed in CloudFormation: resources added, removed, modified
// (with the changed property paths) and replaced (with the property that
// forces the replacement), each with the name people know it by, and a
// dashboard's changed body as the widgets added, removed and changed.
// Then come the changes that would lose data or fail the deploy, as the
// synth's baseline check finds them (appconfig's CheckStacks with the
// config's allow: entries), each followed by the allow: entry that would
// accept it, and the changes the config accepts; with them, the changes
// of the log events the services declare, as the templates record them,
// each marked breaking or not for the applications that log it. It exits
// 0 for no change, 1 for changes (log event changes included), 2 on error
// (like diff(1)) and 3 for changes that would lose data or fail the
// deploy. `make diff ENV=<env>` synthesizes one environment and runs it.
package main

import (
	"context"
	"os"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}
