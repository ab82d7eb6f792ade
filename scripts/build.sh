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
version=$(awk -F'"' '/^\[package\]/ { p = 1 } p && /^version *=/ { print $2; exit }' Cargo.toml)

now() { date +%s%N; }
step_start=$(now)
step() { # step NAME: prints how long the previous step took, then the new one's name
  local t; t=$(now)
  [ -n "${step_name:-}" ] && printf 'build: %-28s %6.1f s\n' "$step_name" "$(( (t - step_start) / 1000000 ))e-3"
  step_name=$1; step_start=$t
}

# Features rustc 1.95 enables by default on wasm32-unknown-unknown; binaryen must accept them
# (and may use them: every browser the manifest allows has them).
features=(--enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int
          --enable-sign-ext --enable-mutable-globals --enable-multivalue)

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
  cargo build --release --target wasm32-unknown-unknown --lib --target-dir "$dir" "$@"
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
  "$bin/wasm-opt" -Oz "${features[@]}" --enable-reference-types \
    --strip-debug --strip-producers --strip-target-features \
    "target/$out/${crate}_bg.wasm" -o "target/$out/${crate}_bg.opt.wasm"
  mv "target/$out/${crate}_bg.opt.wasm" "target/$out/${crate}_bg.wasm"
  node -e '
    const bytes = require("fs").readFileSync(process.argv[1]);
    if (!WebAssembly.validate(bytes)) { console.error("build: optimised wasm does not validate"); process.exit(1); }
  ' "target/$out/${crate}_bg.wasm"
  echo "$sum" > "target/$out.sha256"
}

# The popup and options pages.
build_wasm pkg target
# The content script: the core and the DOM adapter only, without the pages' code.
build_wasm pkg-content target/content --no-default-features

# --- wasm2js flavour --------------------------------------------------------------------------
# Only the content script loads this flavour, so it is built without the extension pages'
# code (`--no-default-features`: no popup). No externref table (wasm2js cannot express it) and
# a stripped module (profile.wasm2js), else wasm-bindgen cannot find
# __wbindgen_externref_table_dealloc; no saturating float→int instructions, which wasm2js
# translates into an invalid module. Own target dir: other RUSTFLAGS.
step "cargo (wasm2js flavour)"
RUSTFLAGS="-Ctarget-feature=-reference-types,-nontrapping-fptoint" \
  cargo build --profile wasm2js --target wasm32-unknown-unknown --lib --target-dir target/wasm2js \
  --no-default-features

wasm=target/wasm2js/wasm32-unknown-unknown/wasm2js/$crate.wasm
sum=$(cat "$wasm" "$0" | sha256sum | cut -d' ' -f1)  # the module and these steps
if [ -f target/pkg-js/"$crate.js" ] && [ "$(cat target/pkg-js.sha256 2>/dev/null)" = "$sum" ]; then
  step "pkg-js/ (unchanged)"
else
  step "wasm-bindgen (bundler)"
  rm -rf target/pkg-js target/pkg-js.sha256
  wasm-bindgen --target bundler --no-typescript --remove-name-section --remove-producers-section \
    --out-dir target/pkg-js "$wasm"

  step "wasm2js -Oz"
  "$bin/wasm2js" "${features[@]}" -Oz \
    "target/pkg-js/${crate}_bg.wasm" -o "target/pkg-js/${crate}_bg.wasm.js"
  rm "target/pkg-js/${crate}_bg.wasm"
  # The bundler glue imports the .wasm module; point it at the JS translation instead.
  sed -i "s#\./${crate}_bg\.wasm\([\"']\)#./${crate}_bg.wasm.js\1#g" "target/pkg-js/$crate.js"
  if ! grep -q "${crate}_bg\.wasm\.js" "target/pkg-js/$crate.js" \
     || grep -q "${crate}_bg\.wasm[\"']" "target/pkg-js/$crate.js"; then
    echo "build: could not rewrite the .wasm import in target/pkg-js/$crate.js" >&2
    exit 1
  fi
  # wasm2js grows memory by copying into a new ArrayBuffer and leaves the old one attached,
  # so the glue's tests for a stale view ("length 0", "buffer detached") never fire: strings
  # made after a grow read as empty and lengths written back land in the old buffer, which
  # corrupts the heap. Every view is renewed whenever the buffer behind it is not current.
  node -e '
    const fs = require("fs");
    const file = process.argv[1];
    let js = fs.readFileSync(file, "utf8");
    const getters = js.match(/function get\w+Memory0\(\)/g) ?? [];
    let fixed = 0;
    js = js.replace(/if \((cached\w+Memory0) === null \|\|[^{]*\) \{/g, (_, view) => {
      fixed++;
      return `if (${view} === null || ${view}.buffer !== wasm.memory.buffer) {`;
    });
    if (getters.length === 0 || fixed !== getters.length) {
      console.error(`build: renewed ${fixed} of ${getters.length} memory views in ${file}`);
      process.exit(1);
    }
    fs.writeFileSync(file, js);
  ' "target/pkg-js/${crate}_bg.js"

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
# Files the manifest names that are not there yet (another part of the work in progress):
# the browsers refuse to load the extension without them, and `web-ext lint` fails on them.
node -e '
  const fs = require("fs");
  const m = JSON.parse(fs.readFileSync("dist/chrome/manifest.json", "utf8"));
  const files = [m.background.service_worker, m.action.default_popup, m.options_ui.page,
    ...Object.values(m.icons), ...m.content_scripts.flatMap((c) => [...(c.js ?? []), ...(c.css ?? [])])];
  for (const f of files) if (!fs.existsSync("dist/chrome/" + f)) console.error("build: WARNING: manifest names " + f + ", which extension/ does not have");
'

step "zip"
rm -f dist/scopefill-*.zip
for browser in chrome firefox; do
  python3 - "dist/$browser" "dist/$crate-$browser-$version.zip" <<'EOF'
# Reproducible zip: sorted entries, fixed timestamps and modes, files at the root.
import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
paths = sorted(
    os.path.relpath(os.path.join(d, f), src)
    for d, _, files in os.walk(src) for f in files
)
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for p in paths:
        info = zipfile.ZipInfo(p.replace(os.sep, "/"), date_time=(2020, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        with open(os.path.join(src, p), "rb") as f:
            z.writestr(info, f.read(), compresslevel=9)
EOF
done
step ""

scripts/sizes.sh
