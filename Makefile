# Two entry points, each doing its own set-up on a fresh machine:
#   make map   -> output/border_map.html from the bundled example corpus
#   make test  -> the test suite, browser tests in Debian's Chromium included
VENV ?= .venv
PYTHON ?= python3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup map test chromium lint

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[test]'
	touch $@

setup: $(VENV)/.installed

map: setup
	$(VENV)/bin/geomap build

chromium:
	@test -x /usr/bin/chromium || { \
	  $(SUDO) apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends chromium; }

test: setup chromium
	$(VENV)/bin/ruff check geomap tests benchmarks
	$(VENV)/bin/pytest -q

lint: setup
	$(VENV)/bin/ruff check geomap tests benchmarks
