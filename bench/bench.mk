# The cross-language benchmark, included by the root Makefile.
# `make bench` sets everything up on a fresh machine (bench/.venv with the
# pinned Python peers and our package, bench/node/node_modules with the pinned
# Node peers, the Node addon), writes the seeded workload, runs Rust
# (criterion), Python and Node on this machine in one run, verifies every
# answer against ours, and writes BENCHMARKS.md. Not part of `make test`.

BENCH := bench
BENCH_BUILD := $(BENCH)/build
BENCH_VENV := $(CURDIR)/$(BENCH)/.venv
BENCH_PY := $(BENCH_VENV)/bin/python
BENCH_WHEELS := $(BENCH_BUILD)/wheels
BENCH_NODE := $(BENCH)/node
BENCH_ROUNDS ?= 3
# How the Node addon is built: `build-node-release` (the default) also fails when the
# generated native/ files differ from the committed ones; on a work tree with
# uncommitted binding changes, `make bench BENCH_NODE_BUILD=bench-node-addon`
# builds the same release addon without that check.
BENCH_NODE_BUILD ?= build-node-release

.PHONY: bench-per-request bench-node-addon bench bench-setup bench-workload bench-criterion bench-python-run bench-node-run bench-report

bench: bench-setup ## Benchmarks vs hand-written checkers, casbin, Cedar, CASL in Rust/Python/Node; writes BENCHMARKS.md (~15 min)
	@mkdir -p $(BENCH_BUILD) && date +%s > $(BENCH_BUILD)/started
	@cat /proc/loadavg > $(BENCH_BUILD)/loadavg-start
	$(MAKE) --no-print-directory bench-workload
	$(MAKE) --no-print-directory bench-criterion
	$(MAKE) --no-print-directory bench-python-run
	$(MAKE) --no-print-directory bench-node-run
	$(MAKE) --no-print-directory bench-per-request
	$(MAKE) --no-print-directory bench-cli
	@cat /proc/loadavg > $(BENCH_BUILD)/loadavg-end
	$(MAKE) --no-print-directory bench-report

bench-setup: $(BENCH_VENV)/.ours.stamp $(BENCH_NODE)/node_modules/.installed $(BENCH_NODE_BUILD) ## Install the pinned peers, our Python wheel into bench/.venv, build the Node addon

# The Python peers, pinned in bench/requirements.txt.
$(BENCH_VENV)/.peers.stamp: $(BENCH)/requirements.txt
	@test -x $(BENCH_PY) || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_PY) -m pip install --quiet --disable-pip-version-check -r $(BENCH)/requirements.txt
	@touch $@

# Our package: the release wheel that `pip install ./bindings-python` would build
# (maturin from .venv, its cache target-py), installed into bench/.venv.
$(BENCH_WHEELS)/.stamp: $(PY_DEV_STAMP) $(PY_SOURCES)
	@rm -rf $(BENCH_WHEELS) && mkdir -p $(BENCH_WHEELS)
	$(PY_RUN) CARGO_TARGET_DIR=$(PY_TARGET) $(VPY) -m pip wheel --quiet --disable-pip-version-check \
		--no-build-isolation --no-deps ./$(PY_DIR) -w $(BENCH_WHEELS)
	@touch $@

