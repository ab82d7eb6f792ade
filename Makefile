# ScopeFill for BigCommerce: build, test and demo entry points.
#   make deps    install what the others need (idempotent; a no-op when all is there)
#   make build   WASM core (web + wasm2js flavours) → dist/chrome, dist/firefox, zips
#                (installs only the build's tools: scripts/deps.sh build)
#   make check   fmt, clippy (native, both wasm builds), cargo test (the table tests once),
#                the release documents' tests (tests/release/)
#   make e2e     build, then the replica self-check, web-ext lint (both packages) and the
#                Firefox smoke test side by side, then the Chromium E2E suites
#   make reproducible  build, then build again from scratch in another folder: the zips
#                must be the same bytes, and name no path of the machine
#   make test    check, then e2e, then reproducible
#   make release build, then dist/release/: both packages, the source package, SHA256SUMS;
#                the source package is rebuilt in another folder and must give the same zips
#   make demo    build, then the scripted demo
#   make bench   build, then the benchmark; sizes are printed either way
#   make clean   remove build output (node_modules stays)

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: all deps deps-build build check e2e reproducible test release demo bench clean

all: build

# deps after deps-build, never beside it (make -j): one npm ci, one cargo install at a time.
deps: deps-build
	@scripts/deps.sh test

deps-build:
	@scripts/deps.sh build

build: deps-build
	@scripts/build.sh

# The Rust tests but the two table tests, which run once, by themselves, printing their tables.
TABLE_TESTS := seed_tables source_tables
CORE_TESTS := $(filter-out $(TABLE_TESTS),$(basename $(notdir $(wildcard crates/core/tests/*.rs))))

check: deps-build
	@echo "== cargo fmt --check"
	@cargo fmt --all --check
	@echo "== cargo clippy --all-targets -- -D warnings"
	@cargo clippy --locked --workspace --all-targets --quiet -- -D warnings
	@echo "== cargo clippy (wasm32: extension pages build, content-script-only build)"
	@cargo clippy --locked --target wasm32-unknown-unknown -p scopefill --lib --quiet -- -D warnings
	@cargo clippy --locked --target wasm32-unknown-unknown -p scopefill --lib --no-default-features --quiet -- -D warnings
	@echo "== cargo test"
	@cargo test --locked --workspace --lib $(addprefix --test ,$(CORE_TESTS))
	@echo "== cargo test: every preset row against the integrators' guides and the public sources"
	@cargo test --locked -p scopefill-core $(addprefix --test ,$(TABLE_TESTS)) -- --nocapture --test-threads 1
	@echo "== node --test tests/release/: version, store listing, privacy policy against the code"
	@node --test tests/release/

e2e: deps build
	@scripts/browser-tests.sh

reproducible: build
	@scripts/reproducible.sh

# One after the other: cargo already keeps both cores busy in each (measured: side by side
# they took longer than in turn).
test: check e2e reproducible

release: build
	@scripts/release.sh

demo: deps build
	@if [ -f tests/e2e/demo.mjs ]; then node tests/e2e/demo.mjs; \
	else echo "demo: tests/e2e/demo.mjs not there yet"; fi

bench: deps build
	@if [ -f tests/e2e/bench.mjs ]; then node tests/e2e/bench.mjs; \
	else echo "bench: tests/e2e/bench.mjs not there yet"; fi
	@scripts/sizes.sh

clean:
	rm -rf dist
	cargo clean
