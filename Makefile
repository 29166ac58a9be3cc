# Two entry points for a fresh machine: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/storyline demo

test: $(STAMP)
	$(BIN)/python -m pytest src tests -q

bench: $(STAMP)
	$(BIN)/python benchmarks/ingest_ecbplus.py
	$(BIN)/python benchmarks/cluster_quality.py
	$(BIN)/python benchmarks/cluster_ceiling.py
	$(BIN)/python benchmarks/near_duplicates.py
	$(BIN)/python benchmarks/stance_ans.py
	$(BIN)/python benchmarks/dates_ecbplus.py
	$(BIN)/python benchmarks/entities_ecbplus.py
	$(BIN)/python benchmarks/cluster_speed.py
	$(BIN)/python benchmarks/storyline_linking.py
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/history_startup.py
	$(BIN)/python benchmarks/language_id.py

clean:
	rm -rf $(VENV) storyline.db storyline.db-wal storyline.db-shm
