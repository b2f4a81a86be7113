# One task runner for the three languages. `make help` lists the targets.
# Every target sets itself up (venv, pip, npm, cargo) on a fresh machine.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := $(CURDIR)/.venv
VPY := $(VENV)/bin/python
VECTORS := $(wildcard tests/conformance/vectors/*.json)
# Each language runs the vectors once per `make test` and writes the view of
# every case's final set here (Node adds its answers for the browser test);
# test-views compares them and test-browser reads Node's answers.
VIEWS_OUT := build/views
DEMO_OUT := build/demo
# Seeded random cases with the core's answers; every runner must agree.
DIFFERENTIAL := build/differential.json
DIFFERENTIAL_SEED ?= 20261127
DIFFERENTIAL_CASES ?= 10000
# The cargo profile of every test build (Cargo.toml [profile.test-release]:
# release optimisations without LTO, incremental). What ships (`make dist`) and
# what is benchmarked build `release`. A new test target builds with
# `--profile $(TEST_PROFILE)` and runs binaries from $(TEST_TARGET).
TEST_PROFILE ?= test-release
TEST_TARGET := $(CURDIR)/target/$(TEST_PROFILE)
# cargo test leaves out the two binding crates: they have no Rust tests, and
# their test builds are maturin's (target-py) and napi's (target-node); clippy
# still checks every target of them. Building pyo3 and napi a third time here
# cost 48 s of CPU on a fresh run.
CARGO_TEST_EXCLUDE := --exclude studio-permissions-python --exclude studio-permissions-node

.PHONY: help demo test check lint lint-rust test-rust package-rust demo-rust bench-rust differential-vectors parity

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

demo: demo-rust demo-python demo-node ## Build every package, run the demo in each language, check the outputs are byte-identical
	cmp $(DEMO_OUT)/rust.txt $(DEMO_OUT)/python.txt
	cmp $(DEMO_OUT)/rust.txt $(DEMO_OUT)/node.txt
	@cat $(DEMO_OUT)/rust.txt
	@echo "demo: the Rust, Python and Node outputs are byte-identical"

# make test's steps, in this order. packaging/dist-lane.sh runs them with the
# linux-arm64 builds of make dist started first, beside them at the lowest
# priority, filling the core that linking and the one-threaded test phases
# leave idle.
TEST_STEPS := lint test-rust package-rust test-python test-node test-views test-browser test-cli dist test-dist

test: packaging-env ## Build everything and run every test in every language, then build dist/ and install it from local registries (what CI runs)
	DIST_ARM64=$(DIST_ARM64) packaging/dist-lane.sh $(VENV) $(ARM64_CACHE) build/dist-lane -- \
	  $(MAKE) --no-print-directory $(TEST_STEPS)

check: lint test-rust check-python check-node check-views ## The quick loop (a few minutes on a warm tree): every lint, cargo tests, pytest, node --test, the shared vectors in Rust, Python and Node
	@echo "check: passed (make test runs everything else: typing, differential cases, examples, browser, CLI, packaging)"

lint: lint-rust lint-workflows lint-python lint-js ## cargo fmt --check, clippy -D warnings, ruff, Biome, the GitHub workflows' schema

lint-rust: ## cargo fmt --check and clippy -D warnings over every target of the workspace
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings

test-rust: ## Rust unit, property and doc tests, then the conformance vectors (writing their views for test-views)
	cargo test --workspace $(CARGO_TEST_EXCLUDE) --profile $(TEST_PROFILE)
	$(PYTHON) tests/conformance/generate_migrations.py --check
	@mkdir -p $(VIEWS_OUT)
	cargo run -q --profile $(TEST_PROFILE) -p studio-permissions-examples --bin conformance -- --views $(VIEWS_OUT)/rust.jsonl $(VECTORS)

package-rust: ## cargo package the core crate and build it from the package alone (nothing outside core/ is needed)
	cargo package -p studio-permissions --allow-dirty --quiet

differential-vectors: ## Write $(DIFFERENTIAL_CASES) seeded differential cases to build/differential.json
	@mkdir -p build
	cargo run -q --profile $(TEST_PROFILE) -p studio-permissions-examples --bin differential -- $(DIFFERENTIAL_SEED) $(DIFFERENTIAL_CASES) $(DIFFERENTIAL)

PARITY_CHUNKS ?= 100
parity: python-build build-node ## 1,000,000 differential cases (100 seeds x 10,000) through all three runners
	tests/differential/parity.sh $(PARITY_CHUNKS) $(VPY)

demo-rust: ## The demo in Rust
	@mkdir -p $(DEMO_OUT)
	cargo run -q --profile $(TEST_PROFILE) -p studio-permissions-examples --bin demo > $(DEMO_OUT)/rust.txt

bench-rust: ## Criterion benchmarks of the core
	cargo bench -p studio-permissions-bench

include bindings-python/python.mk
include bindings-node/node.mk
include bench/bench.mk
include fuzz/fuzz.mk
include examples/web/web.mk
include cli/cli.mk
include packaging/packaging.mk
