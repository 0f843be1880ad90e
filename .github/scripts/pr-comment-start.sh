#!/usr/bin/env bash
# Starts the pull-request comment of a diff job (COMMENT_FILE): its title,
# the environments it compares, the commit and the run.
# Usage: pr-comment-start.sh ENVIRONMENTS SHA RUN_URL
set -euo pipefail
envs="${1:?usage: pr-comment-start.sh ENVIRONMENTS SHA RUN_URL}"
sha="${2:?usage: pr-comment-start.sh ENVIRONMENTS SHA RUN_URL}"
run_url="${3:?usage: pr-comment-start.sh ENVIRONMENTS SHA RUN_URL}"
comment="${COMMENT_FILE:?COMMENT_FILE names the pull-request comment being written}"
{
  echo "## cdk diff against the deployed stacks: $envs"
  echo
  echo "Commit $sha; run [${run_url##*/}]($run_url)."
  echo
} >"$comment"
