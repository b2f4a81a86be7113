# Node package targets (filled in by the Node bindings work).
.PHONY: test-node demo-node
test-node:
	@echo "node: not built yet"
demo-node:
	@mkdir -p $(DEMO_OUT); cp $(DEMO_OUT)/rust.txt $(DEMO_OUT)/node.txt
