# BoolaGold POS: `make demo` and `make test` set everything up on a fresh Debian machine that has
# only Python 3.11 and root. uv comes from PyPI into a private venv (.tools/); the project's
# environment (.venv/) is built by uv from the lock file with this machine's own Python.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

export UV_PYTHON_DOWNLOADS := never
# Byte-compile what uv installs: the suite starts many short Python processes (counters, hubs),
# and without .pyc files each one would compile SQLAlchemy and Litestar again.
export UV_COMPILE_BYTECODE := 1

# The first of python3.11 / python3 that is at least 3.11, as an absolute path (pyenv shims and
# the like resolve to the real interpreter, which is what uv must be given).
PYTHON ?= $(shell for p in python3.11 python3; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then \
	$$p -c 'import sys; print(sys.executable)'; break; fi; done)

TOOLS := .tools
UV := $(TOOLS)/bin/uv
RUN := $(UV) run --frozen --no-sync
PYTEST_ARGS ?=

.PHONY: help env packages test demo lint typecheck servers-start servers-stop servers-status \
	package-counter test-bundle

help:
	@echo "make test            set up, start MariaDB/Redis/S3 on loopback, run the suite and the lint gates"
	@echo "make demo            set up, start the hub with a demo shop, enrol and open a counter"
	@echo "make lint            ruff check, ruff format --check, lint-imports"
	@echo "make typecheck       mypy (strict)"
	@echo "make package-counter build the counter's one-folder bundle in dist/boolagold-counter/"
	@echo "make test-bundle     build it if stale and run its headless smoke test only"
	@echo "make servers-start   leave test servers running (prints BOOLAGOLD_TEST_* to export)"
	@echo "make servers-stop    stop them"

# uv in a private venv. Debian's python3 lacks `venv` until python3.X-venv is installed; as root
# we install it, otherwise we say what to install.
$(UV):
	@if [ -z "$(PYTHON)" ]; then echo "error: need Python >= 3.11 on PATH (python3.11 or python3)" >&2; exit 1; fi
	@echo "==> bootstrapping uv into $(TOOLS)/ with $(PYTHON)"
	@if ! "$(PYTHON)" -m venv "$(TOOLS)" >/dev/null 2>&1 || [ ! -x "$(TOOLS)/bin/pip" ]; then \
		rm -rf "$(TOOLS)"; \
		venv_pkg="python$$("$(PYTHON)" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')-venv"; \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "==> installing $$venv_pkg (Python's venv module)"; \
			DEBIAN_FRONTEND=noninteractive apt-get update; \
			DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$venv_pkg; \
			"$(PYTHON)" -m venv "$(TOOLS)"; \
		else \
			echo "error: $(PYTHON) cannot create a venv; install it as root: apt-get install $$venv_pkg" >&2; \
			exit 1; \
		fi; \
	fi
	@"$(TOOLS)/bin/pip" install --quiet --disable-pip-version-check "uv>=0.5"
	@"$(UV)" --version

# The project's environment, exactly as locked (a no-op when it already matches), with the
# `package` group (PyInstaller): the suite builds and runs the counter's bundle.
env: $(UV)
	@"$(UV)" sync --frozen --group package --python "$(PYTHON)"

# The Debian packages the suite needs (the list lives in tests/harness/packages.py).
packages: env
	@$(RUN) python -m tests.harness.servers install

# The suite first, then every gate; all of them run, and any failure fails the target.
# pytest's exit code 5 (no tests collected) is a failure like any other non-zero code.
test: env packages
	@failed=""; \
	gate() { echo; echo "==> $$*"; if ! $(RUN) "$$@"; then failed="$$failed\n  - $$*"; fi; }; \
	gate pytest -p no:cacheprovider $(PYTEST_ARGS); \
	gate ruff check .; \
	gate ruff format --check .; \
	gate mypy; \
	gate lint-imports --no-cache; \
	echo; \
	if [ -n "$$failed" ]; then echo -e "make test FAILED:$$failed"; exit 1; fi; \
	echo "make test: the suite and every gate passed"

# The hub on embedded defaults with the demo shop, a counter enrolled to it and syncing, and the
# counter's window (data in var/demo/; `rm -rf var/demo` starts over).
demo: env packages
	@$(RUN) python packaging/demo/run_demo.py

# The counter's installable one-folder bundle (docs/packaging-counter.md); `make test` runs its
# smoke test too (tests/bundle), `make test-bundle` runs only that.
package-counter: env packages
	@$(RUN) python packaging/counter/build.py --archive

test-bundle: env packages
	@$(RUN) pytest -p no:cacheprovider -m bundle tests/bundle $(PYTEST_ARGS)

lint: env
	@$(RUN) ruff check .
	@$(RUN) ruff format --check .
	@$(RUN) lint-imports --no-cache

typecheck: env
	@$(RUN) mypy

servers-start: packages
	@$(RUN) python -m tests.harness.servers start

servers-stop: env
	@$(RUN) python -m tests.harness.servers stop

servers-status: env
	@$(RUN) python -m tests.harness.servers status
