# The two set-up commands: `make run` and `make test`. Everything else is a helper for them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test install lint format check-migrations demo clean bench screenshots lock

# The browser tests (tests/kiosk/) run in Debian's Chromium, which scripts/ensure-chromium
# installs when it can; SKIP_BROWSER_TESTS=1 leaves them out, explicitly.
ifeq ($(SKIP_BROWSER_TESTS),1)
BROWSER_TESTS := -m "not browser"
endif

# Re-install only when the project definition or the lock file changes. Every dependency is
# pinned in requirements/*.lock (pip-tools; `make lock` resolves them again).
$(STAMP): pyproject.toml requirements/dev.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/dev.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# Resolve the pinned dependencies again from pyproject.toml (keeps existing pins unless told
# otherwise: LOCK_ARGS=--upgrade), with pip-tools in a throwaway environment.
lock:
	test -x var/pip-tools/bin/pip-compile || ($(PYTHON) -m venv var/pip-tools && \
		var/pip-tools/bin/pip install --quiet pip-tools)
	var/pip-tools/bin/pip-compile -q --strip-extras --no-emit-index-url --no-emit-find-links \
		$(LOCK_ARGS) -o requirements/base.lock pyproject.toml
	var/pip-tools/bin/pip-compile -q --strip-extras --no-emit-index-url --no-emit-find-links \
		$(LOCK_ARGS) --extra dev -o requirements/dev.lock pyproject.toml

install: $(STAMP)

run: install
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content
	$(BIN)/python manage.py rebuild_documents
	@echo ""
	@echo "  Site:  http://127.0.0.1:$(PORT)/"
	@echo "  Admin: http://127.0.0.1:$(PORT)/admin/"
	@echo ""
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .

check-migrations: install
	TEST_DATABASE=sqlite DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

test: install
	$(BIN)/ruff check .
	TEST_DATABASE=sqlite DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python manage.py check
	$(MAKE) --no-print-directory check-migrations
	scripts/ensure-chromium
	scripts/ensure-debian-packages redis-server redis-server
	scripts/ensure-debian-packages msgfmt gettext
	scripts/ensure-debian-packages /usr/lib/nginx/modules/ngx_http_cache_purge_module.so nginx-light libnginx-mod-http-cache-purge
	scripts/with-postgres $(BIN)/python -m pytest $(BROWSER_TESTS) $(PYTEST_ARGS)

# Load test on a throwaway PostgreSQL (needs wrk and redis-server; method and figures in docs/performance.md).
bench: install
	scripts/with-postgres $(BIN)/python -m bench $(BENCH_ARGS)

# The kiosk and admin screenshots in docs/screenshots/ (shown in README.md), from the browser tests.
screenshots: install
	scripts/ensure-chromium
	KIOSK_SCREENSHOTS_DIR=docs/screenshots scripts/with-postgres $(BIN)/python -m pytest -q \
		tests/kiosk/test_admin_screens.py \
		tests/kiosk/test_kiosk_accessibility.py -k "every_kiosk_screen or larger_text or admin"

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
