# ScopeFill for BigCommerce: build, test and demo entry points.
#   make deps    install what the others need (idempotent; a no-op when all is there)
#   make build   WASM core (web + wasm2js flavours) → dist/chrome, dist/firefox, zips
#   make test    fmt, clippy, cargo test, seed and source tables, build, web-ext lint (both packages),
#                browser tests (Chromium E2E, then the Firefox smoke test)
#   make demo    build, then the scripted demo
#   make bench   build, then the benchmark; sizes are printed either way
#   make clean   remove build output (node_modules stays)

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: all deps build test demo bench clean

all: build

deps:
	@scripts/deps.sh

build: deps
	@scripts/build.sh

test: deps
	@echo "== cargo fmt --check"
	@cargo fmt --check
	@echo "== cargo clippy --all-targets -- -D warnings"
	@cargo clippy --all-targets --quiet -- -D warnings
	@echo "== cargo clippy (wasm32: extension pages build, content-script-only build)"
	@cargo clippy --target wasm32-unknown-unknown --lib --quiet -- -D warnings
	@cargo clippy --target wasm32-unknown-unknown --lib --no-default-features --quiet -- -D warnings
	@echo "== cargo test"
	@cargo test
	@echo "== cargo test --test seed_tables: every preset row against the integrators' guides"
	@cargo test --test seed_tables -- --nocapture --test-threads 1
	@echo "== cargo test --test source_tables: presets from public guides against tests/sources/"
	@cargo test --test source_tables -- --nocapture --test-threads 1
	@echo "== build"
	@scripts/build.sh
	@echo "== replica self-check: node www/check-replica.mjs"
	@node www/check-replica.mjs
	@echo "== web-ext lint dist/firefox"
	@node scripts/lint-firefox.mjs dist/firefox
	@echo "== web-ext lint dist/chrome (Firefox-only messages ignored, listed in scripts/lint-chrome.mjs)"
	@node scripts/lint-chrome.mjs dist/chrome
	@if [ -f tests/e2e/run.mjs ]; then \
	  echo "== browser tests: node tests/e2e/run.mjs"; \
	  node tests/e2e/run.mjs; \
	else \
	  echo "== browser tests: tests/e2e/run.mjs not there yet, skipped"; \
	fi
	@echo "== Firefox smoke test: node tests/firefox/smoke.mjs"
	@node tests/firefox/smoke.mjs

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
