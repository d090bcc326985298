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

# The HTML tests run the Nu HTML Checker: the npm package vnu-jar, pinned with its hash in
# requirements/package-lock.json, installed into .cache/node/test; it needs Java. When `java`
# or `npm` is missing, `make test` installs Debian/Ubuntu's default-jre-headless or nodejs + npm.
NODE_TOOLS := .cache/node/test
HAVE_JAVA  := $(shell command -v java)
HAVE_NPM   := $(shell command -v npm)

.PHONY: install serve test check build preview clean lock browser java rsync

install: $(VENV)/.installed ## create .venv from $(LOCK) (every package checked against its hash)

serve: $(VENV)/.installed   ## build the site and serve it with live reload on http://127.0.0.1:8000/
	$(BIN)/invoke livereload

test: $(VENV)/.installed browser java rsync $(NODE_TOOLS)/.installed ## run the whole test suite, browser tests included
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
	cd requirements && npm install --package-lock-only --ignore-scripts --no-audit --no-fund

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

java:
ifeq ($(HAVE_JAVA),)
	@command -v apt-get >/dev/null || { echo "make test: the HTML tests need Java 11 or newer; install one and run make test again" >&2; exit 1; }
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless
endif

# The tests' own tools only (--omit=dev leaves out what only the benchmarks use). vnu-jar's
# install script, which would download a Java runtime, is not run.
$(NODE_TOOLS)/.installed: requirements/package.json requirements/package-lock.json
ifeq ($(HAVE_NPM),)
	@command -v apt-get >/dev/null || { echo "make test: the HTML tests need Node.js and npm; install them and run make test again" >&2; exit 1; }
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm
endif
	rm -rf $(NODE_TOOLS)
	mkdir -p $(NODE_TOOLS)
	cp requirements/package.json requirements/package-lock.json $(NODE_TOOLS)/
	cd $(NODE_TOOLS) && npm ci --omit=dev --ignore-scripts --no-audit --no-fund
	touch $@
