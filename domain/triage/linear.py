"""A learned linear model of triage, scored in pure Python.

Features are hashed into 2**bits buckets: character 2–5-grams of every word padded with
spaces (so typos and unseen inflections still share most of their grams), and, as a second
group, the words themselves and each pair of neighbouring words. A message's vector is the
sublinear TF-IDF of each group, L2-normalised within the group; each label's score is a dot product with that label's weights, plus its bias, and the softmax of
the scores gives a posterior.

The weights are trained offline (`tools/train_triage_model.py`, which needs scikit-learn)
and shipped as compressed files; nothing here needs more than the standard library.
The file records a fingerprint of the labelled data it was trained on, so a test notices
when the data changed and the model was not trained again.
"""

from __future__ import annotations

import hashlib
import json
import math
import struct
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from importlib import resources
from operator import add, mul

from domain.triage.normalize import words

FORMAT = 1
MIN_GRAM = 2
MAX_GRAM = 5
_MAGIC = b"CDTLM1\n"
_WORD_CACHE_LIMIT = 20_000


def _bucket(feature: str, mask: int) -> int:
    return zlib.crc32(feature.encode("utf-8")) & mask


def char_grams(word: str) -> list[str]:
    """The character 2–5-grams of a word padded with spaces ("c"-prefixed features)."""
    padded = f" {word} "
    size = len(padded)
    out: list[str] = []
    for n in range(MIN_GRAM, MAX_GRAM + 1):
        if n > size:
            break
        out.extend("c" + padded[i : i + n] for i in range(size - n + 1))
    return out


def text_features(text: str) -> tuple[list[str], list[str]]:
    """The two feature groups of a text, each feature repeated as often as it occurs: the
    character grams of its words, and its words and neighbouring pairs of words. (The
    training side uses this; the scorer gets the same buckets through its per-word cache.)"""
    ws = words(text)
    grams: list[str] = []
    for w in ws:
        grams.extend(char_grams(w))
    return grams, lexical_features(ws)


def lexical_features(ws: Sequence[str]) -> list[str]:
    """The words themselves and each pair of neighbouring words ("w:"/"b:"-prefixed)."""
    lexical = [f"w:{w}" for w in ws]
    lexical.extend(f"b:{a} {b}" for a, b in zip(ws, ws[1:], strict=False))
    return lexical


def bucket_counts(features: Iterable[str], bits: int) -> Counter[int]:
    """Counts of hashed feature buckets."""
    mask = (1 << bits) - 1
    return Counter(_bucket(f, mask) for f in features)


def weigh(counts: Counter[int], idf: Sequence[float]) -> tuple[list[int], list[float]]:
    """One group's sublinear TF-IDF, L2-normalised within the group (so the many character
    grams and the few words carry equal weight), as parallel lists of buckets and values."""
    index = list(counts)
    values = [idf[b] if c == 1 else (1.0 + math.log(c)) * idf[b] for b, c in counts.items()]
    norm = math.sqrt(sum(v * v for v in values))
    if norm == 0.0:
        return [], []
    return index, [v / norm for v in values]


def data_fingerprint(records: Iterable[tuple[str, str]]) -> str:
    """A stable digest of (text, label) pairs, in order."""
    digest = hashlib.sha256()
    for text, label in records:
        digest.update(label.encode("utf-8") + b"\x1f" + text.encode("utf-8") + b"\x1e")
    return digest.hexdigest()[:16]


