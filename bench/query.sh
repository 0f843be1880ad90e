#!/usr/bin/env bash
# Benchmarks "logq query" (filter + stats) against a jq pipeline.
#
# Builds cmd/logq, generates N JSON log lines into
# bench/out/ once (bench/genlogs, fixed seed), then runs
#
#   filter event = "my-queue-worker"
#   | stats count(*) as n, avg(time_sec) as avg_s by bin(1h)
#
# with --input raw --timestamp-field time, and the equivalent
#
#   jq -c 'select(.event=="my-queue-worker") | {h: .time[0:13], t: .time_sec}' FILE
#   | jq -s 'group_by(.h) | map({h: .[0].h, n: length, avg: (map(.t)|add/length)})'
#
# checks that both give the same groups with the same counts (and so the
# same total n), and reports wall time, throughput, peak RSS, CPU
# utilisation ((user+sys)/wall: above 100% means more than one core) and
# the speed ratio. logq uses all cores (GOMAXPROCS unset).
#
#   bench/query.sh                  # 1,000,000 lines, best of 3 logq runs, 1 jq run
#   N=200000 RUNS=1 bench/query.sh
set -euo pipefail

cd "$(dirname "$0")/.."
N=${N:-1000000}
RUNS=${RUNS:-3}
JQ_RUNS=${JQ_RUNS:-1}
OUT=bench/out
DATA=$OUT/query-events-$N.jsonl
BIN=$OUT/logq
QUERY='filter event = "my-queue-worker" | stats count(*) as n, avg(time_sec) as avg_s by bin(1h)'
JQ1='select(.event=="my-queue-worker") | {h: .time[0:13], t: .time_sec}'
JQ2='group_by(.h) | map({h: .[0].h, n: length, avg: (map(.t)|add/length)})'

mkdir -p "$OUT"
command -v jq >/dev/null || { echo "query.sh: jq is not installed" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "query.sh: GNU time (/usr/bin/time) is not installed" >&2; exit 2; }
go build -o "$BIN" ./cmd/logq
if [[ ! -s $DATA ]]; then
	echo "generating $N lines into $DATA"
	go run ./bench/genlogs -n "$N" -out "$DATA.tmp"
	mv "$DATA.tmp" "$DATA"
fi
bytes=$(stat -c %s "$DATA")
cat "$DATA" >/dev/null # warm the page cache

# measure NAME RUNS CMD...: runs CMD with stdout to $OUT/NAME.out and sets
# wall, user, sys (seconds) and rss (KiB) from the fastest run.
measure() {
	local name=$1 runs=$2
	shift 2
	wall=""
	for ((i = 0; i < runs; i++)); do
		local w u s r
		/usr/bin/time -f '%e %U %S %M' -o "$OUT/$name.time" "$@" >"$OUT/$name.out"
		read -r w u s r <"$OUT/$name.time"
		if [[ -z $wall ]] || awk -v a="$w" -v b="$wall" 'BEGIN { exit !(a < b) }'; then
			wall=$w user=$u sys=$s rss=$r
		fi
	done
}

report() {
	awk -v n="$1" -v w="$2" -v u="$3" -v s="$4" -v r="$5" -v l="$N" -v b="$bytes" 'BEGIN {
		if (w <= 0) w = 0.01
		printf "%-5s %7.2f s wall %11.0f lines/s %7.1f MB/s %8.1f MiB peak RSS  CPU %4.0f%% (user %.2f s + sys %.2f s)\n",
			n, w, l / w, b / w / 1e6, r / 1024, 100 * (u + s) / w, u, s
	}'
}

echo "input: $N lines, $((bytes / 1000000)) MB, $(nproc) cores; logq best of $RUNS, jq best of $JQ_RUNS"
measure logq "$RUNS" "$BIN" query --input raw --timestamp-field time --format json -q "$QUERY" "$DATA"
l_wall=$wall l_user=$user l_sys=$sys l_rss=$rss
measure jq "$JQ_RUNS" bash -c 'jq -c "$1" "$3" | jq -s "$2"' _ "$JQ1" "$JQ2" "$DATA"
j_wall=$wall j_user=$user j_sys=$sys j_rss=$rss

# Same groups, same counts: compare "hour count" lines.
jq -r '"\(.["bin(1h)"][0:13]) \(.n)"' "$OUT/logq.out" | sort >"$OUT/logq.groups"
jq -r '.[] | "\(.h | sub("T"; " ")) \(.n)"' "$OUT/jq.out" | sort >"$OUT/jq.groups"
l_groups=$(wc -l <"$OUT/logq.groups") j_groups=$(wc -l <"$OUT/jq.groups")
l_total=$(awk '{ n += $3 } END { print n + 0 }' "$OUT/logq.groups")
j_total=$(awk '{ n += $3 } END { print n + 0 }' "$OUT/jq.groups")
echo "groups: logq $l_groups, jq $j_groups; total n: logq $l_total, jq $j_total"
if [[ $l_groups != "$j_groups" || $l_total != "$j_total" ]] || ! cmp -s "$OUT/logq.groups" "$OUT/jq.groups"; then
	echo "query.sh: the results differ" >&2
	diff "$OUT/logq.groups" "$OUT/jq.groups" | head >&2 || true
	exit 1
fi

report logq "$l_wall" "$l_user" "$l_sys" "$l_rss"
report jq "$j_wall" "$j_user" "$j_sys" "$j_rss"
awk -v l="$l_wall" -v j="$j_wall" 'BEGIN { if (l <= 0) l = 0.01; printf "logq is %.1fx faster than jq (target 5x)\n", j / l }'
