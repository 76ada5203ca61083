# Service Coach: `make run` and `make test` set everything up on a fresh machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
MODEL := models/service-coach.tar.gz
TRAIN_DATA := data/nlu data/rules data/stories
TRAIN_INPUTS := config.yml domain.yml $(shell find $(TRAIN_DATA) -name '*.yml' 2>/dev/null)
SOCKET_IO := node_modules/socket.io-client/dist/socket.io.min.js
CHROMIUM := /usr/bin/chromium
SERVICES := /usr/sbin/nginx /usr/bin/redis-server /usr/bin/pg_ctlcluster
COACH := models/coach/meta.json
READER := models/reader/reader.joblib
READER_INPUTS := data/roleplay/understanding.yml bot/roleplay/reader_training.py bot/roleplay/reader_model.py \
	bot/roleplay/labelled_readings.py bot/coaching/classifier.py bot/coaching/ngram_vectors.py \
	data/scenarios data/roleplay/readings \
	$(shell find data/roleplay/readings data/scenarios -name '*.yml' 2>/dev/null)
# Every file in the replies folder (found when make starts, so a new corrections.yml counts),
# and the folder itself, whose time changes when a file is added or removed.
COACH_INPUTS := data/coaching/rubric.yml bot/coaching/training.py bot/coaching/labelled_replies.py bot/coaching/classifier.py \
	data/coaching/replies $(shell find data/coaching/replies -name '*.yml' 2>/dev/null)

# Rasa must never try to reach the network, and its progress bars only clutter logs.
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export TQDM_DISABLE := 1

