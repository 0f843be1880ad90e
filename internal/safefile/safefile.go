// Package safefile is the one reader of every file eventwatch and logq
// open: config files, saved queries, lookup tables, templates, cloud
// assembly manifests, alarm scenarios, JSON Schemas and log files.
//
// A file is read whole only when it is a regular file no larger than the
// limit of its Kind. What is not a regular file is refused before it is
// read, and opening never blocks: a named pipe (FIFO) without a writer
// would hang the reader forever, a device such as /dev/zero would fill
// memory, a directory or a socket cannot be read, and a symbolic link
// loop is not a missing file. The size is checked twice: from the file's
// metadata, and by reading one byte past the limit, since the file can
// grow between the two. Text kinds (config, queries, lookup tables,
// scenarios) must be UTF-8 without NUL bytes; the first bad byte is
// reported with its line and column.
//
// Log files are streamed, not read whole (OpenLog): they have no total
// limit (logq's readers bound each line), and a pipe is legitimate input
// there (`logq query <(zcat app.log.gz)`, or - for standard input), so
// pipes are allowed and only directories, devices and sockets refused.
//
// Every error is an *Error that names the file and says what was
// expected. A test (calls_test.go) keeps every other package from
// opening files itself.
package safefile

import (
	"errors"
	"fmt"
	"strconv"
)

// Size limits per kind of file, named once. A file over its kind's limit
// is refused; the limits keep a wrong path (a disk image, a log file given
// as a query) from exhausting memory, and leave room above AWS's own
// limits so that those are reported by the checks that know them.
const (
	// MaxConfigBytes is the largest services.yaml or environment file.
	// The benchmark's generated config of 150 services is 316 KB, of
	// 1000 services 2.1 MB (bench/gen). It also bounds the YAML parse
	// before appconfig.MaxNodes is checked: the worst file, 4 MiB of
	// "x,x,x,...", is refused after about 3 s and 0.5 GB.
	MaxConfigBytes = 4 << 20
	// MaxQueryBytes is the largest saved query file, or query given with
	// logq query -f. CloudWatch takes a query of at most 10,000
	// characters (insights.MaxQueryLength; QueryDefinition's
	// QueryString); at up to 4 bytes a character that is 40,000 bytes,
	// and the rest is margin for comments and line ends.
	MaxQueryBytes = 64 << 10
	// MaxLookupTableBytes is the largest lookup table (CSV): CloudWatch
	// Logs' CreateLookupTable takes a table body of at most 10 MB, the
	// same limit as insights.MaxLookupTableBytes.
	MaxLookupTableBytes = 10 << 20
	// MaxQueryTestDataBytes is the largest sample-events or
	// expected-rows file of a saved query's test (testdata/ beside the
	// queries): far more than a test needs, small enough to read whole.
	MaxQueryTestDataBytes = 32 << 20
	// MaxTemplateBytes is the largest CloudFormation template read:
	// synthesized (cdk.out), golden (test/golden) or deployed (a -c
	// baseline directory). CloudFormation takes at most 1,000,000 bytes
	// (cfn.MaxTemplateBytesS3), which cfn.CheckTemplateSize reports with
	// its own message. A baseline fetched with `aws cloudformation
	// get-template` is the body re-serialized and indented by the CLI,
	// larger than the body CloudFormation counted: hence the margin.
	MaxTemplateBytes = 8 << 20
	// MaxManifestBytes is the largest cloud assembly file other than a
	// template: cdk.out/manifest.json, which lists the stacks, and
	// <stack>.metadata.json, the construct metadata of a stack's
	// resources; both grow with the templates, hence the same limit.
	MaxManifestBytes = 8 << 20
	// MaxTreeBytes is the largest cdk.out/tree.json, the construct tree
	// with every resource's properties: about 1.5 KB a resource (6 MB for
	// the benchmark's 4,300), read when a parallel synth merges its parts.
	MaxTreeBytes = 256 << 20
	// MaxScenarioBytes is the largest alarm scenario file (YAML, decoded
	// as strictly as the config).
	MaxScenarioBytes = MaxConfigBytes
	// MaxSchemaBytes is the largest JSON Schema read to generate the
	// config reference (config/schema/*.schema.json, tens of KB).
	MaxSchemaBytes = 4 << 20
)

// Kind is the kind of a file read: it sets the size limit, whether the
// file must be text, and what an error says was expected.
type Kind int

