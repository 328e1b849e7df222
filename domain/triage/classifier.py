"""The built-in triage classifier.

Rules come first: the refusals that must never slip through (piracy, the user's own devices
and accounts) and the chatter that is plainly chatter. What they leave, a learned linear model
decides (`domain/triage/linear.py`, trained offline on the labelled messages); a few guards
then keep the model from refusing the company's own licence, system or office device, and from
ticketing a message that names no work at all."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from importlib import resources

from domain.kernel.model import Classification, Kind, RefusalReason, TriageContext
from domain.triage import rules
from domain.triage.linear import KIND_MODEL, REASON_MODEL, LinearModel, bundled_model
from domain.triage.normalize import MAX_CHARS, keys, words

# A refusal's reason is told by a second model; the guards see each reason as its own label
# ('oos:<reason>', the kind model's refusal share split by the reason model).
_OOS_LABELS = {f"oos:{r.value}": r for r in RefusalReason}
_TICKET = {Kind.TECHNICAL, Kind.MANAGERIAL, Kind.CONTROL, Kind.STRATEGIC, Kind.NEW_WORK}
_TICKET_LABELS = frozenset(k.value for k in _TICKET)
_QUESTION_CHARS = "?？"
# Thresholds on the model's posterior.
_OFF_TOPIC_MIN = 0.45
# A piracy or personal-device refusal below this, with no rule behind it, is not made.
_HESITANT_REFUSAL = 0.4
_REFUSALS_NEEDING_RULE = frozenset({"oos:piracy", "oos:personal_device"})
_TICKET_WITHOUT_TOPIC_MIN = 0.7


def corpus_records() -> Iterator[dict[str, str]]:
    """Labelled messages bundled with the package (domain/triage/corpus/*.jsonl)."""
    folder = resources.files("domain.triage").joinpath("corpus")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".jsonl"):
            continue
        for line in entry.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line)


class BuiltinClassifier:
    """Offline, deterministic triage of chat messages in Russian and English."""

    def __init__(
        self, kind_model: LinearModel | None = None, reason_model: LinearModel | None = None
    ) -> None:
        self._kind = kind_model or bundled_model(KIND_MODEL)
        self._reason = reason_model or bundled_model(REASON_MODEL)
        # Chat is repetitive ("спасибо", "+", the same question again): verdicts of short texts
        # are remembered. `predict` itself stays uncached, so benchmarks measure the work.
        self._recent: dict[str, Classification] = {}

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
        return self._model_verdict(text, ks, raw)

    def probabilities(self, text: str) -> dict[str, float]:
        """The model's posterior over kinds and refusals by reason ('oos:<reason>'): the
        kind model's refusal share, split as the reason model sees it."""
        return self._split_refusal(text, self._kind.probabilities(text))

    def _split_refusal(self, text: str, probs: dict[str, float]) -> dict[str, float]:
        refused = probs.pop(Kind.OUT_OF_SCOPE.value)
        for reason, p in self._reason.probabilities(text).items():
            probs[f"oos:{reason}"] = refused * p
        return probs

    def _model_verdict(self, text: str, ks: list[str], raw: list[str]) -> Classification:
        probs = self._kind.probabilities(text)
        if max(probs, key=probs.__getitem__) == Kind.OUT_OF_SCOPE.value or not any(
            probs[lab] >= _TICKET_WITHOUT_TOPIC_MIN for lab in _TICKET_LABELS
        ):
            # Only a refusal, or a doubtful ticket that may turn out an errand, needs its
            # reason: the second model runs only then.
            probs = self._split_refusal(text, probs)
        else:
            probs = {lab: p for lab, p in probs.items() if lab != Kind.OUT_OF_SCOPE.value}
            probs.update(dict.fromkeys(_OOS_LABELS, 0.0))
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
        elif label in _REFUSALS_NEEDING_RULE and probs[label] < _HESITANT_REFUSAL:
            # No rule refused it and the model hesitates: refusing a real request costs
            # more than opening a ticket the requester confirms or staff reject.
            label = next(lab for lab in ranked if not lab.startswith("oos:"))
        if label == Kind.NOISE.value and (
            rules.is_system_request(ks, raw) or rules.is_office_device_trouble(ks)
        ):
            # "Добавьте в телефонию новую сотрудницу": an imperative about a system the
            # company runs is work asked, whatever people news comes with it; so is a device
            # of the office in trouble ("наш роутер в офисе перезагружается").
            label = next(lab for lab in ranked if lab in _TICKET_LABELS)
        if label == "oos:off_topic" and probs[label] < _OFF_TOPIC_MIN and topical:
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
            label = next(lab for lab in ranked if not lab.startswith("oos:"))
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


_DEFAULT: BuiltinClassifier | None = None
_LOCK = threading.Lock()


def default_classifier() -> BuiltinClassifier:
    """The process-wide classifier with the shipped models, loaded on first use."""
    global _DEFAULT
    if _DEFAULT is None:
        with _LOCK:
            if _DEFAULT is None:
                _DEFAULT = BuiltinClassifier()
    return _DEFAULT


__all__ = ["BuiltinClassifier", "corpus_records", "default_classifier"]
