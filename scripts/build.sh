#!/usr/bin/env bash
# `make build`: the WASM core in two flavours, then dist/chrome, dist/firefox and their zips.
#
#   target/pkg/         wasm-bindgen --target web + wasm-opt -Oz   (popup, options)
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
version=$(awk -F'"' '/^\[workspace.package\]/ { p = 1 } p && /^version *=/ { print $2; exit }' Cargo.toml)

now() { date +%s%N; }
step_start=$(now)
step() { # step NAME: prints how long the previous step took, then the new one's name
  local t; t=$(now)
  [ -n "${step_name:-}" ] && printf 'build: %-28s %6.1f s\n' "$step_name" "$(( (t - step_start) / 1000000 ))e-3"
  step_name=$1; step_start=$t
}

# binaryen_features [RUSTFLAGS' -C flags…]: binaryen's --enable flags for the wasm features the
# pinned rustc (rust-toolchain.toml) turns on for wasm32-unknown-unknown with those flags;
# binaryen must accept them (and may use them: every browser the manifest allows has them).
binaryen_features() {
  local feature
  rustc --print cfg --target wasm32-unknown-unknown "$@" | sed -n 's/^target_feature="\(.*\)"$/\1/p' |
    while read -r feature; do
      case $feature in
        bulk-memory) echo --enable-bulk-memory --enable-bulk-memory-opt ;;
        nontrapping-fptoint) echo --enable-nontrapping-float-to-int ;;
        *) echo "--enable-$feature" ;;
      esac
    done
}
read -r -a features <<<"$(binaryen_features | xargs)"
wasm2js_flags=(-Ctarget-feature=-reference-types,-nontrapping-fptoint)
read -r -a wasm2js_features <<<"$(binaryen_features "${wasm2js_flags[@]}" | xargs)"

# --- replica page (www/): React + BigDesign bundle → www/dist/ (the tests serve it) -------------
step "replica bundle (www)"
node www/build.mjs

# --- WASM flavours ----------------------------------------------------------------------------
# build_wasm OUT TARGET_DIR [cargo args…]: cargo → wasm-bindgen --target web → wasm-opt -Oz into
# target/OUT/. wasm-bindgen + wasm-opt take ~15 s: skipped when neither the module cargo
# produced nor this script changed.
build_wasm() {
  local out=$1 dir=$2
  shift 2
  step "cargo ($out)"
  cargo build --locked --release --target wasm32-unknown-unknown -p "$crate" --lib --target-dir "$dir" "$@"
  local wasm=$dir/wasm32-unknown-unknown/release/$crate.wasm
  local sum
  sum=$(cat "$wasm" "$0" | sha256sum | cut -d' ' -f1)  # the module and these steps
  if [ -f "target/$out/${crate}_bg.wasm" ] && [ "$(cat "target/$out.sha256" 2>/dev/null)" = "$sum" ]; then
    step "$out/ (unchanged)"
    return
  fi
  step "wasm-bindgen + wasm-opt ($out)"
  rm -rf "target/$out" "target/$out.sha256"
  wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
    --out-dir "target/$out" "$wasm"
  "$bin/wasm-opt" -Oz "${features[@]}" \
    --strip-debug --strip-producers --strip-target-features \
    "target/$out/${crate}_bg.wasm" -o "target/$out/${crate}_bg.opt.wasm"
  mv "target/$out/${crate}_bg.opt.wasm" "target/$out/${crate}_bg.wasm"
  node scripts/check-wasm.mjs "target/$out/${crate}_bg.wasm"
  echo "$sum" > "target/$out.sha256"
}

# The popup and options pages.
build_wasm pkg target
# The content script: the core and the DOM adapter only, without the pages' code. Same
# target dir and flags: the dependencies built for the pages are reused (cargo keeps both
# feature sets' artifacts and links the one asked for).
build_wasm pkg-content target --no-default-features

# --- wasm2js flavour --------------------------------------------------------------------------
# Only the content script loads this flavour, so it is built without the extension pages'
# code (`--no-default-features`: no popup). No externref table (wasm2js cannot express it) and
# a stripped module (profile.wasm2js), else wasm-bindgen cannot find
# __wbindgen_externref_table_dealloc; no saturating float→int instructions, which wasm2js
# translates into an invalid module. Own target dir: other RUSTFLAGS.
step "cargo (wasm2js flavour)"
RUSTFLAGS="${wasm2js_flags[*]}" \
  cargo build --locked --profile wasm2js --target wasm32-unknown-unknown -p "$crate" --lib --target-dir target/wasm2js \
  --no-default-features

wasm=target/wasm2js/wasm32-unknown-unknown/wasm2js/$crate.wasm
sum=$(cat "$wasm" "$0" scripts/renew-wasm2js-views.mjs | sha256sum | cut -d' ' -f1)  # the module and these steps
if [ -f target/pkg-js/"$crate.js" ] && [ "$(cat target/pkg-js.sha256 2>/dev/null)" = "$sum" ]; then
  step "pkg-js/ (unchanged)"
else
  step "wasm-bindgen (bundler)"
  rm -rf target/pkg-js target/pkg-js.sha256
  wasm-bindgen --target bundler --no-typescript --remove-name-section --remove-producers-section \
    --out-dir target/pkg-js "$wasm"

  step "wasm2js -Oz"
  "$bin/wasm2js" "${wasm2js_features[@]}" -Oz \
    "target/pkg-js/${crate}_bg.wasm" -o "target/pkg-js/${crate}_bg.wasm.js"
  rm "target/pkg-js/${crate}_bg.wasm"
  # The bundler glue imports the .wasm module; point it at the JS translation instead.
  sed -i "s#\./${crate}_bg\.wasm\([\"']\)#./${crate}_bg.wasm.js\1#g" "target/pkg-js/$crate.js"
  if ! grep -q "${crate}_bg\.wasm\.js" "target/pkg-js/$crate.js" \
     || grep -q "${crate}_bg\.wasm[\"']" "target/pkg-js/$crate.js"; then
    echo "build: could not rewrite the .wasm import in target/pkg-js/$crate.js" >&2
    exit 1
  fi
  # Memory views renewed after a grow (see the script).
  node scripts/renew-wasm2js-views.mjs "target/pkg-js/${crate}_bg.js"

  # One module, no relative imports: the content script imports it by its use_dynamic_url
  # address, and Chromium resolves a web-accessible module's own relative imports against the
  # extension's fixed id, which use_dynamic_url refuses to pages. (pkg/ is already one module
  # plus the .wasm the loader names by its dynamic address.)
  step "bundle pkg-js (esbuild)"
  "$bin/esbuild" "target/pkg-js/$crate.js" --bundle --format=esm --minify-whitespace --legal-comments=none \
    --log-level=warning --outfile="target/pkg-js.bundle/$crate.js"
  rm -rf target/pkg-js
  mv target/pkg-js.bundle target/pkg-js
  if grep -qE "^import |from ['\"]\./" "target/pkg-js/$crate.js"; then
    echo "build: target/pkg-js/$crate.js still imports other files" >&2
    exit 1
  fi
  echo "$sum" > target/pkg-js.sha256
fi

# --- extension --------------------------------------------------------------------------------
step "assemble dist/"
mkdir -p dist
for browser in chrome firefox; do
  out=dist/$browser
  rm -rf "$out"
  mkdir -p "$out"
  cp -R extension/. "$out/"
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
  python3 scripts/zip.py "dist/$browser" "dist/$crate-$browser-$version.zip"
done
step ""

scripts/sizes.sh
