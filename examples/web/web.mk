# Browser targets, included by the root Makefile (run them from the root):
# the views compared across languages, and the page and the client in
# headless Chromium. Each sets itself up on a fresh machine.

WEB_DIR := examples/web
VIEWS_OUT := build/views

.PHONY: chromium test-views test-browser

chromium: ## Debian's chromium for the browser test (apt-get as root, only when it is missing)
	@command -v chromium >/dev/null || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)

$(WEB_DIR)/node_modules/.installed: $(WEB_DIR)/package.json $(WEB_DIR)/package-lock.json
	cd $(WEB_DIR) && npm ci --no-audit --no-fund
	@touch $@

test-views: python-build build-node ## The view of every shared vector's final set: byte-identical in Rust, Python and Node
	@mkdir -p $(VIEWS_OUT)
	cargo run -q --release -p studio-permissions-examples --bin conformance -- --views $(VIEWS_OUT)/rust.jsonl $(VECTORS)
	$(VPY) tests/conformance/run.py --views $(VIEWS_OUT)/python.jsonl $(VECTORS)
	node tests/conformance/run.mjs --views $(VIEWS_OUT)/node.jsonl $(VECTORS)
	test "$$(wc -l < $(VIEWS_OUT)/rust.jsonl)" -ge 150
	cmp $(VIEWS_OUT)/rust.jsonl $(VIEWS_OUT)/python.jsonl
	cmp $(VIEWS_OUT)/rust.jsonl $(VIEWS_OUT)/node.jsonl
	@echo "test-views: $$(wc -l < $(VIEWS_OUT)/rust.jsonl) views, byte-identical in Rust, Python and Node"

test-browser: chromium build-node node-deps $(WEB_DIR)/node_modules/.installed ## The page (esbuild and Vite bundles) and the client over every shared vector, in headless Chromium
	cd $(WEB_DIR) && node --test web.test.mjs
