"""Repeated questions and burst references."""

from domain.intake.rules import find_repeat, refers_to_attachment, stems


def test_same_question_in_other_words_is_found_as_a_repeat():
    open_tickets = [(1, "Не работает телефония у Марины"), (2, "Как выставить счёт из сделки?")]
    assert find_repeat("так как всё-таки выставить счет из сделки? не нашёл", open_tickets) == 2


def test_generic_words_alone_do_not_make_a_repeat():
    open_tickets = [(1, "Не работает битрикс, проблема с порталом")]
    assert find_repeat("не работает почта, проблема с портала", open_tickets) is None


def test_unrelated_question_is_not_a_repeat():
    assert find_repeat("Как поставить задачу коллеге?", [(1, "Выгрузка в 1С упала")]) is None


def test_stems_ignore_case_yo_and_word_endings():
    assert stems("Счёт СДЕЛКИ") == stems("счет сделка")


def test_screenshot_reference_is_recognised_in_both_languages():
    assert refers_to_attachment("вот скрин ошибки")
    assert refers_to_attachment("see screenshot above")
    assert not refers_to_attachment("спасибо большое")


def test_a_longer_question_asked_again_in_other_words_and_order_is_a_repeat():
    open_tickets = [(1, "Не работает телефония у Марины"),
                    (2, "Подскажите, как выставить счёт из сделки клиенту? "
                        "Не могу найти, где это делается")]
    assert find_repeat("Так как выставить счет из сделки и отправить на почту?",
                       open_tickets) == 2


def test_synonyms_meet_on_one_stem():
    assert stems("сформировать инвойс по сделке") == stems("выставить счёт из сделки")
    assert stems("отправить на почту клиенту") == stems("послать email заказчику")


def test_filler_words_of_a_rephrased_question_are_not_content():
    assert stems("Не могу найти, где это делается, всё-таки") == frozenset()


def test_a_different_problem_with_the_same_client_and_mailbox_is_not_a_repeat():
    open_tickets = [(1, "Как отправить счёт клиенту на почту?")]
    assert find_repeat("Не приходят письма от клиентов на почту", open_tickets) is None
