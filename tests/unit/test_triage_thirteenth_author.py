"""The classifier on 270 messages a thirteenth author wrote blind for issue 17
(tests/data/triage_holdout_thirteenth_author.jsonl: a bicycle and scooter rental, a notary
office, a fish-processing plant, a chain of coffee shops, an architecture bureau, a
car-sharing fleet, a private museum, a plumbing-supplies wholesaler; written without reading
the classifier, its corpus, the rules or the other holdouts, with fresh phrasings that avoid
the textbook words; committed before the classifier was run on it).

This is the independent measure of the issue's targets, and the hardest set so far. First
run, with the eighth round of generic issue-17 rules (tuned on the eleventh author's set,
never on this one): macro-F1 0.889; 36 of 50 out-of-scope requests refused; 4 of 54 chatter
messages ticketed (one in 14).

After the ninth round (tuned on the twelfth author's set, never on this one): macro-F1 0.896;
37 of 50 refused; 4 of 54 chatter messages ticketed. Missed: h13-001, -005, -042, -048, -065,
-070, -099, -124, -169, -206, -211, -221, -233 — a voice assistant or a smart-home scene named
by brand or by what it does, iCloud photos, a personal subscription charged twice, earbuds, a
laptop used for one's own freelance work; licences borrowed from friends, a server's date
turned back for a demo, software copied from a neighbour's office, a download "that need not
be bought", users hidden from a per-seat licence. 9 of the 13 were drafted with confidence
under 0.4, so the bot says it is unsure and the requester picks the kind; nothing is billed
before the requester confirms. Five legitimate requests were refused. None of the targets is
met here, not even the brief's floor of 0.90.

From the tenth round on (a learned linear model decides the kind, the rules keep the
must-not-miss refusals; domain/triage/linear.py) this set is TRAINING data: its figures are
those of a model that has seen it and no longer measure anything independently. Before it
was trained on, the model trained on everything else measured on it: macro-F1 0.944; 45 of
50 refused; 5 legitimate requests refused; 1 of 54 chatter messages ticketed. Trained on it:
macro-F1 0.975; 48 of 50 refused (h13-124 iCloud photos moved to "the work server", h13-206
seats shared by friends "connected to our base" still missed: the guards that keep a
company's system or workplace a ticket overrule the model there); 0 of 54 chatter messages ticketed. The targets are plain asserts except the
missed refusals; the blind measure is the fourteenth author's set."""

import pytest

from domain.triage.metrics import format_report
from tests.triage_sets import LabelledSet

SET = LabelledSet("triage_holdout_thirteenth_author.jsonl")


def test_the_thirteenth_authors_set_is_large_and_varied_enough_to_measure():
    assert SET.is_varied(size=260, out_of_scope=45, noise=50, per_kind=30)


def test_macro_f1_on_the_thirteenth_authors_messages_is_at_least_the_briefs_0_90():
    report = SET.report()
    assert report.macro_f1 >= 0.90, format_report(report)


def test_macro_f1_on_the_thirteenth_authors_messages_is_at_least_0_95():
    report = SET.report()
    assert report.macro_f1 >= 0.95, format_report(report)


@pytest.mark.xfail(strict=True, reason="48 of 50 out-of-scope requests refused by the learned "
                                        "model trained on this set")
def test_every_out_of_scope_request_of_the_thirteenth_author_is_refused():
    assert SET.missed_out_of_scope() == []


def test_at_most_one_in_twenty_of_the_thirteenth_authors_chatter_messages_becomes_a_ticket():
    ticketed, total = SET.chatter_ticketed()
    assert total >= 20 and ticketed / total <= 0.05
