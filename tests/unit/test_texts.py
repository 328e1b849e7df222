"""Every text exists in both languages with the same placeholders."""

import re
import string

from domain.kernel.model import Language
from domain.texts import EN, RU, money


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_russian_and_english_catalogs_have_the_same_keys():
    assert set(RU) == set(EN)


def test_translations_use_the_same_placeholders():
    assert {k: _fields(RU[k]) for k in RU} == {k: _fields(EN[k]) for k in RU}


def test_texts_never_show_internal_names_to_people():
    snake = re.compile(r"\b[a-z]+_[a-z_]+\b")
    leaks = [text for text in (*RU.values(), *EN.values())
             if snake.search(re.sub(r"\{[^}]*\}", "", text))]
    assert leaks == []


def test_money_is_written_the_way_each_language_writes_it():
    assert money(Language.RU, 2_000_000) == "20\u00a0000\u00a0₽"
    assert money(Language.EN, 168_050) == "1,680.50\u00a0₽"
    assert money(Language.RU, -5_000) == "-50\u00a0₽"


def test_russian_plural_forms_follow_the_last_digits():
    from domain.texts import plural

    forms = {n: plural(Language.RU, n, "plural.times") for n in (1, 2, 5, 11, 12, 21, 22, 25,
                                                                   111, 104)}
    assert forms == {1: "раз", 2: "раза", 5: "раз", 11: "раз", 12: "раз", 21: "раз",
                     22: "раза", 25: "раз", 111: "раз", 104: "раза"}
    assert [plural(Language.EN, n, "plural.times") for n in (1, 2, 0)] == \
        ["time", "times", "times"]


def test_no_text_spells_a_plural_with_brackets_or_says_new_work_twice():
    for catalog in (RU, EN):
        assert not [k for k, v in catalog.items() if re.search(r"раз\(а\)|\w\(s\)", v)]
    estimate = RU["confirm.estimate"] + RU["cost.estimate"]
    assert estimate.count("новая работа") == 1
