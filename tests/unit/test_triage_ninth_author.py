"""The classifier on 261 messages a ninth author wrote blind for issue 17
(tests/data/triage_holdout_ninth_author.jsonl: a bakery chain, a car-parts wholesaler, beauty
salons, a recruiting agency, an event agency, a veterinary clinic; written without reading the
classifier, its corpus, the rules or the other holdouts; committed before the classifier was
run on it).

This is the independent measure of the issue's targets. First run, with the fourth round of
generic issue-17 rules (tuned on the seventh author's set, never on this one): macro-F1 0.941;
44 of 46 out-of-scope requests refused (two became technical); 3 of 52 chatter messages
ticketed (one in 17).

After the fifth round (tuned on the eighth author's set, never on this one): macro-F1 0.952;
45 of 46 refused — still missed: h9-052, a smart speaker's voice assistant that does not hear
commands, with no "home" in the message (-> technical); 2 of 52 chatter messages ticketed (one
in 26: "ok let's discuss tmrw", a Bitrix24 training moved to Wednesday). The targets were the
issue's; the miss was a strict xfail, so it stayed visible.

From the sixth round on this is a DEVELOPMENT set: its errors were read and analysed to write
that round's generic rules (voice assistants and smart speakers heard by voice, with smart
things, watches, vacuums, home cameras, car units, e-readers, earbuds, TV boxes, consumer
cloud, bank, dating and delivery apps and personal VPNs brainstormed around them; a "check"
that is no licence check; announcements of a training, update or meeting with its day, a talk
put off, a fix confirmed; a service person inside a record; "у кого из <role>" audits; a
check that a sync ran), so its figures no longer measure the targets independently. After the
sixth round: macro-F1 0.983; 46 of 46 refused; 0 of 52 chatter messages ticketed. The targets
are now plain asserts that keep these gains from regressing; the blind measure is the tenth
author's set."""

from domain.triage.metrics import format_report
from tests.triage_sets import LabelledSet

SET = LabelledSet("triage_holdout_ninth_author.jsonl")


def test_the_ninth_authors_set_is_large_and_varied_enough_to_measure():
    assert SET.is_varied(size=240, out_of_scope=35, noise=45, per_kind=28)


def test_macro_f1_on_the_ninth_authors_messages_is_at_least_0_95():
    report = SET.report()
    assert report.macro_f1 >= 0.95, format_report(report)


def test_every_out_of_scope_request_of_the_ninth_author_is_refused():
    assert SET.missed_out_of_scope() == []


def test_at_most_one_in_twenty_of_the_ninth_authors_chatter_messages_becomes_a_ticket():
    ticketed, total = SET.chatter_ticketed()
    assert total >= 20 and ticketed / total <= 0.05
