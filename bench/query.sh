#!/usr/bin/env bash
# Benchmarks "logq query" (filter + stats by hour) against DuckDB and jq on
# 1 and 2 cores.
#
# Builds cmd/logq, generates N JSON log lines into bench/out/ once
# (bench/genlogs, fixed seed), then runs
#
#   filter event = "my-queue-worker"
#   | stats count(*) as n, avg(time_sec) as avg_s by bin(1h)
#
# with --input raw --timestamp-field time, the same in DuckDB
# (read_ndjson, GROUP BY time_bucket: bench/duckdb) and the jq pipeline
#
#   jq -c 'select(.event=="my-queue-worker") | {h: .time[0:13], t: .time_sec}' FILE
#   | jq -s 'group_by(.h) | map({h: .[0].h, n: length, avg: (map(.t)|add/length)})'
#
# each pinned to CORES cores (taskset; GOMAXPROCS and DuckDB's threads the
# same), in turn for RUNS rounds. It checks that all give the same groups with the same counts and
# prints a table of median wall time, the ratio to logq's on as many cores,
# peak RSS and the load average, appended to bench/RESULTS.md (RECORD=0:
# not). Timing never fails the script; different results do.
#
#   bench/query.sh                        # 1,000,000 lines, 5 rounds, 1 and 2 cores
#   N=200000 RUNS=3 CORES=2 JQ=0 bench/query.sh
#   BEFORE=bench/out/logq.old bench/query.sh    # an older build beside this one
#   RT=1 bench/query.sh                      # on a shared machine: real-time priority, as root
set -euo pipefail

cd "$(dirname "$0")/.."
source bench/logq-lib.sh
JQ=${JQ:-1} # 0: leave jq out (6 s a run)
QUERY='filter event = "my-queue-worker" | stats count(*) as n, avg(time_sec) as avg_s by bin(1h)'
SQL="SELECT strftime(time_bucket(INTERVAL 1 hour, time), '%Y-%m-%d %H') AS h, count(*) AS n, avg(time_sec) AS avg_s
	FROM read_ndjson('$DATA', columns={time: 'TIMESTAMP', event: 'VARCHAR', time_sec: 'DOUBLE'})
	WHERE event = 'my-queue-worker' GROUP BY h ORDER BY h"
JQ1='select(.event=="my-queue-worker") | {h: .time[0:13], t: .time_sec}'
JQ2='group_by(.h) | map({h: .[0].h, n: length, avg: (map(.t)|add/length)})'

build_and_generate
have_duckdb=0
duckdb_ready && have_duckdb=1

# groups FILE KIND prints "YYYY-MM-DD HH n" per group of a tool's output.
groups() {
	case $2 in
	logq) jq -r '"\(.["bin(1h)"][0:13]) \(.n)"' "$1" ;;
	duckdb) jq -r '"\(.h) \(.n)"' "$1" ;;
	jq) jq -r '.[] | "\(.h | sub("T"; " ")) \(.n)"' "$1" ;;
	esac | sort
}

echo "input: $N lines, $((bytes / 1000000)) MB; cores: $CORES; $RUNS rounds"
failed=0
logq_args=(query --input raw --timestamp-field time --format json -q "$QUERY" "$DATA")
for c in $CORES; do
	for name in logq before duckdb duckdb-start true; do forget "$name" "$c"; done
	for ((i = 0; i < RUNS; i++)); do
		once true "$c" true
		once logq "$c" "$BIN" "${logq_args[@]}"
		[[ -n $BEFORE ]] && once before "$c" "$BEFORE" "${logq_args[@]}"
		if ((have_duckdb)); then
			once duckdb "$c" node bench/duckdb/run.mjs "$c" "$SQL"
			once duckdb-start "$c" node bench/duckdb/run.mjs "$c" "SELECT 1"
		fi
	done
	summary logq "$c"
	ref=$wall
	eval "logq_$c=$wall"
	row "logq query" "$c" "$ref"
	groups "$(out logq "$c")" logq >"$OUT/query-logq.groups"
	if [[ -n $BEFORE ]]; then
		summary before "$c"
		row "logq query, $BEFORE" "$c" "$ref"
	fi
	if ((have_duckdb)); then
		summary duckdb "$c"
		row "DuckDB $(duckdb_version)" "$c" "$ref"
		if ! cmp -s "$OUT/query-logq.groups" <(groups "$(out duckdb "$c")" duckdb); then
			echo "MISMATCH: DuckDB and logq query give different groups or counts on $c core(s)" >&2
			failed=1
		fi
		summary duckdb-start "$c"
		row "DuckDB start-up alone (SELECT 1)" "$c" "$ref"
	fi
	summary true "$c"
	row "true (what timing a command costs)" "$c" "$ref"
done
if ((JQ)); then
	forget jq 1
	once jq 1 bash -c 'jq -c "$1" "$3" | jq -s "$2"' _ "$JQ1" "$JQ2" "$DATA"
	summary jq 1
	row "jq pipeline (1 run)" 1 "${logq_1:-}"
	if ! cmp -s "$OUT/query-logq.groups" <(groups "$(out jq 1)" jq); then
		echo "MISMATCH: jq and logq query give different groups or counts" >&2
		failed=1
	fi
fi
notes="Same $(wc -l <"$OUT/query-logq.groups") groups with the same counts from every tool. Ratio: wall ÷ logq query's on as many cores (DuckDB's at least 2 is the target)."
if [[ -n ${logq_1:-} && -n ${logq_2:-} ]]; then
	notes+=" logq query speed-up from 1 to 2 cores (wall on 1 ÷ wall on 2): $(awk -v a="$logq_1" -v b="$logq_2" 'BEGIN { printf "%.2f", a / b }')."
fi
table "logq query (bench/query.sh)" "÷ logq" "$notes"
exit "$failed"
