#!/usr/bin/env bash
# The test command (`npm test`; CI runs exactly this through .ci/run). Sets up pnpm and
# node_modules, then runs every check, carrying on after a failure so that one run reports all:
#   lint        ESLint (scripts/eslint.config.mjs)                       counts as 1 test
#   typecheck   tsc -p scripts/tsconfig.typecheck.json                   counts as 1 test
#   deps        dependency-cruiser rules (scripts/dependency-cruiser.cjs) counts as 1 test
#   jest        every *.test.ts, results in test-results/jest.json       counts each test
# and ends with the line `N passed, N failed` (`, N skipped` when some were), exiting 1 if any failed.
#
# Usage: bash scripts/test.sh [step …] [-- jest arguments]
#   bash scripts/test.sh                       all steps
#   bash scripts/test.sh lint deps             only those steps
#   bash scripts/test.sh jest -- packages/core only jest, only tests under packages/core
# To add a step (browser tests, engine tests…): write a step_<name> function below that calls
# `check` (one pass/fail) or `add_counts` (many tests), and add <name> to ALL_STEPS.
set -uo pipefail
cd "$(dirname "$0")/.."

ALL_STEPS=(engines lint typecheck deps jest)
STARTED_AT=$SECONDS
PASSED=0
FAILED=0
SKIPPED=0
FAILURES=()
JEST_ARGS=()

header() { printf '\n==> %s\n' "$*"; }

# Adds a step's counts to the totals.
add_counts() {
  local name=$1 passed=$2 failed=$3 skipped=$4
  PASSED=$((PASSED + passed))
  FAILED=$((FAILED + failed))
  SKIPPED=$((SKIPPED + skipped))
  if ((failed > 0)); then FAILURES+=("$name ($failed)"); fi
}

# Runs a command that is one check: passes when it exits 0.
check() {
  local name=$1 began=$SECONDS
  shift
  if "$@"; then
    add_counts "$name" 1 0 0
    printf -- '--- %s passed (%ss)\n' "$name" $((SECONDS - began))
  else
    add_counts "$name" 0 1 0
    printf -- '--- %s FAILED (%ss)\n' "$name" $((SECONDS - began))
  fi
}

# Real engines for the production adapters' contract suites (no Docker here): the local Redis,
# mongo-java-server (a wire-compatible test server, not MongoDB) and Elasticsearch from Maven
# Central. Each URL the user already set is used as it is. Elasticsearch starts in the background
# (about 30 s cold) while the static checks run; step_jest waits for it.
ES_PROVISION_PID=
step_engines() {
  header "engines: Redis, MongoDB-compatible test server, Chromium, Elasticsearch"
  if [[ -z ${REDIS_URL:-} ]]; then
    if bash scripts/provision-redis.sh; then export REDIS_URL=redis://127.0.0.1:6379; else add_counts "engine redis" 0 1 0; fi
  fi
  if [[ -z ${MONGO_URL:-} ]]; then
    local mongo
    if mongo=$(bash scripts/provision-mongo.sh | tail -n 1) && [[ $mongo == mongodb://* ]]; then
      export MONGO_URL="$mongo/mottak-test"
    else
      add_counts "engine mongo" 0 1 0
    fi
  fi
  # The browser tests drive Debian's Chromium with playwright-core (no browser downloads here).
  bash scripts/provision-chromium.sh || add_counts "engine chromium" 0 1 0
  if [[ -z ${ELASTICSEARCH_URL:-} ]]; then
    mkdir -p .cache
    bash scripts/provision-elasticsearch.sh >.cache/elasticsearch.url 2>.cache/elasticsearch-provision.log &
    ES_PROVISION_PID=$!
  fi
}

# Waits for the background Elasticsearch provisioning started by step_engines.
await_elasticsearch() {
  [[ -n $ES_PROVISION_PID ]] || return 0
  if wait "$ES_PROVISION_PID" && [[ -s .cache/elasticsearch.url ]]; then
    ELASTICSEARCH_URL=$(tail -n 1 .cache/elasticsearch.url)
    export ELASTICSEARCH_URL
    echo "Elasticsearch: $ELASTICSEARCH_URL"
  else
    echo "Elasticsearch could not be started:"
    tail -n 20 .cache/elasticsearch-provision.log
    add_counts "engine elasticsearch" 0 1 0
  fi
  ES_PROVISION_PID=
}

step_lint() {
  header "lint: eslint (scripts/eslint.config.mjs)"
  check lint "${PNPM[@]}" lint
}

step_typecheck() {
  header "typecheck: tsc -p scripts/tsconfig.typecheck.json"
  check typecheck "${PNPM[@]}" typecheck
}

step_deps() {
  header "deps: dependency rules (scripts/dependency-cruiser.cjs)"
  check deps "${PNPM[@]}" deps:check
}

step_jest() {
  local results=test-results/jest.json began=$SECONDS rc=0 counts passed failed skipped
  header "jest: unit, contract and API tests"
  await_elasticsearch
  echo "engines: REDIS_URL=${REDIS_URL:-unset} MONGO_URL=${MONGO_URL:-unset} ELASTICSEARCH_URL=${ELASTICSEARCH_URL:-unset}"
  mkdir -p test-results
  rm -f "$results"
  "${PNPM[@]}" jest --ci --maxWorkers=2 --json --outputFile="$results" ${JEST_ARGS[@]+"${JEST_ARGS[@]}"} || rc=$?
  if [[ -s $results ]] && counts=$(node scripts/jest-summary.cjs "$results"); then
    read -r passed failed skipped <<<"$counts"
    add_counts jest "$passed" "$failed" "$skipped"
    if ((rc != 0 && failed == 0)); then
      # e.g. no tests found, or an error after the tests ran
      echo "jest exited with status $rc although no test failed; counting that as a failure."
      add_counts "jest exit status $rc" 0 1 0
    fi
  else
    echo "jest ended (exit status $rc) without writing $results (crash, bad option or no tests); counting that as a failure."
    add_counts "jest (no results)" 0 1 0
  fi
  printf -- '--- jest done (%ss)\n' $((SECONDS - began))
}

# Prints the final tally; the last line is the machine-readable summary.
finish() {
  echo
  if ((${#FAILURES[@]} > 0)); then
    local joined
    joined=$(printf '%s, ' "${FAILURES[@]}")
    echo "Failed: ${joined%, }"
  fi
  echo "Total time: $((SECONDS - STARTED_AT))s"
  if ((SKIPPED > 0)); then
    echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
  else
    echo "$PASSED passed, $FAILED failed"
  fi
  ((FAILED == 0))
  exit $?
}

main() {
  local steps=() step
  while (($# > 0)); do
    if [[ $1 == -- ]]; then
      shift
      JEST_ARGS=("$@")
      break
    fi
    if ! declare -F "step_$1" >/dev/null; then
      echo "unknown step '$1' (steps: ${ALL_STEPS[*]})" >&2
      exit 2
    fi
    steps+=("$1")
    shift
  done
  ((${#steps[@]} > 0)) || steps=("${ALL_STEPS[@]}")

  header "set-up: pnpm and node_modules"
  # shellcheck source=scripts/ensure-tools.sh
  source scripts/ensure-tools.sh
  if ! ensure_tools; then
    add_counts set-up 0 1 0
    finish
  fi

  for step in "${steps[@]}"; do
    "step_$step"
  done
  finish
}

main "$@"
