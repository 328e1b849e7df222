"""The classifier on 276 messages an eighth author wrote blind for issue 17
(tests/data/triage_holdout_eighth_author.jsonl: a pharmacy chain, a printing house, a
real-estate agency, a travel agency, a water-delivery company, private kindergartens; written
without reading the classifier, its corpus, the rules or the other holdouts; committed before
the classifier was run on it).

This is the independent measure of the issue's targets. First run, with the third round of
generic issue-17 rules (tuned on the sixth author's set, never on this one): macro-F1 0.920;
46 of 51 out-of-scope requests refused (four became technical, one managerial); 3 of 56
chatter messages ticketed (one in 19).

After the fourth round (tuned on the seventh author's set, never on this one): macro-F1
0.930; 48 of 51 refused — still missed: h8-039, widening a 1C edition "without buying" by "some
file" (-> managerial), h8-046, a voice assistant switching the lights at home (-> technical),
h8-237, a game console that will not update (-> technical); 3 of 56 chatter messages ticketed
(a webinar announcement, a remark on the snow, "who took my charger"). The targets below are
the issue's; the misses were strict xfails, so they stayed visible.

From the fifth round on this is a DEVELOPMENT set: its errors were read and analysed to write
that round's generic rules (an edition unlocked without buying, consoles, voice assistants and
smart-home things, a webinar for whoever wants it, the weather outside, who took someone's
charger, criteria of a choice asked), so its figures no longer measure the targets independently. After the fifth round:
macro-F1 0.967; 51 of 51 refused; 0 of 56 chatter messages ticketed. The targets are now plain
asserts that keep these gains from regressing; the blind measure is the ninth author's set."""

from domain.triage.metrics import format_report
from tests.triage_sets import LabelledSet

SET = LabelledSet("triage_holdout_eighth_author.jsonl")


def test_the_eighth_authors_set_is_large_and_varied_enough_to_measure():
    assert SET.is_varied(size=240, out_of_scope=35, noise=45, per_kind=28)


def test_macro_f1_on_the_eighth_authors_messages_is_at_least_0_95():
    report = SET.report()
    assert report.macro_f1 >= 0.95, format_report(report)


def test_every_out_of_scope_request_of_the_eighth_author_is_refused():
    assert SET.missed_out_of_scope() == []


def test_at_most_one_in_twenty_of_the_eighth_authors_chatter_messages_becomes_a_ticket():
    ticketed, total = SET.chatter_ticketed()
    assert total >= 20 and ticketed / total <= 0.05
