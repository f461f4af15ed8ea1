# make demo: set up and run the main job on examples/.  make test: set up and pass the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-dev

.PHONY: demo test test-fast lint typecheck pytest bench clean messages extract-messages update-messages compile-messages

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" bash examples/demo.sh

lint: $(STAMP)
	$(BIN)/ruff check pbctl tests bench
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy --strict pbctl

pytest: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider

test: lint typecheck pytest

# The tests not marked slow: seconds, for the edit-test loop (make test runs them all).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider -m "not slow"

bench: $(STAMP)
	$(BIN)/python bench/bench.py

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache .import_linter_cache demo-workspace

# The message catalogue (pbctl/i18n.py): extract the English msgids from the sources, merge
# them into the Chinese .po (translate the new/fuzzy entries there), compile the shipped .mo.
POT := build/pbctl.pot
LOCALE := pbctl/locale

extract-messages: $(STAMP)
	mkdir -p build
	$(BIN)/pybabel extract -F babel.cfg --no-location --sort-output -k N_ -o $(POT) .

update-messages: extract-messages
	$(BIN)/pybabel update -i $(POT) -d $(LOCALE) -D pbctl -l zh_CN --no-wrap --no-fuzzy-matching --ignore-obsolete

compile-messages: $(STAMP)
	$(BIN)/pybabel compile -d $(LOCALE) -D pbctl -l zh_CN --statistics

messages: update-messages compile-messages
