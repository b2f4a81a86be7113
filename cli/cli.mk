# Command-line targets, included by the root Makefile (which defines VPY and
# the python-build and build-node targets the entry-point check needs;
# examples/web/web.mk defines `chromium`).

# The tests run the binary of the tests' profile (TEST_PROFILE, the one
# `cargo test` builds too); bench-cli times the release binary, as shipped.
CLI_BIN := $(TEST_TARGET)/studio-permissions
CLI_RELEASE_BIN := $(CURDIR)/target/release/studio-permissions
CLI_SOURCES := $(shell find cli/src core/src -name '*.rs') cli/Cargo.toml core/Cargo.toml Cargo.toml Cargo.lock

.PHONY: cli-build test-cli test-cli-reads report-screenshot bench-cli

cli-build: $(CLI_BIN) ## Build the studio-permissions binary (the tests' profile)

$(CLI_BIN): $(CLI_SOURCES)
	cargo build --profile $(TEST_PROFILE) -p studio-permissions-cli

$(CLI_RELEASE_BIN): $(CLI_SOURCES)
	cargo build --release -p studio-permissions-cli

test-cli: cli-build python-build build-node chromium ## The CLI through its three entry points (same stdout byte for byte), and the report in headless Chromium
	$(VPY) tests/cli/same_output.py $(CLI_BIN) $(VPY)
	$(VPY) tests/cli/bounded_reads.py $(CLI_BIN)
	$(VPY) tests/cli/report_in_chromium.py $(CLI_BIN)

test-cli-reads: cli-build ## Each input read once (FIFOs, /dev/stdin, -) and within the limit: peak RSS of lint and diff on 1 GB inputs
	$(PYTHON) tests/cli/bounded_reads.py $(CLI_BIN)

report-screenshot: cli-build chromium ## Refresh docs/images/access-review.png from the example exports
	$(VPY) tests/cli/report_in_chromium.py $(CLI_BIN) docs/images/access-review.png

bench-cli: $(CLI_RELEASE_BIN) python-env ## lint, diff and migrate of 100,000-user exports, whole process timed (bench/build/cli.md, a section of BENCHMARKS.md)
	@mkdir -p bench/build
	$(VPY) cli/bench/lint_diff.py $(CLI_RELEASE_BIN) 100000 5 | tee bench/build/cli.md
