package insights

// This file is the one place where the engine's limits, defaults and its
// answers to the questions the CloudWatch Logs documentation leaves open are
// written down. Other files refer here instead of repeating the rules.
//
// # Decisions on open questions and inferred rules
//
// Lexical and syntax
//   - Keywords and function names are case-insensitive; field names are
//     case-sensitive.
//   - A `/` starts a regex literal where an operand is expected (after like,
//     =~, "(", ",", parse, ...) and is the division operator after an operand.
//   - Precedence, loosest first: or, and, not, comparison (= != < <= > >= like
//     =~ in), + -, * / %, ^, unary minus. All binary operators are
//     left-associative.
//   - A stats/fields expression without an alias is named by its canonical
//     text (Expr.String: lower-case keywords, function names in their
//     documented spelling, single spaces around binary operators), e.g.
//     `count(*)`, `bin(1h)`, `avg(time_sec)`, `abs(f3 - f4)`. CloudWatch uses
//     the text as written; the two agree for the usual spelling.
//   - `sort f` without a direction sorts ascending (the docs are silent).
//   - `limit` accepts 1..MaxLimit; `limit any N` is accepted and behaves like
//     `limit N` (its order is unspecified upstream; ours is deterministic).
//
// Values and comparisons
//   - Every value is null, a string, a number, a boolean, a timestamp, a map
//     or a list. JSON numbers keep their text for display.
//   - =, !=, <, <=, >, >= compare numerically when both sides are numbers or
//     numeric strings, otherwise as case-sensitive strings.
//   - A comparison, like, =~ or in with a missing (null) side is false; this
//     includes != and not in (recommended resolution). `not` of such a
//     comparison is true.
//   - Truthiness (filter conditions, and/or/not): booleans as is, numbers
//     and numeric strings when not zero, other strings when not empty, null
//     is false.
//   - Arithmetic on a non-numeric operand, division or modulo by zero gives
//     null.
//
// Fields
//   - System fields: @timestamp, @message, @logStream, @log (the log group
//     name as given in the event; there is no account id offline),
//     @ingestionTime (null when zero). @ptr is not produced (omitted).
//     @entity.*, the Lambda fields (@requestId, @duration, @billedDuration,
//     @type, @maxMemoryUsed, @memorySize, @xrayTraceId, @xraySegmentId) and
//     the VPC flow log and Route 53 fields parse as field names; offline they
//     have a value only when the JSON message holds them (the text of
//     Lambda REPORT lines and flow log lines is not parsed offline).
//   - JSON messages: the first `{` of the message starts the JSON object
//     (for plain JSON lines that is the first byte; for Lambda-style lines,
//     the first embedded fragment). Leaves are flattened with dots (`a.b`,
//     array elements as indexes `items.0.id`), at most MaxJSONFields leaves
//     per event and MaxJSONDepth levels; a JSON string holding JSON is not
//     traversed; a first key starting with `@` gets one more `@`. JSON
//     booleans are shown 1/0, JSON null is missing. A message whose JSON is
//     cut off still yields the leaves before the cut. Only the fields a query
//     references are extracted, and extraction stops once all are found.
//   - Discovered fields are looked up lazily, on first use per event.
//
// Commands
//   - Output columns: the last `display` if there is one; otherwise the
//     columns of the last `stats` followed by the names added by later
//     `fields` and `parse` commands; with no stats, the names of all
//     `fields` and `parse` commands in order; with no fields, display or
//     stats, @timestamp and @message (followed by parse names, if any).
//     unnest adds its `into` name, lookup its output columns and diff
//     @previousCount and @isNew, where parse adds its names.
//   - Default order: newest first (@timestamp descending); ties keep input
//     order. `limit` and `dedup` work on that order unless a `sort` or
//     `stats` came before.
//   - stats output order without `sort`: ascending by the group values, left
//     to right, in natural order. A missing group value forms its own group
//     (the field is left out of that row).
//   - At most MaxStatsCommands stats; the second may only reference fields
//     the first produced; bin() in the second needs @timestamp from the first;
//     sort and limit may not come before the second stats; only limit may
//     follow dedup.
//   - parse glob: a regex search (not anchored) with each `*` a lazy `(.*?)`
//     except a trailing `*`, which takes the rest of the value; the number of
//     `*` must equal the number of names. A row that does not match is kept
//     and the names are set to null (they hide discovered fields of the same
//     name). `multi` emits one row per match.
//   - dedup: the first row per distinct combination in the current order;
//     rows with any listed field null are all kept.
//   - unmask (command and function) is the identity offline.
//   - unnest f into x: one row per element of f's list; a value that is not
//     a list (a map, string, number) is a list of one; a missing value or an
//     empty list gives no row.
//   - filterIndex runs as the filter it is (CloudWatch only uses it to skip
//     log groups and events); its condition must be `field = literal` or
//     `field in [literals]`, joined by and/or.
//   - SOURCE must be the first command. Offline it keeps the events whose
//     log group (Event.LogGroup, @log) has one of the namePrefix prefixes, or
//     equals one of the names of `SOURCE name, ...`; events without a log
//     group (raw input lines) are kept, as there is nothing to select on.
//     accountIdentifiers narrows only log groups written
//     "123456789012:/name"; class and
//     start=/end= do not narrow offline (events carry no class, and events
//     are not filtered by time). Limits: 5 prefixes, 20 accounts (as
//     documented), classes STANDARD and INFREQUENT_ACCESS.
//   - lookup TABLE col [as field], ... OUTPUT|OUTPUTNEW col, ...: the table
//     comes from Options.LookupTables (a CSV file with a header offline,
//     at most MaxLookupTableBytes). A row matches when every key column
//     equals the field's text, case-sensitive; the first matching table row
//     in file order wins; a row with a missing key field, or without a
//     match, is passed on unchanged. OUTPUT overwrites the output fields,
//     OUTPUTNEW sets only the ones that are missing.
//   - diff [previousDay|previousWeek|previousMonth]: the query range is
//     Options.Start..End (both ends included); the earlier range is the one
//     just before it of equal length, or the same range shifted back by 24
//     hours, 7 days or one calendar month. Rows in the query range go on
//     with @previousCount, the number of rows of the earlier range with the
//     same @message, and @isNew (1 when that count is 0); rows of the earlier
//     range are counted and dropped, rows in neither are dropped. Rows
//     without @timestamp (after stats) are dropped: put diff before stats.
//   - `field [not] in (query)`: the events are kept in memory, the subquery
//     runs over them first (its SOURCE selects among their log groups), and
//     its result's only column, or the column named like the field, gives
//     the values; = semantics apply (numbers compare as numbers).
//   - pattern, anomaly, join, appendcols,
//     addtotals, accum, autoregress, logcompare, filldown, fillmissing,
//     cidrlookup, outlier, sessionize, countFrequent, relevantfields and
//     expand are parsed and their arguments checked as documented, but Run
//     returns a *NotRunError naming them: machine-learning commands cannot
//     give CloudWatch's rows offline, and the others read other log groups
//     or are not implemented offline yet.
//
// Limits on hostile input
//   - Parse refuses a query over MaxQueryLength characters before lexing it,
//     and nesting (parentheses, unary minus, not, subqueries) past
//     MaxNestingDepth before recursing; errors show at most maxSnippetBytes
//     of the line around the column.
//   - A function that would build a string over MaxValueBytes (replace,
//     concat, regexReplace, and any other string function) stops the run
//     with an *Error at the call; replace and concat compute the size before
//     building, regexReplace stops at the first match past the cap.
//   - Regexes: every /regex/ literal, =~ string, regexReplace pattern and
//     parse pattern (a glob is a regex, see parse glob) is measured by the
//     parser before anything compiles it (internal/regexbound: about one
//     instruction per character or class, a counted repetition its count
//     times over). Parse refuses one of more than MaxRegexProgram
//     instructions, and the one that takes the query's regexes past
//     MaxQueryRegexProgram in all, with an *Error at the regex; a subquery's
//     regexes count apart, as it runs in a pass of its own.
//   - Regex work per row: a search costs up to the regex's size times the
//     bytes it scans (Go's regexp, like RE2, is linear in the text). In a
//     query whose regexes total T instructions, each regex scans the first
//     MaxRegexWork/T bytes of its input, so that all of them together take
//     at most MaxRegexWork steps per row. For T up to MaxRegexProgram that
//     is 1 MiB or more: every event CloudWatch accepts is scanned whole
//     (PutLogEvents takes events of up to 1 MB, 256 KB before). For T at
//     MaxQueryRegexProgram it is the first 256 KiB. A longer value is read
//     as if it ended at the cut, made before a partial UTF-8 character (`$`
//     can match there); parse captures within it, and regexReplace replaces
//     the matches within it and keeps the rest as it is.
//   - Known gap: parse ... multi and regexReplace search again after each
//     match, and Go's regexp may rescan the rest of the window each time a
//     preferred branch runs on past the match and then fails (/(a*b)|a/
//     over a long run of a: 40 KB took 23 s). Those two can pass
//     MaxRegexWork, up to the window times the bytes scanned past each
//     match.
//
// Sorting
//   - Natural sort as documented: in ascending order every non-number comes
//     before every number; non-numbers compare rune by rune with digit runs
//     compared by length, then value. A number is a value of numeric type
//     (number, boolean, timestamp) or a string of the form -?digits(.digits)?
//     (the docs say "all digits"; decimals are added so that averages sort by
//     value). Numbers compare by value, ties by their text (`01` < `1`).
//     Descending is the exact reverse. Null sorts last in both directions.
//
// Functions
//   - bin(p) floors @timestamp to a multiple of p counted from the Unix
//     epoch in UTC; datefloor/dateceil do the same for their argument. The
//     documented caps (ms ≤ 1000, s ≤ 60, m ≤ 60, h ≤ 24) clamp the count for
//     all three. Days and weeks are fixed 86400000/604800000 ms multiples
//     from the epoch; months, quarters and years truncate on the calendar
//     (month number since year 0, floored to a multiple of the count).
//   - pct(f, p) is exact nearest-rank on all values of the group (it keeps
//     the values of a group in memory). count_distinct is exact.
//     stddev is the sample standard deviation (n-1), 0 for one value.
//   - earliest/latest take the value from the row with the smallest/largest
//     @timestamp; ties go to the first/last row in input order.
//   - now() is epoch seconds of Options.Now; queryStartTime() and
//     queryEndTime() are timestamps; queryTimeRange() is milliseconds.
//   - haversine returns kilometres (Earth radius 6371 km).
//   - concat treats missing arguments as empty strings.
//   - regexReplace needs a literal pattern (string or /regex/), compiled once.
//   - formatDate and parseDate take Java DateTimeFormatter patterns (the common
//     letters y M d H h m s S a E Z X z and 'quoted text'); strftime takes
//     C strftime patterns.
//   - Number display: integers (|x| < 1e15) without a decimal point, others
//     with the shortest exact decimal representation.
//   - Timestamps display as `2006-01-02 15:04:05.000` in UTC.
//   - With Options.TimestampField, an event whose field is missing,
//     unreadable or outside MinTimestamp..MaxTimestamp is reported through
//     OnTimestampError and left out of the results (it still counts as
//     scanned); it is never placed at 1970-01-01.

