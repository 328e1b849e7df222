"""The classifier on 270 messages an eleventh author wrote blind for issue 17
(tests/data/triage_holdout_eleventh_author.jsonl: a chain of opticians, a freight forwarder, a
physiotherapy clinic, a cleaning company, a building-materials store, a language school, a
cinema chain, a dairy farm; written without reading the classifier, its corpus, the rules or
the other holdouts; committed before the classifier was run on it).

This is the independent measure of the issue's targets. First run, with the sixth round of
generic issue-17 rules (tuned on the ninth author's set, never on this one): macro-F1 0.930;
45 of 50 out-of-scope requests refused; 5 of 54 chatter messages ticketed (one in 11).

After the seventh round (tuned on the tenth author's set, never on this one): macro-F1 0.933;
45 of 50 refused — the same five missed: h11-040 (a "key" for an office suite asked for a new
laptop -> new work), h11-056 (one 1C licence for three branches, "who will check" -> chatter),
h11-067 (a printer "at my place" -> technical), h11-084 (a modified video-call app without
its time limit -> technical), h11-213 (a baby monitor's app -> technical); 4 of 54 chatter
messages ticketed (one in 14: praise that names the fixed thing). None of the three targets
was met on this set: the misses were strict xfails, so they stayed visible.

From the eighth round on this is a DEVELOPMENT set: its errors were read and analysed to write
that round's STRUCTURAL rules (the seventh round's word lists had caught none of its misses):
a key, serial or activation asked to be handed over for a named commercial product; a
modified build of any app or one without its limits, watermark or ads; one licence, seat or
login stretched over several machines, branches or people, or "who will check"; a device
placed at home or with the family in so many words ("at my place", "у мамы"); consumer
devices by their function (baby, pet, kitchen, health, car, leisure); praise that names what
was done and asks nothing — each brainstormed with many neighbours and guarded by the
legitimate requests next to it (tests/unit/test_triage_eighth_round_rules.py), so its figures
no longer measure the targets independently. After the eighth round: macro-F1 0.959; 50 of 50
refused; 1 of 54 chatter messages ticketed. The targets are now plain asserts that keep these
gains from regressing; the blind measure is the twelfth author's set."""

from domain.triage.metrics import format_report
from tests.triage_sets import LabelledSet

SET = LabelledSet("triage_holdout_eleventh_author.jsonl")


def test_the_eleventh_authors_set_is_large_and_varied_enough_to_measure():
    assert SET.is_varied(size=260, out_of_scope=45, noise=50, per_kind=30)


def test_macro_f1_on_the_eleventh_authors_messages_is_at_least_0_95():
    report = SET.report()
    assert report.macro_f1 >= 0.95, format_report(report)


def test_every_out_of_scope_request_of_the_eleventh_author_is_refused():
    assert SET.missed_out_of_scope() == []


def test_at_most_one_in_twenty_of_the_eleventh_authors_chatter_messages_becomes_a_ticket():
    ticketed, total = SET.chatter_ticketed()
    assert total >= 20 and ticketed / total <= 0.05
