"""The classifier on 270 messages a tenth author wrote blind for issue 17
(tests/data/triage_holdout_tenth_author.jsonl: a restaurant chain, a medical laboratory
network, a car service centre, an insurance broker, a furniture e-shop, a security company, a
coworking operator, a flower delivery business; written without reading the classifier, its
corpus, the rules or the other holdouts; committed before the classifier was run on it).

This is the independent measure of the issue's targets. First run, with the fifth round of
generic issue-17 rules (tuned on the eighth author's set, never on this one): macro-F1 0.898;
44 of 50 out-of-scope requests refused; 4 of 55 chatter messages ticketed (one in 14).

After the sixth round (tuned on the ninth author's set, never on this one): macro-F1 0.908;
45 of 50 refused (missed: h10-021, h10-080, h10-104, h10-196, h10-256; three became
technical, one new work, one chatter); 3 of 55 chatter messages ticketed (one in 18). None of
the three targets is met on this set: the misses were strict xfails, so they stayed visible.

From the seventh round on this is a DEVELOPMENT set: its errors were read and analysed to write
that round's generic rules (a licence's end hidden from the system, one login shared to spare
paid seats, paid software wanted with its purchase refused; streaming and game services even
through the office's network, a messenger's own chats lost; with trials kept past their end,
key prompts silenced, handsets' contacts, films and games brainstormed around them; news marked
"к сведению"/FYI or a dated decision, an answer promised later, a newcomer whose access is
already set up, an aside; routing, extensions and releases of a running system, regressions
and dropouts, the right way to record something, manual versus automatic, how often, an outside
view, a figure per person; office devices misbehaving; the -ия forms of nouns), so its figures
no longer measure the targets independently. After the seventh round: macro-F1 0.987; 50 of 50
refused; 0 of 55 chatter messages ticketed. The targets are now plain asserts that keep these
gains from regressing; the blind measure is the eleventh author's set."""

from domain.triage.metrics import format_report
from tests.triage_sets import LabelledSet

SET = LabelledSet("triage_holdout_tenth_author.jsonl")


def test_the_tenth_authors_set_is_large_and_varied_enough_to_measure():
    assert SET.is_varied(size=260, out_of_scope=45, noise=50, per_kind=30)


def test_macro_f1_on_the_tenth_authors_messages_is_at_least_0_95():
    report = SET.report()
    assert report.macro_f1 >= 0.95, format_report(report)


def test_every_out_of_scope_request_of_the_tenth_author_is_refused():
    assert SET.missed_out_of_scope() == []


def test_at_most_one_in_twenty_of_the_tenth_authors_chatter_messages_becomes_a_ticket():
    ticketed, total = SET.chatter_ticketed()
    assert total >= 20 and ticketed / total <= 0.05
