# Node package targets, included by the root Makefile (run them from the root).
# Each target sets itself up on a fresh machine: `npm ci` when node_modules is
# missing or the lock changed, then a build of the addon with the tests' cargo
# profile (TEST_PROFILE; the benchmarks and soaks build `release`, as shipped,
# through build-node-release); cargo decides what to recompile, so a change to
# the core or the binding is always rebuilt.

NODE_DIR := bindings-node
NODE_EXAMPLES := examples/node
NODE_GENERATED := $(NODE_DIR)/native/index.d.ts $(NODE_DIR)/native/index.js
NODE_CHECK_DIR := build/node-generated
NODE_PROFILE ?= $(TEST_PROFILE)

.PHONY: lint-js check-node test-node demo-node build-node build-node-release bench-node node-deps soak-node soak

# `npm ci` again whenever package.json or the lock is newer than the install.
$(NODE_DIR)/node_modules/.installed: $(NODE_DIR)/package.json $(NODE_DIR)/package-lock.json
	cd $(NODE_DIR) && npm ci --prefer-offline --no-audit --no-fund
	@touch $@

$(NODE_EXAMPLES)/node_modules/.installed: $(NODE_EXAMPLES)/package.json $(NODE_EXAMPLES)/package-lock.json
	cd $(NODE_EXAMPLES) && npm ci --prefer-offline --no-audit --no-fund
	@touch $@

node-deps: $(NODE_DIR)/node_modules/.installed $(NODE_EXAMPLES)/node_modules/.installed

lint-js: $(NODE_DIR)/node_modules/.installed ## Biome (lint and format check) over every JavaScript and TypeScript file of the repository (biome.json)
	$(NODE_DIR)/node_modules/.bin/biome ci .

build-node: $(NODE_DIR)/node_modules/.installed ## Build the Node addon (the tests' profile); fails if the generated native/index.d.ts or index.js changed
	@mkdir -p $(NODE_CHECK_DIR)
	@for f in $(NODE_GENERATED); do if [ -f $$f ]; then cp $$f $(NODE_CHECK_DIR)/$$(basename $$f); else rm -f $(NODE_CHECK_DIR)/$$(basename $$f); fi; done
	cd $(NODE_DIR) && CARGO_TARGET_DIR=../target-node node_modules/.bin/napi build --platform --profile $(NODE_PROFILE) --output-dir native
	@for f in $(NODE_GENERATED); do \
	  if ! cmp -s $$f $(NODE_CHECK_DIR)/$$(basename $$f); then \
	    echo "$$f: the build changed this generated file; review and commit it"; exit 1; fi; \
	  if git ls-files --error-unmatch $$f >/dev/null 2>&1 && ! git diff --quiet -- $$f; then \
	    git diff --stat -- $$f; echo "$$f: differs from the committed file; review and commit it"; exit 1; fi; \
	done

build-node-release: ## Release build of the Node addon (thin LTO, as shipped), for benchmarks
	@$(MAKE) --no-print-directory build-node NODE_PROFILE=release

check-node: build-node ## Node: the generated types, node --test and the shared vectors (writing their views and answers)
	cd $(NODE_DIR) && node scripts/vocabulary-types.mjs --check && node scripts/default-catalog-types.mjs --check
	cd $(NODE_DIR) && node --test test/
	@mkdir -p $(VIEWS_OUT)
	node tests/conformance/run.mjs --views $(VIEWS_OUT)/node.jsonl --answers $(VIEWS_OUT)/node-answers.jsonl $(VECTORS)

test-node: check-node node-deps differential-vectors ## Node: node --test, the conformance and differential vectors, tsc --strict over examples/node/*.ts, the examples' tests (Express and Fastify over real HTTP)
	node tests/conformance/run.mjs $(DIFFERENTIAL)
	$(NODE_EXAMPLES)/node_modules/.bin/tsc --strict --noEmit -p $(NODE_EXAMPLES)/tsconfig.json
	cd $(NODE_EXAMPLES) && node --test app.test.mjs examples.test.mjs

demo-node: build-node node-deps ## The demo in Node
	@mkdir -p $(DEMO_OUT)
	node $(NODE_EXAMPLES)/demo.mjs > $(DEMO_OUT)/node.txt

bench-node: build-node-release ## Node benchmarks: can() per call, 1,000 sets from JSON text, a 100,000-user workspace
	cd $(NODE_DIR) && node bench/checks.mjs && node bench/workspace.mjs

soak-node: build-node-release ## Node memory soak: 10M checks, 1M AccessSet and 100k Workspace build-and-drop cycles, RSS sampled (a few minutes)
	cd $(NODE_DIR) && node --expose-gc bench/memory.mjs

soak: soak-python soak-node ## Memory soaks in Python and Node: flat RSS over 10M checks and 1M build-and-drop cycles each
