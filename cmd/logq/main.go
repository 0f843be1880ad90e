// Command logq runs CloudWatch Logs filter patterns and Logs Insights
// queries on local log files, and checks eventwatch configs and saved
// queries offline. Run `logq --help` for the commands.
//
//	go install github.com/eventwatch/eventwatch/cmd/logq@latest
package main

import (
	"os"

	"github.com/eventwatch/eventwatch/internal/logq"
)

func main() {
	os.Exit(logq.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
