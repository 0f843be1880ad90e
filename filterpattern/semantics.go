package filterpattern

// Semantics documents how this package reads the CloudWatch Logs filter
// pattern documentation (/work/shared/cloudwatch-logs-syntax.md, section 1),
// and in particular every decision taken where the documentation is silent.
// The constant itself carries no meaning; its comment is the specification.
// Each rule is covered by testdata/patterns.txt.
//
// # Dispatch and limits
//
//   - The first non-blank character picks the kind: '{' JSON, '[' space-
//     delimited, '%' standalone regex, anything else terms. An empty or
//     blank pattern, or a single quoted blank term (" "), matches everything.
//   - A pattern holds at most MaxPatternLength characters (runes), at most
//     MaxRegexes %regex%, at most MaxWildcardsPerSelector wildcard per
//     selector and MaxWildcardsPerPattern per pattern.
//   - Keywords (IS, NULL, TRUE, FALSE, NOT, EXISTS) are upper case, as
//     documented. IS NOT and EXISTS are rejected with a hint.
//   - Everything is case-sensitive.
//
// # Terms
//
//   - Terms match by plain substring, also inside words: Error matches
//     NotFoundError (open question; the recommended resolution).
//   - Plain terms are ANDed, -terms must all be absent, ?terms are ORed; when
//     any plain or -term is present, ?terms are ignored (as the current FPS
//     page says: ?ERROR ?ARGUMENTS REQUEST is REQUEST).
//   - An unquoted term is any run of non-blank bytes without '"' (so #Cloud
//     and error: are literal substrings: open question, accepted). In a
//     quoted term a backslash takes the next byte literally (\" and \\ are
//     what aws-cdk emits).
//   - A pattern starting with '%' is a regex pattern; text after the closing
//     '%' is an error rather than turning the whole pattern into terms.
//
// # Regular expressions
//
//   - The body may only use [A-Za-z0-9], : _ # = @ / ; , - the operators
//     ^ $ ? [ ] { } | \ * + . and the blank (used by a documented example).
//     '(' ')' '!' other symbols and multi-byte characters are rejected at
//     their position; use \xhh for such bytes. The body ends at the first
//     '%'. {,n} means {0,n}. Matching is an unanchored search (Go regexp).
//   - As a JSON value, a regex tests the text of a string, or the literal
//     text of a number; != is "does not match".
//
// # JSON patterns
//
//   - Only a message that is, as a whole, one valid JSON object (RFC 8259;
//     surrounding JSON whitespace allowed) can match: a prefix, trailing
//     text, or any syntax error anywhere in the message means no match,
//     even for NOT EXISTS. Nesting deeper than 1000 levels is no match.
//   - A condition holds when any value its selector reaches satisfies it:
//     several values arise from wildcards (.* and [*], both over object
//     members and array elements) and from duplicate keys.
//   - A missing field satisfies no comparison, != included (open question;
//     write ($.f != "x") || ($.f NOT EXISTS) to include missing fields).
//     NOT EXISTS holds when the selector reaches no value at all; a field
//     whose value is null exists. IS NULL needs an existing null.
//   - A selector that reaches an object or an array satisfies no test
//     (not even = *), but it exists for NOT EXISTS.
//   - Values meet JSON types as follows. A number value (404, -1.5, 1e+3)
//     compares numerically with JSON numbers only: "400" does not equal 400
//     (open question; no match), and neither does != hold across types. A
//     string value without '*' (quoted, or bare like kms.amazonaws.com)
//     compares with JSON strings only, after unescaping them. A value with
//     '*' is a glob (any run of characters, anywhere in the value) tested on
//     the text of strings and the literal text of numbers, so $.status = 4*
//     matches 404. = * (or "*") holds for any string, number, boolean or
//     null; != * never holds. Booleans and null only meet = *, IS TRUE,
//     IS FALSE and IS NULL: $.flag = true compares with the string "true".
//   - Unquoted values run to a blank, ')', '}', '&' or '|'.
//
// # Space-delimited patterns
//
//   - An event is split at runs of blanks (space, tab); a token starting
//     with '[' runs to the next ']', one starting with '"' to the next '"',
//     and the brackets or quotes are not part of the value (an unclosed one
//     runs to the end of the line).
//   - Without "...", an event with fewer tokens than fields does not match,
//     and with more tokens the last field takes the rest of the line, raw
//     (open question; inferred from the documented trailing blank field). So
//     [w1=ERROR] does not match "ERROR and more", [w1=ERROR, w2] does.
//   - "..." (once, anywhere) takes zero or more tokens: the fields before it
//     take the first tokens and the fields after it the last ones.
//   - Field names are [A-Za-z0-9_-]+, case-sensitive and unique. Conditions
//     within a field may be joined with && (binding tighter) and ||; every
//     condition after the first repeats the field's name.
//   - Fields are text. A number value compares numerically when the field
//     is a number; a field that is not a number only satisfies !=. Strings,
//     globs, regexes and = * work as for JSON strings.
//
// # Metric extraction (NewExtractor)
//
//   - The value is a number literal, a JSON selector for JSON patterns, or
//     $field for space-delimited patterns; $N (digits, not a declared field
//     name) is the N-th token of the event (legacy form of EXBYTES).
//     Selectors for values and dimensions may not hold wildcards; at most
//     MaxDimensions dimensions, and only with JSON or space-delimited
//     patterns.
//   - When the selected value is missing or not a number (JSON numbers and
//     strings holding a number count), Result.HasValue is false: CloudWatch
//     publishes nothing for that event (open question; the recommended
//     resolution).
//   - A dimension that selects nothing, null, an object or an array is left
//     out of Result.Dimensions; strings are unescaped, numbers and booleans
//     keep their JSON text. The first occurrence of a duplicate key is used.
//   - defaultValue is a per-period value, so it has no per-event meaning and
//     is not modelled here.
const Semantics = "see the doc comment"

// Limits enforced by Parse and NewExtractor, as documented by CloudWatch Logs.
const (
	// MaxPatternLength is the longest filterPattern, in characters (API-MT).
	MaxPatternLength = 1024
	// MaxRegexes is the number of %regex% a pattern may hold (RGX).
	MaxRegexes = 2
	// MaxWildcardsPerSelector is the number of * steps in one selector (FPS).
	MaxWildcardsPerSelector = 1
	// MaxWildcardsPerPattern is the number of * selector steps in one pattern (FPS).
	MaxWildcardsPerPattern = 3
	// MaxDimensions is the number of dimensions of a metric transformation (MFS).
	MaxDimensions = 3
	// maxJSONDepth bounds the nesting of JSON messages; deeper messages never match.
	maxJSONDepth = 1000
)

// Limits of eventwatch's own, where CloudWatch documents none, so that no
// pattern can exhaust the stack while parsing or make matching one event
// take seconds. Parse refuses a pattern beyond them, with the position.
const (
	// MaxNesting is the deepest nesting of parentheses in a JSON pattern;
	// the parser checks it before it recurses.
	MaxNesting = 64
	// MaxRegexProgram bounds the size of a compiled %regex% (in RE2
	// instructions; a counted repetition such as a{100} counts 100 times).
	// Matching takes time proportional to this size times the length of
	// the message: a 702-character regex of a{1000} repeated compiles to
	// 100,000 instructions and took over a minute on one 100 KB line; at
	// this limit the slowest regex takes under a second on such a line.
	// CloudWatch documents no such limit; the documented examples compile
	// to at most 40 instructions, an IPv4 address to 25, a SHA-256 to 66.
	MaxRegexProgram = 256
)
