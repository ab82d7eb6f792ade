#!/usr/bin/env bash
# Raw and gzipped (-9) sizes of what `make build` produced.
set -euo pipefail
cd "$(dirname "$0")/.."
printf 'size: %-44s %10s %10s\n' file bytes gzipped
for f in target/pkg/scopefill_bg.wasm target/pkg-content/scopefill_bg.wasm target/pkg-js/scopefill.js dist/scopefill-*.zip; do
  if [ -f "$f" ]; then
    printf 'size: %-44s %10d %10d\n' "$f" "$(wc -c <"$f")" "$(gzip -9c "$f" | wc -c)"
  else
    printf 'size: %-44s %10s\n' "$f" missing
  fi
done
