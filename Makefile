# briefer: every target sets itself up from a clean checkout.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test demo bench lint screenshot clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/briefer gui

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q
	$(BIN)/ruff check briefer tests $(wildcard bench)

demo: $(STAMP)
	mkdir -p out
	for t in staff-brief think-tank plain; do \
	  $(BIN)/briefer build --template $$t -o out/s400-$$t.pptx && \
	  $(BIN)/briefer build --template $$t -o out/s400-$$t.pdf || exit 1; \
	done
	@ls -l out

bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/products.py

lint: $(STAMP)
	$(BIN)/ruff check briefer tests $(wildcard bench)

screenshot: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m briefer.gui.screenshot docs/screenshot.png

clean:
	rm -rf $(VENV) out build dist .pytest_cache .ruff_cache .hypothesis
