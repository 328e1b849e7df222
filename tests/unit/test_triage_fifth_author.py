"""The classifier on 243 messages a fifth author wrote blind for issue 17
(tests/data/triage_holdout_fifth_author.jsonl; written without reading the classifier, its
corpus, the rules or the other holdouts, committed before the classifier was run on it).

First blind run, before the issue-17 rules: macro-F1 0.899; 33 of 38 out-of-scope requests
refused; 6 of 48 chatter messages ticketed.

After the first round of generic issue-17 rules (ownership and consumer services, newcomer
introductions, jokes), still not tuned on this set: macro-F1 0.929; 37 of 38 out-of-scope
refused (h5-201, "get AutoCAD for free" in English, became managerial); 5 of 48 chatter
messages ticketed (office announcements of a meeting, a closed office, working from home; a
person removed from the chat; a colleague's question about pizza).

In the second round this set became a DEVELOPMENT set: its errors were analysed by category
and the categories fixed generically (office announcements and small talk between colleagues,
people leaving the chat, "who deleted / did not mark" audits, how-to versus strategy questions,
paid software "for free" in English, writing or pricing a piece of work), with rules over
stems and lexicons and corpus rows of new, varied phrasing (no sentence of this set was copied
or paraphrased into the corpus). After that round: macro-F1 1.000; 38 of 38 out-of-scope
refused; 0 of 48 chatter messages ticketed. These figures are no longer an independent
measurement: the set was read while tuning, so it now guards against regressions only. The
independent measurement of this round is a new blind set by another hand."""

from domain.triage.metrics import format_report
from tests.triage_sets import LabelledSet

SET = LabelledSet("triage_holdout_fifth_author.jsonl")


def test_the_fifth_authors_set_is_large_and_varied_enough_to_measure():
    assert SET.is_varied(size=240, out_of_scope=30, noise=40, per_kind=1)


def test_macro_f1_on_the_fifth_authors_messages_is_at_least_0_95():
    report = SET.report()
    assert report.macro_f1 >= 0.95, format_report(report)


def test_every_out_of_scope_request_of_the_fifth_author_is_refused():
    assert SET.missed_out_of_scope() == []


def test_at_most_one_in_twenty_of_the_fifth_authors_chatter_messages_becomes_a_ticket():
    ticketed, total = SET.chatter_ticketed()
    assert total >= 40 and ticketed / total <= 0.05
