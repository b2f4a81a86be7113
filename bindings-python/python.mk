# Python package targets, included by the root Makefile (which defines VENV,
# VPY, VECTORS, VIEWS_OUT, DEMO_OUT, DIFFERENTIAL and the differential-vectors target). Every target sets itself up on a fresh machine:
# the venv, the pinned dev tools, then `pip install ./bindings-python` (built by
# maturin with the tests' cargo profile, TEST_PROFILE), re-run whenever a Rust
# or Python source changes. The benchmarks and soaks install a release build
# (python-build-release) in its place; the next test target puts the test
# build back.

PY_DIR := bindings-python
PY_PKG := $(PY_DIR)/python/studio_permissions
# maturin's own target dir, so it neither waits on cargo's lock on target/
# nor rebuilds pyo3 for cargo's environment; kept between runs as a cache.
PY_TARGET := $(CURDIR)/target-py
PY_DEV_STAMP := $(VENV)/.studio-permissions-dev.stamp
# The cargo profile of the build installed in .venv, one stamp per profile.
PY_PROFILE ?= $(TEST_PROFILE)
PY_STAMP := $(VENV)/.studio-permissions-install-$(PY_PROFILE).stamp
# Every Rust source under core/src, cli/src and the binding's src, at any depth.
PY_SOURCES := $(shell find core/src cli/src $(PY_DIR)/src -name '*.rs') core/catalog/default.json core/Cargo.toml \
	cli/Cargo.toml $(PY_DIR)/Cargo.toml $(PY_DIR)/pyproject.toml $(PY_DIR)/README.md \
	$(wildcard $(PY_PKG)/*.py) $(wildcard $(PY_PKG)/*.pyi) $(PY_PKG)/py.typed \
	Cargo.toml Cargo.lock
# maturin is in the venv; pip runs it without build isolation (no download per build).
PY_RUN := PATH="$(VENV)/bin:$$PATH"

.PHONY: lint-python python-env python-build python-build-release check-python test-python test-python-typing demo-python bench-python soak-python

python-env: $(PY_DEV_STAMP) ## Create .venv and install the pinned Python dev tools

# --no-compile: Python writes the bytecode of what it imports when it first
# does; compiling every file of every tool up front cost 10 s of a fresh run.
$(PY_DEV_STAMP): $(PY_DIR)/requirements-dev.txt
	@test -x $(VPY) || $(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install --quiet --no-compile --disable-pip-version-check -r $(PY_DIR)/requirements-dev.txt
	@touch $@

lint-python: $(PY_DEV_STAMP) ## ruff check and ruff format --check over every Python file of the repository (ruff.toml)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

python-build: $(PY_STAMP) ## pip install ./bindings-python (built with the tests' profile, no LTO) into .venv

python-build-release: ## pip install ./bindings-python as a release build (thin LTO, as shipped) into .venv, for benchmarks
	@$(MAKE) --no-print-directory python-build PY_PROFILE=release

# maturin's PEP 517 backend passes MATURIN_PEP517_ARGS on to its build.
$(PY_STAMP): $(PY_DEV_STAMP) $(PY_SOURCES)
	@rm -f $(VENV)/.studio-permissions-install*.stamp
	$(PY_RUN) CARGO_TARGET_DIR=$(PY_TARGET) MATURIN_PEP517_ARGS="--profile $(PY_PROFILE)" \
		$(VPY) -m pip install --quiet --disable-pip-version-check \
		--no-build-isolation --no-deps --force-reinstall ./$(PY_DIR)
	@touch $@

check-python: $(PY_STAMP) ## Python: pytest and the shared vectors (writing their views for test-views)
	cd $(PY_DIR) && $(VPY) -m pytest -q -p no:cacheprovider tests
	@mkdir -p $(VIEWS_OUT)
	$(VPY) tests/conformance/run.py --views $(VIEWS_OUT)/python.jsonl $(VECTORS)

test-python: check-python differential-vectors ## Python: pytest, conformance and differential vectors, stubtest, mypy --strict, the typing file, the notebooks
	$(VPY) tests/conformance/run.py $(DIFFERENTIAL)
	$(PY_RUN) $(VPY) -m mypy.stubtest studio_permissions --allowlist $(PY_DIR)/tests/typing/stubtest-allowlist.txt
	$(VPY) -m mypy --strict --no-incremental examples/python/
	$(MAKE) --no-print-directory test-python-typing
	$(VPY) $(PY_DIR)/tools/run_notebook.py examples/python/explore.ipynb examples/python/access_review.ipynb

# The typing file's refused lines carry both checkers' ignore comments, and
# both report an ignore that suppresses nothing: a typo the stubs stop
# refusing fails here. pyright (from PyPI) fetches its engine from npm once.
test-python-typing: $(PY_STAMP) ## mypy --strict and pyright over bindings-python/tests/typing/ (expected errors must stay errors)
	$(VPY) -m mypy --strict --warn-unused-ignores --no-incremental $(PY_DIR)/tests/typing/
	$(VENV)/bin/pyright --pythonpath $(VPY) -p $(PY_DIR)/tests/typing/pyrightconfig.json

demo-python: $(PY_STAMP) ## The demo in Python (build/demo/python.txt)
	@mkdir -p $(DEMO_OUT)
	$(VPY) examples/python/demo.py > $(DEMO_OUT)/python.txt

bench-python: python-build-release ## Python per-call and workspace benchmarks (numbers for bindings-python/README.md)
	$(VPY) $(PY_DIR)/bench/bench_checks.py
	$(VPY) $(PY_DIR)/bench/bench_workspace.py

soak-python: python-build-release ## Python memory soak: 10M checks, 1M AccessSet and 100k Workspace build-and-drop cycles, RSS sampled (about a minute)
	$(VPY) $(PY_DIR)/bench/memory.py
