# Fuwu (服务) — the two commands: `make run` and `make test`. Each installs what is missing.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
SPA := frontend/dist/index.html
# What GET /api/openapi.json serves, committed for the SPA's generated types (make api-types)
API_DOCUMENT := frontend/src/api/openapi.json
FRONTEND_SRC := $(shell find frontend/src frontend/build frontend/index.html frontend/vite.config.ts frontend/tsconfig*.json -type f 2>/dev/null)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test setup test-fast lint build api-types deps chromium fonts bench clean synth deploy cdk-bootstrap

run: setup ## start the local stack on http://localhost:8000 with demo data
	$(PY) -m infra.local.run

test: setup chromium ## every test: unit, API (moto), browser (headless Chromium)
	$(PY) -m ruff check .
	$(PY) -m pytest -n 2 --dist loadfile --ignore=tests/fuzz --durations=25  # two workers, each its own stack; the 25 slowest tests printed (CI's 30 minutes)
	$(PY) -m pytest -n 2 --dist loadgroup tests/fuzz  # last, a session of its own: it fills its stacks with generated data; one role a worker (tests/fuzz/conftest.py)

test-fast: deps fonts frontend/node_modules/.package-lock.json ## unit and API tests only (the API contract test runs openapi-typescript)
	$(PY) -m pytest tests/unit tests/api

# The Python packages and the SPA's install and build side by side (neither needs the other):
# about two minutes less on a fresh machine. The apt installs (fonts, chromium) stay one at a time.
setup:
	@$(MAKE) --no-print-directory -j2 -O deps build
	@$(MAKE) --no-print-directory fonts

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

# `npm run build` first generates src/api/schema.d.ts from src/api/openapi.json (gen:api), so the
# SPA always compiles against the generated API types. The file is rewritten before vite writes
# dist/index.html, so it is never newer than the target: no rebuild loop.
$(SPA): frontend/node_modules/.package-lock.json $(API_DOCUMENT) $(FRONTEND_SRC)
	cd frontend && npm run build

# The OpenAPI document the app serves, and the SPA's types generated from it; commit both.
# tests/unit/test_api_contract.py fails when either differs from what this would write.
api-types: deps frontend/node_modules/.package-lock.json ## after an API change: dump /api/openapi.json and the vocabulary, regenerate the SPA's API types
	$(PY) scripts/dump_openapi.py $(API_DOCUMENT)
	$(PY) scripts/dump_vocabulary.py frontend/src/api
	cd frontend && npm run gen:api

REPORT_FONT := /usr/share/fonts/truetype/wqy/wqy-microhei.ttc
fonts: ## the CJK TrueType font embedded in service-report PDFs (Debian's fonts-wqy-microhei)
	@test -f $(REPORT_FONT) || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq fonts-wqy-microhei; }

chromium: ## Debian's Chromium and its headless shell for the browser tests (Playwright drives it)
	@command -v chromium >/dev/null && command -v chromium-headless-shell >/dev/null || { \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install \
		-y -qq chromium chromium-headless-shell fonts-noto-cjk; }

bench: deps build chromium ## print performance figures (see bench/README.md)
	$(PY) -m bench.round_trips
	$(PY) -m bench.warranty_reads
	$(PY) -m bench.parts_stock
	$(PY) -m bench.complaint_rate
	$(PY) -m bench.appraisal
	$(PY) -m bench.budgets
	$(PY) -m bench.fees
	$(PY) -m bench.latency
	$(PY) -m bench.cold_import
	$(PY) -m bench.sla_sweep
	$(PY) -m bench.contracts
	$(PY) -m bench.cost
	$(PY) -m bench.polling  # ~5 min: API calls per staff-hour, visible and hidden; needs `make build`
	$(PY) -m bench.exports --sizes 1000 10000  # 10000 100000 by default; hours on moto (see bench/README.md)
	$(PY) -m bench.unit_import  # 1 000 and 10 000 units: memory flat (see bench/README.md)
	$(PY) -m bench.first_load

# --- AWS deployment (infra/cdk, docs/deploy.md) -------------------------------------------
STAGE ?= dev
CDK_CLI := aws-cdk@2.1148.1  # the CDK CLI (npm), only for deploy/bootstrap; synth needs none
CDK_CONTEXT ?=  # e.g. -c certificate_arn=arn:aws:acm:us-east-1:... -c portal_domain=portal.example.com
CDK_OUT := cdk.out/$(STAGE)
JSII_QUIET := JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1 JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION=1
# No account, no credentials, no lookups: the template is account-agnostic.
OFFLINE_AWS := env -u AWS_PROFILE -u AWS_SESSION_TOKEN AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE \
	AWS_SECRET_ACCESS_KEY=dummy AWS_EC2_METADATA_DISABLED=true CDK_DEFAULT_ACCOUNT=123456789012 CDK_DEFAULT_REGION=ap-east-1

synth: deps build fonts ## CloudFormation template of STAGE into cdk.out/STAGE, offline; cfn-lint it
	$(OFFLINE_AWS) $(JSII_QUIET) $(PY) -m infra.cdk --stage $(STAGE) $(CDK_CONTEXT)
	$(VENV)/bin/cfn-lint --non-zero-exit-code error $(CDK_OUT)/fuwu-$(STAGE).template.json \
		$(CDK_OUT)/fuwu-$(STAGE)-edge.template.json

cdk-bootstrap: ## once per account: the CDK's asset bucket and deploy roles, in REGION and us-east-1 (the edge stack)
	@test -n "$(ACCOUNT)" || { echo "usage: make cdk-bootstrap ACCOUNT=123456789012 [REGION=ap-east-1]"; exit 2; }
	npx --yes $(CDK_CLI) bootstrap aws://$(ACCOUNT)/$(or $(REGION),ap-east-1) aws://$(ACCOUNT)/us-east-1

deploy: synth ## deploy STAGE with the current AWS credentials (see docs/deploy.md)
	npx --yes $(CDK_CLI) deploy --app $(CDK_OUT) --require-approval broadening \
		--outputs-file $(CDK_OUT)/outputs.json fuwu-$(STAGE)

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist .pytest_cache cdk.out
