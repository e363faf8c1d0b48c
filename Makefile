# Nghị Trường Số — the README's two commands: `make demo` and `make test`.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.runtime-$(shell cat pyproject.toml requirements/lock.txt | cksum | cut -d' ' -f1)
DEV_STAMP := $(VENV)/.dev-$(shell cat pyproject.toml requirements/dev-lock.txt | cksum | cut -d' ' -f1)

.PHONY: demo test lint typecheck pytest install install-dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNTIME_STAMP): | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	rm -f $(VENV)/.runtime-*
	touch $@

$(DEV_STAMP): | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements/dev-lock.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	rm -f $(VENV)/.dev-* $(VENV)/.runtime-*
	touch $@ $(RUNTIME_STAMP)

install: $(RUNTIME_STAMP)
install-dev: $(DEV_STAMP)

.env:
	@echo "Tạo .env cho bản demo / creating .env for the demo"
	@printf 'SECRET_KEY=%s\nDEBUG=false\nALLOWED_HOSTS=127.0.0.1,localhost\n' "$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(48))')" > .env

demo: install .env
	$(BIN)/nghitruong migrate --no-input -v 0
	$(BIN)/nghitruong demo-data
	@echo "Mở / open: http://127.0.0.1:$(PORT)"
	$(BIN)/nghitruong serve --host 127.0.0.1 --port $(PORT)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install-dev
	$(BIN)/mypy nghitruong

pytest: install-dev
	$(BIN)/pytest -q -n 2

test: lint typecheck pytest

clean:
	rm -rf $(VENV) var
