# Release artifacts, included by the root Makefile (which defines VECTORS).
# `make dist` writes dist/ (wheel, sdist, npm packages, SHA256SUMS);
# `make test-dist` installs them from local registries where no Rust is.
# The tools are pinned in packaging/requirements.txt, installed into the one
# tools venv (.venv, beside the Python dev tools: maturin is pinned the same in
# both lists and installed once) only when a packaging target needs them, and
# packaging/registry/package.json (verdaccio); both set themselves up.

PACKAGING_VENV := $(VENV)
PACKAGING_STAMP := $(VENV)/.packaging-tools.stamp
REGISTRY_STAMP := packaging/registry/node_modules/.installed
WORKFLOWS := $(wildcard .github/workflows/*.yml)

.PHONY: dist test-dist lint-workflows packaging-env

packaging-env: $(PACKAGING_STAMP) $(REGISTRY_STAMP) ## Install the pinned release tools (maturin, zig, cargo-zigbuild, pypiserver into .venv; verdaccio)

$(PACKAGING_STAMP): packaging/requirements.txt $(PY_DEV_STAMP)
	$(PACKAGING_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r packaging/requirements.txt
	@touch $@

$(REGISTRY_STAMP): packaging/registry/package.json packaging/registry/package-lock.json
	cd packaging/registry && npm ci --prefer-offline --no-audit --no-fund
	@touch $@

dist: $(PACKAGING_STAMP) ## Release artifacts in dist/: manylinux2014 abi3 wheel, sdist, npm main + linux-x64-gnu packages, SHA256SUMS
	packaging/dist.sh $(PACKAGING_VENV)

test-dist: $(PACKAGING_STAMP) $(REGISTRY_STAMP) ## Check dist/ and install it from local PyPI and npm registries with no Rust on PATH, then run the vectors
	packaging/test-dist.sh $(PACKAGING_VENV) $(VECTORS)
	packaging/test-node-bundle.sh

# check-jsonschema is one of the Python dev tools: linting needs no zig.
lint-workflows: $(PY_DEV_STAMP) ## Validate .github/workflows/*.yml against the GitHub Actions schema (offline)
	$(PACKAGING_VENV)/bin/check-jsonschema --builtin-schema vendor.github-workflows $(WORKFLOWS)
