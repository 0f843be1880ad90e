#!/usr/bin/env bash
# Helpers of bench/filter.sh and bench/query.sh: the 1,000,000-event input,
# DuckDB (bench/duckdb), timing with medians and the load average, and the
# history appended to bench/RESULTS.md. Sourced, not run.

N=${N:-1000000}
RUNS=${RUNS:-5}
CORES=${CORES:-"1 2"}
RECORD=${RECORD:-1} # 0: do not append to bench/RESULTS.md
BEFORE=${BEFORE:-}  # another logq binary (an older build) to measure beside this one
RT=${RT:-0}         # 1 (as root): run the measured commands but jq at real-time priority (chrt -f 1), so that other work on a shared machine does not take their cores
OUT=bench/out
DATA=$OUT/events-$N.jsonl
BIN=$OUT/logq
RESULTS=bench/RESULTS.md
PREFIX=$(basename "$0" .sh) # of the output files in $OUT
HISTORY='## logq history (appended by bench/filter.sh and bench/query.sh)'

mkdir -p "$OUT"
[[ -x /usr/bin/time ]] || { echo "$0: GNU time (/usr/bin/time) is not installed" >&2; exit 2; }

# build_and_generate builds cmd/logq and writes the input once (fixed seed).
build_and_generate() {
	go build -o "$BIN" ./cmd/logq
	if [[ ! -s $DATA ]]; then
		echo "generating $N lines into $DATA"
		go run ./bench/genlogs -n "$N" -out "$DATA.tmp"
		mv "$DATA.tmp" "$DATA"
	fi
	bytes=$(stat -c %s "$DATA")
	cat "$DATA" >/dev/null # warm the page cache
}

# duckdb_ready installs bench/duckdb's pinned @duckdb/node-api once and
# reports whether DuckDB can run; without node or npm the DuckDB rows are
# left out, with a message.
duckdb_ready() {
	command -v node >/dev/null && command -v npm >/dev/null || { echo "no node/npm: DuckDB left out" >&2; return 1; }
	if [[ ! -d bench/duckdb/node_modules/@duckdb/node-api ]]; then
		(cd bench/duckdb && npm ci --no-audit --no-fund --loglevel=error) >&2 || { echo "npm ci in bench/duckdb failed: DuckDB left out" >&2; return 1; }
	fi
}

# duckdb_version prints the version of bench/duckdb's @duckdb/node-api.
duckdb_version() { node -p 'require("./bench/duckdb/node_modules/@duckdb/node-api/package.json").version'; }

# median reads numbers, one a line, and prints their median.
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# out NAME CORES is the file of a measured command's standard output.
out() { echo "$OUT/$PREFIX-$1-$2.out"; }

# once NAME CORES CMD... runs CMD once on CORES cores (taskset on CPUs
# 0..CORES-1, GOMAXPROCS=CORES) with stdout to $(out NAME CORES), and adds
# its wall and CPU seconds, peak RSS and the load average before it to
# NAME's samples. Scripts run their tools in turn, RUNS rounds, so that a
# load that changes during a benchmark weighs on each alike.
once() {
	local name=$1 cores=$2 pin=() start end m u s
	shift 2
	command -v taskset >/dev/null && pin=(taskset -c "0-$((cores - 1))")
	[[ $RT == 1 && $name != jq ]] && pin=(chrt -f 1 "${pin[@]}")
	local load
	load=$(cut -d' ' -f1 /proc/loadavg)
	start=$(date +%s%N)
	GOMAXPROCS=$cores /usr/bin/time -f '%M %U %S' -o "$OUT/$PREFIX-$name.time" "${pin[@]}" "$@" >"$(out "$name" "$cores")" || [[ $? -eq 1 ]]
	end=$(date +%s%N)
	read -r m u s < <(tail -1 "$OUT/$PREFIX-$name.time")
	awk -v s="$start" -v e="$end" -v m="$m" -v u="$u" -v y="$s" -v l="$load" 'BEGIN { printf "%.4f %.2f %d %s\n", (e - s) / 1e9, u + y, m, l }' >>"$OUT/$PREFIX-$name-$cores.samples"
}

# forget NAME CORES drops NAME's samples.
forget() { rm -f "$OUT/$PREFIX-$1-$2.samples"; }

# summary NAME CORES sets wall (median seconds), cpu (median user+sys
# seconds: what a busy machine changes least), rss (median peak KiB) and
# load (the 1-minute load average before the runs, lowest-highest) from
# NAME's samples.
summary() {
	local f="$OUT/$PREFIX-$1-$2.samples"
	wall=$(cut -d' ' -f1 "$f" | median)
	cpu=$(cut -d' ' -f2 "$f" | median)
	rss=$(cut -d' ' -f3 "$f" | median)
	load=$(cut -d' ' -f4 "$f" | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print (lo == hi) ? lo : lo "-" hi }')
}

# row TOOL CORES REF adds a table row of the last summary: the ratio is
# wall / REF (or - without REF).
rows=""
row() {
	rows+=$(awk -v t="$1" -v c="$2" -v ref="$3" -v w="$wall" -v cpu="$cpu" -v r="$rss" -v l="$load" 'BEGIN {
		ratio = (ref > 0) ? sprintf("%.2f", w / ref) : "-"
		printf "| %s | %s | %.3f | %s | %.2f | %.0f | %s |", t, c, w, ratio, cpu, r / 1024, l
	}')$'\n'
}

# table TITLE RATIO_HEADER NOTES prints the table and, with RECORD=1, appends
# it to the history in bench/RESULTS.md.
table() {
	local title=$1 ratio=$2 notes=$3 head
	head="### $title, $(date -u +%Y-%m-%dT%H:%MZ), $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo '+changes')"
	local body
	body=$(printf '%s\n\n%s\n\n| tool | cores | median wall s | %s | median CPU s | median peak RSS MiB | load avg (1 min) before the runs |\n|---|---|---|---|---|---|---|\n%s%s\n' \
		"$head" "input: $N lines ($((bytes / 1000000)) MB), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), medians of $RUNS runs in turn$([[ $RT == 1 ]] && echo ', real-time priority (RT=1) but jq')" "$ratio" "$rows" $'\n'"$notes")
	echo
	echo "$body"
	if [[ $RECORD == 1 ]]; then
		grep -qxF "$HISTORY" "$RESULTS" || printf '\n%s\n\nEach run of the scripts appends its table here; the figures depend on the load average next to them.\n' "$HISTORY" >>"$RESULTS"
		printf '\n%s\n' "$body" >>"$RESULTS"
		echo "(appended to $RESULTS)"
	fi
}
