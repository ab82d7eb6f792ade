# ScopeFill for BigCommerce: build, test and demo entry points.
#   make deps    install what the others need (idempotent; a no-op when all is there)
#   make build   WASM core (web + wasm2js flavours) → dist/chrome, dist/firefox, zips
#   make check   fmt, clippy (native, both wasm builds), cargo test (the table tests once)
#   make e2e     build, then the replica self-check, web-ext lint (both packages) and the
#                Firefox smoke test side by side, then the Chromium E2E suites
#   make test    check, then e2e
#   make demo    build, then the scripted demo
#   make bench   build, then the benchmark; sizes are printed either way
#   make clean   remove build output (node_modules stays)

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: all deps build check e2e test demo bench clean

all: build

deps:
	@scripts/deps.sh

build: deps
	@scripts/build.sh

# The Rust tests but the two table tests, which run once, by themselves, printing their tables.
TABLE_TESTS := seed_tables source_tables
CORE_TESTS := $(filter-out $(TABLE_TESTS),$(basename $(notdir $(wildcard crates/core/tests/*.rs))))

check: deps
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

e2e: build
	@scripts/browser-tests.sh

# One after the other: cargo already keeps both cores busy in each (measured: side by side
# they took longer than in turn).
test: check e2e

demo: build
	@if [ -f tests/e2e/demo.mjs ]; then node tests/e2e/demo.mjs; \
	else echo "demo: tests/e2e/demo.mjs not there yet"; fi

bench: build
	@if [ -f tests/e2e/bench.mjs ]; then node tests/e2e/bench.mjs; \
	else echo "bench: tests/e2e/bench.mjs not there yet"; fi
	@scripts/sizes.sh

clean:
	rm -rf dist
	cargo clean
