// Package filterpattern parses CloudWatch Logs filter patterns (the syntax
// of metric filters, subscription filters, FilterLogEvents and Live Tail)
// and runs them locally, so that patterns can be tested offline.
//
//	p, err := filterpattern.Parse(`{ $.event = "my-queue-worker" && $.success = "False" }`)
//	if err != nil {
//		log.Fatal(err) // an *Error: "1:14: expected ..." plus the line and a caret
//	}
//	p.Match(`{"event":"my-queue-worker","success":"False"}`) // true
//
// A pattern is parsed once into a small syntax tree (see Node; String
// renders it back) and compiled into a matcher; matching a message then
// allocates nothing for term, JSON and space-delimited patterns. JSON
// messages are read by a validating scanner that walks only into the
// selected members.
//
// Pattern.NewExtractor adds a metric filter's metricTransformation (metric
// value and dimensions) on top of a pattern.
//
// What the CloudWatch documentation leaves open, and how this package
// decides, is written down in one place: the comment of Semantics.
package filterpattern
