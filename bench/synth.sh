#!/usr/bin/env bash
# Synth scale benchmark: the Go app (cdk.json's app command) against the same
# stacks written with aws-cdk-lib L2 constructs in plain JavaScript
# (bench/tsapp/app.js), on configs of N services made by bench/gen.
#
#   bench/synth.sh                 # N = 10 50 150, 5 runs each
#   RUNS=3 SIZES="10 150" bench/synth.sh
#
# For each N, the two apps run alternately (the order flips every run so that
# drift in machine load hits both), RUNS times each. Per run it measures:
#   wall  whole-process `cdk synth --quiet` (CLI start, app, CLI reading the
#         cloud assembly), GNU time %e on the cdk process;
#   app   the app command alone (for Go: cdk.json's `go build` (cached) +
#         bin/eventwatch + its jsii node child, and the processes of a
#         parallel synth; for JS: node app.js), GNU time %e of a wrapper the
#         CLI runs in place of the app command;
#   cpu   the app command's CPU time (user + system, its children
#         included), the figure least moved by other work on the machine;
#   rss   peak of the SUM of the RSS of every process under the cdk command
#         (CLI node + app + the Go app's jsii node child), sampled every
#         100 ms from /proc by bench/tsapp/measure.js. GNU time's %M is not a
#         sum: it is the largest single process of the tree; it is reported
#         as `max1` for reference.
# It fails if the two apps do not synthesize the same stacks with the same
# resource types and counts per stack. Results go to stdout and to
# bench/out/synth-results.txt. Medians are reported; the machine may be
# shared, so min-max spreads and the load average are printed too.
# EVENTWATCH_SYNTH_JOBS=1 in the environment keeps the Go app in one
# process (see synth_parallel.go); unset, it synthesizes the environments
# of a large app in parallel, as users run it.
# aws-cdk-lib's built-in CloudFormation validation (schema warnings; the
# bulk of synth time) runs in the JS app, as in any aws-cdk-lib app, and not
# in the Go app, whose cdk.json command sets CDK_VALIDATION=false because
# eventwatch validates its props in Go (test/ runs the CDK's validation on
# the example stacks). CDK_VALIDATION=false in the environment turns it off in
# both apps, CDK_VALIDATION=true on in both: compare like with like.
set -euo pipefail
cd "$(dirname "$0")/.."

export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
RUNS=${RUNS:-5}
SIZES=${SIZES:-"10 50 150"}
ENV_N=${ENV_N:-50}
OUT=bench/out/synth
RESULTS=bench/out/synth-results.txt
CDK=node_modules/.bin/cdk
MEASURE=bench/tsapp/measure.js

[[ -x $CDK ]] || make setup
if [[ ! -d bench/tsapp/node_modules/aws-cdk-lib ]]; then
	(cd bench/tsapp && npm ci --no-audit --no-fund --loglevel=error)
fi
[[ -x /usr/bin/time ]] || { echo "synth.sh: needs GNU time at /usr/bin/time" >&2; exit 1; }

rm -rf "$OUT"
mkdir -p "$OUT"
: >"$RESULTS"
say() { printf '%s\n' "$*" | tee -a "$RESULTS"; }

GO_APP=$(node -p "require('./cdk.json').app")
# Warm the Go build cache once, so that every timed run pays only the no-op build check.
sh -c "${GO_APP%%&&*}"

# synth LABEL CONFIG_DIR ASSEMBLY_DIR APP_COMMAND [cdk args...]
# Appends "wall app rss max1 cpu" to $OUT/LABEL.times.
synth() {
	local label=$1 cfg=$2 asm=$3 app=$4
	shift 4
	local tfile=$OUT/$label.t apptfile=$OUT/$label.appt
	rm -rf "$asm"
	/usr/bin/time -f '%e %M' -o "$tfile" \
		"$CDK" synth --quiet -c config="$cfg" -o "$asm" "$@" \
		--app "/usr/bin/time -f '%e %M %U %S' -o $apptfile $app" >"$OUT/$label.log" 2>&1 &
	local pid=$!
	node "$MEASURE" rss "$pid" >"$OUT/$label.rss" &
	local spid=$!
	if ! wait "$pid"; then
		echo "synth.sh: $label: cdk synth failed:" >&2
		cat "$OUT/$label.log" >&2
		exit 1
	fi
	wait "$spid"
	local wall max1 appwall appuser appsys rss
	read -r wall max1 <"$tfile"
	read -r appwall _ appuser appsys < <(tail -n1 "$apptfile")
	read -r rss _ <"$OUT/$label.rss"
	echo "$wall $appwall $rss $max1 $(awk -v u="$appuser" -v s="$appsys" 'BEGIN{printf "%.2f", u+s}')" >>"$OUT/$label.times"
}

# col FILE K: column K of FILE, one value a line.
col() { awk -v k="$2" '{print $k}' "$1"; }
median() { sort -g | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else printf "%.2f\n", (v[NR/2]+v[NR/2+1])/2}'; }
spread() { sort -g | awk 'NR==1{lo=$1} {hi=$1} END {printf "%s-%s", lo, hi}'; }
mib() { awk '{printf "%.0f", $1/1024}'; }
stat_of() { col "$1" "$2" | median; }

