"""Evaluation of triage verdicts: per-kind precision/recall/F1, macro-F1, confusion matrix."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from domain.kernel.model import TICKET_KINDS, Kind

LABELS: tuple[str, ...] = tuple(k.value for k in Kind)
_TICKET_LABELS = frozenset(k.value for k in TICKET_KINDS)


@dataclass(frozen=True, slots=True)
class KindScore:
    """Precision, recall, F1 and gold support of one kind."""

    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True, slots=True)
class EvalReport:
    """Scores of a set of predictions against gold labels, labels in the fixed Kind order."""

    labels: tuple[str, ...]
    per_kind: dict[str, KindScore]
    macro_f1: float
    accuracy: float
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)  # [gold][pred] -> n
    total: int = 0

    def as_dict(self) -> dict:
        """JSON-ready: scores rounded to 4 places."""
        return {
            "total": self.total,
            "macro_f1": round(self.macro_f1, 4),
            "accuracy": round(self.accuracy, 4),
            "per_kind": {k: {"precision": round(v.precision, 4), "recall": round(v.recall, 4),
                             "f1": round(v.f1, 4), "support": v.support}
                         for k, v in self.per_kind.items()},
            "confusion": self.confusion,
        }


def _label(value: object) -> str:
    return value.value if isinstance(value, Kind) else str(value)


def evaluate(gold: Sequence[str], predicted: Sequence[str]) -> EvalReport:
    """Compare predicted kinds with gold kinds (strings or Kind members)."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted differ in length")
    g = [_label(x) for x in gold]
    p = [_label(x) for x in predicted]
    extra = sorted((set(g) | set(p)) - set(LABELS))
    labels = LABELS + tuple(extra)
    confusion = {a: dict.fromkeys(labels, 0) for a in labels}
    for a, b in zip(g, p, strict=True):
        confusion[a][b] += 1
    per_kind: dict[str, KindScore] = {}
    for lab in labels:
        tp = confusion[lab][lab]
        support = sum(confusion[lab].values())
        predicted_n = sum(confusion[a][lab] for a in labels)
        precision = tp / predicted_n if predicted_n else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_kind[lab] = KindScore(precision, recall, f1, support)
    # Macro-F1 averages over the kinds that occur (in gold or predictions): a kind absent
    # from both says nothing about the classifier.
    present = [lab for lab in labels if per_kind[lab].support or any(
        confusion[a][lab] for a in labels)]
    macro = sum(per_kind[lab].f1 for lab in present) / len(present) if present else 0.0
    correct = sum(confusion[lab][lab] for lab in labels)
    accuracy = correct / len(g) if g else 0.0
    return EvalReport(labels, per_kind, macro, accuracy, confusion, len(g))


def chatter_ticketed(gold: Sequence[str], predicted: Sequence[str]) -> tuple[int, int]:
    """(gold-noise messages predicted as a ticket kind, all gold-noise messages)."""
    pairs = [(_label(a), _label(b)) for a, b in zip(gold, predicted, strict=True)]
    noise = [b for a, b in pairs if a == Kind.NOISE.value]
    return sum(1 for b in noise if b in _TICKET_LABELS), len(noise)


def out_of_scope_misses(
    gold: Sequence[str],
    predicted: Sequence[str],
    gold_reasons: Sequence[str | None] | None = None,
    predicted_reasons: Sequence[str | None] | None = None,
) -> list[int]:
    """Indices of gold out-of-scope messages not refused (or refused for another reason).

    Reasons are compared only where both sequences are given and the gold reason is known.
    """
    misses = []
    for i, (a, b) in enumerate(zip(gold, predicted, strict=True)):
        if _label(a) != Kind.OUT_OF_SCOPE.value:
            continue
        if _label(b) != Kind.OUT_OF_SCOPE.value:
            misses.append(i)
        elif gold_reasons is not None and predicted_reasons is not None:
            want, got = gold_reasons[i], predicted_reasons[i]
            if want and _label(got) != _label(want):
                misses.append(i)
    return misses


def format_report(report: EvalReport) -> str:
    """A readable terminal table of per-kind scores and the confusion matrix."""
    short = {lab: lab[:5] for lab in report.labels}
    lines = [f"{'kind':<14}{'prec':>7}{'recall':>8}{'f1':>7}{'n':>6}"]
    for lab in report.labels:
        s = report.per_kind[lab]
        lines.append(f"{lab:<14}{s.precision:>7.3f}{s.recall:>8.3f}{s.f1:>7.3f}{s.support:>6}")
    lines.append(f"{'macro-F1':<14}{report.macro_f1:>22.3f}")
    lines.append(f"{'accuracy':<14}{report.accuracy:>22.3f}{report.total:>6}")
    lines.append("")
    lines.append("confusion (rows gold, columns predicted)")
    lines.append(" " * 14 + "".join(f"{short[lab]:>7}" for lab in report.labels))
    for a in report.labels:
        row = report.confusion[a]
        lines.append(f"{a:<14}" + "".join(f"{row[b]:>7}" for b in report.labels))
    return "\n".join(lines)