// The kinds of file, each with its limit (Limit) and what an error says
// was expected (String).
const (
	Config        Kind = iota + 1 // services.yaml, environments/<name>.yaml: MaxConfigBytes, text
	Query                         // a saved query (.insights, .sql, .ppl), logq query -f: MaxQueryBytes, text
	LookupTable                   // a CSV lookup table: MaxLookupTableBytes, text
	QueryTestData                 // testdata/NAME.events.jsonl and NAME.expected.json: MaxQueryTestDataBytes
	Template                      // a CloudFormation template (JSON): MaxTemplateBytes
	Manifest                      // cdk.out/manifest.json, <stack>.metadata.json: MaxManifestBytes
	Scenario                      // an alarm scenario (YAML): MaxScenarioBytes, text
	Schema                        // a JSON Schema of the config reference: MaxSchemaBytes
	Tree                          // cdk.out/tree.json: MaxTreeBytes
	Log                           // a log file, streamed (OpenLog): no total limit
)

var kinds = map[Kind]struct {
	limit int64
	text  bool
	what  string
}{
	Config:        {MaxConfigBytes, true, "a config file (YAML)"},
	Query:         {MaxQueryBytes, true, "a query file (text)"},
	LookupTable:   {MaxLookupTableBytes, true, "a lookup table (CSV)"},
	QueryTestData: {MaxQueryTestDataBytes, false, "query test data (sample events or expected rows)"},
	Template:      {MaxTemplateBytes, false, "a CloudFormation template (JSON)"},
	Manifest:      {MaxManifestBytes, false, "a cloud assembly file (JSON)"},
	Scenario:      {MaxScenarioBytes, true, "an alarm scenario (YAML)"},
	Schema:        {MaxSchemaBytes, false, "a JSON Schema"},
	Tree:          {MaxTreeBytes, false, "a cloud assembly's construct tree (JSON)"},
	Log:           {0, false, "a log file, a pipe, or - for standard input"},
}

// Limit is the largest file of kind k read, in bytes; 0 for Log (no
// total limit).
func (k Kind) Limit() int64 { return kinds[k].limit }

// Text reports whether files of kind k must be UTF-8 text without NUL
// bytes.
func (k Kind) Text() bool { return kinds[k].text }

// String says what a file of kind k is, as in "expected a query file
// (text)".
func (k Kind) String() string {
	if w, ok := kinds[k]; ok {
		return w.what
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Sentinels that an *Error wraps, for errors.Is. A missing file wraps
// fs.ErrNotExist and a symbolic link loop syscall.ELOOP, as the operating
// system reports them.
var (
	// ErrNotRegular: the path is a directory, a named pipe, a device, a
	// socket or another special file.
	ErrNotRegular = errors.New("not a regular file")
	// ErrNotDir: a path where a folder was expected (StatDir) is a file.
	ErrNotDir = errors.New("not a folder")
	// ErrTooLarge: the file is over its kind's limit.
	ErrTooLarge = errors.New("file too large")
	// ErrNotText: a text file has a NUL byte, invalid UTF-8, or is UTF-16.
	ErrNotText = errors.New("not UTF-8 text")
)

// Error is a file that cannot be read as its kind. Its message names the
// file (and the line of the first bad byte), what is wrong, and what was
// expected:
//
//	queries/errors.insights: is a named pipe (FIFO), not a regular file; expected a query file (text)
//	queries/errors.insights:3:7: has a NUL byte (a binary file?); expected a query file (text) in UTF-8
type Error struct {
	Path string // the file, as the caller names it
	Line int    // 1-based line of the first bad byte; 0 for the file as a whole
	Col  int    // 1-based column (in characters) of the first bad byte; 0 when Line is
	Msg  string // what is wrong and what was expected, without the path
	Err  error  // ErrNotRegular, ErrTooLarge, ErrNotText, or the operating system's error
}

func (e *Error) Error() string {
	s := e.Path
	if e.Line > 0 {
		s += ":" + strconv.Itoa(e.Line)
		if e.Col > 0 {
			s += ":" + strconv.Itoa(e.Col)
		}
	}
	return s + ": " + e.Msg
}

// Unwrap returns the sentinel or the operating system's error.
func (e *Error) Unwrap() error { return e.Err }

func newError(path string, k Kind, err error, format string, args ...any) *Error {
	return &Error{Path: path, Err: err, Msg: fmt.Sprintf(format, args...) + "; expected " + k.String()}
}

// size renders a byte count the way the limits are written: "64 KiB",
// "4 MiB", or bytes.
func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}
