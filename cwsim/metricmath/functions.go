package metricmath

import (
	"slices"
	"sort"
	"strconv"
	"strings"
)

// function describes one metric math function of the documented table
// ("Functions supported for metric math"): its arity, which arguments may
// be quoted strings or keywords, and, for a function this package parses
// but does not evaluate, why.
type function struct {
	minArgs, maxArgs int              // maxArgs < 0: no upper bound
	strings          bool             // any argument may be a quoted string
	keywords         map[int][]string // keywords allowed as argument i (0-based)
	refuse           string           // non-empty: Check and Eval refuse it, saying this
}

// Reasons for refusing a function.
const (
	needsWholeSeries = "needs the whole time series, not one period"
	needsOtherData   = "reads data other than the request's metrics"
)

// timeFuncs are the functions of a datapoint's timestamp (they need an Env
// that implements Clock).
var timeFuncs = []string{"MINUTE", "HOUR", "DAY", "DATE", "MONTH", "YEAR", "EPOCH"}

// functions is the function table, by upper-case name.
var functions = map[string]function{
	"ABS":                    {minArgs: 1, maxArgs: 1},
	"ANOMALY_DETECTION_BAND": {minArgs: 1, maxArgs: 2},
	"AVG":                    {minArgs: 1, maxArgs: 1},
	"CEIL":                   {minArgs: 1, maxArgs: 1},
	"DATAPOINT_COUNT":        {minArgs: 1, maxArgs: 1, refuse: needsWholeSeries},
	"DB_PERF_INSIGHTS":       {minArgs: 1, maxArgs: -1, strings: true, refuse: needsOtherData},
	"DIFF":                   {minArgs: 1, maxArgs: 1},
	"DIFF_TIME":              {minArgs: 1, maxArgs: 1, refuse: "needs the timestamp of the previous datapoint"},
	"FILL":                   {minArgs: 2, maxArgs: 2, keywords: map[int][]string{1: {"REPEAT", "LINEAR"}}},
	"FIRST":                  {minArgs: 1, maxArgs: 1},
	"FLOOR":                  {minArgs: 1, maxArgs: 1},
	"IF":                     {minArgs: 2, maxArgs: 3},
	"INSIGHT_RULE_METRIC":    {minArgs: 2, maxArgs: 2, strings: true, refuse: needsOtherData},
	"LAMBDA":                 {minArgs: 1, maxArgs: -1, strings: true, refuse: "calls a Lambda function"},
	"LAST":                   {minArgs: 1, maxArgs: 1},
	"LOG":                    {minArgs: 1, maxArgs: 1},
	"LOG10":                  {minArgs: 1, maxArgs: 1},
	"MAX":                    {minArgs: 1, maxArgs: 1},
	"METRIC_COUNT":           {minArgs: 1, maxArgs: 1},
	"METRICS":                {minArgs: 0, maxArgs: 1, strings: true, refuse: "selects the request's metrics by Id; list them instead, as [m1, m2]"},
	"MIN":                    {minArgs: 1, maxArgs: 1},
	"PERIOD":                 {minArgs: 1, maxArgs: 1},
	"RATE":                   {minArgs: 1, maxArgs: 1, refuse: "needs the timestamp of the previous datapoint"},
	"REMOVE_EMPTY":           {minArgs: 1, maxArgs: 1, refuse: needsWholeSeries},
	"RUNNING_SUM":            {minArgs: 1, maxArgs: 1, refuse: needsWholeSeries},
	"SEARCH":                 {minArgs: 2, maxArgs: 3, strings: true, refuse: "searches the account's metrics"},
	"SERVICE_QUOTA":          {minArgs: 1, maxArgs: 1, refuse: needsOtherData},
	"SLICE":                  {minArgs: 2, maxArgs: 3, refuse: needsWholeSeries},
	"SORT":                   {minArgs: 3, maxArgs: 4, keywords: map[int][]string{1: {"AVG", "MIN", "MAX", "SUM"}, 2: {"ASC", "DESC"}}, refuse: needsWholeSeries},
	"STDDEV":                 {minArgs: 1, maxArgs: 1},
	"SUM":                    {minArgs: 1, maxArgs: 1},
	"TIME_SERIES":            {minArgs: 1, maxArgs: 1},
}

func init() {
	for _, name := range timeFuncs {
		functions[name] = function{minArgs: 1, maxArgs: 1}
	}
}

// keywordAllowed reports whether word may be argument i of the function.
func (f function) keywordAllowed(i int, word string) bool {
	return slices.Contains(f.keywords[i], word)
}

// keywordUse describes where a keyword may appear, for error messages, or
// returns "" if word is no keyword of any function.
func keywordUse(word string) string {
	var uses []string
	for name, f := range functions {
		for i, words := range f.keywords {
			if slices.Contains(words, word) {
				uses = append(uses, ordinal(i+1)+" argument of "+name)
			}
		}
	}
	sort.Strings(uses)
	return strings.Join(uses, " or ")
}

// ordinal spells 1 to 4 as "first" to "fourth".
func ordinal(n int) string {
	return [...]string{"zeroth", "first", "second", "third", "fourth"}[min(n, 4)]
}

// arity describes how many arguments f takes, for error messages.
func (f function) arity() string {
	switch {
	case f.maxArgs < 0:
		return "at least " + count(f.minArgs, "argument")
	case f.minArgs == f.maxArgs:
		return count(f.minArgs, "argument")
	default:
		return strconv.Itoa(f.minArgs) + " to " + count(f.maxArgs, "argument")
	}
}

// count spells n nouns: "1 argument", "2 arguments".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
