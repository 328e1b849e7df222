"""Pure rules that decide which messages belong together: bursts and repeated questions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TypeVar

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
    """.split()
)

_ATTACHMENT_REFERENCE = re.compile(
    r"скрин|скриншот|фото|снимок|видео|вложени|прикрепил|прикладываю|см\.?\s*(выше|ниже|фото)|"
    r"вот\s+(так|тут|здесь|ошибка)|screen\s*shot|screenshot|screen|photo|picture|attached|"
    r"attachment|see\s+(above|below|pic)|video|skrin",
    re.IGNORECASE,
)


@lru_cache(maxsize=20_000)
def stems(text: str) -> frozenset[str]:
    """Content word stems: lowercase, ё→е, generic words dropped, cut to 5 letters.
    Cached: every new message is compared with every open ticket of its client."""
    words = _WORD.findall(text.lower().replace("ё", "е")[:2000])
    return frozenset(w[:5] for w in words if len(w) > 2 and w not in _GENERIC)


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
