#!/usr/bin/env bash
# `make build`: the WASM core in two flavours, then dist/chrome, dist/firefox and their zips.
#
#   target/pkg/         wasm-bindgen --target web + wasm-opt -Oz   (popup, options, worker)
#   target/pkg-content/ the same without the pages' code           (content script)
#   target/pkg-js/      the content script's core as plain JS through wasm2js, bundled into
#                       one module (pages whose CSP blocks WASM)
#   dist/<browser>/     extension/ + pkg/ + pkg-content/ + pkg-js/ + the manifest for that browser
#   dist/scopefill-<browser>-<version>.zip
#   www/dist/       the replica page's bundle (node www/build.mjs), for the tests and the demo
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

crate=scopefill
bin=node_modules/.bin
version=$(node scripts/version.mjs)

# Every file's date in the zips: the commit's time. SOURCE_DATE_EPOCH when set; else, in a source
# package (git archive fills in scripts/commit.txt, see .gitattributes), the time written there;
# else the checkout's HEAD commit.
source_date_epoch() {
  local stamp
  if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
    echo "$SOURCE_DATE_EPOCH"
  elif read -r _ stamp < scripts/commit.txt && [[ $stamp =~ ^[0-9]+$ ]]; then
    echo "$stamp"
  elif stamp=$(git log -1 --format=%ct 2>/dev/null) && [ -n "$stamp" ]; then
    echo "$stamp"
  else
    echo "build: no commit time: set SOURCE_DATE_EPOCH (seconds since 1970), or build in a git checkout or a source package" >&2
    return 1
  fi
}
epoch=$(source_date_epoch)

# Flags from the environment would replace .cargo/config.toml's rustflags (the wasm features
# wasm2js needs, and the path remap below): a build unlike everyone else's. Refused, not
# silently dropped. (A user's own ~/.cargo/config.toml is added to ours: see docs/BUILD.md.)
for name in RUSTFLAGS CARGO_ENCODED_RUSTFLAGS CARGO_BUILD_RUSTFLAGS CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS; do
  if [ -n "${!name:-}" ]; then
    echo "build: $name is set; unset it (the packages are built with .cargo/config.toml's flags only)" >&2
    exit 1
  fi
done

now() { date +%s%N; }
step_start=$(now)
step() { # step NAME: prints how long the previous step took, then the new one's name
  local t; t=$(now)
  [ -n "${step_name:-}" ] && printf 'build: %-28s %6.1f s\n' "$step_name" "$(( (t - step_start) / 1000000 ))e-3"
  step_name=$1; step_start=$t
}

# binaryen's --enable flags for the wasm features the pinned rustc (rust-toolchain.toml) turns on
# for wasm32-unknown-unknown with this repository's flags (.cargo/config.toml); binaryen must
# accept them (and may use them: every browser the manifest allows has them).
binaryen_features() {
  local feature
  local flags
  flags=$(sed -n 's/^rustflags = \["\(.*\)"\]$/\1/p' .cargo/config.toml)
  [ -n "$flags" ] || { echo "build: no wasm32 rustflags line in .cargo/config.toml" >&2; exit 1; }
  rustc --print cfg --target wasm32-unknown-unknown "$flags" |
    sed -n 's/^target_feature="\(.*\)"$/\1/p' |
    while read -r feature; do
      case $feature in
        bulk-memory) echo --enable-bulk-memory --enable-bulk-memory-opt ;;
        nontrapping-fptoint) echo --enable-nontrapping-float-to-int ;;
        *) echo "--enable-$feature" ;;
      esac
    done
}
read -r -a features <<<"$(binaryen_features | xargs)"

# --- replica page (www/): React + BigDesign bundle → www/dist/ (the tests serve it) -------------
step "replica bundle (www)"
node www/build.mjs

# --- WASM flavours ----------------------------------------------------------------------------
# Two cargo builds, then three translations of their modules, run side by side: wasm-opt and
# wasm2js are single-threaded (binaryen compiled to WASM, from npm). Each translation is
# skipped when neither its module nor these steps changed.
release=target/wasm32-unknown-unknown/release/$crate.wasm

# The dependencies' sources are under this machine's cargo home, and their panic locations name
# them: written as /cargo/… instead, the modules hold no path of this machine (the workspace's
# own are relative already; the standard library's are /rustc/<commit>/…). Added to the
# rustflags of .cargo/config.toml, not in place of them (cargo joins a --config array to it).
cargo_home=$(cd "${CARGO_HOME:-$HOME/.cargo}" && pwd)
remap="target.wasm32-unknown-unknown.rustflags=[\"--remap-path-prefix=$cargo_home=/cargo\"]"

# cargo_wasm OUT [cargo args…]: the module for target/OUT/, kept as target/OUT.module.wasm (the
# next build overwrites cargo's own output).
cargo_wasm() {
  local out=$1
  shift
  step "cargo ($out)"
  cargo build --locked --release --target wasm32-unknown-unknown -p "$crate" --lib --config "$remap" "$@"
  cp "$release" "target/$out.module.wasm"
}

# unchanged OUT FILE…: whether target/OUT was made from exactly these inputs. Sets the
# caller's `sum` to their hash, which the caller writes to target/OUT.sha256 once it has
# made target/OUT.
unchanged() {
  local out=$1
  shift
  sum=$(cat "$@" | sha256sum | cut -d' ' -f1)
  [ -e "target/$out" ] && [ "$(cat "target/$out.sha256" 2>/dev/null)" = "$sum" ]
}

