"""The built-in triage classifier: rules for the must-not-miss cases, naive Bayes for the rest."""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Iterable, Iterator
from importlib import resources

from domain.kernel.model import Classification, Kind, RefusalReason, TriageContext
from domain.triage import rules
from domain.triage.bayes import NaiveBayes, features
from domain.triage.normalize import MAX_CHARS, keys, words

# Out-of-scope requests are three different things to learn, so the model sees each reason
# as its own label and the verdict maps it back to (OUT_OF_SCOPE, reason).
_OOS_LABELS = {f"oos:{r.value}": r for r in RefusalReason}
_TICKET = {Kind.TECHNICAL, Kind.MANAGERIAL, Kind.CONTROL, Kind.STRATEGIC, Kind.NEW_WORK}
_TICKET_LABELS = frozenset(k.value for k in _TICKET)
_QUESTION_CHARS = "?？"
# Thresholds on the model's (tempered) posterior.
_MODEL_OOS_MIN = 0.45
_REFUSALS_NEEDING_RULE = frozenset({"oos:piracy", "oos:personal_device"})
_TICKET_WITHOUT_TOPIC_MIN = 0.7
# The confidence of a ticket kind that a rule confirms: above the "unsure" mark of the card
# and the requester's prompt, below what a chatter or refusal rule gets.
RULE_BACKED = 0.6


def corpus_records() -> Iterator[dict[str, str]]:
    """Labelled messages bundled with the package (domain/triage/corpus/*.jsonl)."""
    folder = resources.files("domain.triage").joinpath("corpus")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".jsonl"):
            continue
        for line in entry.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line)


def _label(record: dict[str, str]) -> str:
    """The model label of a corpus record: a kind, or 'oos:<reason>'."""
    if record["kind"] == Kind.OUT_OF_SCOPE.value:
        return f"oos:{record['reason']}"
    return record["kind"]


def _content(ks: list[str]) -> list[str]:
    """Drop leading greetings/politeness so "добрый день, ..." is judged on what follows."""
    i = 0
    while i < len(ks) and rules.CHATTER.matches(ks[i]):
        i += 1
    rest = ks[i:]
    return rest if len(rest) >= 2 else ks


