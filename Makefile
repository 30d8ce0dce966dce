# The two commands of the README:
#   make serve  – installs, migrates, loads the demo content and serves http://127.0.0.1:8000
#                 (with the scheduler: manage.py run_jobs)
#   make test   – installs the test tools and runs the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: serve test install install-dev demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt

demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content

# The scheduler (scheduled publishing, the e-mail outbox, the daily deletion of old
# registrations) runs beside the development server; Ctrl-C or the server's end stops both.
serve: demo
	$(BIN)/python manage.py run_jobs & jobs=$$!; \
	trap 'kill $$jobs 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install-dev
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	# Each migration test in a process of its own: it leaves content types that the next
	# transactional test's set-up cannot take.
	for f in $$(grep -rl --include='test_*.py' 'pytest.mark.migration' moessingen_site concept news committee events follow); do \
		$(BIN)/python -m pytest -m migration $$f || exit 1; \
	done
	$(BIN)/python -m pytest -n auto $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache
