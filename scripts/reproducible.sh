#!/usr/bin/env bash
# `make reproducible`: builds this source a second time, from scratch, in another folder, and
# checks that both packages come out byte for byte the same as dist/'s, and that no shipped
# file names a path of the machine that built it.
#
#   scripts/reproducible.sh [SOURCE]
#
# SOURCE: a source package (.tar.gz, as `make release` writes) to rebuild; without it, the
# tracked files of this checkout as they are now (a commit of the working tree, made without
# touching the branch: `git stash create`). The second build gets its own node_modules
# (npm ci from the lockfile) and its own cargo target folder; it shares only what a
# reviewer's machine would have too: the pinned rustc, wasm-bindgen-cli and cargo's download cache.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

version=$(node scripts/version.mjs)
zips=(scopefill-chrome-$version.zip scopefill-firefox-$version.zip)
for zip in "${zips[@]}"; do
  [ -f "dist/$zip" ] || { echo "reproducible: dist/$zip is not there: run make build first" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/scopefill-rebuild.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/src"
if [ $# -ge 1 ]; then
  echo "reproducible: rebuilding $1 in $work/src"
  tar -xzf "$1" -C "$work/src" --strip-components=1
else
  tree=$(git stash create)
  tree=${tree:-HEAD}
  echo "reproducible: rebuilding the tracked files of this checkout in $work/src"
  # The same date as the first build: a working-tree commit's own time would be now.
  SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}
  export SOURCE_DATE_EPOCH
  git archive --format=tar "$tree" | tar -x -C "$work/src"
  untracked=$(git ls-files --others --exclude-standard -- extension crates scripts Cargo.toml Cargo.lock package.json package-lock.json)
  [ -z "$untracked" ] || printf 'reproducible: not tracked, so not in the second build:\n%s\n' "$untracked"
fi

# What may differ between two machines differs here too: the folder, cargo's home (the same
# downloads under another path, which the remap must hide), the time zone, the language and
# the umask.
cargo_home=$(cd "${CARGO_HOME:-$HOME/.cargo}" && pwd)
ln -s "$cargo_home" "$work/cargo"
start=$(date +%s)
(
  cd "$work/src"
  umask 077
  export CARGO_HOME="$work/cargo" CARGO_TARGET_DIR="$work/src/target" TZ=Pacific/Chatham LC_ALL=C LANG=C
  npm ci --no-audit --no-fund --loglevel=error
  scripts/build.sh
) > "$work/build.log" 2>&1 || { cat "$work/build.log"; echo "reproducible: the second build failed (above)" >&2; exit 1; }
echo "reproducible: second build in $(( $(date +%s) - start )) s"

failed=0
for zip in "${zips[@]}"; do
  a=$(sha256sum < "dist/$zip" | cut -d' ' -f1)
  b=$(sha256sum < "$work/src/dist/$zip" | cut -d' ' -f1)
  if [ "$a" = "$b" ]; then
    echo "reproducible: $zip  $(stat -c %s "dist/$zip") B  sha256 $a  identical"
  else
    echo "reproducible: $zip differs: $a here, $b in the second build" >&2
    python3 scripts/zip-diff.py "dist/$zip" "$work/src/dist/$zip" >&2 || true
    failed=1
  fi
done

# No path of either build's machine in what ships (the dependencies' sources are /cargo/…,
# the standard library's /rustc/<commit>/…).
for dir in dist/chrome dist/firefox "$work/src/dist/chrome" "$work/src/dist/firefox"; do
  for path in "$root" "$work" "$cargo_home" "$HOME/"; do
    if found=$(grep -rlaF -- "$path" "$dir"); then
      printf 'reproducible: %s names %s in:\n%s\n' "$dir" "$path" "$found" >&2
      failed=1
    fi
  done
done
[ "$failed" = 0 ] || exit 1
echo "reproducible: both packages are byte for byte the same from a second build in another folder"
