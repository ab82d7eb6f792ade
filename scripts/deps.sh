#!/usr/bin/env bash
# Installs what `make build/test/demo` needs. Idempotent, non-interactive, and a fast no-op
# when everything is already there. Prints one line per step.
#
#   scripts/deps.sh          everything: the build's tools, then the browsers and test tools
#   scripts/deps.sh build    only what `make build` needs (a store reviewer rebuilding the
#                            packages: rustc, wasm-bindgen-cli, node_modules; no browser)
#   scripts/deps.sh test     only the browsers and test tools (make runs `build` before it)
set -euo pipefail
cd "$(dirname "$0")/.."

scope=${1:-all}
case $scope in
  all | build | test) ;;
  *) echo "usage: scripts/deps.sh [build|test]" >&2; exit 2 ;;
esac

if [ "$scope" != test ]; then

export PATH="$HOME/.cargo/bin:$PATH"

# 0. The rustc rust-toolchain.toml pins. A machine whose one toolchain is `stable` at that
#    very version gets it under the pinned name (a link, nothing fetched); any other machine
#    asks rustup for it. Until then `stable` runs rustup itself: in this folder rustup would
#    otherwise try to install the pinned toolchain before answering anything.
pinned=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)
if RUSTUP_TOOLCHAIN=$pinned rustc --version >/dev/null 2>&1; then
  echo "deps: rust $pinned ok"
else
  stable_version=$(RUSTUP_TOOLCHAIN=stable rustc --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$stable_version" = "$pinned" ]; then
    echo "deps: rust $pinned is this machine's stable: linked under its pinned name"
    RUSTUP_TOOLCHAIN=stable rustup target add wasm32-unknown-unknown
    RUSTUP_TOOLCHAIN=stable rustup component add rustfmt clippy
    sysroot=$(RUSTUP_TOOLCHAIN=stable rustc --print sysroot)
    ln -sfn "$sysroot" "$(dirname "$sysroot")/$pinned-$(RUSTUP_TOOLCHAIN=stable rustc -vV | sed -n 's/^host: //p')"
  else
    echo "deps: installing rust $pinned (stable here is ${stable_version:-missing})"
    rustup toolchain install "$pinned" --profile minimal --component rustfmt,clippy --target wasm32-unknown-unknown
  fi
fi

# 1. Rust: the wasm target, plus rustfmt and clippy for `make test` (in rustup's default
#    profile, not in its minimal one).
installed=$(rustup component list --installed 2>/dev/null || true)
if grep -qx 'rust-std-wasm32-unknown-unknown' <<<"$installed"; then
  echo "deps: rust target wasm32-unknown-unknown ok"
else
  echo "deps: adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
missing=()
for c in rustfmt clippy; do
  grep -q "^$c-" <<<"$installed" || missing+=("$c")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: rustfmt, clippy ok"
else
  echo "deps: adding rust components ${missing[*]}"
  rustup component add "${missing[@]}"
fi

# 2. wasm-bindgen-cli at the version the workspace's Cargo.toml pins the crate to
want=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
if [ -z "$want" ]; then
  echo "deps: Cargo.toml pins no wasm-bindgen version (expected wasm-bindgen = \"=X.Y.Z\")" >&2
  exit 1
fi
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" = "$want" ]; then
  echo "deps: wasm-bindgen $want ok"
else
  # No --locked: one of its locked dependencies is not in the registry (see toolchain notes).
  echo "deps: installing wasm-bindgen-cli $want (had ${have:-none}; takes ~4 min)"
  cargo install wasm-bindgen-cli --version "$want" --force --quiet
fi

# 3. npm tooling (binaryen, playwright-core, ws, web-ext), as locked in package-lock.json
if [ -d node_modules ] && [ ! package-lock.json -nt node_modules ]; then
  echo "deps: node_modules ok"
else
  echo "deps: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules
fi

fi
[ "$scope" != build ] || exit 0

# Debian packages: `apt-get update` at most once per run, only when something is missing.
apt_updated=
apt_install() {
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  if [ -z "$apt_updated" ]; then
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "$@" >/dev/null
}

# 4. Chromium + chromedriver for the headless tests
if [ -x /usr/bin/chromium ]; then
  echo "deps: chromium ok"
else
  echo "deps: installing chromium chromium-driver (~30 s)"
  apt_install chromium chromium-driver
fi

# 5. Firefox ESR, geckodriver and openssl for the Firefox smoke test (tests/firefox/smoke.mjs:
#    the replica is served over HTTPS with a certificate made at test time).
if [ -x /usr/bin/firefox-esr ]; then
  echo "deps: firefox-esr ok"
else
  echo "deps: installing firefox-esr (~40 s)"
  apt_install firefox-esr
fi
if command -v openssl >/dev/null; then
  echo "deps: openssl ok"
else
  echo "deps: installing openssl"
  apt_install openssl
fi
# Xvfb and xdotool for the one test that makes a real user gesture (tests/gesture/): a keyboard
# shortcut opens the popup in a headed Chromium on a virtual display.
if command -v xvfb-run >/dev/null && command -v xdotool >/dev/null; then
  echo "deps: xvfb xdotool ok"
else
  echo "deps: installing xvfb xdotool"
  apt_install xvfb xauth xdotool
fi
# geckodriver (WebDriver for Firefox), pinned. Unlike wasm-bindgen-cli, it builds --locked here.
geckodriver_want=0.36.0
have=$(geckodriver --version 2>/dev/null | awk 'NR == 1 {print $2}' || true)
if [ "$have" = "$geckodriver_want" ]; then
  echo "deps: geckodriver $geckodriver_want ok"
else
  echo "deps: installing geckodriver $geckodriver_want (had ${have:-none}; takes ~3-9 min)"
  cargo install geckodriver --version "$geckodriver_want" --locked --force --quiet
fi
