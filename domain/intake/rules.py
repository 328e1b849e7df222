"""Pure rules of intake: which messages belong together (bursts, repeated questions), and
what a voice note or a screenshot gives triage."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TypeVar

from domain.intake.model import MediaReading
from domain.kernel.model import MediaKind, MediaNote, MediaRef
from domain.kernel.rules import clean_text

_WORD = re.compile(r"[a-zа-я0-9]+")


# Words that every support message shares; two questions do not repeat each other because
# both say "does not work" or "Bitrix".
_GENERIC = frozenset(
    """
    не нет ни да и а но или что как где когда почему зачем кто это этот эта эти тот там тут
    у в во на по за из к ко с со от до для при про без над под о об мы вы я он она они оно
    нас вас нам вам мне меня его ее их мой наш ваш свой все всё всех уже еще ещё опять снова
    тоже также очень просто вообще сейчас сегодня вчера утра утром день дня можно нужно надо
    подскажите скажите помогите пожалуйста спасибо добрый доброе день привет коллеги здравствуйте
    работает работают работать работа сделать делать есть быть было будет был была
    битрикс битрикс24 bitrix bitrix24 crm срм црм портал система системе проблема вопрос
    the a an and or but not no is are was were be to of in on at for with from by it this that
    we you i my our your how what where why when who can could please help hi hello thanks
    does do doesn don t isn s still again also today yesterday work works working there here
    так таки всетаки итак ну вот ведь же ли бы могу можем может могли найти найду нашел нашла
    нашли делается делает делать делаем какой какая какое какие каким какую который которая
    чтобы чтоб если тогда потом теперь хочу хотел хотела хотим нужен нужна нужны получается
    получилось понимаю понял поняла раз
    """.split()
)


# Russian inflections, longest first: "счёта", "счету", "счёт" meet on one stem.
_ENDINGS = tuple(sorted(
    """ами ями ого его ому ему ыми ими ов ев ам ям ах ях ом ем ой ей ую юю ая яя ое ее ые ие ый
    ий ых их а я о е у ю ы и ь й""".split(), key=len, reverse=True))


# Words that name the same thing in a support chat, by how they start: a repeat says
# "инвойс" or "email" where the first question said "счёт" or "почта".
_SYNONYMS = (
    ("счет", ("счет", "инвойс", "invoice")),
    ("выстав", ("выстав", "сформир")),
    ("почт", ("почт", "email", "e-mail", "емейл", "имейл", "мейл", "mail")),
    ("отправ", ("отправ", "посла", "пошл", "скинут", "скиньт", "send", "sent")),
    ("клиент", ("клиент", "заказчик", "покупател", "customer", "client")),
    ("сделк", ("сделк", "сделок", "deal")),
    ("звон", ("звон", "call")),
    ("задач", ("задач", "task")),
    ("отчет", ("отчет", "report")),
    ("телеф", ("телефон", "telephon", "phone")),
)


_ATTACHMENT_REFERENCE = re.compile(
    r"скрин|скриншот|фото|снимок|видео|вложени|прикрепил|прикладываю|см\.?\s*(выше|ниже|фото)|"
    r"вот\s+(так|тут|здесь|ошибка)|screen\s*shot|screenshot|screen|photo|picture|attached|"
    r"attachment|see\s+(above|below|pic)|video|skrin",
    re.IGNORECASE,
)


@lru_cache(maxsize=20_000)
def _stem(word: str) -> str:
    """One word's stem: a synonym's shared name, or the word without its ending, cut to 5."""
    for name, starts in _SYNONYMS:
        if word.startswith(starts):
            return name
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)]
            break
    return word[:5]


@lru_cache(maxsize=2_048)
def stems(text: str) -> frozenset[str]:
    """Content word stems: lowercase, ё→е, generic words dropped, endings and synonyms folded.
    Cached: every new message is compared with every open ticket of its client. The cache
    holds whole texts, so it stays small: open tickets' texts are what repeat."""
    words = _WORD.findall(text.lower().replace("ё", "е")[:2000])
    return frozenset(_stem(w) for w in words if len(w) > 2 and w not in _GENERIC)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap of two stem sets relative to the smaller one (0..1)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


T = TypeVar("T")


def find_repeat(
    text: str,
    candidates: Iterable[tuple[T, str]],
    *,
    threshold: float = 0.6,
    min_shared: int = 2,
) -> T | None:
    """The candidate whose text this message repeats, if any: the most similar above threshold."""
    mine = stems(text)
    if len(mine) < min_shared:
        return None
    best: tuple[float, T] | None = None
    for item, other_text in candidates:
        other = stems(other_text)
        shared = len(mine & other)
        if shared < min_shared:
            continue
        score = similarity(mine, other)
        if score >= threshold and (best is None or score > best[0]):
            best = (score, item)
    return best[1] if best else None


def refers_to_attachment(text: str) -> bool:
    """'See screenshot', 'вот скрин': a message that only points at media of the same burst."""
    return bool(_ATTACHMENT_REFERENCE.search(text[:500]))


def join_texts(parts: Sequence[str]) -> str:
    return "\n".join(p for p in parts if p)


# What is kept of one transcript or one picture's text: a long recording or a full-screen log
# must not inflate the ticket (triage reads at most 4000 characters anyway).
MEDIA_TEXT_MAX = 4000


_NOT_TRANSCRIBED = MediaReading(note=MediaNote.NOT_TRANSCRIBED)


_AUDIO_SUFFIX = {"audio/ogg": "ogg", "audio/mpeg": "mp3", "audio/wav": "wav", "audio/x-wav": "wav",
                 "audio/mp4": "m4a", "audio/webm": "webm"}


def is_voice(ref: MediaRef) -> bool:
    return ref.kind is MediaKind.VOICE


def is_picture(ref: MediaRef) -> bool:
    """A photo, or a screenshot sent as a file (desktop clients do that)."""
    return ref.kind is MediaKind.PHOTO or (
        ref.kind is MediaKind.DOCUMENT and (ref.mime_type or "").startswith("image/"))


def _bounded(text: str | None) -> str:
    text = clean_text(text or "")
    return text if len(text) <= MEDIA_TEXT_MAX else text[: MEDIA_TEXT_MAX - 1] + "…"


_LETTERS = re.compile(r"[^\W\d_]{2,}")


def tidy_ocr(text: str) -> str:
    """OCR output without its debris: blank lines, lines of stray symbols, repeated spaces."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if _LETTERS.search(line))


# What error messages say, in the systems clients use (1C, Bitrix24, browsers, Windows), in
# Russian and English. Stems, matched at a word start; OCR's ё is often е.
_ERROR_WORDS = re.compile(
    r"(?<!\w)(ошибк|ошибоч|error|exception|исключени|сбо[йяею]|fail|fatal|критическ|"
    r"не\s+удал[оа]сь|не\s+удаетс|невозможно|отказано|denied|не\s+найден|not\s+found|"
    r"недоступ|unavailable|timed?\s*out|тайм-?аут|неверн|invalid|не\s+пров[ео]д|traceback|"
    r"http\s*[45]\d\d)",
    re.IGNORECASE,
)


def shows_error(text: str) -> bool:
    """Does this text (read from a screenshot) show an error message?"""
    return bool(text) and _ERROR_WORDS.search(text.replace("ё", "е").replace("Ё", "Е")) is not None


__all__ = [
    "MEDIA_TEXT_MAX",
    "shows_error",
    "tidy_ocr",
]
