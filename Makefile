# Thin wrapper: creates .venv on first use, then hands over to the invoke tasks in tasks.py.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: serve test check build preview clean

serve: $(VENV)/.installed   ## build the site and serve it with live reload on http://127.0.0.1:8000/
	$(BIN)/invoke livereload

test: $(VENV)/.installed    ## run the whole test suite
	$(BIN)/invoke test

check build preview clean: $(VENV)/.installed
	$(BIN)/invoke $@

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@
