#!/usr/bin/env bash
# Benchmarks "logq filter" against its peers on 1 and 2 cores.
#
# Builds cmd/logq, generates N JSON log lines into bench/out/ once
# (bench/genlogs, fixed seed), then selects
#
#   { $.event = "my-queue-worker" && $.success = "False" }
#
# with logq filter, the grep floor (grep -F on the event, then grep -F on
# success: text search without JSON, the least any tool can do), DuckDB
# (the lines whose JSON fields are equal, written out: bench/duckdb) and jq,
# each pinned to CORES cores (taskset; GOMAXPROCS and DuckDB's threads the
# same), in turn for RUNS rounds. It checks that all print the same lines and prints a table of
# median wall time, the ratio to the grep floor on as many cores, peak RSS
# and the load average, appended to bench/RESULTS.md (RECORD=0: not).
# Timing never fails the script; different results do.
#
#   bench/filter.sh                       # 1,000,000 lines, 5 rounds, 1 and 2 cores
#   N=200000 RUNS=3 CORES=1 JQ=0 bench/filter.sh
#   BEFORE=bench/out/logq.old bench/filter.sh   # an older build beside this one
#   RT=1 bench/filter.sh                      # on a shared machine: real-time priority, as root
set -euo pipefail

cd "$(dirname "$0")/.."
source bench/logq-lib.sh
JQ=${JQ:-1} # 0: leave jq out (3 s a run)
PATTERN='{ $.event = "my-queue-worker" && $.success = "False" }'
JQ_FILTER='select(.event=="my-queue-worker" and .success=="False")'
SQL="COPY (SELECT line FROM read_csv('$DATA', columns={'line': 'VARCHAR'}, delim='\x01', quote='', escape='', header=false)
	WHERE json_extract_string(line, '\$.event') = 'my-queue-worker' AND json_extract_string(line, '\$.success') = 'False')
	TO '$OUT/duckdb-filter.lines' (FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIM '\x01')"

build_and_generate
have_duckdb=0
duckdb_ready && have_duckdb=1

echo "input: $N lines, $((bytes / 1000000)) MB; cores: $CORES; $RUNS rounds"
failed=0
floor_cmd=(bash -c 'grep -F "\"event\":\"my-queue-worker\"" "$1" | grep -F "\"success\":\"False\""' _ "$DATA")
for c in $CORES; do
	for name in grep logq before duckdb duckdb-start true; do forget "$name" "$c"; done
	for ((i = 0; i < RUNS; i++)); do
		once true "$c" true
		once grep "$c" "${floor_cmd[@]}"
		once logq "$c" "$BIN" filter "$PATTERN" "$DATA"
		[[ -n $BEFORE ]] && once before "$c" "$BEFORE" filter "$PATTERN" "$DATA"
		if ((have_duckdb)); then
			once duckdb "$c" node bench/duckdb/run.mjs "$c" "$SQL"
			once duckdb-start "$c" node bench/duckdb/run.mjs "$c" "SELECT 1"
		fi
	done
	summary grep "$c"
	floor=$wall
	row "grep -F \| grep -F (floor)" "$c" "$floor"
	summary logq "$c"
	row "logq filter" "$c" "$floor"
	eval "logq_$c=$wall"
	if ! cmp -s "$(out logq "$c")" "$(out grep "$c")"; then
		echo "MISMATCH: logq filter and grep print different lines on $c core(s)" >&2
		failed=1
	fi
	if [[ -n $BEFORE ]]; then
		summary before "$c"
		row "logq filter, $BEFORE" "$c" "$floor"
	fi
	if ((have_duckdb)); then
		summary duckdb "$c"
		row "DuckDB $(duckdb_version)" "$c" "$floor"
		if ! cmp -s "$OUT/duckdb-filter.lines" "$(out logq "$c")"; then
			echo "MISMATCH: DuckDB and logq filter select different lines" >&2
			failed=1
		fi
		summary duckdb-start "$c"
		row "DuckDB start-up alone (SELECT 1)" "$c" "$floor"
	fi
	summary true "$c"
	row "true (what timing a command costs)" "$c" "$floor"
done
if ((JQ)); then
	forget jq 1
	once jq 1 jq -c "$JQ_FILTER" "$DATA"
	summary jq 1
	row "jq (1 run)" 1 ""
	if [[ $(wc -l <"$(out jq 1)") -ne $(wc -l <"$(out logq "${CORES%% *}")") ]]; then
		echo "MISMATCH: jq and logq filter select a different number of lines" >&2
		failed=1
	fi
fi
notes="Same $(wc -l <"$(out logq "${CORES%% *}")") lines from every tool. Ratio: wall ÷ the grep floor's on as many cores."
if [[ -n ${logq_1:-} && -n ${logq_2:-} ]]; then
	notes+=" logq filter speed-up from 1 to 2 cores (wall on 1 ÷ wall on 2): $(awk -v a="$logq_1" -v b="$logq_2" 'BEGIN { printf "%.2f", a / b }')."
fi
table "logq filter (bench/filter.sh)" "÷ grep floor" "$notes"
exit "$failed"
