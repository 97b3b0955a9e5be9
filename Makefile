# Two commands do everything on a fresh machine (Debian, rustup, Node/npm):
#   make run    build in release mode and serve the demo contest on http://127.0.0.1:3000
#   make test   every check and test: fmt, clippy, Rust tests (SQLite, and PostgreSQL
#               when TEST_DATABASE_URL is set), Playwright in Debian's Chromium
# A second run skips whatever is already installed and built.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

CARGO_LEPTOS_VERSION := 0.3.10
CARGO_FUZZ_VERSION := 0.13.2
# The wasm-bindgen CLI must equal the wasm-bindgen crate in Cargo.lock.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock)
TARGET_DIR := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
SITE_ROOT := $(CURDIR)/target/site
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# wasm-opt comes from npm's binaryen (pinned in end2end/package.json): Debian's
# binaryen 108 corrupts the reference-types wasm of current Rust, and the
# release page then fails to hydrate.
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(PATH)

.PHONY: help run test tools tools-rust tools-node tools-fuzz test-fuzz tools-browser build-release build-debug lint test-rust test-e2e bench-size bench-answers bench-bank bench-results bench-docx

help:
	@echo "make run   - build (release) and serve the demo contest on http://127.0.0.1:3000"
	@echo "make test  - install what is missing, then run every check and test"

## ---------- tools ----------

tools: tools-rust tools-node

# cargo-fuzz for the importers' fuzz targets (scripts/fuzz.sh); on stable Rust the
# script lets cargo-fuzz use its nightly-only flags through RUSTC_BOOTSTRAP.
tools-fuzz:
	@cargo fuzz --version 2>/dev/null | grep -q " $(CARGO_FUZZ_VERSION)$$" || { \
	  echo ">> Installing cargo-fuzz (about 2 minutes; only the first time)"; \
	  cargo install --locked cargo-fuzz --version $(CARGO_FUZZ_VERSION); }

tools-rust:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || { \
	  echo ">> Adding the wasm32 target (about 30 s)"; rustup target add wasm32-unknown-unknown; }
	@if ! wasm-bindgen --version 2>/dev/null | grep -q " $(WASM_BINDGEN_VERSION)$$"; then \
	  echo ">> Installing wasm-bindgen CLI $(WASM_BINDGEN_VERSION) to match Cargo.lock (about 3 minutes)"; \
	  scripts/install-wasm-bindgen.sh $(WASM_BINDGEN_VERSION); fi
	@if ! cargo leptos --version 2>/dev/null | grep -q "$(CARGO_LEPTOS_VERSION)"; then \
	  echo ">> Installing cargo-leptos $(CARGO_LEPTOS_VERSION) without run-time downloads"; \
	  echo "   (about 25 minutes and 3 GB of memory on 2 cores; only the first time)"; \
	  cargo install --locked cargo-leptos --version $(CARGO_LEPTOS_VERSION) --features no_downloads; fi

