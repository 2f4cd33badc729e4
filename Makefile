# Fuwu (服务) — the two commands: `make run` and `make test`. Each installs what is missing.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
SPA := frontend/dist/index.html
FRONTEND_SRC := $(shell find frontend/src frontend/index.html frontend/vite.config.ts frontend/tsconfig*.json -type f 2>/dev/null)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test test-fast lint build deps chromium fonts bench clean

run: deps build fonts ## start the local stack on http://localhost:8000 with demo data
	$(PY) -m infra.local.run

test: deps build chromium fonts ## every test: unit, API (moto), browser (headless Chromium)
	$(PY) -m ruff check .
	$(PY) -m pytest

test-fast: deps fonts ## unit and API tests only
	$(PY) -m pytest tests/unit tests/api

lint: deps
	$(PY) -m ruff check .

deps: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip<26.3"  # chalice 1.34 wants pip < 26.3
	$(PY) -m pip install --quiet -r requirements-dev.txt -c constraints.txt
	@touch $@

build: $(SPA)

frontend/node_modules/.package-lock.json: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	@touch $@

$(SPA): frontend/node_modules/.package-lock.json $(FRONTEND_SRC)
	cd frontend && npm run build

REPORT_FONT := /usr/share/fonts/truetype/wqy/wqy-microhei.ttc
fonts: ## the CJK TrueType font embedded in service-report PDFs (Debian's fonts-wqy-microhei)
	@test -f $(REPORT_FONT) || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq fonts-wqy-microhei; }

chromium: ## Debian's Chromium for the browser tests (Playwright drives it)
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk; }

bench: deps ## print performance figures (see bench/README.md)
	$(PY) -m bench.round_trips
	$(PY) -m bench.latency
	$(PY) -m bench.cold_import
	$(PY) -m bench.sla_sweep
	$(PY) -m bench.exports --sizes 1000 10000  # 10000 100000 by default; hours on moto (see bench/README.md)

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist .pytest_cache