say "# eventwatch synth benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), RUNS=$RUNS"
say "# $(nproc) CPUs, $(go version | cut -d' ' -f3), node $(node --version), aws-cdk CLI $(node -p "require('./node_modules/aws-cdk/package.json').version"), aws-cdk-lib $(node -p "require('./bench/tsapp/node_modules/aws-cdk-lib/package.json').version") (JS app)"
say "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
say "# CDK_VALIDATION=${CDK_VALIDATION:-(unset: aws-cdk-lib runs its CloudFormation validation at synth, most of the time at every N; CDK_VALIDATION=false skips it)}"
say "# EVENTWATCH_SYNTH_JOBS=${EVENTWATCH_SYNTH_JOBS:-(unset: the Go app synthesizes the environments of a large app in parallel)}"
say "# Go: $GO_APP   JS: node bench/tsapp/app.js DIR   (both under the repo's cdk.json context)"
say ""

declare -A RES GOW JSW
for n in $SIZES; do
	cfg=$OUT/config-$n
	go run ./bench/gen -services "$n" -out "$cfg"
	for ((r = 1; r <= RUNS; r++)); do
		if ((r % 2)); then order="go js"; else order="js go"; fi
		for a in $order; do
			if [[ $a == go ]]; then
				synth "go-$n" "$cfg" "$OUT/go-$n.out" "sh -c '$GO_APP'"
			else
				synth "js-$n" "$cfg" "$OUT/js-$n.out" "node bench/tsapp/app.js $cfg"
			fi
		done
		if ((r == 1)); then
			if ! check=$(node "$MEASURE" compare "$OUT/go-$n.out" "$OUT/js-$n.out"); then
				say "N=$n: $check"
				say "FAIL: the Go and JS apps do not produce the same resource types and counts per stack"
				exit 1
			fi
			say "N=$n check: $check"
			RES[$n]=$(node "$MEASURE" counts "$OUT/go-$n.out" --total)
		fi
	done
	GOW[$n]=$(stat_of "$OUT/go-$n.times" 1)
	JSW[$n]=$(stat_of "$OUT/js-$n.times" 1)
done

say ""
say "Medians of $RUNS runs (min-max in brackets). wall = whole cdk synth --quiet; app = the app command alone;"
say "cpu = the app command's CPU seconds (user + system, children included);"
say "rss = peak sum of RSS over the cdk process tree (MiB); max1 = GNU time %M, largest single process (MiB)."
say ""
hdr=$(printf '%5s %9s | %-20s %-20s %6s | %-17s %-17s | %8s %8s | %9s %9s | %8s %8s' \
	N resources "Go wall s" "JS wall s" "Go/JS" "Go app s" "JS app s" "Go cpu" "JS cpu" "Go rss" "JS rss" "Go max1" "JS max1")
say "$hdr"
for n in $SIZES; do
	g=$OUT/go-$n.times j=$OUT/js-$n.times
	line=$(printf '%5s %9s | %-20s %-20s %6s | %-17s %-17s | %8s %8s | %9s %9s | %8s %8s' \
		"$n" "${RES[$n]}" \
		"${GOW[$n]} [$(col "$g" 1 | spread)]" "${JSW[$n]} [$(col "$j" 1 | spread)]" \
		"$(awk -v a="${GOW[$n]}" -v b="${JSW[$n]}" 'BEGIN{printf "%.2f", a/b}')" \
		"$(stat_of "$g" 2) [$(col "$g" 2 | spread)]" "$(stat_of "$j" 2) [$(col "$j" 2 | spread)]" \
		"$(stat_of "$g" 5)" "$(stat_of "$j" 5)" \
		"$(stat_of "$g" 3 | mib)" "$(stat_of "$j" 3 | mib)" \
		"$(stat_of "$g" 4 | mib)" "$(stat_of "$j" 4 | mib)")
	say "$line"
done

set -- $SIZES
first=$1
last=${!#}
if [[ $first != "$last" ]]; then
	say ""
	say "Growth from N=$first to N=$last (median wall, whole cdk synth):"
	for a in go js; do
		if [[ $a == go ]]; then lo=${GOW[$first]} hi=${GOW[$last]}; else lo=${JSW[$first]} hi=${JSW[$last]}; fi
		say "$(awk -v a="$a" -v lo="$lo" -v hi="$hi" -v r0="${RES[$first]}" -v r1="${RES[$last]}" \
			'BEGIN{printf "  %-2s %.2f s per 100 resources (%.1f s -> %.1f s for %d -> %d resources); fixed part ~%.1f s", a, (hi-lo)/((r1-r0)/100), lo, hi, r0, r1, lo-(hi-lo)/(r1-r0)*r0}')"
	done
fi

say ""
say "Go app at N=$ENV_N: -c env=prod alone against all three environments ($RUNS runs each, alternating):"
cfg=$OUT/config-$ENV_N
go run ./bench/gen -services "$ENV_N" -out "$cfg"
for ((r = 1; r <= RUNS; r++)); do
	if ((r % 2)); then order="prod all"; else order="all prod"; fi
	for e in $order; do
		if [[ $e == prod ]]; then
			synth "go-$ENV_N-prod" "$cfg" "$OUT/go-$ENV_N-prod.out" "sh -c '$GO_APP'" -c env=prod
		else
			synth "go-$ENV_N-all" "$cfg" "$OUT/go-$ENV_N-all.out" "sh -c '$GO_APP'"
		fi
	done
done
for e in prod all; do
	f=$OUT/go-$ENV_N-$e.times
	say "$(printf '  %-4s %5s resources: wall %s s [%s], app %s s, rss %s MiB' "$e" \
		"$(node "$MEASURE" counts "$OUT/go-$ENV_N-$e.out" --total)" \
		"$(stat_of "$f" 1)" "$(col "$f" 1 | spread)" "$(stat_of "$f" 2)" "$(stat_of "$f" 3 | mib)")"
done
say ""
say "# load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
say "# raw per-run figures (wall app rss_KiB max1_KiB cpu): $OUT/*.times; results: $RESULTS"
