"""The built-in offline triage classifier (Russian and English chat messages)."""

from domain.triage.classifier import BuiltinClassifier, default_classifier

__all__ = ["BuiltinClassifier", "default_classifier"]