// Limits and defaults, named once.
const (
	// DefaultLimit is the number of rows a query returns without a limit
	// command (the StartQuery default).
	DefaultLimit = 10_000
	// MaxLimit is the largest value `limit` accepts (the current Limit page).
	MaxLimit = 100_000
	// MaxStatsCommands is the number of stats commands a query may have.
	MaxStatsCommands = 2
	// MaxJSONFields is the number of JSON leaves discovered per event.
	MaxJSONFields = 200
	// MaxJSONDepth is the nesting depth beyond which JSON is not flattened.
	MaxJSONDepth = 64
	// MaxCaseBranches is the number of condition/value pairs case() takes.
	MaxCaseBranches = 10
	// MaxQueryLength is the longest query in characters (StartQuery's
	// queryString and AWS::Logs::QueryDefinition's QueryString allow 10,000).
	MaxQueryLength = 10_000
	// MaxNestingDepth bounds parentheses, unary minus, not and subqueries
	// nested in one another; the parser checks it before it recurses.
	MaxNestingDepth = 100
	// MaxValueBytes caps a string the engine builds for one row (replace,
	// concat, regexReplace, ...): CloudWatch's largest event is 1 MiB, and a
	// value over it stops the run with an error naming the function.
	MaxValueBytes = 1 << 20

	// MaxRegexProgram bounds the size of one regex, in RE2 instructions as
	// internal/regexbound estimates them before compiling (a counted
	// repetition such as a{100} counts 100 times). The size is the work per
	// byte in the worst case. Measured with Go 1.26 on one core, over 1 MiB:
	// a regex at this limit that keeps every instruction busy (/x{1,127}y/
	// over "xxx...") takes about 1.5 s, the 10,009 instructions of
	// /a{1000}/ written ten times took 35 s. Real regexes stay well under
	// it: the AWS Athena regex for ALB access logs (30 named groups) is 196,
	// a VPC flow log parse 83, a UUID 44, an IPv4 address 29. Filter
	// patterns use the same measure and limit (filterpattern.MaxRegexProgram).
	MaxRegexProgram = 256
	// MaxQueryRegexProgram bounds the total size of the regexes of one
	// query (a subquery counts apart), so that the window MaxRegexWork
	// leaves each of them is at least 256 KiB.
	MaxQueryRegexProgram = 4 * MaxRegexProgram
	// MaxRegexWork bounds the regex matching of one row, in instructions
	// times bytes: each regex of a query whose regexes total T instructions
	// scans at most the first MaxRegexWork/T bytes of its input (see the
	// rules above). It is MaxRegexProgram times CloudWatch's largest event
	// (1 MiB): about 1.5 s per row in the worst case measured above, and far
	// less for real regexes.
	MaxRegexWork = MaxRegexProgram * MaxValueBytes

	// Caps of bin/datefloor/dateceil counts per unit; bigger counts are clamped.
	maxBinMillis  = 1000
	maxBinSeconds = 60
	maxBinMinutes = 60
	maxBinHours   = 24

	// MaxLookupTableBytes is the largest lookup table CloudWatch accepts (a
	// CSV file of at most 10 MB).
	MaxLookupTableBytes = 10 << 20

	// Documented limits of SOURCE logGroups(...).
	maxSourcePrefixes = 5  // namePrefix entries
	maxSourceAccounts = 20 // accountIdentifiers entries

	// maxSnippetBytes is the longest source line an error shows whole; a
	// longer one is shown as a window around the column.
	maxSnippetBytes = 160

	// MinTimestamp and MaxTimestamp bound the timestamps (epoch
	// milliseconds) the engine reads: CloudWatch event timestamps are not
	// negative, and @timestamp shows a four-digit year. A timestamp outside
	// is an error, never a wrapped-around date.
	MinTimestamp = 0               // 1970-01-01T00:00:00.000Z
	MaxTimestamp = 253402300799999 // 9999-12-31T23:59:59.999Z

	// batchSize is the number of events a worker processes at a time.
	batchSize = 2048
)