# Playwright and wasm-opt, from npm (no browser download).
tools-node:
	@if [ ! -f end2end/node_modules/.package-lock.json ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then \
	  echo ">> Installing Playwright and binaryen (wasm-opt) from npm (about 10 s)"; \
	  cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund; fi

tools-browser: tools-node
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  echo ">> Installing Debian's Chromium for the browser tests (about 30 s)"; \
	  $(SUDO) apt-get install -y --no-install-recommends chromium || { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends chromium; }; fi

## ---------- run ----------

# The environment cargo-leptos gives its wasm build, so that the quiz and
# dashboard bundles' builds reuse the compiled crates of cargo-leptos's own.
BUNDLE_ENV := LEPTOS_OUTPUT_NAME=contest LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
  LEPTOS_SITE_ADDR=127.0.0.1:3000 LEPTOS_RELOAD_PORT=3001 LEPTOS_LIB_DIR=frontend LEPTOS_BIN_DIR=server \
  LEPTOS_JS_MINIFY=true LEPTOS_HASH_FILES=false

# A bundle besides cargo-leptos's own (app/src/bundle.rs): $(1) the crate, $(2) its
# base name in /pkg. The same steps cargo-leptos takes: wasm-bindgen, then wasm-opt.
define extra_bundle
$(BUNDLE_ENV) cargo build --package=$(1) --lib --target-dir="$(TARGET_DIR)/front" --target=wasm32-unknown-unknown --profile=wasm-release
wasm-bindgen --target=web --no-typescript --out-name=$(2) --out-dir=$(SITE_ROOT)/pkg \
  "$(TARGET_DIR)/front/wasm32-unknown-unknown/wasm-release/$(1).wasm"
mv -f $(SITE_ROOT)/pkg/$(2)_bg.wasm $(SITE_ROOT)/pkg/$(2).wasm
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  $(SITE_ROOT)/pkg/$(2).wasm -o $(SITE_ROOT)/pkg/$(2).wasm
endef

build-release: tools
	@echo ">> Building in release mode (about 13 minutes the first time, about 1-2 minutes after a change)"
	cargo leptos build --release
	@echo ">> Building the bundle of the pages without a form (contest-live.wasm: countdowns, live counters)"
	$(call extra_bundle,frontend_live,contest-live)
	@echo ">> Building the quiz page's bundle (contest-quiz.wasm: the quiz's islands only)"
	$(call extra_bundle,frontend_quiz,contest-quiz)
	@echo ">> Building the dashboard's bundle (contest-admin.wasm; only /quan-tri pages load it)"
	$(call extra_bundle,frontend_admin,contest-admin)
	@# cargo-leptos rewrites the bundle on every build: compress the new files.
	node scripts/precompress.mjs $(SITE_ROOT)/pkg

run: build-release
	@echo ">> Starting the server (migrates the database and loads the demo data when it is empty)"
	LEPTOS_SITE_ROOT=$(SITE_ROOT) LEPTOS_OUTPUT_NAME=contest "$(TARGET_DIR)/release/server"

## ---------- test ----------

build-debug: tools
	@echo ">> Building the site in debug mode (about 9 minutes the first time)"
	cargo leptos build

lint: tools
	@echo ">> Formatting and lints (ssr and hydrate builds)"
	cargo fmt --all --check
	cargo clippy -p server -p app -p migration -p loadgen -p bankfile --all-targets --features app/ssr -- -D warnings
	@# Each islands bundle on its own: together, their features would unify.
	cargo clippy -p frontend -p frontend_admin -p app --target wasm32-unknown-unknown --features app/hydrate --all-targets -- -D warnings
	cargo clippy -p frontend_live --target wasm32-unknown-unknown --all-targets -- -D warnings
	cargo clippy -p frontend_quiz --target wasm32-unknown-unknown --all-targets -- -D warnings
	cargo clippy -p migration --features cli --bins -- -D warnings

test-rust: tools
	@if [ -n "$${TEST_DATABASE_URL:-}" ]; then echo ">> Rust tests on SQLite and on PostgreSQL ($${TEST_DATABASE_URL%%\?*})"; \
	  else echo ">> Rust tests on SQLite (set TEST_DATABASE_URL=postgres://... to add PostgreSQL)"; fi
	cargo test -p server -p app -p migration -p bankfile --features app/ssr

# The browser tests run the release build: the same wasm and server that `make run` serves.
test-e2e: build-release tools-browser
	@echo ">> Browser tests in $(CHROMIUM) (desktop and phone), against a fresh database"
	@data=$$(mktemp -d); trap 'rm -rf "$$data"' EXIT; \
	  cd end2end && E2E_SERVER_BIN="$(TARGET_DIR)/release/server" E2E_DATA_DIR="$$data" E2E_SITE_ROOT="$(SITE_ROOT)" \
	  CHROMIUM_PATH="$(CHROMIUM)" npx playwright test

# Every importer's fuzz target for a bounded time (FUZZ_SECONDS each), with
# AddressSanitizer and RSS/malloc limits; a crash fails the run.
FUZZ_SECONDS ?= 15
test-fuzz: tools-fuzz
	@echo ">> Fuzzing the seven importers, $(FUZZ_SECONDS) s each (the first build takes 2-9 minutes)"
	FUZZ_TARGET_DIR="$(TARGET_DIR)/fuzz" scripts/fuzz.sh $(FUZZ_SECONDS)

test: lint test-rust test-fuzz test-e2e
	@echo ">> All checks and tests passed."

## ---------- measurements (docs/benchmarks.md) ----------

bench-size: build-release tools-browser
	@for f in contest.wasm contest.js contest.css contest-live.wasm contest-live.js contest-quiz.wasm contest-quiz.js contest-admin.wasm contest-admin.js; do p="$(SITE_ROOT)/pkg/$$f"; \
	  echo "$$f raw: $$(stat -c %s $$p) B, gzip -9: $$(stat -c %s $$p.gz) B, brotli 11: $$(stat -c %s $$p.br) B"; done
	@# What each page type moves on the wire, cold and warm, from a fresh demo server.
	@data=$$(mktemp -d); trap 'kill $$pid 2>/dev/null; rm -rf "$$data"' EXIT; \
	  DATABASE_URL="sqlite://$$data/bench.db?mode=rwc" DATA_DIR="$$data" LEPTOS_SITE_ROOT=$(SITE_ROOT) \
	  LEPTOS_SITE_ADDR=127.0.0.1:3200 RUST_LOG=warn "$(TARGET_DIR)/release/server" & pid=$$!; \
	  for i in $$(seq 1 120); do curl -sf http://127.0.0.1:3200/healthz >/dev/null && break; sleep 0.5; done; \
	  cd end2end && CHROMIUM_PATH="$(CHROMIUM)" BENCH_DATA_DIR="$$data" node bench/page-weight.mjs http://127.0.0.1:3200

# Answer saves per second through the JSON API (64 connections, as issue #15 measures), release build,
# fresh database each run; a naive one-upsert server and a no-database ceiling are driven in the same run.
bench-answers: build-release
	cargo build --release -p loadgen
	loadgen/run.sh sqlite --contestants 64 --seconds 15 --think-ms 0
	loadgen/run.sh postgres --contestants 64 --seconds 15 --think-ms 0

# Import a generated 10,000-question .xlsx, then time bank searches and paging.
bench-bank: build-release
	cargo build --release -p loadgen
	BENCH_BIN=bank loadgen/run.sh sqlite --questions 10000
	BENCH_BIN=bank loadgen/run.sh postgres --questions 10000

# A generated 10,000-question Word file in each layout the import reads, parsed in release
# mode; each must take under 2 s (the list layout is the baseline of the same run).
bench-docx:
	cargo run --release -p bankfile --example bench_docx

# A generated contest of 1,000 units, 200,000 contestants and 1,000,000 attempts:
# statistics refresh, ranking a 500,000-attempt round, public page and downloads.
bench-results: build-release
	cargo build --release -p loadgen
	BENCH_BIN=results loadgen/run.sh sqlite
	BENCH_BIN=results loadgen/run.sh postgres
