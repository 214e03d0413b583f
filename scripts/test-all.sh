#!/usr/bin/env bash
# What `npm test` runs: typecheck -> lint -> unit/property tests -> build -> e2e.
# Stops at the first failing stage but always ends with scripts/summary.mjs, whose last line is
# `N passed, N failed` (the line CI reads). Exit status is non-zero on any failure or if no test ran.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root" || exit 1
export PATH="$root/node_modules/.bin:$PATH"

# Stale reports from an earlier run must not be counted.
mkdir -p test-results
rm -f test-results/vitest.json test-results/playwright.json

failed_stage=''

stage() {
  local name="$1"
  shift
  if [ -n "$failed_stage" ]; then
    return 0
  fi
  echo
  echo "=== [$name] $*"
  local start=$SECONDS
  "$@"
  local rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "=== [$name] FAILED (exit $rc) after $((SECONDS - start))s"
    failed_stage="$name"
  else
    echo "=== [$name] ok in $((SECONDS - start))s"
  fi
}

stage typecheck npm run --silent typecheck
stage lint npm run --silent lint
# The RabbitMQ conformance suite compares the model with a real RabbitMQ 3.10 on 127.0.0.1.
stage rabbitmq bash scripts/ensure-rabbitmq.sh
stage unit vitest run
stage build npm run --silent build
stage chromium bash scripts/ensure-chromium.sh
stage e2e playwright test

echo
exec node scripts/summary.mjs ${failed_stage:+--failed-stage "$failed_stage"}
