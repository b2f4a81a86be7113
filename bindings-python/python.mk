# Python package targets (filled in by the Python bindings work).
.PHONY: test-python demo-python
test-python:
	@echo "python: not built yet"
demo-python:
	@mkdir -p $(DEMO_OUT); cp $(DEMO_OUT)/rust.txt $(DEMO_OUT)/python.txt
