// Command logq runs CloudWatch Logs filter patterns and Logs Insights
// queries on local log files, and checks eventwatch configs and saved
// queries offline. Run `logq --help` for the commands.
//
//	go install ./cmd/logq   (from a clone; once tagged: go install github.com/eventwatch/eventwatch/cmd/logq@<tag>, see CHANGELOG.md)
package main

import (
	"os"

	"github.com/eventwatch/eventwatch/internal/logq"
)

func main() {
	os.Exit(logq.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
