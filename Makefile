# Thin wrapper: creates .venv from the hash-locked requirements on first use, then hands
# over to the invoke tasks in tasks.py.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LOCK   := requirements/dev.lock

# The browser tests drive Chromium (or Chrome). Set CHROMIUM=/path/to/it to use another one;
# when none is found, `make test` installs Debian/Ubuntu's `chromium` package.
CHROMIUM ?= $(firstword $(wildcard /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable))
SUDO     := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: install serve test check build preview clean lock browser rsync node

install: $(VENV)/.installed ## create .venv from $(LOCK) (every package checked against its hash)

serve: $(VENV)/.installed   ## build the site and serve it with live reload on http://127.0.0.1:8000/
	$(BIN)/invoke livereload

test: $(VENV)/.installed browser rsync node ## run the whole test suite, browser tests included
	CHROMIUM="$(CHROMIUM)" $(BIN)/invoke test

check build preview clean: $(VENV)/.installed
	$(BIN)/invoke $@

$(VENV)/.installed: $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	touch $@

# After changing dependencies in pyproject.toml: `make lock` (add UPGRADE=1 to move every
# package to its newest allowed version), then commit requirements/dev.lock.
lock: $(VENV)/.installed
	$(BIN)/pip-compile --quiet --allow-unsafe --generate-hashes --strip-extras --extra dev \
		--no-emit-index-url --no-emit-find-links $(if $(UPGRADE),--upgrade) \
		--output-file $(LOCK) pyproject.toml

browser:
ifeq ($(CHROMIUM),)
	@command -v apt-get >/dev/null || { echo "make test: the browser tests need Chromium or Chrome; install one and run: make test CHROMIUM=/path/to/it" >&2; exit 1; }
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
endif

# The publishing tests upload with a real rsync into a local folder.
rsync:
	@command -v rsync >/dev/null || { command -v apt-get >/dev/null || { echo "make test: the publishing tests need rsync; install it" >&2; exit 1; }; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rsync; }

# The editor's browser test installs decap-server (pinned, into .cache/npm) with npm.
node:
	@command -v npm >/dev/null || { command -v apt-get >/dev/null || { echo "make test: the editor's browser test needs Node.js and npm; install them" >&2; exit 1; }; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; }
