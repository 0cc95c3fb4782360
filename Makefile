# Two entry points: `make run` serves the demo wiki, `make test` runs every test.
# Both create .venv and install what they need, so they work on a fresh clone.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := wiki

.PHONY: run test install install-test browser postgres lint security serve-only translations

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[server]'

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'

## Serve the wiki with demo content on SQLite + Whoosh at http://127.0.0.1:5000
run: install
	$(BIN)/flask db upgrade
	$(BIN)/flask seed-demo
	WIKI_ALLOWED_HOSTS=$${WIKI_ALLOWED_HOSTS-localhost} $(BIN)/flask run --host 127.0.0.1 --port 5000

## Debian's Chromium for the browser tests (never a downloaded browser build)
browser:
	@test -x /usr/bin/chromium || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

## The local PostgreSQL server the second test run uses
postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	@for i in 1 2 3 4 5 6 7 8 9 10; do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done

## Style, then the import contracts in pyproject.toml ([tool.importlinter])
lint: install-test
	$(BIN)/ruff check .
	$(BIN)/lint-imports

## Security: bandit on our code (pyproject [tool.bandit]), pip-audit on the dependencies;
## where pip-audit cannot reach its service it says "skipped: service unreachable"
security: install-test
	$(BIN)/bandit -q -r wiki config.py -c pyproject.toml
	$(BIN)/python .ci/pip_audit.py

## Every test: lint and security checks, then the suite on SQLite and on PostgreSQL
test: install-test browser postgres lint security
	$(BIN)/python -m pytest --db=sqlite
	$(BIN)/python -m pytest --db=postgresql -m "not browser"

## Extract the UI strings into wiki/translations/messages.pot and merge them into each
## catalog; translate the new (empty or fuzzy) entries, then run `make translations` again
## to compile the .mo files (both are committed).
BABEL_KEYWORDS := _ gettext ngettext:1,2 lazy_gettext _l lazy_ngettext:1,2 N_
TRANSLATIONS := wiki/translations

$(BIN)/pybabel: $(BIN)/python
	$(BIN)/pip install --quiet -e .

translations: $(BIN)/pybabel
	$(BIN)/pybabel --quiet extract --mapping-file=babel.cfg --output-file=$(TRANSLATIONS)/messages.pot \
	  --add-comments=TRANSLATORS: --sort-by-file --width=100 \
	  --project=standards-wiki --copyright-holder="standards-wiki contributors" \
	  $(foreach k,$(BABEL_KEYWORDS),-k $(k)) .
	$(BIN)/pybabel update --input-file=$(TRANSLATIONS)/messages.pot --output-dir=$(TRANSLATIONS) \
	  --ignore-obsolete --ignore-pot-creation-date --width=100 --init-missing --locale=es
	$(BIN)/pybabel compile --directory=$(TRANSLATIONS) --statistics
