#!/usr/bin/env bash
# The pull-request check of one environment against its deployed stacks,
# with AWS credentials already configured and cdk.out synthesized for ENV:
#   1. the deployed templates, fetched into deployed/ENV;
#   2. the stateful-change check (make synth ENV=... BASELINE=deployed/ENV);
#   3. `cdk diff --method=template` of the synthesized stacks against the
#      deployed templates (no change set: the diff role reads only).
# Appends a section to the job summary and to the pull-request comment
# (COMMENT_FILE). Exits 1 when the stateful-change check fails, after
# reporting.
# Usage: pr-diff.sh ENV
set -uo pipefail
env="${1:?usage: pr-diff.sh ENV}"
comment="${COMMENT_FILE:?COMMENT_FILE names the pull-request comment being written}"
summary="${GITHUB_STEP_SUMMARY:-/dev/stdout}"
max_chars=20000 # per environment: a comment holds at most 65,536 characters
work="${RUNNER_TEMP:-/tmp}/eventwatch-$env"
mkdir -p "$work"

status=0
.github/scripts/fetch-deployed.sh "deployed/$env" >"$work/fetch.txt" 2>&1 || status=2
if [[ $status -eq 0 ]]; then
  # The template method reads the deployed templates (GetTemplate) and makes
  # no change set: the diff role may not create one.
  node_modules/.bin/cdk diff --app cdk.out --method=template --no-color >"$work/diff.txt" 2>&1 || status=2
  make synth ENV="$env" BASELINE="deployed/$env" >"$work/check.txt" 2>&1 || status=1
fi

{
  echo "### $env"
  case $status in
    0) echo "Stateful-change check against the deployed stacks: passed." ;;
    1) echo "**Stateful-change check against the deployed stacks: failed.** A deploy would lose data or fail:"
       echo '```'; tail -n 40 "$work/check.txt"; echo '```' ;;
    *) echo "**Could not compare with the deployed stacks:**"
       echo '```'; cat "$work/fetch.txt"; tail -n 40 "$work/diff.txt" 2>/dev/null; echo '```' ;;
  esac
  if [[ -s "$work/diff.txt" && $status -ne 2 ]]; then
    echo '<details><summary>cdk diff</summary>'
    echo
    echo '```'
    head -c "$max_chars" "$work/diff.txt"
    if [[ $(wc -c <"$work/diff.txt") -gt $max_chars ]]; then
      echo
      echo "... cut at $max_chars characters: the whole diff is in the job summary"
    fi
    echo '```'
    echo '</details>'
  fi
  echo
} >>"$comment"

{
  echo "## cdk diff: $env"
  echo '```'
  cat "$work/diff.txt" 2>/dev/null
  echo '```'
} >>"$summary"

if [[ $status -ne 0 ]]; then
  echo "::error::$env: see the job summary" >&2
fi
exit $status