$(BENCH_VENV)/.ours.stamp: $(BENCH_VENV)/.peers.stamp $(BENCH_WHEELS)/.stamp
	$(BENCH_PY) -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps $(BENCH_WHEELS)/*.whl
	@touch $@

# The Node peers, pinned in bench/node/package-lock.json.
$(BENCH_NODE)/node_modules/.installed: $(BENCH_NODE)/package.json $(BENCH_NODE)/package-lock.json
	cd $(BENCH_NODE) && npm ci --prefer-offline --no-audit --no-fund
	@touch $@

bench-node-addon: $(NODE_DIR)/node_modules/.installed
	cd $(NODE_DIR) && npm run build

bench-workload: ## Write the seeded workload (bench/build/users.json, queries.json)
	@mkdir -p $(BENCH_BUILD)
	$(PYTHON) $(BENCH)/workload.py $(BENCH_BUILD)

bench-criterion: ## Rust: the criterion benches of the core (by id, by handle, parse, effective, workspace who_can)
	@mkdir -p $(BENCH_BUILD)
	@date +%s > $(BENCH_BUILD)/criterion-started
	cargo bench -p studio-permissions-bench 2>&1 | tee $(BENCH_BUILD)/criterion.log

bench-python-run: $(BENCH_VENV)/.ours.stamp ## Python: ours, hand-written, pycasbin, cedarpy (writes bench/build/expected.bin)
	$(BENCH_PY) $(BENCH)/python_bench.py --rounds $(BENCH_ROUNDS)

bench-node-run: $(BENCH_NODE)/node_modules/.installed ## Node: ours, hand-written, @casl/ability, node-casbin, cedar-wasm (after the Python run)
	node $(BENCH_NODE)/bench.mjs --rounds $(BENCH_ROUNDS)

# The per-request paths (loading a user's set, refusing, checking, loading a
# whole export): each part below appends its target, which writes
# bench/build/per-request-<part>.json; the report sets them beside the
# figures before (bench/baseline/per-request-<part>.json).
PER_REQUEST_TARGETS ?=

bench-per-request: ## The per-request benchmarks of every part (Rust, Python, Node, memory)
	@test -n "$(strip $(PER_REQUEST_TARGETS))" || { echo "bench-per-request: no parts" >&2; exit 1; }
	$(MAKE) --no-print-directory $(PER_REQUEST_TARGETS)

bench-report: ## Write BENCHMARKS.md from bench/build/ (the results of the last `make bench`)
	$(PYTHON) $(BENCH)/report.py

# Per-request figures of the Rust core (parse + validate of a 20-entry
# document, `effective`): two criterion benches, medians written to
# bench/build/per-request-rust.json.
.PHONY: bench-per-request-rust
bench-per-request-rust: ## Rust per-request figures: parse20 and effective medians (criterion) into bench/build/per-request-rust.json
	$(PYTHON) $(BENCH)/per_request_rust.py $(BENCH_BUILD)/per-request-rust.json
PER_REQUEST_TARGETS += bench-per-request-rust

# Per-request memory (workspace loads): peak RSS growth of a 200 MB export in
# both forms, Python and Node, each case in a fresh process, and the time of a
# 100,000-user load; writes bench/build/per-request-memory.json.
.PHONY: bench-per-request-memory
bench-per-request-memory: python-build-release build-node-release ## Workspace loads: peak RSS of a 200 MB export (array, JSON Lines; text, path) and 100,000-user load time
	$(VPY) $(BENCH)/memory/per_request_memory.py
PER_REQUEST_TARGETS += bench-per-request-memory

# Per-request figures of the Python package (loading a user's set from a dict
# or JSON, refusing, the check loop) beside the hand-written paths; writes
# bench/build/per-request-python.json. The release wheel, as `make bench`.
.PHONY: bench-per-request-python
bench-per-request-python: $(BENCH_VENV)/.ours.stamp ## Python per-request rows (bench/build/per-request-python.json)
	@test -f $(BENCH_BUILD)/queries.json || $(MAKE) --no-print-directory bench-workload
	$(BENCH_PY) $(BENCH)/per_request_python.py
PER_REQUEST_TARGETS += bench-per-request-python

# Node rows of the per-request table: loading a user's set (host object, JSON
# text), a refusal, the check loop; writes bench/build/per-request-node.json.
.PHONY: bench-per-request-node
bench-per-request-node: $(BENCH_NODE_BUILD) bench-workload ## Node per-request figures: build 1,000 users, fromObject vs fromJson, a refusal, can (bench/build/per-request-node.json)
	node --expose-gc $(BENCH_NODE)/per-request.mjs
PER_REQUEST_TARGETS += bench-per-request-node
