# SPDX-License-Identifier: EUPL-1.2
# Every target creates and reuses .venv itself; nothing else needs to be installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: demo test test-fast lint bench serve install clean assets audit sbom vertalingen

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.8
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $(STAMP)

install: $(STAMP) assets

# Front-end packages (NL Design System CSS, htmx, axe-core) come from the npm registry with the committed lockfile.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

assets: $(NODE_STAMP) $(STAMP)
	$(BIN)/zicht assets

## demo: install, generate ten years of synthetic meldingen, import them, create demo accounts, serve on :8000
demo: install
	@mkdir -p var
	@test -f var/demo.env || $(BIN)/python -c "from zicht.config import demo_environment; print(demo_environment(), end='')" > var/demo.env
	set -a && . ./var/demo.env && set +a && $(BIN)/zicht demo --serve

## test: the whole suite (unit, integration on SQLite and PostgreSQL, browser tests)
test: install assets audit
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -n 2 --dist loadgroup

test-fast: install assets
	$(BIN)/python -m pytest -n 2 -m "not browser and not slow"

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

## audit: pip-audit over requirements.lock and npm audit over package-lock.json; fails on a known vulnerability
## with a fix available, skips (with a message) when the vulnerability source is unreachable (ZICHT_AUDIT_STRENG=1: fail)
audit: $(STAMP)
	$(BIN)/python -m zicht.ops.audit --root .

## sbom: CycloneDX SBOMs of the Python environment (with pyproject metadata) and of the npm production packages
sbom: $(STAMP) $(NODE_STAMP)
	@mkdir -p var/sbom
	$(BIN)/cyclonedx-py environment --pyproject pyproject.toml --mc-type application --output-reproducible \
		--of JSON -o var/sbom/zicht-python.cdx.json $(BIN)/python
	npm sbom --sbom-format cyclonedx --omit=dev > var/sbom/zicht-npm.cdx.json
	@echo "SBOM geschreven / written: var/sbom/zicht-python.cdx.json var/sbom/zicht-npm.cdx.json"

## vertalingen: extract every interface text (Python and templates, mapping in pyproject [tool.babel]) and update
## the English catalogue src/zicht/taal/locale/en/LC_MESSAGES/zicht.po; new texts arrive untranslated, changed ones
## fuzzy (tests/unit/test_vertalingen.py fails until each has a checked English msgstr). The compile step checks the
## catalogue and prints its statistics; the app reads the .po itself, so the .mo in var/ is not used (docs/adr/0009).
LOCALE := src/zicht/taal/locale
vertalingen: $(STAMP)
	@mkdir -p var/vertalingen
	$(BIN)/pybabel -q extract -F pyproject.toml --sort-output --add-location=file --no-wrap --omit-header -c TRANSLATORS: \
		-o var/vertalingen/zicht.pot src
	$(BIN)/pybabel -q update -D zicht -l en -i var/vertalingen/zicht.pot -d $(LOCALE) --init-missing \
		--ignore-obsolete --no-wrap --ignore-pot-creation-date
	$(BIN)/pybabel compile -D zicht -l en -i $(LOCALE)/en/LC_MESSAGES/zicht.po -o var/vertalingen/zicht-en.mo --statistics

bench: install
	$(BIN)/python benchmarks/bench_import.py
	@for b in benchmarks/bench_api.py benchmarks/bench_linkage.py benchmarks/bench_mse.py benchmarks/bench_insight.py; do \
		if [ -f $$b ]; then $(BIN)/python $$b || exit 1; fi; done

serve: install
	$(BIN)/zicht serve

clean:
	rm -rf $(VENV) node_modules var .pytest_cache .mypy_cache .ruff_cache
