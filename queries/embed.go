// Package queries holds the saved CloudWatch Logs Insights queries, one query
// per file with the extension ".insights" (".sql" for OpenSearch SQL, ".ppl"
// for OpenSearch PPL). A file's path below this folder,
// without the extension, is the query's name in the console: a subfolder
// becomes a console folder ("team/slow-requests").
//
// Sample events and expected rows for a query live beside it under testdata/:
// testdata/<name>.events.jsonl and testdata/<name>.expected.json.
package queries

import "embed"

// Extension is the file extension of a saved query.
const Extension = ".insights"

// FS holds the saved queries shipped with eventwatch, with their test data.
//
//go:embed *.insights *.sql *.ppl all:testdata
var FS embed.FS
