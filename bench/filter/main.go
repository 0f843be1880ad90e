// Command filter is a stand-alone "logq filter" for bench/filter.sh: it
// only calls filtercli.Run, so the benchmark does not depend on cmd/logq.
package main

import (
	"os"

	"github.com/eventwatch/eventwatch/internal/filtercli"
)

func main() {
	os.Exit(filtercli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
