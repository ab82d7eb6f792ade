#!/usr/bin/env bash
# `make release`, after `make build`: what goes to the stores, under dist/release/.
#
#   scopefill-chrome-<version>.zip     the Chrome Web Store package (dist/'s, as built)
#   scopefill-firefox-<version>.zip    the addons.mozilla.org package
#   scopefill-<version>-source.tar.gz  `git archive` of the commit: the source AMO's reviewers
#                                      rebuild from, following docs/BUILD.md
#   SHA256SUMS                         `sha256sum -c SHA256SUMS` checks all three
#
# Only from a commit: a tracked file changed since it would make packages that no source
# package holds. The source package is then rebuilt from scratch in another folder
# (scripts/reproducible.sh) and must give both zips byte for byte.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(awk -F'"' '/^\[workspace.package\]/ { p = 1 } p && /^version *=/ { print $2; exit }' Cargo.toml)
changed=$(git status --porcelain --untracked-files=no)
if [ -n "$changed" ]; then
  printf 'release: these tracked files differ from the commit; commit them (or stash them) first:\n%s\n' "$changed" >&2
  exit 1
fi
commit=$(git rev-parse HEAD)

out=dist/release
rm -rf "$out"
mkdir -p "$out"
cp "dist/scopefill-chrome-$version.zip" "dist/scopefill-firefox-$version.zip" "$out/"
source=scopefill-$version-source.tar.gz
# gzip -n: no name and no time in the gzip header, so the same commit gives the same bytes.
git archive --format=tar --prefix="scopefill-$version/" "$commit" | gzip -9n > "$out/$source"
echo "release: $out/$source: git archive of $commit"

scripts/reproducible.sh "$out/$source"

(cd "$out" && sha256sum "scopefill-chrome-$version.zip" "scopefill-firefox-$version.zip" "$source" > SHA256SUMS)
echo "release: $out/"
(cd "$out" && for f in *; do printf '  %-40s %9s B\n' "$f" "$(stat -c %s "$f")"; done && sed 's/^/  /' SHA256SUMS)
