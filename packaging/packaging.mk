# Release artifacts, included by the root Makefile (which defines VECTORS).
# `make dist` writes dist/ (wheels for linux x64 and arm64, sdist, npm
# packages, SHA256SUMS); `make test-dist` installs them from local registries
# where no Rust is, the arm64 ones inside an arm64 userland under qemu.
# The tools are pinned in packaging/requirements.txt, installed into the one
# tools venv (.venv, beside the Python dev tools: maturin is pinned the same in
# both lists and installed once) only when a packaging target needs them, and
# packaging/registry/package.json (verdaccio); both set themselves up.

PACKAGING_VENV := $(VENV)
PACKAGING_STAMP := $(VENV)/.packaging-tools.stamp
REGISTRY_STAMP := packaging/registry/node_modules/.installed
WORKFLOWS := $(wildcard .github/workflows/*.yml)
# The arm64 cross compiler, userland and Node (packaging/arm64-tools.sh):
# downloads and extractions kept here between runs.
ARM64_CACHE := $(CURDIR)/build/arm64
# The sdist's build requirement (maturin, pinned as in requirements.txt),
# which test-dist's local PyPI serves beside dist/ as PyPI would.
BUILD_DEPS := $(CURDIR)/build/build-deps
# make dist DIST_ARM64=0: the x64 artifacts alone (make test-dist needs both).
DIST_ARM64 ?= 1
BUILD_DEPS_STAMP := $(BUILD_DEPS)/.downloaded

.PHONY: dist test-dist lint-workflows packaging-env arm64-tools

packaging-env: $(PACKAGING_STAMP) $(REGISTRY_STAMP) ## Install the pinned release tools (maturin, zig, cargo-zigbuild, pypiserver into .venv; verdaccio)

$(PACKAGING_STAMP): packaging/requirements.txt $(PY_DEV_STAMP)
	$(PACKAGING_VENV)/bin/python -m pip install --quiet --no-compile --disable-pip-version-check -r packaging/requirements.txt
	@touch $@

$(REGISTRY_STAMP): packaging/registry/package.json packaging/registry/package-lock.json
	cd packaging/registry && npm ci --prefer-offline --no-audit --no-fund
	@touch $@

$(BUILD_DEPS_STAMP): packaging/requirements.txt $(PACKAGING_STAMP)
	rm -rf $(BUILD_DEPS) && mkdir -p $(BUILD_DEPS)
	$(PACKAGING_VENV)/bin/pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
	  -d $(BUILD_DEPS) "$$(grep -E '^maturin==' packaging/requirements.txt)"
	@touch $@

# apt-get runs only when a package is missing; the rest is cached in $(ARM64_CACHE).
arm64-tools: ## The linux-arm64 cross compiler (Debian's rustc-web, extracted), qemu, an arm64 Python and Node (set up once)
	packaging/arm64-tools.sh $(ARM64_CACHE)

dist: $(PACKAGING_STAMP) ## Release artifacts in dist/: manylinux2014 abi3 wheels (x86_64, aarch64), sdist, npm main + linux-x64-gnu + linux-arm64-gnu packages, SHA256SUMS
	DIST_ARM64=$(DIST_ARM64) packaging/dist.sh $(PACKAGING_VENV) $(ARM64_CACHE)

test-dist: $(PACKAGING_STAMP) $(REGISTRY_STAMP) $(BUILD_DEPS_STAMP) arm64-tools ## Check dist/, install it from local PyPI and npm registries with no Rust on PATH (arm64: under qemu), run the vectors, compare the views
	packaging/test-dist.sh $(PACKAGING_VENV) $(ARM64_CACHE) $(BUILD_DEPS) $(VECTORS)
	packaging/test-node-bundle.sh

# check-jsonschema is one of the Python dev tools: linting needs no zig.
lint-workflows: $(PY_DEV_STAMP) ## Validate .github/workflows/*.yml against the GitHub Actions schema (offline)
	$(PACKAGING_VENV)/bin/check-jsonschema --builtin-schema vendor.github-workflows $(WORKFLOWS)
