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
None of the three targets was met on this set: the misses were strict xfails.

From the ninth round on this is a DEVELOPMENT set: its errors were read and analysed by
category to write that round's STRUCTURAL rules (tests/unit/test_triage_ninth_round_rules.py):
a build or image with its licence sewn in or a repack; a mobile plan the speaker switched; a
Russian "сети" (a network) that keys like "site" names no website; children and parents in
the plural next to a centre, school or shop are the business's clients, not family; a
newcomer who asks how to do something asks a question; a thanks that lets the ticket be
closed, an "ok, got it" that promises better, a thing shown off and a place of the company
closed on a day are chatter; who among the staff does what, which staff have something, "is
anyone following up", the mistakes the staff make and how they talk to clients (on recordings
or after a complaint) are control; calls landing in the wrong place are technical; "do you
build such things" and "can it be made to do X by itself" are new work; whether a practice
is worth it at all and how others do it are strategic. Its
figures no longer measure the targets independently. After the ninth round: macro-F1 0.983;
50 of 50 refused; 0 of 54 chatter messages ticketed. The targets are plain asserts that keep
these gains from regressing; the blind measure is the thirteenth author's set."""

from domain.triage.metrics import format_report
from tests.triage_sets import LabelledSet

SET = LabelledSet("triage_holdout_twelfth_author.jsonl")


def test_the_twelfth_authors_set_is_large_and_varied_enough_to_measure():
    assert SET.is_varied(size=260, out_of_scope=45, noise=50, per_kind=30)


def test_macro_f1_on_the_twelfth_authors_messages_is_at_least_0_95():
    report = SET.report()
    assert report.macro_f1 >= 0.95, format_report(report)


def test_every_out_of_scope_request_of_the_twelfth_author_is_refused():
    assert SET.missed_out_of_scope() == []


def test_at_most_one_in_twenty_of_the_twelfth_authors_chatter_messages_becomes_a_ticket():
    ticketed, total = SET.chatter_ticketed()
    assert total >= 20 and ticketed / total <= 0.05
