"""Feature extraction and a multinomial naive Bayes model trained from the bundled corpus."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence

from domain.triage.normalize import key
from domain.triage.rules import cue_names

# Feature weights: whole-word stems carry meaning, character n-grams rescue typos and
# unseen inflections, bigrams keep "как сделать" apart from "сделайте".
_W_STEM = 1.0
_W_SHORT = 0.6
_W_GRAM = 0.1
_W_BIGRAM = 0.7
_W_FIRST = 0.8
_W_CUE = 1.5


# "Мой" says nothing about the kind by itself ("мой аккаунт в битриксе" is technical,
# "мой gmail" is personal): ownership is judged by the rules together with what is owned.
_POSSESSIVES = frozenset(key(w) for w in (
    "мой моя мое моё мою моего моей моем моём моему моим mine"
).split())


def features(keys: Sequence[str], question: bool) -> dict[str, float]:
    """Weighted sparse features of a message given its word keys."""
    feats: dict[str, float] = defaultdict(float)
    content = [k for k in keys if not k.isdigit() and k not in _POSSESSIVES]
    for k in content:
        feats["w" + k[:6]] += _W_STEM
        if len(k) > 4:
            feats["s" + k[:4]] += _W_SHORT
        if len(k) >= 3:
            padded = "<" + k[:8] + ">"
            for i in range(len(padded) - 2):
                feats["c" + padded[i : i + 3]] += _W_GRAM
    for a, b in zip(content, content[1:], strict=False):
        feats["b" + a[:4] + "_" + b[:4]] += _W_BIGRAM
    if content:
        feats["f" + content[0][:5]] += _W_FIRST
    n = len(content)
    bucket = "0" if n == 0 else "1" if n == 1 else "2" if n == 2 else "3" if n <= 4 else "5"
    feats["L" + bucket] += 1.0
    if question:
        feats["?"] += 1.0
    for name in cue_names(content):
        feats["!" + name] += _W_CUE
    return feats


class NaiveBayes:
    """Multinomial naive Bayes over weighted features, with uniform class priors."""

    def __init__(self, alpha: float = 0.3) -> None:
        self.alpha = alpha
        self.labels: tuple[str, ...] = ()
        self._logp: dict[str, tuple[float, ...]] = {}

    def fit(self, samples: Iterable[tuple[dict[str, float], str]]) -> NaiveBayes:
        """Estimate smoothed per-class feature log-probabilities."""
        counts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        vocab: set[str] = set()
        for feats, label in samples:
            row = counts[label]
            for f, w in feats.items():
                row[f] += w
                vocab.add(f)
        # Sorted so that training is fully deterministic regardless of dict/set order.
        self.labels = tuple(sorted(counts))
        v = len(vocab)
        totals = {c: sum(counts[c].values()) for c in self.labels}
        logp: dict[str, list[float]] = {}
        for f in sorted(vocab):
            logp[f] = [
                math.log((counts[c].get(f, 0.0) + self.alpha) / (totals[c] + self.alpha * v))
                for c in self.labels
            ]
        self._logp = {f: tuple(vals) for f, vals in logp.items()}
        return self

    def scores(self, feats: dict[str, float]) -> tuple[list[float], float]:
        """Per-label log-likelihoods (in `labels` order) and the weight of known features."""
        out = [0.0] * len(self.labels)
        known = 0.0
        logp = self._logp
        for f, w in feats.items():
            row = logp.get(f)
            if row is None:
                continue
            known += w
            for i, lp in enumerate(row):
                out[i] += w * lp
        return out, known

