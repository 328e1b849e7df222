"""The classifier on 270 messages a twelfth author wrote blind for issue 17
(tests/data/triage_holdout_twelfth_author.jsonl: a chain of pet shops, a tyre-fitting and
car-wash network, a dental laboratory, a school tour operator, a print-on-demand studio, a
pharmacy warehouse, a hostel chain, children's development centres; written without reading
the classifier, its corpus, the rules or the other holdouts, and asked for fresh phrasings
that avoid the textbook words; committed before the classifier was run on it).

This is the independent measure of the issue's targets. First run, with the seventh round of
generic issue-17 rules (tuned on the tenth author's set, never on this one): macro-F1 0.897;
43 of 50 out-of-scope requests refused; 3 of 54 chatter messages ticketed (one in 18).

After the eighth round (structural rules tuned on the eleventh author's set, never on this
one: a key handed over, a modified build, a licence counted short, a device at a place or
owner named, consumer devices by function, praise that asks nothing): macro-F1 0.908; 46 of
50 refused (missed: h12-156, h12-191, h12-193, h12-216); 3 of 54 chatter messages ticketed.
None of the three targets is met on this set: the misses are strict xfails, so they stay
visible and fail the day they start passing; the brief's own floor (macro-F1 0.90) is
asserted."""

import pytest

from domain.triage.metrics import format_report
from tests.triage_sets import LabelledSet

SET = LabelledSet("triage_holdout_twelfth_author.jsonl")


def test_the_twelfth_authors_set_is_large_and_varied_enough_to_measure():
    assert SET.is_varied(size=260, out_of_scope=45, noise=50, per_kind=30)


def test_macro_f1_on_the_twelfth_authors_messages_stays_at_least_0_90():
    report = SET.report()
    assert report.macro_f1 >= 0.90, format_report(report)


@pytest.mark.xfail(strict=True, reason="macro-F1 0.908 after the eighth round")
def test_macro_f1_on_the_twelfth_authors_messages_is_at_least_0_95():
    report = SET.report()
    assert report.macro_f1 >= 0.95, format_report(report)


@pytest.mark.xfail(strict=True, reason="46 of 50 out-of-scope requests refused after the "
                                        "eighth round")
def test_every_out_of_scope_request_of_the_twelfth_author_is_refused():
    assert SET.missed_out_of_scope() == []


@pytest.mark.xfail(strict=True, reason="3 of 54 chatter messages ticketed after the eighth "
                                        "round (one in 18)")
def test_at_most_one_in_twenty_of_the_twelfth_authors_chatter_messages_becomes_a_ticket():
    ticketed, total = SET.chatter_ticketed()
    assert total >= 20 and ticketed / total <= 0.05
