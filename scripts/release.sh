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

version=$(node scripts/version.mjs)
changed=$(git status --porcelain --untracked-files=no)
if [ -n "$changed" ]; then
  printf 'release: these tracked files differ from the commit; commit them (or stash them) first:\n%s\n' "$changed" >&2
  exit 1
fi
commit=$(git rev-parse HEAD)
# The packages must carry the date the source package's scripts/commit.txt gives a reviewer.
commit_time=$(git log -1 --format=%ct)
if [ -n "${SOURCE_DATE_EPOCH:-}" ] && [ "$SOURCE_DATE_EPOCH" != "$commit_time" ]; then
  echo "release: SOURCE_DATE_EPOCH is $SOURCE_DATE_EPOCH, not the commit's time ($commit_time): unset it" >&2
  exit 1
fi

# Made in a folder beside, moved into place only once the rebuild agrees: a failed release
# leaves no dist/release/ that looks finished.
out=dist/release
staging=$(mktemp -d dist/release.XXXXXX)
trap 'rm -rf "$staging"' EXIT
cp "dist/scopefill-chrome-$version.zip" "dist/scopefill-firefox-$version.zip" "$staging/"
source=scopefill-$version-source.tar.gz
# gzip -n: no name and no time in the gzip header, so the same commit gives the same bytes.
git archive --format=tar --prefix="scopefill-$version/" "$commit" | gzip -9n > "$staging/$source"
echo "release: $source: git archive of $commit"

env -u SOURCE_DATE_EPOCH scripts/reproducible.sh "$staging/$source"

(cd "$staging" && sha256sum "scopefill-chrome-$version.zip" "scopefill-firefox-$version.zip" "$source" > SHA256SUMS)
chmod 755 "$staging"
rm -rf "$out"
mv "$staging" "$out"
trap - EXIT
echo "release: $out/"
(cd "$out" && for f in *; do printf '  %-40s %9s B\n' "$f" "$(stat -c %s "$f")"; done && sed 's/^/  /' SHA256SUMS)
