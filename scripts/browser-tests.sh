#!/usr/bin/env bash
# `make e2e` on what `make build` made: the replica's self-check, web-ext lint of both
# packages, the Firefox smoke test and the real-gesture test (a headed Chromium on a virtual
# display) side by side, then the Chromium E2E suites.
#
# Side by side because none of them keeps both cores busy: the Firefox smoke test spends
# about half its time waiting out the shipped package's clipboard delay (5 s, three times),
# and each lint is one node process. Their output is held, and printed in order once each
# ends. The Chromium suites run alone (two files at a time already keep both cores busy).
set -euo pipefail
cd "$(dirname "$0")/.."

logs=$(mktemp -d)
names=()
pids=()
finish() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$logs"
}
trap finish EXIT

# beside TITLE COMMAND…: starts COMMAND with its output held in a log.
beside() {
  local title=$1
  shift
  "$@" > "$logs/${#names[@]}" 2>&1 &
  names+=("$title")
  pids+=($!)
}

beside "replica self-check: node www/check-replica.mjs" node www/check-replica.mjs --no-build
beside "web-ext lint dist/firefox" node scripts/lint-firefox.mjs dist/firefox
beside "web-ext lint dist/chrome (Firefox-only messages ignored, listed in scripts/lint-chrome.mjs)" \
  node scripts/lint-chrome.mjs dist/chrome
beside "Firefox smoke test: node tests/firefox/smoke.mjs" node tests/firefox/smoke.mjs
beside "the real gesture: Alt+Shift+Y under Xvfb, then Fill this page (tests/gesture/)" \
  xvfb-run -a -s "-screen 0 1280x900x24" node --test tests/gesture/fill-by-shortcut.mjs
echo "== side by side: the replica self-check, web-ext lint (both packages), the Firefox smoke test, the real-gesture test"

failed=0
for i in "${!names[@]}"; do
  status=0
  wait "${pids[$i]}" || status=$?
  echo "== ${names[$i]}"
  cat "$logs/$i"
  if [ "$status" != 0 ]; then
    echo "== FAILED (exit $status): ${names[$i]}"
    failed=1
  fi
done
pids=()
[ "$failed" = 0 ] || exit 1

echo "== browser tests: node tests/e2e/run.mjs"
node tests/e2e/run.mjs
