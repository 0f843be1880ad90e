// Package insights parses, checks and runs CloudWatch Logs Insights queries
// offline.
//
// Parse knows every command of the Logs Insights command reference with
// its documented arguments (fields, display, filter, stats, sort, limit,
// parse, dedup, unmask, unnest, lookup, filterIndex, SOURCE, diff, pattern,
// anomaly, join, subqueries, and the newer addtotals, accum, ...), every
// documented function, and refuses anything else with an *Error that has
// the line, column and a caret. It checks the size and nesting limits
// (MaxQueryLength, MaxNestingDepth) before it recurses.
//
// Query.Run streams events through the commands on all cores. The
// commands it cannot run offline (machine learning, other log groups)
// make it return a *NotRunError; Query.NotRunOffline lists them.
// semantics.go holds, in one place, every decision taken where the
// documentation is silent, and every limit.
//
// Package langcheck checks the two other query languages (OpenSearch SQL
// and PPL); package querytest runs saved queries against sample events.
package insights
