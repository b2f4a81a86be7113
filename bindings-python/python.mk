# Python package targets, included by the root Makefile (which defines VENV,
# VPY, VECTORS, VIEWS_OUT, DEMO_OUT, DIFFERENTIAL and the differential-vectors target). Every target sets itself up on a fresh machine:
# the venv, the pinned dev tools, then `pip install ./bindings-python` (a
# release build by maturin), re-run whenever a Rust or Python source changes.

PY_DIR := bindings-python
PY_PKG := $(PY_DIR)/python/studio_permissions
# maturin's own target dir, so it neither waits on cargo's lock on target/
# nor rebuilds pyo3 for cargo's environment; kept between runs as a cache.
PY_TARGET := $(CURDIR)/target-py
PY_DEV_STAMP := $(VENV)/.studio-permissions-dev.stamp
PY_STAMP := $(VENV)/.studio-permissions-install.stamp
PY_SOURCES := $(wildcard core/src/*.rs) core/catalog/default.json core/Cargo.toml \
	$(wildcard cli/src/*.rs) cli/Cargo.toml \
	$(wildcard $(PY_DIR)/src/*.rs) $(PY_DIR)/Cargo.toml $(PY_DIR)/pyproject.toml $(PY_DIR)/README.md \
	$(wildcard $(PY_PKG)/*.py) $(wildcard $(PY_PKG)/*.pyi) $(PY_PKG)/py.typed \
	Cargo.toml Cargo.lock
# maturin is in the venv; pip runs it without build isolation (no download per build).
PY_RUN := PATH="$(VENV)/bin:$$PATH"

.PHONY: lint-python python-env python-build test-python test-python-typing demo-python bench-python soak-python

python-env: $(PY_DEV_STAMP) ## Create .venv and install the pinned Python dev tools

$(PY_DEV_STAMP): $(PY_DIR)/requirements-dev.txt
	@test -x $(VPY) || $(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install --quiet --disable-pip-version-check -r $(PY_DIR)/requirements-dev.txt
	@touch $@

lint-python: $(PY_DEV_STAMP) ## ruff check and ruff format --check over every Python file of the repository (ruff.toml)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

python-build: $(PY_STAMP) ## pip install ./bindings-python (release build) into .venv

$(PY_STAMP): $(PY_DEV_STAMP) $(PY_SOURCES)
	$(PY_RUN) CARGO_TARGET_DIR=$(PY_TARGET) $(VPY) -m pip install --quiet --disable-pip-version-check \
		--no-build-isolation --no-deps --force-reinstall ./$(PY_DIR)
	@touch $@

test-python: $(PY_STAMP) differential-vectors ## Python: pytest (FastAPI over real HTTP, tests/http/cases.json included), conformance and differential vectors, stubtest, mypy --strict, the typing file, the notebooks
	cd $(PY_DIR) && $(VPY) -m pytest -q -p no:cacheprovider tests
	@mkdir -p $(VIEWS_OUT)
	$(VPY) tests/conformance/run.py --views $(VIEWS_OUT)/python.jsonl $(VECTORS)
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

bench-python: $(PY_STAMP) ## Python per-call and workspace benchmarks (numbers for bindings-python/README.md)
	$(VPY) $(PY_DIR)/bench/bench_checks.py
	$(VPY) $(PY_DIR)/bench/bench_workspace.py

soak-python: $(PY_STAMP) ## Python memory soak: 10M checks, 1M AccessSet and 100k Workspace build-and-drop cycles, RSS sampled (about a minute)
	$(VPY) $(PY_DIR)/bench/memory.py
