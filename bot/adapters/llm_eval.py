"""`chatdesk eval FILE --llm`: the built-in and the LLM classifier side by side on labelled rows."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from domain.kernel.model import Classification, Kind
from domain.kernel.ports import Classifier
from domain.triage.metrics import evaluate


async def compare(
    rows: list[dict], builtin: Classifier, llm: Classifier, *, concurrency: int = 4
) -> str:
    """A plain-text report: per-kind F1 and macro-F1 of both, and where they disagree.

    Each row needs `text` and a gold `kind`; `id` is optional.
    """
    gold = [_gold_kind(row, n) for n, row in enumerate(rows, 1)]
    texts = [str(row["text"]) for row in rows]
    ours = await _classify_all(builtin, texts, concurrency)
    theirs = await _classify_all(llm, texts, concurrency)
    ours_kinds = [c.kind for c in ours]
    theirs_kinds = [c.kind for c in theirs]

    labels = [k.value for k in Kind if k in {*gold, *ours_kinds, *theirs_kinds}]
    scored_builtin = evaluate(gold, ours_kinds)
    scored_llm = evaluate(gold, theirs_kinds)

    lines = [
        f"{len(rows)} labelled messages",
        "",
        f"{'kind':<14}{'support':>8}{'built-in F1':>13}{'LLM F1':>9}",
    ]
    for label in labels:
        lines.append(
            f"{label:<14}{scored_builtin.per_kind[label].support:>8}"
            f"{scored_builtin.per_kind[label].f1:>13.3f}{scored_llm.per_kind[label].f1:>9.3f}"
        )
    lines.append(
        f"{'macro-F1':<14}{'':>8}{scored_builtin.macro_f1:>13.3f}{scored_llm.macro_f1:>9.3f}"
    )
    lines.append(
        f"{'accuracy':<14}{'':>8}{scored_builtin.accuracy:>13.3f}{scored_llm.accuracy:>9.3f}"
    )

    disagreements = [
        n for n, (a, b) in enumerate(zip(ours_kinds, theirs_kinds, strict=True)) if a is not b
    ]
    builtin_right = sum(ours_kinds[n] is gold[n] for n in disagreements)
    llm_right = sum(theirs_kinds[n] is gold[n] for n in disagreements)
    lines += [
        "",
        f"disagreements: {len(disagreements)} "
        f"(built-in right {builtin_right}, LLM right {llm_right}, "
        f"both wrong {len(disagreements) - builtin_right - llm_right})",
    ]
    for n in disagreements:
        label = rows[n].get("id", n + 1)
        lines.append(
            f"  {label}: gold {gold[n].value}, built-in {ours_kinds[n].value}, "
            f"LLM {theirs_kinds[n].value}"
        )

    # Without these, a dead server would look like an LLM that agrees with the built-in.
    stats = getattr(llm, "stats", None)
    if stats is not None:
        lines += [
            "",
            f"LLM: {stats.calls} calls, {stats.answered} answered, {stats.fallbacks} fell back, "
            f"{stats.cache_hits} from cache, {stats.skipped_confident} skipped as confident "
            f"built-in, {stats.over_budget} over budget",
        ]
    return "\n".join(lines)


def _gold_kind(row: dict[str, Any], n: int) -> Kind:
    try:
        return Kind(row["kind"])
    except (KeyError, ValueError) as exc:
        raise ValueError(f"row {row.get('id', n)}: no valid gold kind") from exc


async def _classify_all(
    classifier: Classifier, texts: Sequence[str], concurrency: int
) -> list[Classification]:
    gate = asyncio.Semaphore(max(1, concurrency))

    async def one(text: str) -> Classification:
        async with gate:
            return await classifier.classify(text)

    return list(await asyncio.gather(*(one(t) for t in texts)))
