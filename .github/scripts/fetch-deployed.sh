#!/usr/bin/env bash
# Writes the deployed template of every stack in a synthesized cloud
# assembly to DIR/<stack>.template.json, with `aws cloudformation
# get-template` (the Original stage: the template as deployed), for
# `make synth BASELINE=DIR`. A stack that does not exist yet gets no file:
# it is new, and the check passes it.
# Usage: fetch-deployed.sh DIR [CDK_OUT]
set -euo pipefail
dir="${1:?usage: fetch-deployed.sh DIR [CDK_OUT]}"
cdk_out="${2:-cdk.out}"
mkdir -p "$dir"
stacks=$(jq -r '.artifacts | to_entries[] | select(.value.type == "aws:cloudformation:stack") | (.value.properties.stackName // .key)' "$cdk_out/manifest.json")
for stack in $stacks; do
  if err=$(aws cloudformation get-template --stack-name "$stack" --template-stage Original \
      --query TemplateBody --output json 2>&1 >"$dir/$stack.template.json"); then
    echo "$stack: deployed template in $dir/$stack.template.json"
  elif [[ "$err" == *"does not exist"* ]]; then
    rm -f "$dir/$stack.template.json"
    echo "$stack: not deployed yet (a new stack)"
  else
    rm -f "$dir/$stack.template.json"
    echo "::error::$stack: aws cloudformation get-template failed: $err" >&2
    exit 1
  fi
done
