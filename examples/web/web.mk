# Browser targets, included by the root Makefile (which defines VECTORS and
# VIEWS_OUT; run them from the root):
# the views compared across languages, and the page and the client in
# headless Chromium. Each sets itself up on a fresh machine.

WEB_DIR := examples/web

.PHONY: chromium check-views test-views test-browser

# The tests drive /usr/bin/chromium: apt-get runs only when that file is missing.
chromium: ## Debian's chromium for the browser test (apt-get as root, only when /usr/bin/chromium is missing)
	@test -x /usr/bin/chromium || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)

$(WEB_DIR)/node_modules/.installed: $(WEB_DIR)/package.json $(WEB_DIR)/package-lock.json
	cd $(WEB_DIR) && npm ci --prefer-offline --no-audit --no-fund
	@touch $@

# The vectors run once per language, in test-rust, check-python and
# check-node, which write the views (and Node's answers) to $(VIEWS_OUT);
# these targets read what those runs wrote instead of running the vectors again.
check-views: test-rust check-python check-node ## The view of every shared vector's final set, as each language's run wrote it: byte-identical in Rust, Python and Node
	test "$$(wc -l < $(VIEWS_OUT)/rust.jsonl)" -ge 150
	cmp $(VIEWS_OUT)/rust.jsonl $(VIEWS_OUT)/python.jsonl
	cmp $(VIEWS_OUT)/rust.jsonl $(VIEWS_OUT)/node.jsonl
	@echo "check-views: $$(wc -l < $(VIEWS_OUT)/rust.jsonl) views, byte-identical in Rust, Python and Node"

test-views: check-views test-python test-node ## check-views, after the full Python and Node runs (make test)

test-browser: chromium test-node $(WEB_DIR)/node_modules/.installed ## The page (esbuild and Vite bundles) and the client over every shared vector, in headless Chromium
	cd $(WEB_DIR) && CONFORMANCE_ANSWERS=$(CURDIR)/$(VIEWS_OUT)/node-answers.jsonl node --test web.test.mjs