class LinearModel:
    """Hashed TF-IDF features, one weight vector per label, softmax posterior."""

    def __init__(
        self,
        labels: Sequence[str],
        bits: int,
        idf: array,
        weights: array,  # label-major: weights[label * 2**bits + bucket]
        bias: Sequence[float],
        *,
        temperature: float = 1.0,
        fingerprint: str = "",
    ) -> None:
        n = len(labels)
        if len(idf) != 1 << bits or len(weights) != n << bits or len(bias) != n:
            raise ValueError("model arrays do not match its labels and size")
        self.labels = tuple(labels)
        self.bits = bits
        self.fingerprint = fingerprint
        self.temperature = temperature
        self._mask = (1 << bits) - 1
        self._idf = idf
        size = 1 << bits
        # One array per label, so a score is one C-level pass over the message's buckets.
        self._rows = tuple(weights[i * size : (i + 1) * size] for i in range(n))
        self._bias = tuple(bias)
        self._bucket_type = "H" if bits <= 16 else "I"
        # word -> (its character grams' buckets, their TF-IDF-weighted sum per label as if
        # each occurred once in the message): most of a score, computed once per word.
        self._words: dict[str, tuple[array, tuple[float, ...]]] = {}

    def _word(self, word: str) -> tuple[array, tuple[float, ...]]:
        cached = self._words.get(word)
        if cached is None:
            mask = self._mask
            grams = array(self._bucket_type, [_bucket(f, mask) for f in char_grams(word)])
            weighted = list(map(self._idf.__getitem__, grams))
            cached = grams, tuple(
                sum(map(mul, weighted, map(row.__getitem__, grams))) for row in self._rows)
            if len(self._words) >= _WORD_CACHE_LIMIT:
                self._words.clear()  # bounded; chat vocabulary refills it quickly
            self._words[word] = cached
        return cached

    def _lexical(self, ws: list[str]) -> Counter[int]:
        return bucket_counts(lexical_features(ws), self.bits)

    def vector(self, text: str) -> tuple[list[int], list[float]]:
        """The message's features as parallel lists of buckets and values: both groups'
        normalised TF-IDF (a bucket may appear once in each group; a dot product adds them)."""
        ws = words(text)
        grams: Counter[int] = Counter()
        for w in ws:
            grams.update(self._word(w)[0])
        lexical = self._lexical(ws)
        index, values = weigh(grams, self._idf)
        more_index, more_values = weigh(lexical, self._idf)
        return index + more_index, values + more_values

    def scores(self, text: str) -> list[float]:
        """Each label's decision value, in `labels` order: the dot product of `vector(text)`
        with each label's weights, computed from the words' cached sums. Those assume each
        gram occurs once; a gram that recurs gets its sublinear count's difference added,
        and both groups are divided by their norms at the end."""
        ws = words(text)
        idf, rows = self._idf, self._rows
        grams: Counter[int] = Counter()
        partial = [0.0] * len(rows)
        for w in ws:
            buckets_of_word, sums = self._word(w)
            grams.update(buckets_of_word)
            partial = list(map(add, partial, sums))
        weighted = list(map(idf.__getitem__, grams))
        square = sum(map(mul, weighted, weighted))
        for b, c in grams.items():
            if c > 1:
                # c occurrences were summed as c; the feature's weight is (1 + ln c).
                tf = 1.0 + math.log(c)
                square += (tf * tf - 1.0) * idf[b] * idf[b]
                extra = (tf - c) * idf[b]
                partial = [p + extra * row[b] for p, row in zip(partial, rows, strict=True)]
        lexical = self._lexical(ws)
        index, values = weigh(lexical, idf)
        norm = math.sqrt(square) if square > 0.0 else 1.0
        return [
            bias + p / norm + sum(map(mul, values, map(row.__getitem__, index)))
            for bias, p, row in zip(self._bias, partial, rows, strict=True)
        ]

    def probabilities(self, text: str) -> dict[str, float]:
        """Softmax of the scores (tempered as calibrated at training)."""
        s = self.scores(text)
        top = max(s)
        t = self.temperature
        exps = [math.exp((x - top) / t) for x in s]
        total = sum(exps)
        return {lab: e / total for lab, e in zip(self.labels, exps, strict=True)}

    # -- the shipped file ------------------------------------------------------------------

    def dumps(self) -> bytes:
        """The model as bytes: a JSON header line, then idf and weights as float32."""
        header = json.dumps({
            "format": FORMAT, "labels": list(self.labels), "bits": self.bits,
            "bias": list(self._bias), "temperature": self.temperature,
            "fingerprint": self.fingerprint, "min_gram": MIN_GRAM, "max_gram": MAX_GRAM,
        }).encode("utf-8")
        body = struct.pack("<I", len(header)) + header
        body += array("f", self._idf).tobytes() + b"".join(row.tobytes() for row in self._rows)
        return _MAGIC + zlib.compress(body, 9)

    @classmethod
    def loads(cls, data: bytes) -> LinearModel:
        """Read what `dumps` wrote; a damaged or foreign file raises ValueError."""
        if not data.startswith(_MAGIC):
            raise ValueError("not a chatdesk triage model")
        try:
            body = zlib.decompress(data[len(_MAGIC):])
            (size,) = struct.unpack_from("<I", body)
            header = json.loads(body[4 : 4 + size])
            if header.get("format") != FORMAT or (header["min_gram"], header["max_gram"]) != (
                MIN_GRAM, MAX_GRAM,
            ):
                raise ValueError("another format")
            bits, labels = int(header["bits"]), header["labels"]
            rest = memoryview(body)[4 + size :]
            idf_len = 4 << bits
            idf, weights = array("f"), array("f")
            idf.frombytes(rest[:idf_len])
            weights.frombytes(rest[idf_len:])
            return cls(labels, bits, idf, weights, header["bias"],
                       temperature=float(header["temperature"]),
                       fingerprint=str(header["fingerprint"]))
        except (zlib.error, struct.error, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"damaged triage model: {exc}") from exc

KIND_MODEL = "kind.model"
REASON_MODEL = "reason.model"


def bundled_model(name: str) -> LinearModel:
    """A model shipped in the package (`KIND_MODEL` or `REASON_MODEL`)."""
    return LinearModel.loads(resources.files("domain.triage").joinpath(name).read_bytes())
