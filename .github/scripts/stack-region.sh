#!/usr/bin/env bash
# Prints the AWS region of the stacks in a synthesized cloud assembly
# (cdk.out/manifest.json): every stack of an environment carries the
# account and region of its environment file. Fails when the stacks
# disagree or name none.
set -euo pipefail
manifest="${1:-cdk.out}/manifest.json"
regions=$(jq -r '.artifacts[] | select(.type == "aws:cloudformation:stack") | .environment | split("/")[3]' "$manifest" | sort -u)
if [[ -z "$regions" || "$regions" == *unknown* || $(wc -l <<<"$regions") -ne 1 ]]; then
  echo "::error file=$manifest::expected the stacks of one environment in one region, found: ${regions:-none}" >&2
  exit 1
fi
echo "$regions"
