# The two commands of the README: `make run` and `make test`. Everything else is set up on demand.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
VENDOR := static/vendor
# Debug is off unless asked for (the settings fail closed). The embedded default of `make run`
# and the development commands below ask for it; production sets its own environment.
DEV := DEBUG=true

.PHONY: run test install lint typecheck migrations-check messages messages-update chromium libreoffice clean tools fuzz bench load bench-http

run: install libreoffice
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py load_reference_data
	$(DEV) $(PY) manage.py seed_demo --working-year --documents
	@echo ""
	@echo "Strategiportalen: http://127.0.0.1:8000  (admin: http://127.0.0.1:8000/admin/)"
	@echo "Log in as leder-fin (admin head, FIN), koordinator, sekretariat, observator or admin;"
	@echo "password: $${DEMO_PASSWORD:-demo}. Web, Celery worker and beat run below; Ctrl-C stops all."
	@echo ""
	$(DEV) $(BIN)/honcho start -f Procfile

# The suite in parallel, then the bounded API fuzz (tools/fuzz_api.sh; on PostgreSQL when
# DATABASE_URL is set). One pytest worker per core (PYTEST_WORKERS=0: one process); each has its
# own test database (test_<name>_gwN), broker key prefix or folder, and media and mail folders.
PYTEST_WORKERS ?= auto
test: install tools chromium libreoffice lint typecheck migrations-check
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal
	tools/fuzz_api.sh

install: $(VENV)/.installed node_modules/.installed $(VENDOR)/.installed messages

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (found $(PYTHON))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Self-hosted front-end assets: Designsystemet CSS and theme, htmx 2 and the Inter font.
$(VENDOR)/.installed: node_modules/.installed
	mkdir -p $(VENDOR)/inter
	cp node_modules/@digdir/designsystemet-css/dist/src/index.css $(VENDOR)/designsystemet.css
	cp node_modules/@digdir/designsystemet-theme/src/themes/designsystemet.css $(VENDOR)/designsystemet-theme.css
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx.min.js
	cp node_modules/@fontsource/inter/files/inter-latin-[456]00-normal.woff2 $(VENDOR)/inter/
	touch $@

messages: $(VENV)/.installed
	@command -v msgfmt >/dev/null || $(MAKE) --no-print-directory apt PACKAGES=gettext
	$(DEV) $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

# Refresh the catalogues after changing UI text. Without source locations, so that unrelated
# edits do not touch every entry.
messages-update: $(VENV)/.installed
	$(DEV) $(PY) manage.py makemessages -l nb -l nn -l en --no-location \
		--ignore=.venv --ignore=.tools --ignore=node_modules --ignore=static/vendor

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy with the Django and DRF plugins; strict for services, selectors and permissions
# (pyproject.toml).
typecheck: $(VENV)/.installed
	$(DEV) $(BIN)/mypy

migrations-check: $(VENV)/.installed
	$(DEV) $(PY) manage.py makemigrations --check --dry-run

# The browser tests drive Debian's Chromium; a browser download is not possible here.
chromium:
	@test -x /usr/bin/chromium || $(MAKE) --no-print-directory apt PACKAGES=chromium

# The archive extraction converts office documents to PDF/A with LibreOffice (headless).
LIBREOFFICE_PACKAGES := libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui
libreoffice:
	@command -v soffice >/dev/null || $(MAKE) --no-print-directory apt PACKAGES="$(LIBREOFFICE_PACKAGES)"

apt:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PACKAGES); \
	else \
		echo "Missing system package(s): $(PACKAGES). Install them, e.g. 'sudo apt-get install $(PACKAGES)'."; \
		exit 1; \
	fi

# Tools outside the app's venv (many dependencies): API fuzzing and the load scenario.
TOOLS := .tools
tools: $(TOOLS)/.installed

$(TOOLS)/.installed: requirements-tools.txt
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet -r requirements-tools.txt
	touch $@

fuzz: install tools
	tools/fuzz_api.sh

# The load benchmark of bench/README.md: a fresh PostgreSQL database with 100x the real data,
# gunicorn + a Celery worker on Redis, locust with 50 users. Needs DATABASE_URL and CELERY_BROKER_URL.
load: install tools
	bench/load.sh

# The HTTP benchmark of bench/README.md: 1x and 100x databases on PostgreSQL, gunicorn with
# production settings and Redis, wrk against the floor and each page. Knobs: see bench/http_bench.py.
bench-http: install
	@command -v wrk >/dev/null || $(MAKE) --no-print-directory apt PACKAGES=wrk
	$(PY) bench/http_bench.py

BENCH_HOST ?= http://127.0.0.1:8000
BENCH_USERS ?= 50
BENCH_TIME ?= 60s
bench: tools
	$(TOOLS)/bin/locust -f bench/locustfile.py --headless --host $(BENCH_HOST) \
		-u $(BENCH_USERS) -r 10 -t $(BENCH_TIME) --only-summary

clean:
	rm -rf $(VENV) $(TOOLS) node_modules $(VENDOR) staticfiles .celery .pytest_cache
