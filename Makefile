# eventwatch: `make synth` sets everything up and synthesizes the example
# environments; `make test` runs every test. See README.md.

CDK     := node_modules/.bin/cdk
ENV     ?=
CONFIG  ?=
BASELINE ?=
ALLOW_EMPTY_BASELINE ?=
DRILL_FLAGS ?=
CDK_CONTEXT := $(if $(ENV),-c env=$(ENV)) $(if $(CONFIG),-c config=$(CONFIG)) $(if $(BASELINE),-c baseline=$(BASELINE)) $(if $(ALLOW_EMPTY_BASELINE),-c allow-empty-baseline=true)

# Node.js 20 works but is past end-of-life; we support 20, 22 and 24 and
# keep jsii's banner about 20 out of every command's output.
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION := 20

.PHONY: setup synth test test-short bench schema clean diff drill alarms loggers

## setup: install the pinned CDK CLI and the Go modules
setup: node_modules/.installed
	@go mod download

# The go.mod keeps node_modules (which holds Go templates of `cdk init`)
# out of ./... for go build, vet and test.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@echo 'module ignore/node_modules' > node_modules/go.mod
	@touch $@

## synth: synthesize every environment (ENV=prod for one, CONFIG=DIR for another config, BASELINE=DIR to check against deployed templates) into cdk.out/
synth: setup
	@test -x bin/eventwatch || echo 'Building the app. On a machine new to it, Go first compiles aws-cdk-go: about 2 minutes on 2 cores (1 GB of memory, 1.1 GB of disk), with no output; later builds take seconds.'
	@rm -rf cdk.out
	$(CDK) synth --quiet $(CDK_CONTEXT)
	@ls cdk.out/*.template.json

## diff: synthesize ENV (every environment without it) and print, per stack, what changes against test/golden: added, removed, modified, replaced, each with the name people know (alarm, log group, topic, dashboard...), dashboards widget by widget, and changes that would lose data or fail the deploy, each with the allow: entry that accepts it (DEPLOYED=1: against the deployed stacks; needs AWS credentials; CONFIG=DIR: the config synthesized). Exits 0 no change, 1 changes, 2 error, 3 changes that would lose data or fail the deploy
diff: synth
	@go build -o bin/stackdiff ./cmd/stackdiff
	bin/stackdiff --cdk-out cdk.out --golden test/golden $(if $(ENV),--env $(ENV)) $(if $(CONFIG),--config $(CONFIG)) $(if $(DEPLOYED),--deployed)

## drill: synthesize ENV (required) and set each of its alarms to ALARM and back to OK (CloudWatch SetAlarmState) so a team can check that its pages arrive; pages people. Needs AWS credentials (without them it prints what it would do). DRILL_FLAGS passes flags: --only GLOB, --wait 10s, --region, --yes, --dry-run
drill:
	@test -n "$(ENV)" || { echo 'usage: make drill ENV=<env> [DRILL_FLAGS="--only '\''prod-orders-*'\'' --wait 10s --yes"]' >&2; exit 2; }
	@$(MAKE) --no-print-directory synth ENV=$(ENV)
	@go build -o bin/drill ./cmd/drill
	bin/drill --cdk-out cdk.out --env $(ENV) $(DRILL_FLAGS)

## alarms: synthesize (ENV=prod for one environment) and run the alarm scenarios of test/alarms and the ones generated from the config's event examples, on the synthesized templates (logq alarms test)
alarms: synth
	@go build -o bin/logq ./cmd/logq
	bin/logq alarms test --cdk-out cdk.out --generate $(if $(CONFIG),--config $(CONFIG)) $(if $(ENV),--env $(ENV)) test/alarms

## test: run every test (config, engines, constructs, synthesized templates, cdk-nag)
test: setup
	@test -x bin/eventwatch || echo 'On a machine new to it, Go first compiles aws-cdk-go and the tests: about 3 minutes on 2 cores, with no output; later runs take about 2 minutes.'
	go test ./...

## test-short: the pure-Go tests only, without Node.js (the constructs' examples synthesize, so they are left out)
test-short:
	go test -short $$(go list ./... | grep -vx 'github.com/eventwatch/eventwatch/constructs')

## bench: reproduce the published figures (engines against jq, synth against TypeScript)
bench: setup
	bench/filter.sh
	bench/query.sh
	bench/synth.sh

## loggers: regenerate the typed loggers of the config's declared log events (logq gen): a Go package on log/slog and a Python module on logging, one function per event (CONFIG=DIR for another config)
loggers:
	go run ./cmd/logq gen --config $(or $(CONFIG),config) --lang go --package logevents --out examples/loggers/go/logevents/logevents.go
	go run ./cmd/logq gen --config $(or $(CONFIG),config) --lang python --out examples/loggers/python/logevents.py

## schema: regenerate the config JSON Schemas (config/schema) and the config reference (docs/config-reference.md) from the Go types
schema:
	go generate ./config

clean:
	rm -rf cdk.out bin bench/out
