"""The classifier on 274 messages a seventh author wrote blind for issue 17
(tests/data/triage_holdout_seventh_author.jsonl: a car dealership, fitness clubs, a law firm, an
agricultural holding, a hotel, an IT distributor; written without reading the classifier, its
corpus, the rules or the other holdouts; committed before the classifier was run on it).

It was the independent measure of the issue's targets until the fourth round. First run, with
the second round of generic issue-17 rules (tuned on the fifth author's set, never on this one): macro-F1 0.943;
39 of 44 out-of-scope requests refused (three became technical, one managerial, one
strategic); 3 of 54 chatter messages ticketed (one in 18).

After the third round of generic rules (tuned on the sixth author's set, never on this one):
macro-F1 0.960; 41 of 44 refused — still missed: h7-064, using a paid Bitrix24 plan without
paying "through some script" (-> strategic), h7-140, a food-delivery app (-> technical), and
h7-173, a personal Instagram account (-> managerial); 2 of 54 chatter messages ticketed (one
in 27). The targets below are the issue's; the miss was a strict xfail.

In the fourth round of generic rules this set **became a development set**: its errors were
read and analysed by category (unpaid use of a paid plan "не платя", a food-delivery app, one's
own social account followed by clients, a freeze worded "виснет", a re-posted document audit,
"прогноз продаж" taken for the weather, "есть смысл" and "make sense" as advice, KPIs as the
integrator's subject, dated events with what to bring) and the categories fixed with broader
lexicons and rules, tested with rule-named phrasings in their own wording (none of its sentences
copied or paraphrased into the corpus). After it: macro-F1 1.000; 44 of 44 refused; 0 of 54
chatter messages ticketed. These figures now guard against regressions only; the independent
measure is the eighth author's blind set."""

from domain.triage.metrics import format_report
from tests.triage_sets import LabelledSet

SET = LabelledSet("triage_holdout_seventh_author.jsonl")


def test_the_seventh_authors_set_is_large_and_varied_enough_to_measure():
    assert SET.is_varied(size=240, out_of_scope=35, noise=45, per_kind=28)


def test_macro_f1_on_the_seventh_authors_messages_is_at_least_0_95():
    report = SET.report()
    assert report.macro_f1 >= 0.95, format_report(report)


def test_every_out_of_scope_request_of_the_seventh_author_is_refused():
    assert SET.missed_out_of_scope() == []


def test_at_most_one_in_twenty_of_the_seventh_authors_chatter_messages_becomes_a_ticket():
    ticketed, total = SET.chatter_ticketed()
    assert total >= 20 and ticketed / total <= 0.05