# web_module OUT: wasm-bindgen --target web, then wasm-opt -Oz, into target/OUT/.
web_module() {
  local out=$1 sum
  if unchanged "$out" "target/$out.module.wasm" "$0"; then
    echo "build: $out/ unchanged"
    return
  fi
  rm -rf "target/$out" "target/$out.sha256"
  wasm-bindgen --target web --out-name "$crate" --no-typescript --remove-name-section --remove-producers-section \
    --out-dir "target/$out" "target/$out.module.wasm"
  "$bin/wasm-opt" -Oz "${features[@]}" \
    --strip-debug --strip-producers --strip-target-features \
    "target/$out/${crate}_bg.wasm" -o "target/$out/${crate}_bg.opt.wasm"
  mv "target/$out/${crate}_bg.opt.wasm" "target/$out/${crate}_bg.wasm"
  node scripts/check-wasm.mjs "target/$out/${crate}_bg.wasm"
  echo "$sum" > "target/$out.sha256"
}

# js_module: the content script's module (no reference types, stripped; see .cargo/config.toml
# and Cargo.toml) as plain JS through wasm2js, bundled into one module in target/pkg-js/, for
# pages whose CSP blocks WASM.
js_module() {
  local sum
  if unchanged pkg-js target/pkg-content.module.wasm "$0" scripts/renew-wasm2js-views.mjs; then
    echo "build: pkg-js/ unchanged"
    return
  fi
  rm -rf target/pkg-js target/pkg-js.sha256 target/pkg-js.bundle
  wasm-bindgen --target bundler --out-name "$crate" --no-typescript --remove-name-section --remove-producers-section \
    --out-dir target/pkg-js target/pkg-content.module.wasm
  "$bin/wasm2js" "${features[@]}" -Oz \
    "target/pkg-js/${crate}_bg.wasm" -o "target/pkg-js/${crate}_bg.wasm.js"
  rm "target/pkg-js/${crate}_bg.wasm"
  # The bundler glue imports the .wasm module; point it at the JS translation instead.
  sed -i "s#\./${crate}_bg\.wasm\([\"']\)#./${crate}_bg.wasm.js\1#g" "target/pkg-js/$crate.js"
  if ! grep -q "${crate}_bg\.wasm\.js" "target/pkg-js/$crate.js" \
     || grep -q "${crate}_bg\.wasm[\"']" "target/pkg-js/$crate.js"; then
    echo "build: could not rewrite the .wasm import in target/pkg-js/$crate.js" >&2
    return 1
  fi
  # Memory views renewed after a grow (see the script).
  node scripts/renew-wasm2js-views.mjs "target/pkg-js/${crate}_bg.js"

  # One module, no relative imports: the content script imports it by its use_dynamic_url
  # address, and Chromium resolves a web-accessible module's own relative imports against the
  # extension's fixed id, which use_dynamic_url refuses to pages. (pkg/ is already one module
  # plus the .wasm the loader names by its dynamic address.)
  "$bin/esbuild" "target/pkg-js/$crate.js" --bundle --format=esm --minify-whitespace --legal-comments=none \
    --log-level=warning --outfile="target/pkg-js.bundle/$crate.js"
  rm -rf target/pkg-js
  mv target/pkg-js.bundle target/pkg-js
  if grep -qE "^import |from ['\"]\./" "target/pkg-js/$crate.js"; then
    echo "build: target/pkg-js/$crate.js still imports other files" >&2
    return 1
  fi
  echo "$sum" > target/pkg-js.sha256
}

# The popup, options page and worker.
cargo_wasm pkg
# The content script: the core and the DOM adapter only, without the pages' code. The
# dependencies built for the pages are reused (cargo keeps both feature sets' artifacts and
# links the one asked for).
cargo_wasm pkg-content --no-default-features

# The notices of the crates compiled into the modules (MIT asks that they go with every copy).
node scripts/third-party.mjs target/THIRD-PARTY-NOTICES.txt

step "wasm-bindgen, wasm-opt, wasm2js"
web_module pkg & pkg=$!
web_module pkg-content & content=$!
js_module & js=$!
failed=0
for job in "$pkg" "$content" "$js"; do wait "$job" || failed=1; done
[ "$failed" = 0 ] || { echo "build: a WASM translation failed (above)" >&2; exit 1; }

# --- extension --------------------------------------------------------------------------------
step "assemble dist/"
mkdir -p dist
for browser in chrome firefox; do
  out=dist/$browser
  rm -rf "$out"
  mkdir -p "$out"
  cp -R extension/. "$out/"
  cp LICENSE "$out/LICENSE"
  cp target/THIRD-PARTY-NOTICES.txt "$out/THIRD-PARTY-NOTICES.txt"
  rm "$out/manifest.json"
  node scripts/manifest.mjs "$browser" "$out/manifest.json"
  cp -R target/pkg "$out/pkg"
  cp -R target/pkg-content "$out/pkg-content"
  cp -R target/pkg-js "$out/pkg-js"
done
# Files the manifest names that are not there yet (another part of the work in progress).
node scripts/check-manifest-files.mjs dist/chrome

step "zip"
rm -f dist/scopefill-*.zip
for browser in chrome firefox; do
  python3 scripts/zip.py "dist/$browser" "dist/$crate-$browser-$version.zip" "$epoch"
done
step ""

scripts/sizes.sh
