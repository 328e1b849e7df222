"""Evaluate the built-in classifier on labelled JSONL files: python -m domain.triage FILE..."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from domain.triage import default_classifier
from domain.triage.metrics import chatter_ticketed, evaluate, format_report, out_of_scope_misses


def main(argv: list[str]) -> int:
    """Print a report per file and list the misclassified messages."""
    clf = default_classifier()
    for name in argv:
        rows = [json.loads(x) for x in Path(name).read_text(encoding="utf-8").splitlines() if x]
        preds = [clf.predict(r["text"]) for r in rows]
        gold = [r["kind"] for r in rows]
        got = [p.kind.value for p in preds]
        print(f"== {name}")
        print(format_report(evaluate(gold, got)))
        bad, total = chatter_ticketed(gold, got)
        print(f"chatter ticketed: {bad}/{total}")
        misses = out_of_scope_misses(
            gold, got, [r.get("reason") for r in rows], [p.reason for p in preds]
        )
        print(f"out-of-scope misses: {len(misses)}")
        for r, p in zip(rows, preds, strict=True):
            if r["kind"] != p.kind.value or (r.get("reason") and r["reason"] != p.reason):
                print(f"  {r['kind']:>12} -> {p.kind.value:<12} {p.confidence:.2f} "
                      f"{p.reason or '':<15} {r['text'][:90]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
