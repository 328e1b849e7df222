"""The classifier on 270 messages a fifteenth author wrote blind for issue 17
(tests/data/triage_holdout_fifteenth_author.jsonl: a hotel chain, a car dealership, a private
medical laboratory, a building-materials factory, an online florist, a language school, a
wholesale tea importer, a coworking and event venue; written without reading the classifier,
its corpus, the rules, the other holdouts or their tests; committed before any classifier ran
on it). It is never trained on (tools/train_triage_model.py: INDEPENDENT).

First run, blind, with the learned model of the tenth round (which was chosen and trained
before this set existed): macro-F1 0.980; 47 of 50 out-of-scope requests refused (missed:
h15-086 a trial kept past its end, h15-195 a CRM login handed to another company, h15-266
one's own laptop used for a side job); 0 of 54 chatter messages ticketed; 3 legitimate
requests refused (h15-042 by the model; h15-066 "instagram ads" by the ad-free-app rule;
h15-265 a VAT declaration error by the off-topic rule)."""

import pytest

from domain.triage.metrics import format_report
from tests.triage_sets import LabelledSet

SET = LabelledSet("triage_holdout_fifteenth_author.jsonl")


def test_the_fifteenth_authors_set_is_large_and_varied_enough_to_measure():
    assert SET.is_varied(size=260, out_of_scope=45, noise=50, per_kind=30)


def test_macro_f1_on_the_fifteenth_authors_messages_is_at_least_0_95():
    report = SET.report()
    assert report.macro_f1 >= 0.95, format_report(report)


@pytest.mark.xfail(strict=True, reason="47 of 50 out-of-scope requests refused on the first "
                                        "run (h15-086, -195, -266 missed)")
def test_every_out_of_scope_request_of_the_fifteenth_author_is_refused():
    assert SET.missed_out_of_scope() == []


def test_at_most_three_of_the_fifteenth_authors_out_of_scope_requests_are_missed():
    assert len(SET.missed_out_of_scope()) <= 3, SET.missed_out_of_scope()


def test_at_most_one_in_twenty_of_the_fifteenth_authors_chatter_messages_becomes_a_ticket():
    ticketed, total = SET.chatter_ticketed()
    assert total >= 20 and ticketed / total <= 0.05
