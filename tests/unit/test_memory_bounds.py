"""What a long-running bot remembers stays bounded however many different words and texts
it meets (found by the memory bench: per-list word memos, word keys and stems grew with
every new word or message)."""

from __future__ import annotations

from domain.intake.rules import stems
from domain.triage.normalize import _KEY_CACHE, _KEY_CACHE_LIMIT, keys
from domain.triage.rules import MEMO_LIMIT, Words


def _words(count: int) -> list[str]:
    letters = "абвгдежзиклмнопрстуфхцчшщэюя"
    return ["".join(letters[(n // len(letters) ** i) % len(letters)] for i in range(4)) + "ка"
            for n in range(count)]


def test_a_word_lists_memo_of_seen_words_stays_bounded_and_still_answers():
    words = Words("телефон* сделк*")
    for word in _words(MEMO_LIMIT * 3):
        words.matches(word)
    assert len(words._memo) <= MEMO_LIMIT
    assert words.any(keys("не могу закрыть сделку")) and not words.any(keys("добрый день"))


def test_the_word_key_cache_stays_bounded():
    keys(" ".join(_words(_KEY_CACHE_LIMIT + 5_000)))
    assert 0 < len(_KEY_CACHE) <= _KEY_CACHE_LIMIT


def test_the_stem_cache_holds_a_bounded_number_of_texts():
    for n in range(5_000):
        stems(f"как выставить счёт по заказу номер {n} клиенту")
    assert stems.cache_info().currsize <= 2_048
