"""Train the triage model shipped in `domain/triage/` (needs the `train` extra: scikit-learn).

    python -m tools.train_triage_model            # writes domain/triage/kind.model, reason.model

Training data: the bundled corpus (`domain/triage/corpus/`) and every labelled set in
`tests/data/` except the independent ones (`INDEPENDENT`), which measure the model and must
never be trained on. Two linear SVMs (one-vs-rest, balanced class weights) over the hashed
features of `domain.triage.linear`: one for the kind of a message, one for the reason of a
refusal (trained on the corpus's refusals, the only rows that carry a reason). Their
decision values become a posterior by a softmax whose temperature is fitted here on
cross-validated decision values, so a confidence of 0.4 means about 40% right.
The run is deterministic: the same data gives the same file.
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from domain.triage.classifier import corpus_records
from domain.triage.linear import (
    KIND_MODEL,
    REASON_MODEL,
    LinearModel,
    bucket_counts,
    data_fingerprint,
    text_features,
    weigh,
)

ROOT = Path(__file__).resolve().parents[1]
SETS = ROOT / "tests" / "data"
OUT = ROOT / "domain" / "triage"
# Written blind for issue 17 and kept out of training: the model's honest measure.
INDEPENDENT = frozenset({
    "triage_holdout_fourteenth_author.jsonl", "triage_holdout_fifteenth_author.jsonl",
})
BITS = 16
C = 0.5


def training_records() -> Iterator[dict[str, str]]:
    """The labelled rows the model learns from, in a fixed order."""
    yield from corpus_records()
    for path in sorted(SETS.glob("triage_holdout*.jsonl")):
        if path.name in INDEPENDENT:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line)


def kind_rows() -> list[tuple[str, str]]:
    return [(r["text"], r["kind"]) for r in training_records()]


def reason_rows() -> list[tuple[str, str]]:
    return [(r["text"], r["reason"]) for r in corpus_records() if r["kind"] == "out_of_scope"]


def fingerprints() -> dict[str, str]:
    """What the shipped files must have been trained on (checked by a unit test)."""
    return {KIND_MODEL: data_fingerprint(kind_rows()),
            REASON_MODEL: data_fingerprint(reason_rows())}


def _groups(texts: list[str]) -> list[tuple[Counter[int], Counter[int]]]:
    """Each text's two feature groups as bucket counts, as the scorer sees them."""
    return [tuple(bucket_counts(group, BITS) for group in text_features(text))
            for text in texts]


def _matrix(groups, idf):  # noqa: ANN001, ANN202 - scipy types stay local to training
    from scipy.sparse import csr_matrix

    rows, cols, vals = [], [], []
    for i, counts in enumerate(groups):
        for group in counts:
            index, values = weigh(group, idf)
            rows.extend([i] * len(index))
            cols.extend(index)
            vals.extend(values)
    return csr_matrix((vals, (rows, cols)), shape=(len(groups), 1 << BITS))


def _idf(groups: list[tuple[Counter[int], Counter[int]]]) -> list[float]:
    df = [0] * (1 << BITS)
    for grams, lexical in groups:
        for b in set(grams) | set(lexical):
            df[b] += 1
    n = len(groups)
    return [math.log((1 + n) / (1 + d)) + 1.0 for d in df]


def _temperature(decisions, gold, labels) -> float:  # noqa: ANN001
    """The softmax temperature that best explains held-out decision values (log loss)."""
    index = {lab: i for i, lab in enumerate(labels)}
    best, best_loss = 1.0, math.inf
    for step in range(1, 101):
        t = step / 100
        loss = 0.0
        for row, g in zip(decisions, gold, strict=True):
            top = max(row)
            total = sum(math.exp((x - top) / t) for x in row)
            loss -= (row[index[g]] - top) / t - math.log(total)
        if loss < best_loss:
            best, best_loss = t, loss
    return best


def train(rows: list[tuple[str, str]]) -> LinearModel:
    from array import array

    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.svm import LinearSVC

    groups = _groups([t for t, _ in rows])
    gold = [g for _, g in rows]
    idf = _idf(groups)
    x = _matrix(groups, idf)
    svm = LinearSVC(C=C, class_weight="balanced", random_state=0)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    decisions = cross_val_predict(svm, x, gold, cv=folds, method="decision_function")
    svm.fit(x, gold)
    labels = [str(lab) for lab in svm.classes_]
    temperature = _temperature(decisions.tolist(), gold, labels)
    coef = svm.coef_  # labels × buckets
    weights = array("f", coef.ravel().tolist())  # label-major
    return LinearModel(labels, BITS, array("f", idf), weights, svm.intercept_.tolist(),
                       temperature=temperature, fingerprint=data_fingerprint(rows))


def main() -> int:
    for name, rows in ((KIND_MODEL, kind_rows()), (REASON_MODEL, reason_rows())):
        model = train(rows)
        data = model.dumps()
        (OUT / name).write_bytes(data)
        print(f"{name}: {len(rows)} rows, labels {list(model.labels)}, temperature "
              f"{model.temperature}, {len(data)} bytes, fingerprint {model.fingerprint}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
