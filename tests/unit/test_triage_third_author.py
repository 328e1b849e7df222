"""The classifier on 150 messages a third author wrote for issue 17 before any tuning for it
(tests/data/triage_holdout_third_author.jsonl; never copied into the corpus).

Measured before tuning: macro-F1 0.886, 9 of 28 out-of-scope requests missed (or given the
wrong reason), 5 of 28 chatter messages ticketed. The targets below are the issue's."""

import json
from pathlib import Path

from domain.kernel.model import Kind
from domain.triage import default_classifier
from domain.triage.metrics import chatter_ticketed, evaluate, format_report

ROWS = [json.loads(line) for line in
        (Path(__file__).parents[1] / "data" / "triage_holdout_third_author.jsonl").open()
        if line.strip()]


def _verdicts():
    classifier = default_classifier()
    return [classifier.predict(row["text"]) for row in ROWS]


def test_the_third_authors_set_is_large_and_varied_enough_to_measure():
    kinds = [r["kind"] for r in ROWS]
    assert len(ROWS) >= 140
    assert kinds.count("out_of_scope") >= 20 and kinds.count("noise") >= 20


def test_macro_f1_on_the_third_authors_messages_is_at_least_0_95():
    report = evaluate([r["kind"] for r in ROWS], [v.kind.value for v in _verdicts()])
    assert report.macro_f1 >= 0.95, format_report(report)


def test_every_piracy_and_personal_request_of_the_third_author_is_caught_with_its_reason():
    missed = [(row["id"], verdict) for row, verdict in zip(ROWS, _verdicts(), strict=True)
              if row.get("reason") in ("piracy", "personal_device")
              and (verdict.kind is not Kind.OUT_OF_SCOPE or verdict.reason.value != row["reason"])]
    assert missed == []


def test_at_most_one_in_twenty_of_the_third_authors_chatter_messages_becomes_a_ticket():
    ticketed, total = chatter_ticketed([r["kind"] for r in ROWS],
                                       [v.kind.value for v in _verdicts()])
    assert total >= 20 and ticketed / total <= 0.05
