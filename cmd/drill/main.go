// Command drill sets each alarm of an environment's synthesized stacks to
// ALARM and back to OK (CloudWatch SetAlarmState), so a team can check
// that its pages arrive. `make drill ENV=<env>` synthesizes the
// environment and runs it; see internal/drill and drill --help.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/eventwatch/eventwatch/internal/drill"
)

func main() {
	// Ctrl-C ends the drill, after the alarm in ALARM is set back to OK.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := drill.Run(ctx, os.Args[1:], drill.OSEnv())
	stop()
	os.Exit(code)
}
