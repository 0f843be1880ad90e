package querycli

import (
	"time"

	"github.com/eventwatch/eventwatch/insights"
)

// Limits of logq query's input, named once. The engine's own limits (query
// length, nesting, value size, timestamps) are in insights/semantics.go.
const (
	// MaxLineBytes is the longest input line read; a longer line is
	// reported with its file and line number, skipped, and the rest of the
	// file is read. It leaves room for a CloudWatch event line whose JSON
	// escapes a MaxEventBytes message.
	MaxLineBytes = 8 << 20
	// MaxEventBytes is the largest message of one event: CloudWatch's
	// event size limit (1 MiB). A larger message is reported and skipped.
	MaxEventBytes = 1 << 20
	// MaxLookupFiles is the number of --lookup tables one run may read.
	MaxLookupFiles = 100

	// maxLogGroups is the number of log groups StartQuery accepts.
	maxLogGroups = 50

	// Chart sizes, in columns.
	defaultChartWidth = 80 // when the output is not a terminal
	minChartWidth     = 30
	maxChartWidth     = 500
)

// Polling of GetQueryResults (variables so that tests can shorten them).
var (
	pollInterval = time.Second      // between GetQueryResults calls
	queryTimeout = 16 * time.Minute // CloudWatch stops a query after 15 minutes
)

// Timestamps outside these bounds (epoch ms) are errors, in input lines
// and in --start/--end.
const (
	minTimestamp = insights.MinTimestamp
	maxTimestamp = insights.MaxTimestamp
)