# Rasa 3.6 runs on Python 3.10 only. `.python-version` makes pyenv's shim resolve here;
# elsewhere any python3.10 (or a python3 that is 3.10) on PATH will do.
PYTHON310 ?= $(shell for c in python3.10 python3; do \
	if $$c -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' >/dev/null 2>&1; then \
	command -v $$c; break; fi; done)

.PHONY: help install train corrections eval run test test-unit lint trainer bench scale-test audit constraints clean

help:
	@echo "make run     set up if needed, train if stale, start every server"
	@echo "make test    set up if needed, train if stale, lint, run every test"
	@echo "make test-unit  the inner loop: every unit test, no server and no training (<1 min)"
	@echo "make install create .venv and install pinned dependencies"
	@echo "make train   retrain the Rasa model and the coach when their data changed"
	@echo "make corrections  write trainers' corrected replies (DB_URL) to"
	@echo "             data/coaching/replies/corrections.yml; review, commit, then make train"
	@echo "make eval    held-out figures: the coach's per-skill F1, the retriever's top-1/top-3,"
	@echo "             the role-play customer's reaction rates, and (with \`make run\` up) questions"
	@echo "             routed to the right tip or story through the running bot"
	@echo "make lint    ruff over bot/, actions/, tests/ and bench/"
	@echo "make bench   latency, CPU per message, cold start and memory against a plain rasa init bot"
	@echo "             (STOCK_RASA=1: ours with Rasa's patches off; BENCH_ARGS=--quick: smoke run)"
	@echo "make audit   pip-audit of every pinned dependency (needs PyPI's vulnerability API)"
	@echo "make trainer TRAINER=dana [NAME='Dana Lee'] [TEAMS=north,south]  a trainer account for /trainer/ (no TEAMS: sees every team)"

install: $(INSTALLED) $(SOCKET_IO)

$(INSTALLED): pyproject.toml constraints.txt
	@if [ -z "$(PYTHON310)" ]; then \
		echo "Python 3.10 is required (Rasa 3.6 supports no newer Python) and none was found."; \
		echo "Install it, e.g. 'pyenv install 3.10' (this folder's .python-version selects it),"; \
		echo "or your system's python3.10 package with its venv module, then run make again."; \
		exit 1; fi
	@test -x $(PY) || $(PYTHON310) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $@

# The widget's socket.io client, from the npm registry at the versions package-lock.json pins.
$(SOCKET_IO): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is required (apt-get install npm)."; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The browser tests drive Debian's Chromium; Playwright never downloads a browser of its own.
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	else echo "Chromium is needed for the browser tests: sudo apt-get install chromium"; exit 1; fi

# The scale-out test runs PostgreSQL, Redis and nginx from Debian's packages on loopback.
$(SERVICES):
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && \
		apt-get install -y -qq postgresql redis-server nginx; \
	else echo "The scale test needs: sudo apt-get install postgresql redis-server nginx"; exit 1; fi

train: $(MODEL) $(COACH) $(READER)

# Make's timestamps decide staleness: the model is rebuilt only when config, domain or
# training data are newer than it. Rasa's own cache makes a partial retrain quick.
$(MODEL): $(TRAIN_INPUTS) | $(INSTALLED)
	@echo "Training the Rasa model (config, domain or data changed)..."
	@start=$$(date +%s); \
	$(PY) -m rasa train --data $(TRAIN_DATA) --fixed-model-name service-coach --out models \
		> $(VENV)/train.log 2>&1 || { tail -40 $(VENV)/train.log; exit 1; }; \
	echo "Trained $(MODEL) in $$(( $$(date +%s) - start )) s."
	@touch $@

# The coach's text classifier, trained on four fifths of data/coaching/replies/.
$(COACH): $(COACH_INPUTS) | $(INSTALLED)
	@$(PY) -m bot.coaching.training 2> $(VENV)/coach-train.log || { tail -40 $(VENV)/coach-train.log; exit 1; }

# The role-play customer's reader, trained on the labelled replies in data/roleplay/readings/.
$(READER): $(READER_INPUTS) | $(INSTALLED)
	@$(PY) -m bot.roleplay.reader_training 2> $(VENV)/reader-train.log || { tail -40 $(VENV)/reader-train.log; exit 1; }

# Trainers' corrections as labelled replies. A trainer's or developer's step, never part of
# train or test: it reads the trainers' database, which CI does not have.
corrections: $(INSTALLED)
	@$(PY) -m bot.coaching.corrections export

eval: $(COACH) $(READER)
	@$(PY) -m bot.coaching.evaluation 2> $(VENV)/eval.log || { tail -40 $(VENV)/eval.log; exit 1; }
	@$(PY) -m bot.knowledge.evaluation 2>> $(VENV)/eval.log || { tail -40 $(VENV)/eval.log; exit 1; }
	@$(PY) -m bot.roleplay.evaluation 2>> $(VENV)/eval.log || { tail -40 $(VENV)/eval.log; exit 1; }
	@$(PY) -m bot.knowledge.routing 2>> $(VENV)/eval.log || { tail -40 $(VENV)/eval.log; exit 1; }

run: train $(SOCKET_IO)
	@$(PY) -m bot.runtime

# A trainer account for the dashboard; asks for the password twice.
trainer: $(INSTALLED)
	@test -n "$(TRAINER)" || { echo "Usage: make trainer TRAINER=username [NAME='Full Name']"; exit 2; }
	@$(PY) -m bot.web.trainer_accounts add "$(TRAINER)" --name "$(NAME)" --teams "$(TEAMS)"

lint: $(INSTALLED)
	$(VENV)/bin/ruff check bot actions tests bench
	$(VENV)/bin/ruff format --check bot actions tests bench

test: lint train $(SOCKET_IO) $(CHROMIUM) $(SERVICES)
	$(PY) -m pytest

# The inner loop: the tests marked `unit` (tests/conftest.py marks each test by what it needs),
# with no server, no trained model and no database server.
test-unit: $(INSTALLED)
	$(PY) -m pytest -m unit -q

# Two Rasa and two action servers behind nginx on PostgreSQL and Redis (also in make test).
scale-test: train $(SOCKET_IO) $(SERVICES)
	$(PY) -m pytest tests/scale

# Not part of make test: about fifteen minutes, and it builds a plain `rasa init` bot to
# compare. STOCK_RASA=1 runs ours with Rasa's patches switched off (COACH_STOCK_RASA=1);
# BENCH_ARGS passes anything else, e.g. BENCH_ARGS=--quick for a smoke run.
# Run as a module from this folder, so the bot measured is this checkout's own code.
bench: train
	$(PY) -m bench.benchmark $(if $(filter-out 0,$(STOCK_RASA)),--stock-rasa) $(BENCH_ARGS)

# pip-audit lives in a venv of its own: its dependencies would otherwise move Rasa's pins.
AUDIT_VENV := .venv-audit
audit: $(INSTALLED)
	@test -x $(AUDIT_VENV)/bin/pip-audit || { $(PYTHON310) -m venv $(AUDIT_VENV) && \
		$(AUDIT_VENV)/bin/pip install --quiet pip-audit; }
	@mkdir -p var
	@$(PY) -m pip freeze --exclude-editable | grep -v '^-e ' > var/audited-requirements.txt
	$(AUDIT_VENV)/bin/pip-audit --requirement var/audited-requirements.txt --no-deps \
		--disable-pip --progress-spinner off

# Refreeze the exact versions after changing dependencies in pyproject.toml.
constraints: $(INSTALLED)
	@{ echo "# Exact versions of every package in the venv, so a fresh machine installs what CI tested."; \
	   echo "# Regenerate with: make constraints"; \
	   $(PY) -m pip freeze --exclude-editable | grep -v '^-e '; } > constraints.txt

clean:
	rm -rf $(VENV) $(AUDIT_VENV) node_modules models/*.tar.gz models/coach models/reader .rasa results test-artifacts \
		.pytest_cache .ruff_cache
