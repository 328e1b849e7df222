"""Fixtures of the unit tests."""

from __future__ import annotations

import pytest

from domain.triage import BuiltinClassifier, default_classifier


@pytest.fixture(scope="module")
def clf() -> BuiltinClassifier:
    """The built-in classifier as the bot runs it."""
    return default_classifier()
