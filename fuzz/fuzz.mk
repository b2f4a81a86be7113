# Coverage-guided fuzzing of the core with cargo fuzz (libFuzzer): see
# fuzz/README.md. Not part of `make test`. The toolchain is stable; cargo fuzz
# needs nightly flags, which RUSTC_BOOTSTRAP=1 allows.

FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= document catalog workspace changes migration
CARGO_FUZZ_VERSION := 0.13.1
FUZZ_RUN := cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run --release --debug-assertions --sanitizer none
# The core forbids unsafe code, so AddressSanitizer adds cost and little
# else: panics, aborts, stack overflows, timeouts and memory blow-ups are
# caught without it.
# Per target: libFuzzer's longest input (a changes input is 1 + 128 x 2 bytes).
FUZZ_MAX_LEN_changes := 257
FUZZ_MAX_LEN_default := 8192

.PHONY: fuzz fuzz-tools fuzz-seeds fuzz-regressions

fuzz-tools:
	@if ! cargo fuzz --version 2>/dev/null | grep -q ' $(CARGO_FUZZ_VERSION)$$'; then \
		cargo install cargo-fuzz --locked --version $(CARGO_FUZZ_VERSION); \
	fi

fuzz-seeds:
	$(PYTHON) fuzz/seed_corpus.py fuzz/corpus

fuzz: fuzz-tools fuzz-seeds ## Fuzz each core target for FUZZ_SECONDS (default 60) from seeds made of the conformance vectors
	@for t in $(FUZZ_TARGETS); do \
		max_len=$(FUZZ_MAX_LEN_default); [ "$$t" = changes ] && max_len=$(FUZZ_MAX_LEN_changes); \
		dict=; [ -f fuzz/corpus/$$t.dict ] && dict=-dict=corpus/$$t.dict; \
		echo "== fuzz $$t for $(FUZZ_SECONDS)s"; \
		( $(FUZZ_RUN) $$t corpus/$$t -- -max_total_time=$(FUZZ_SECONDS) -max_len=$$max_len \
			-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 $$dict ) || exit 1; \
	done

fuzz-regressions: fuzz-tools ## Run every target once over its committed findings in fuzz/regressions
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p fuzz/regressions/$$t; \
		echo "== regressions of $$t"; \
		( $(FUZZ_RUN) $$t regressions/$$t -- -runs=0 ) || exit 1; \
	done
