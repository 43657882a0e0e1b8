# Zhongshu — the two commands: `make run` and `make test`. Everything a fresh Debian
# machine needs is installed by the targets below; nothing is fetched at run time.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
PG_URL ?= postgres://postgres@127.0.0.1:5432/zhongshu
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test test-pg lint typecheck checks pytest browser openapi config-docs lock demo clean bench install install-dev assets system-deps system-deps-test secret

run: install assets secret  ## migrate, load the demo district, serve web + worker on 127.0.0.1:8000
	@bin/serve

test: install-dev assets system-deps-test lint checks typecheck pytest browser  ## the whole suite on SQLite

test-pg: install-dev assets  ## the pytest suite on PostgreSQL (ZHONGSHU_DATABASE_URL or PG_URL)
	ZHONGSHU_DATABASE_URL=$${ZHONGSHU_DATABASE_URL:-$(PG_URL)} $(PY) -m pytest -q -n auto

# --- installation -------------------------------------------------------------------
system-deps:  ## Debian packages the server needs (python venv, node for the assets; LibreOffice and CJK fonts for the PDF of outgoing documents)
	@command -v npm >/dev/null && $(PYTHON) -c "import venv, ensurepip" 2>/dev/null || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq python3-venv python3-dev nodejs npm >/dev/null; }
	@command -v soffice >/dev/null && /usr/bin/python3 -c "import uno" 2>/dev/null && fc-list 2>/dev/null | grep -qi "Noto Serif CJK" && fc-list 2>/dev/null | grep -qi "AR PL UKai" || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends libreoffice-writer-nogui python3-uno fonts-noto-cjk fonts-arphic-ukai fontconfig >/dev/null; }

system-deps-test: system-deps  ## Debian packages the tests need: chromium, poppler-utils (the PDF rendered to PNG), CJK fonts
	@if ! command -v chromium >/dev/null || ! command -v pdftoppm >/dev/null || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq chromium poppler-utils fonts-noto-cjk fontconfig >/dev/null; fi

$(VENV)/.runtime: requirements.lock pyproject.toml | system-deps
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q --require-hashes -r requirements.lock
	touch $@

$(VENV)/.dev: requirements-dev.lock $(VENV)/.runtime
	$(PY) -m pip install -q --require-hashes -r requirements-dev.lock
	touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

node_modules/.installed: package.json package-lock.json | system-deps
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.installed  ## copy front-end assets from node_modules (served locally)
	@mkdir -p src/zhongshu/static/vendor
	@cp node_modules/htmx.org/dist/htmx.min.js src/zhongshu/static/vendor/

secret:  ## a local secret key, generated once
	@mkdir -p var && test -s var/secret_key || { $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key; chmod 600 var/secret_key; }

lock:  ## re-lock dependencies with hashes after editing pyproject.toml
	$(PY) -m pip install -q uv
	$(VENV)/bin/uv pip compile pyproject.toml --generate-hashes --python-version 3.11 -o requirements.lock -q
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements-dev.lock -q

# --- checks -------------------------------------------------------------------------
lint:
	$(VENV)/bin/ruff check src tests bench conftest.py
	$(VENV)/bin/ruff format --check src tests bench conftest.py

checks:
	DJANGO_SETTINGS_MODULE=zhongshu.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=zhongshu.settings.test $(MANAGE) makemigrations --check --dry-run
	@DJANGO_SETTINGS_MODULE=zhongshu.settings.test $(MANAGE) spectacular --validate --fail-on-warn --file var/openapi.check.yaml 2>/dev/null || { mkdir -p var; DJANGO_SETTINGS_MODULE=zhongshu.settings.test $(MANAGE) spectacular --validate --fail-on-warn --file var/openapi.check.yaml; }
	@diff -q docs/openapi.yaml var/openapi.check.yaml >/dev/null || { echo "docs/openapi.yaml is stale: run 'make openapi' and commit it"; diff -u docs/openapi.yaml var/openapi.check.yaml | head -40; exit 1; }
	ZHONGSHU_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') DJANGO_SETTINGS_MODULE=zhongshu.settings.production $(MANAGE) check --deploy --fail-level WARNING

typecheck:
	$(VENV)/bin/mypy $$(ls src/zhongshu/*/services.py src/zhongshu/*/policies.py src/zhongshu/*/services/*.py 2>/dev/null)

pytest:
	$(PY) -m pytest -q -n auto

browser:  ## Playwright driving Debian's chromium
	$(PY) -m pytest -q -m browser -p no:xdist

openapi:  ## regenerate docs/openapi.yaml
	@mkdir -p var
	DJANGO_SETTINGS_MODULE=zhongshu.settings.test $(MANAGE) spectacular --validate --fail-on-warn --file docs/openapi.yaml

config-docs:  ## regenerate docs/configuration.md
	DJANGO_SETTINGS_MODULE=zhongshu.settings.test $(MANAGE) config_docs > docs/configuration.md

demo: install secret
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo

bench: install-dev secret  ## benchmarks (see bench/README.md)
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) node_modules src/zhongshu/static/vendor var/static
