#!/usr/bin/env bash
# `make e2e` on what `make build` made: the replica's self-check, web-ext lint of both
# packages, the Firefox smoke test, then the Chromium E2E suites.
#
# The Firefox smoke test spends about half its time waiting out the shipped package's
# clipboard delay (5 s, three times), so it runs beside the self-check and the lints, with its
# output held until it ends.
set -euo pipefail
cd "$(dirname "$0")/.."

firefox_log=$(mktemp)
firefox=
finish() {
  [ -n "$firefox" ] && kill "$firefox" 2>/dev/null
  rm -f "$firefox_log"
}
trap finish EXIT

echo "== Firefox smoke test, beside the next three (its output follows them): node tests/firefox/smoke.mjs"
node tests/firefox/smoke.mjs > "$firefox_log" 2>&1 &
firefox=$!

echo "== replica self-check: node www/check-replica.mjs"
node www/check-replica.mjs --no-build
echo "== web-ext lint dist/firefox"
node scripts/lint-firefox.mjs dist/firefox
echo "== web-ext lint dist/chrome (Firefox-only messages ignored, listed in scripts/lint-chrome.mjs)"
node scripts/lint-chrome.mjs dist/chrome

echo "== Firefox smoke test: node tests/firefox/smoke.mjs"
status=0
wait "$firefox" || status=$?
firefox=
cat "$firefox_log"
[ "$status" = 0 ] || exit "$status"

echo "== browser tests: node tests/e2e/run.mjs"
node tests/e2e/run.mjs
