"""The classifier on 260 messages a sixth author wrote blind for issue 17
(tests/data/triage_holdout_sixth_author.jsonl: clients from industries the other sets do not
cover; written without reading the classifier, its corpus, the rules or the other holdouts;
committed before the classifier was run on it).

Until the third round it was the independent measure of the issue's targets. Its figures:
- first run, with the first round of generic issue-17 rules: macro-F1 0.891; 40 of 45
  out-of-scope requests refused; 9 of 55 chatter messages ticketed;
- after the second round (tuned on the fifth author's set, never on this one): macro-F1
  0.921; 40 of 45 refused (h6-003 and h6-086, personal marketplace accounts, became
  technical; h6-048, a game, new work; h6-025 and h6-135, a Revit trial reset and a borrowed
  Windows key, chatter); 6 of 55 chatter messages ticketed.

From the third round of issue-17 rules on, this is a DEVELOPMENT set: its errors were read and
analysed by category (marketplace accounts and games named by title, trial resets and borrowed
keys, trainings/meetings with a call to attend, holiday greetings and cheers, office appliances,
other industries' vocabulary read as errands, "how many/how do others/who owns what" strategy,
builds priced with dates and budget, "how do I build the report myself"), and the categories
fixed with generic rules and rule-named tests in test_triage_scope_rules.py; none of its
sentences was copied or paraphrased into the corpus. Its figures after that round:
- macro-F1 1.000; 45 of 45 out-of-scope requests refused; 0 of 55 chatter messages
  ticketed; correct verdicts below the "unsure" mark 30 (was 36), wrong verdicts above it 0
  (was 14).
These figures now guard against regressions only; they are no longer an independent measure
of the issue's targets (the seventh author's blind set is)."""

from domain.triage.metrics import format_report
from tests.triage_sets import LabelledSet

SET = LabelledSet("triage_holdout_sixth_author.jsonl")


def test_the_sixth_authors_set_is_large_and_varied_enough_to_measure():
    assert SET.is_varied(size=240, out_of_scope=35, noise=45, per_kind=28)


def test_macro_f1_on_the_sixth_authors_messages_is_at_least_0_95():
    report = SET.report()
    assert report.macro_f1 >= 0.95, format_report(report)


def test_every_out_of_scope_request_of_the_sixth_author_is_refused():
    assert SET.missed_out_of_scope() == []


def test_at_most_one_in_twenty_of_the_sixth_authors_chatter_messages_becomes_a_ticket():
    ticketed, total = SET.chatter_ticketed()
    assert total >= 20 and ticketed / total <= 0.05
