# Every target does its own set-up: a fresh machine needs only python3 (>= 3.11) and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test test-dates lint bench triage-model clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("chatdesk needs Python >= 3.11") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: install
	$(BIN)/chatdesk demo

test: install
	$(BIN)/python -m pytest

# The date-dependent tests (marked `dates`) again, with the desk's clock moved to awkward
# moments by CHATDESK_FAKE_NOW (TIMEZONE, Europe/Moscow by default): a month end, the 20th
# (renewal reminders), New Year's Eve and Day, a leap day past the calendar data.
SHIFTED_DATES ?= 2027-01-31T12:00 2027-01-20T10:00 2026-12-31T23:30 2027-01-01T00:30 2028-02-29T12:00

test-dates: install
	@for moment in $(SHIFTED_DATES); do \
		echo "CHATDESK_FAKE_NOW=$$moment"; \
		CHATDESK_FAKE_NOW=$$moment $(BIN)/python -m pytest -m dates -p no:cacheprovider \
			$$(grep -rl --include='test_*.py' 'mark.dates' tests) || exit 1; \
	done

lint: install
	$(BIN)/ruff check .

bench: install
	$(BIN)/python -m bench

# Train the triage model again after its labelled data changed (a unit test says when):
# writes domain/triage/kind.model and reason.model; scikit-learn is needed only here.
triage-model: install
	$(BIN)/python -m pip install --quiet -e '.[test,train]'
	$(BIN)/python -m tools.train_triage_model

clean:
	rm -rf $(VENV) data/*.sqlite3*
