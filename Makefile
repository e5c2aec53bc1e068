# Real Harm — `make serve` to work on the site, `make test` to run every check.
# Both set everything up on first use (a virtual environment in .venv with pinned packages).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt | cksum | cut -d' ' -f1)
HOST   ?= 127.0.0.1:8000

.PHONY: help install serve build check test test-fast site pack-check bench lock clean new-language lesson-audit move-translations

help:
	@echo "make serve   build and serve the site at http://$(HOST) with live reload"
	@echo "make test    every check: data, parity, terminology, strict build, links, browser"
	@echo "make site    build site/ with every PDF and the offline zip (ready to deploy)"
	@echo "make pack-check  open every file of every teacher pack in site/ (make site runs it too)"
	@echo "make bench   page weight, Lighthouse and build time against the budgets"
	@echo "make check   the fast checks only (no build, no browser)"
	@echo "make lesson-audit  the safeguarding parts of every lesson plan, per plan and language"

$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

# The Nu Html Checker (vnu.jar) for the HTML validity test, pinned in tools/vnu/package-lock.json.
# --ignore-scripts: the package's install script would fetch a Java runtime of its own; the
# system's Java (default-jre-headless) runs the jar.
VNU_STAMP := tools/vnu/node_modules/.installed-$(shell cat tools/vnu/package-lock.json | cksum | cut -d' ' -f1)
$(VNU_STAMP): tools/vnu/package.json tools/vnu/package-lock.json
	npm ci --prefix tools/vnu --ignore-scripts --no-audit --no-fund --silent
	@rm -f tools/vnu/node_modules/.installed-*
	@touch $@

install: $(STAMP) $(VNU_STAMP)

serve: install
	$(BIN)/mkdocs serve --dev-addr $(HOST)

build: install
	$(BIN)/mkdocs build --strict

# The site, a PDF of every lesson plan and learner page (plus a pack per module), and the
# offline zip; needs the system Chromium (sudo apt-get install chromium).
site: install
	$(BIN)/python -m realharm site

# Every file of every plan's and module's teacher pack in site/, opened with its reader: language,
# title, what each pack holds, no answer on a learner's sheet (the last step of `make site`).
pack-check: install
	$(BIN)/python -m realharm pack-check site

BENCH_RUNS ?= 5
bench: install
	$(BIN)/python -m realharm bench --runs $(BENCH_RUNS)

check: install
	$(BIN)/python -m realharm check

lesson-audit: install
	$(BIN)/python -m realharm lesson-audit

test: install
	$(BIN)/python -m pytest

# Everything but the browser tests (quicker while writing content).
test-fast: install
	$(BIN)/python -m pytest -m "not browser"

lock:
	rm -rf .lockenv && $(PYTHON) -m venv .lockenv && .lockenv/bin/pip install --quiet -r requirements.in
	{ echo "# Exact pins of everything the site and its tests need (generated from requirements.in by 'make lock')."; \
	  .lockenv/bin/pip freeze --exclude-editable; \
	  echo "# the project's own package (src/realharm), editable"; echo "-e ."; } > requirements.txt
	rm -rf .lockenv

clean:
	rm -rf site build .pytest_cache tools/vnu/node_modules

# A new language: make new-language LANG=nl (writes data/ui/nl.yaml, prints the next steps).
new-language: install
	$(BIN)/python -m realharm new-language $(LANG)

# Texts in other languages written inline in the English data files ({en: ..., it: ...}) move to
# data/i18n/<lang>/ (safe to run again; nothing changes when there is nothing to move).
move-translations: install
	$(BIN)/python -m realharm move-translations
