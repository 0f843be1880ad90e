// Command query runs `logq query` (querycli.RunQuery) for benchmarks,
// before cmd/logq wires the subcommand.
//
//	go run ./bench/query -q 'stats count(*) by bin(1h)' --input raw --timestamp-field time FILE
package main

import (
	"os"

	"github.com/eventwatch/eventwatch/internal/querycli"
)

func main() {
	os.Exit(querycli.RunQuery(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
