# Two commands for a newcomer (see README):  make book   and   make test
# Both set up everything first (system fonts, a virtual environment with pinned packages).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
TEST_WORKERS ?= 2  # pytest-xdist workers: one per core of the CI machine
NBVAL  := book/overview.ipynb book/chapters book/method.ipynb book/data.ipynb book/data book/changelog.ipynb

.PHONY: setup fonts browser book test lint clean calibration mutation

setup: fonts $(STAMP)

# Chinese text in figures needs a CJK font; Debian's fonts-noto-cjk provides Noto Sans CJK.
fonts:
	@fc-list 2>/dev/null | grep -q "Noto Sans CJK" || { \
	  echo "installing fonts-noto-cjk (Debian) ..."; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq fonts-noto-cjk fontconfig >/dev/null; }

# Browser tests drive Debian's Chromium (never a browser downloaded by a test tool).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing chromium (Debian) ..."; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null; }

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -r requirements.txt
	$(PY) -m pip install -q --no-deps -e .
	touch $(STAMP)

book: setup
	$(PY) -m analysis build

# Regenerate the engine's interval calibration from the M3 training parts (byte-for-byte reproducible).
calibration: setup
	$(PY) -m analysis.forecast.calibration

# Mutation testing of the modules that decide what readers see (slow: not part of make test).
# Installs mutmut if needed, runs it from scratch on 2 workers with the test selection in
# pyproject.toml, prints the score per module and writes benchmarks/results/mutation.md.
MUTMUT := mutmut==3.8.1
mutation: setup
	@$(PY) -c "import mutmut" 2>/dev/null || $(PY) -m pip install -q $(MUTMUT)
	$(PY) benchmarks/mutation.py --fresh

lint: setup
	$(PY) -m ruff check src tests
	$(PY) -m ruff format --check src tests

test: setup browser lint
	$(PY) -m analysis build
	$(PY) -m pytest tests $(NBVAL) --nbval --nbval-current-env \
	  --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider --durations=25 \
	  -n $(TEST_WORKERS) --dist loadscope

clean:
	rm -rf mutants _build book/chapters book/overview.ipynb book/method.ipynb book/data.ipynb book/data book/changelog.ipynb book/downloads