class BuiltinClassifier:
    """Offline, deterministic triage of chat messages in Russian and English."""

    def __init__(
        self, records: Iterable[dict[str, str]] | None = None, alpha: float = 0.3
    ) -> None:
        data = list(corpus_records() if records is None else records)
        self._nb = NaiveBayes(alpha).fit(
            (self._features(r["text"]), _label(r)) for r in data
        )
        # Chat is repetitive ("спасибо", "+", the same question again): verdicts of short texts
        # are remembered. `predict` itself stays uncached, so benchmarks measure the work.
        self._recent: dict[str, Classification] = {}

    @staticmethod
    def _features(text: str) -> dict[str, float]:
        ks = _content(keys(text))
        question = any(c in text[:MAX_CHARS] for c in _QUESTION_CHARS)
        return features(ks, question)

    async def classify(self, text: str, context: TriageContext | None = None) -> Classification:
        """The Classifier port: the verdict of `predict` (context is not used offline)."""
        if not isinstance(text, str) or len(text) > 500:
            return self.predict(text)
        verdict = self._recent.get(text)
        if verdict is None:
            verdict = self.predict(text)
            if len(self._recent) >= 20_000:
                self._recent.clear()  # bounded; simpler than LRU and good enough for chat
            self._recent[text] = verdict
        return verdict

    def predict(self, text: str) -> Classification:
        """Classify one message; never raises on any string."""
        if not isinstance(text, str):
            text = "" if text is None else str(text)
        ks = keys(text)
        if not ks:
            # Emoji, stickers, "+", "))))" and empty messages carry no request.
            return Classification(Kind.NOISE, 0.98)
        if rules.is_piracy(ks):
            return Classification(Kind.OUT_OF_SCOPE, 0.95, RefusalReason.PIRACY)
        raw = words(text)
        question = any(c in text[:MAX_CHARS] for c in _QUESTION_CHARS)
        if rules.is_office_news(ks, raw, question):
            # Said to colleagues ("working from home today, call my mobile"): never a request.
            return Classification(Kind.NOISE, 0.85)
        if rules.is_remark(ks, raw, question):
            return Classification(Kind.NOISE, 0.8)
        if rules.is_personal(ks, raw):
            return Classification(Kind.OUT_OF_SCOPE, 0.9, RefusalReason.PERSONAL_DEVICE)
        if rules.is_ad_free_app(ks):
            # An ad-free consumer app with no owner named is still circumvention.
            return Classification(Kind.OUT_OF_SCOPE, 0.9, RefusalReason.PIRACY)
        if rules.is_chatter(ks):
            return Classification(Kind.NOISE, 0.95)
        if rules.is_thanks_or_test(ks, raw, question) or rules.is_praise(ks, raw, question):
            return Classification(Kind.NOISE, 0.9)
        if rules.is_membership_news(ks, question, raw):
            return Classification(Kind.NOISE, 0.9)
        if (
            rules.is_schedule_news(ks, raw, question) or rules.is_deferral(ks, raw, question)
            or rules.is_fyi_news(ks, raw, question)
        ):
            # "Обучение по 1С переносится на четверг", "let's discuss tomorrow": told, not asked.
            return Classification(Kind.NOISE, 0.85)
        if (
            rules.is_all_clear(ks, raw, question) or rules.is_aside(ks, raw, question)
            or rules.is_acknowledgement(ks, raw, question)
        ):
            return Classification(Kind.NOISE, 0.85)
        if rules.is_joke(ks, text[:MAX_CHARS]):
            return Classification(Kind.NOISE, 0.85)
        if rules.is_wrong_chat(ks, raw):
            return Classification(Kind.NOISE, 0.85)
        if rules.is_celebration(ks, raw, question):
            return Classification(Kind.NOISE, 0.85)
        if rules.is_off_topic(ks, question) and not rules.is_audit_question(ks, raw):
            return Classification(Kind.OUT_OF_SCOPE, 0.85, RefusalReason.OFF_TOPIC)
        if rules.is_colleague_small_talk(ks, raw, question) and not rules.is_strategy_question(
            ks, raw
        ):
            return Classification(Kind.NOISE, 0.8)
        if rules.is_audit_question(ks, raw):
            return Classification(Kind.CONTROL, 0.8)
        return self._refine(self._model_verdict(text, ks, raw), ks, raw)

    @staticmethod
    def _refine(verdict: Classification, ks: list[str], raw: list[str]) -> Classification:
        """Settle the confusions the model makes between requests that are all tickets:
        "how do I do X in the system" is managerial even when worded "как правильно", "which
        channels/metrics should we use" is strategic even when it names a build, and a build
        with its dates or budget asked is new work. Where a rule backs the kind (the model's
        own or the corrected one), the verdict is no longer a guess: its confidence is raised
        to RULE_BACKED, so the requester is not asked to pick the kind of a clear request."""
        kind = verdict.kind
        backed = False
        if kind in (Kind.STRATEGIC, Kind.CONTROL, Kind.MANAGERIAL) and rules.is_how_to_operate(
            ks, raw
        ):
            kind, backed = Kind.MANAGERIAL, True
        elif kind in (Kind.STRATEGIC, Kind.NEW_WORK) and rules.is_estimate_request(ks, raw):
            kind, backed = Kind.NEW_WORK, True
        elif kind in (Kind.NEW_WORK, Kind.MANAGERIAL, Kind.STRATEGIC, Kind.CONTROL) and (
            rules.is_strategy_question(ks, raw)
        ):
            kind, backed = Kind.STRATEGIC, True
        elif kind in (Kind.STRATEGIC, Kind.MANAGERIAL) and rules.is_staff_measure(ks, raw):
            kind, backed = Kind.CONTROL, True
        elif kind in (Kind.NEW_WORK, Kind.MANAGERIAL) and rules.is_operational_setup(ks, raw):
            kind, backed = Kind.TECHNICAL, True
        elif kind in (Kind.NEW_WORK, Kind.MANAGERIAL, Kind.CONTROL) and rules.is_breakdown(
            ks, raw
        ):
            kind, backed = Kind.TECHNICAL, True
        elif kind is Kind.TECHNICAL and rules.is_malfunction_report(ks):
            backed = True
        elif kind is Kind.CONTROL and rules.is_infra_check(ks):
            kind, backed = Kind.TECHNICAL, True
        elif kind in (Kind.CONTROL, Kind.STRATEGIC, Kind.NEW_WORK) and rules.is_call_routing(
            ks, raw
        ):
            kind, backed = Kind.TECHNICAL, True
        elif kind in (Kind.TECHNICAL, Kind.MANAGERIAL) and rules.is_staff_conduct(ks, raw):
            kind, backed = Kind.CONTROL, True
        elif kind in (Kind.MANAGERIAL, Kind.STRATEGIC) and rules.is_build_asked(ks, raw):
            kind, backed = Kind.NEW_WORK, True
        if not backed:
            return verdict
        return Classification(kind, max(verdict.confidence, RULE_BACKED))

    def probabilities(self, text: str) -> dict[str, float]:
        """Posterior over model labels (kinds and 'oos:<reason>'), for diagnostics."""
        scores, known = self._nb.scores(self._features(text))
        return dict(zip(self._nb.labels, _softmax(scores, known), strict=True))

    def _model_verdict(self, text: str, ks: list[str], raw: list[str]) -> Classification:
        probs = self.probabilities(text)
        ranked = sorted(probs, key=lambda lab: (-probs[lab], lab))
        label = ranked[0]
        # A build asked of the integrator, or whether a practice is worth it at all, is work
        # even with no system named ("хотим табло очереди, вы такое делаете?").
        topical = (
            rules.has_domain_terms(ks) or rules.is_build_asked(ks, raw)
            or rules.is_worth_it_question(ks, raw)
        )
        if label == "oos:personal_device" and (
            rules.names_company_system(ks) or rules.names_workplace(ks)
        ):
            # The personal rules have had their say: a guess that names the CRM, 1C or
            # telephony, or the office itself, is the company's ticket ("на рабочем
            # ноутбуке не открывается битрикс", "офисный принтер не печатает"): the best
            # ticket kind, not chatter; a malfunction there is technical.
            label = (
                Kind.TECHNICAL.value if "problem" in rules.cue_names(ks)
                else next(lab for lab in ranked if lab in _TICKET_LABELS)
            )
        elif label in _REFUSALS_NEEDING_RULE and probs[label] < _MODEL_OOS_MIN:
            # Without a rule behind it, a hesitant refusal is worse than the best label that
            # needs no rule: refusing a real request costs more than opening a ticket that
            # gets rejected (the runner-up may be the other refusal: "перенести лицензию на
            # новый компьютер" is neither).
            label = next(lab for lab in ranked if lab not in _REFUSALS_NEEDING_RULE)
        if label == Kind.NOISE.value and (
            rules.is_system_request(ks, raw) or rules.is_office_device_trouble(ks)
        ):
            # "Добавьте в телефонию новую сотрудницу": an imperative about a system the
            # company runs is work asked, whatever people news comes with it; so is a device
            # of the office in trouble ("наш роутер в офисе перезагружается").
            label = next(lab for lab in ranked if lab in _TICKET_LABELS)
        if label == "oos:off_topic" and probs[label] < _MODEL_OOS_MIN and topical:
            # A hesitant "not IT at all" for a message naming the CRM, an invoice or a plan
            # ("trial ends tomorrow, send the invoice for the paid plan") is the best ticket.
            label = next(lab for lab in ranked if not lab.startswith("oos:"))
        if label == "oos:piracy" and (
            rules.FREE_OFFER.any(ks) or rules.BOUGHT.any(ks) or rules.is_licence_transfer(ks)
            or rules.is_paid_renewal(ks) or rules.is_licence_question(ks)
            or rules.is_door_key(ks)
        ):
            # A trial, a demo or a free plan is the vendor's own offer, a licence bought is
            # paid for, one renewed is paid again, one moved to a new computer is kept, and
            # what happens when one ends is a question; the piracy rules (resetting a trial,
            # a crack) have had their say. The runner-up refusal needs a rule too.
            label = next(lab for lab in ranked if lab not in _REFUSALS_NEEDING_RULE)
        if label in _TICKET_LABELS and not topical and (
            probs[label] < _TICKET_WITHOUT_TOPIC_MIN or len(ks) <= 3
        ):
            # A message that names no system, no process and no work is people talking, or
            # an errand that has nothing to do with IT when it is phrased as a request.
            if rules.ERRAND_REQUEST.any(ks) and len(ks) >= 3:
                conf = round(max(probs["oos:off_topic"], 0.55), 4)
                return Classification(Kind.OUT_OF_SCOPE, conf, RefusalReason.OFF_TOPIC)
            return Classification(Kind.NOISE, round(max(probs[Kind.NOISE.value], 0.6), 4))
        confidence = round(min(max(probs[label], 0.0), 1.0), 4)
        reason = _OOS_LABELS.get(label)
        if reason is not None:
            return Classification(Kind.OUT_OF_SCOPE, confidence, reason)
        return Classification(Kind(label), confidence)


def _softmax(scores: list[float], known: float) -> list[float]:
    """Posterior from log-likelihoods, tempered: NB's independence makes raw odds overconfident."""
    temperature = 1.0 + 0.35 * known
    top = max(scores)
    exps = [math.exp((s - top) / temperature) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


_DEFAULT: BuiltinClassifier | None = None
_LOCK = threading.Lock()


def default_classifier() -> BuiltinClassifier:
    """The process-wide classifier trained on the bundled corpus, built on first use."""
    global _DEFAULT
    if _DEFAULT is None:
        with _LOCK:
            if _DEFAULT is None:
                _DEFAULT = BuiltinClassifier()
    return _DEFAULT


__all__ = ["BuiltinClassifier", "corpus_records", "default_classifier"]
