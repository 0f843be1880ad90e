#!/usr/bin/env bash
# Benchmarks "logq filter" against jq on one core.
#
# Builds cmd/logq, generates 1,000,000 JSON
# log lines into bench/out/ once (bench/genlogs, fixed seed), then runs the
# same selection with both tools, pinned to CPU 0 with GOMAXPROCS=1, checks
# that both print the same number of lines, and reports wall time,
# throughput, peak RSS and the speed ratio.
#
#   bench/filter.sh            # 1,000,000 lines, best of 3 runs
#   N=200000 RUNS=1 bench/filter.sh
set -euo pipefail

cd "$(dirname "$0")/.."
N=${N:-1000000}
RUNS=${RUNS:-3}
OUT=bench/out
DATA=$OUT/events-$N.jsonl
BIN=$OUT/logq
PATTERN='{ $.event = "my-queue-worker" && $.success = "False" }'
JQ_FILTER='select(.event=="my-queue-worker" and .success=="False")'

mkdir -p "$OUT"
command -v jq >/dev/null || { echo "filter.sh: jq is not installed" >&2; exit 2; }
go build -o "$BIN" ./cmd/logq
if [[ ! -s $DATA ]]; then
	echo "generating $N lines into $DATA"
	go run ./bench/genlogs -n "$N" -out "$DATA"
fi
bytes=$(stat -c %s "$DATA")
cat "$DATA" >/dev/null # warm the page cache

pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0); fi
export GOMAXPROCS=1

# measure NAME CMD...: runs CMD RUNS times with stdout to $OUT/NAME.out and
# sets best_wall (seconds) and best_rss (KiB) from the fastest run.
measure() {
	local name=$1
	shift
	best_wall="" best_rss=""
	for ((i = 0; i < RUNS; i++)); do
		local wall rss
		if [[ -x /usr/bin/time ]]; then
			/usr/bin/time -f '%e %M' -o "$OUT/$name.time" "${pin[@]}" "$@" >"$OUT/$name.out" || [[ $? -eq 1 ]]
			read -r wall rss <"$OUT/$name.time"
		else
			# No GNU time: wall clock from date, peak RSS from /proc while running.
			local start end pid peak=0 hwm
			start=$(date +%s.%N)
			"${pin[@]}" "$@" >"$OUT/$name.out" &
			pid=$!
			while kill -0 "$pid" 2>/dev/null; do
				hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
				((${hwm:-0} > peak)) && peak=$hwm
				sleep 0.01
			done
			wait "$pid" || [[ $? -eq 1 ]]
			end=$(date +%s.%N)
			wall=$(echo "$end - $start" | bc -l)
			rss=$peak
		fi
		if [[ -z $best_wall ]] || (($(echo "$wall < $best_wall" | bc -l))); then
			best_wall=$wall best_rss=$rss
		fi
	done
}

report() {
	local name=$1 wall=$2 rss=$3 lines=$4
	awk -v n="$name" -v w="$wall" -v r="$rss" -v l="$N" -v b="$bytes" -v m="$lines" 'BEGIN {
		if (w <= 0) w = 0.001
		printf "%-12s %8.3f s %12.0f lines/s %9.1f MB/s %9.1f MiB RSS %8d matches\n", n, w, l / w, b / w / 1e6, r / 1024, m
	}'
}

echo "input: $N lines, $((bytes / 1000000)) MB; one core (${pin[*]:-no taskset}), GOMAXPROCS=1, best of $RUNS"
measure logq "$BIN" filter "$PATTERN" "$DATA"
ours_wall=$best_wall ours_rss=$best_rss
measure jq jq -c "$JQ_FILTER" "$DATA"
jq_wall=$best_wall jq_rss=$best_rss

ours_lines=$(wc -l <"$OUT/logq.out")
jq_lines=$(wc -l <"$OUT/jq.out")
report "logq filter" "$ours_wall" "$ours_rss" "$ours_lines"
report "jq" "$jq_wall" "$jq_rss" "$jq_lines"
if [[ $ours_lines -ne $jq_lines ]]; then
	echo "MISMATCH: logq filter printed $ours_lines lines, jq $jq_lines" >&2
	exit 1
fi
awk -v o="$ours_wall" -v j="$jq_wall" 'BEGIN { if (o <= 0) o = 0.001; printf "same %s matches; logq filter is %.1fx faster than jq\n", "'"$ours_lines"'", j / o }'
