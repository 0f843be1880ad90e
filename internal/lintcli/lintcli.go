// Package lintcli implements "logq lint": it holds log lines against the
// log events a config declares (logEvents) and reports the lines that are
// no declared event, declared events with missing, extra or mistyped
// fields or values outside their enum, metric dimensions that take more
// values within an hour than their bound, and declared events that no
// alarm watches.
package lintcli

// Exit codes.
const (
	ExitClean    = 0 // every line is a declared event, as declared, and every event is watched
	ExitProblems = 1 // the run finished and found problems
	ExitUsage    = 2 // bad flags, an invalid config, or an input that could not be read
)

// Limits and defaults, named once.
const (
	// MaxShown is how many findings of each problem are printed with
	// their file and line.
	MaxShown = 3
	// maxTrackedValues bounds the values kept per dimension and hour: a
	// runaway dimension is reported as having more.
	maxTrackedValues = 10000
	// maxExcerpt is the most bytes of a line quoted in a finding.
	maxExcerpt = 80
	// msPerHour cuts CloudWatch timestamps into the hours CloudWatch
	// Logs counts dimension values in.
	msPerHour = 3600 * 1000
	// outputBufferSize is the size of the buffered standard output.
	outputBufferSize = 64 << 10
)
