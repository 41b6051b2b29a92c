# Two commands matter: `make run` and `make test`. `make help` lists the rest.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help run test lint format check-migrations catalogs messages translation-gaps setup clean lock

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "} {printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}'

# Installs come from the lock files only, every file checked against its hash, through uv
# (itself installed by pip from requirements-bootstrap.txt, with hashes): seconds, not a minute.
UV := $(BIN)/uv
UV_INSTALL := $(UV) pip install --quiet --python $(PY) --require-hashes --no-deps
# pillow-heif stays out of the locks although Wagtail asks for Willow[heif]: Willow only uses it
# when it is installed, this project accepts no HEIC or AVIF image (WAGTAILIMAGES_EXTENSIONS in
# vksnd/conf.py), and it is a native HEIF/AVIF decoder loaded into every worker (about 6.5 MB
# each, and one more parser of untrusted files). Installs use --no-deps, so nothing pulls it back.
UV_LOCK := $(UV) pip compile --quiet --generate-hashes --no-emit-package pillow-heif

$(UV): requirements-bootstrap.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements-bootstrap.txt
	@touch $@

$(BIN)/.runtime: $(UV) requirements.txt
	$(UV_INSTALL) -r requirements.txt
	@touch $@

$(BIN)/.dev: $(BIN)/.runtime requirements-dev.txt
	$(UV_INSTALL) -r requirements-dev.txt
	@touch $@

lock: $(UV) ## Re-lock requirements.txt and requirements-dev.txt (with hashes) from pyproject.toml
	$(UV_LOCK) --extra deploy -o requirements.txt pyproject.toml
	$(UV_LOCK) --extra deploy --extra dev -c requirements.txt -o requirements-dev.txt pyproject.toml

catalogs: $(BIN)/.runtime ## Compile the message catalogues (pure Python, no gettext needed)
	@$(PY) cms/catalogs.py

messages: $(BIN)/.runtime ## Update cms/locale/en from the code (Django's makemessages; needs GNU gettext), then translate and `make catalogs`
	DJANGO_SETTINGS_MODULE=settings.dev $(PY) manage.py makemessages -l en
	DJANGO_SETTINGS_MODULE=settings.dev $(PY) manage.py makemessages -l en -d djangojs

translation-gaps: $(BIN)/.runtime ## List Wagtail admin messages still without Vietnamese (after upgrades)
	DJANGO_SETTINGS_MODULE=settings.dev $(PY) manage.py translation_gaps

setup: $(BIN)/.runtime catalogs ## Migrate the database, set up the site and load the demo content
	@mkdir -p var
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py setup_site
	$(PY) manage.py load_demo

run: setup ## Create the venv, migrate SQLite, load demo content and serve on 127.0.0.1:8000
	@echo ""
	@echo "  Site:      http://$(HOST):$(PORT)/  (English: http://$(HOST):$(PORT)/en/)"
	@echo "  Admin:     http://$(HOST):$(PORT)/admin/"
	@echo "  API docs:  http://$(HOST):$(PORT)/api/content/v1/docs/"
	@echo "  Try:       curl -s 'http://$(HOST):$(PORT)/api/content/v1/exemplars/?limit=2'"
	@echo "  Partners:  curl -s -H 'Authorization: Bearer <key>' 'http://$(HOST):$(PORT)/api/content/v1/exemplars/'"
	@echo "             (keys are issued by the Office in the admin: Đối tác API > Khóa API)"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: $(BIN)/.dev ## ruff check, ruff format --check, and the layers contract (lint-imports)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: $(BIN)/.dev ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-migrations: $(BIN)/.dev ## Fail if a model change has no migration
	DJANGO_SETTINGS_MODULE=settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=settings.test $(PY) manage.py check

# axe-core for the accessibility tests, from npm with the lock's integrity hashes (never a CDN).
# Without npm those tests skip with the reason (and fail under CI, which installs it).
NPM := $(shell command -v npm)
node_modules/.installed: package.json package-lock.json
	@if [ -n "$(NPM)" ]; then npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && touch $@; \
	else echo "npm not found: the accessibility tests will be skipped (apt install npm)"; fi

test: $(BIN)/.dev catalogs node_modules/.installed lint check-migrations ## Lint, migrations check, Django checks, the whole suite in parallel with coverage
	$(BIN)/pytest --cov --cov-report=term

.PHONY: screenshots
screenshots: $(BIN)/.dev node_modules/.installed ## Retake the public site's screenshots of the README (docs/screenshots/)
	UPDATE_SCREENSHOTS=1 $(BIN)/pytest tests/browser/test_public_accessibility.py

.PHONY: smoke-prod
smoke-prod: $(BIN)/.dev ## Two gunicorn servers with production settings, worker, PostgreSQL, own Redis, moto S3: the scripted journey (needs DATABASE_URL)
	timeout 660 $(PY) tests/smoke/prod.py

.PHONY: bench
bench: $(BIN)/.runtime ## Benchmark the content API against Wagtail's API, PostgreSQL + Redis (bench/README.md; N=2000)
	$(PY) bench/run.py --n $(or $(N),2000)

.PHONY: bench-tools
bench-tools: ## Install the load generator of bench/served.py (Debian's wrk) when it is missing
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	@wrk --version | head -1

.PHONY: bench-served
bench-served: $(BIN)/.runtime bench-tools ## The benchmark through gunicorn over loopback HTTP, driven by wrk (bench/README.md; N=2000)
	$(PY) bench/served.py --n $(or $(N),2000)

clean: ## Remove the virtualenv and local state (database, media, test database templates)
	rm -rf $(VENV) var
