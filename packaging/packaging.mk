# Release artifacts, included by the root Makefile (which defines VECTORS).
# `make dist` writes dist/ (wheel, sdist, npm packages, SHA256SUMS);
# `make test-dist` installs them from local registries where no Rust is.
# The tools are pinned in packaging/requirements.txt (a venv in build/) and
# packaging/registry/package.json (verdaccio); both set themselves up.

PACKAGING_VENV := $(CURDIR)/build/packaging-venv
PACKAGING_STAMP := $(PACKAGING_VENV)/.installed
REGISTRY_STAMP := packaging/registry/node_modules/.installed
WORKFLOWS := $(wildcard .github/workflows/*.yml)

.PHONY: dist test-dist lint-workflows packaging-env

packaging-env: $(PACKAGING_STAMP) $(REGISTRY_STAMP) ## Install the pinned release tools (maturin, zig, cargo-zigbuild, pypiserver, verdaccio)

$(PACKAGING_STAMP): packaging/requirements.txt
	@test -x $(PACKAGING_VENV)/bin/python || $(PYTHON) -m venv $(PACKAGING_VENV)
	$(PACKAGING_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r packaging/requirements.txt
	@touch $@

$(REGISTRY_STAMP): packaging/registry/package.json packaging/registry/package-lock.json
	cd packaging/registry && npm ci --no-audit --no-fund
	@touch $@

dist: $(PACKAGING_STAMP) ## Release artifacts in dist/: manylinux2014 abi3 wheel, sdist, npm main + linux-x64-gnu packages, SHA256SUMS
	packaging/dist.sh $(PACKAGING_VENV)

test-dist: $(PACKAGING_STAMP) $(REGISTRY_STAMP) ## Check dist/ and install it from local PyPI and npm registries with no Rust on PATH, then run the vectors
	packaging/test-dist.sh $(PACKAGING_VENV) $(VECTORS)

lint-workflows: $(PACKAGING_STAMP) ## Validate .github/workflows/*.yml against the GitHub Actions schema (offline)
	$(PACKAGING_VENV)/bin/check-jsonschema --builtin-schema vendor.github-workflows $(WORKFLOWS)
