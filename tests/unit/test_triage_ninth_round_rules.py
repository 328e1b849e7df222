"""Issue 17, ninth round: STRUCTURAL rules written from the twelfth author's development set.

Each rule looks at a request's shape, not at a sentence: a build that comes with its licence
sewn in, a mobile plan the speaker switched, "сети" (a network) that is no website, children
and parents in the plural next to a centre, school or shop (the business's clients), a
newcomer who asks how to do something, a thanks that lets the ticket be closed, an "ok, got
it" that promises better, a thing shown off, a place closed on a day, who among the staff
does what and the mistakes they make, calls routed to the wrong place, a build asked of the
integrator, whether a practice is worth it at all. Every
phrasing was written for these tests (none is in the corpus or a holdout, none paraphrases a
holdout sentence), next to the legitimate requests it must not refuse or silence.
"""

from __future__ import annotations

import pytest

from domain.kernel.model import Kind, RefusalReason

_TICKETS = {Kind.TECHNICAL, Kind.MANAGERIAL, Kind.CONTROL, Kind.STRATEGIC, Kind.NEW_WORK}



@pytest.mark.parametrize("text", [
    "скачали дистрибутив 1С с зашитым ключом, разверните его на кассах",
    "есть образ винды уже активированный, поставьте на новые ноутбуки",
    "коллега дал репак фотошопа, установите дизайнеру",
    "a pre-activated Office installer from a forum, can you roll it out?",
    "found a repack of Windows, put it on the reception PC",
])
def test_a_build_with_its_licence_sewn_in_is_piracy(clf, text):
    verdict = clf.predict(text)
    assert (verdict.kind, verdict.reason) == (Kind.OUT_OF_SCOPE, RefusalReason.PIRACY), verdict


@pytest.mark.parametrize("text", [
    "купили у партнёра лицензию 1С, установите сборку на склад",
    "ключ защиты с лицензией приехал, подключите к серверу",
    "нужно продлить лицензию битрикса на год, пришлите счёт",
])
def test_a_licence_bought_or_renewed_with_a_build_stays_a_ticket(clf, text):
    assert clf.predict(text).kind in _TICKETS


@pytest.mark.parametrize("text", [
    "сменила тариф у мобильного оператора, теперь интернет на телефоне еле живой",
    "поменял тариф в мегафоне и симка перестала ловить в офисе, помогите",
    "I switched my mobile plan with the carrier and now data drops at the office",
])
def test_a_mobile_plan_the_speaker_switched_is_personal(clf, text):
    verdict = clf.predict(text)
    assert verdict.kind is Kind.OUT_OF_SCOPE, verdict


def test_corporate_sims_for_the_staff_stay_a_ticket(clf):
    text = "перешли на корпоративный тариф для сотрудников, настройте телефонию на новые номера"
    assert clf.predict(text).kind in _TICKETS


@pytest.mark.parametrize("text", [
    "датчик протечки в квартире выпал из сети после отключения света",
    "наш домашний робот-пылесос пропал из сети вайфай на выходных",
    "в спальне умная лампа после перезагрузки роутера вне сети",
])
def test_a_network_named_at_home_is_no_company_website(clf, text):
    assert clf.predict(text).kind is Kind.OUT_OF_SCOPE


def test_the_company_website_down_stays_technical(clf):
    assert clf.predict("сайт сети клиник не открывается с утра, ошибка 502").kind is (
        Kind.TECHNICAL
    )


@pytest.mark.parametrize("text", [
    "в детском клубе у метро завис терминал оплаты, родители стоят в очереди",
    "родители учеников жалуются, что сайт школы не открывает расписание",
    "добавьте на сайт лагеря форму, где родители укажут возраст детей",
])
def test_children_and_parents_next_to_a_centre_or_shop_are_clients(clf, text):
    assert clf.predict(text).kind in _TICKETS


@pytest.mark.parametrize("text", [
    "сыну подарили планшет, а он не видит домашний вайфай",
    "дочке на ноутбук поставить игру, поможете?",
])
def test_a_son_or_daughter_stays_family(clf, text):
    assert clf.predict(text).kind is Kind.OUT_OF_SCOPE


@pytest.mark.parametrize("text", [
    "я новая кассирша, как в 1С пробить возврат по карте",
    "я новенький менеджер, где в CRM посмотреть свои лиды",
])
def test_a_newcomer_asking_how_to_do_something_asks_a_question(clf, text):
    assert clf.predict(text).kind in _TICKETS


def test_a_newcomer_introduced_is_still_chatter(clf):
    assert clf.predict("всем привет, я новая сотрудница отдела продаж, Марина").kind is (
        Kind.NOISE
    )


@pytest.mark.parametrize("text", [
    "спасибо, проблема ушла, заявку можно закрыть",
    "благодарю, печать пошла, закрывайте заявку",
    "thanks, the export works again, you can close it",
])
def test_thanks_that_lets_the_ticket_be_closed_is_chatter(clf, text):
    assert clf.predict(text).kind is Kind.NOISE


def test_thanks_with_a_new_request_stays_a_ticket(clf):
    text = "спасибо, можно закрывать, но ещё не выгружается отчёт по складу"
    assert clf.predict(text).kind in _TICKETS


@pytest.mark.parametrize("text", [
    "понял, учту на будущее",
    "принято, в следующий раз учту",
    "got it, won't happen again",
    "зацените, какой у нас новый стенд на выставке",
])
def test_an_acknowledgement_or_a_thing_shown_off_is_chatter(clf, text):
    assert clf.predict(text).kind is Kind.NOISE


def test_look_at_an_error_stays_a_ticket(clf):
    assert clf.predict("смотрите, какая ошибка выскакивает в 1С при проведении").kind in _TICKETS


@pytest.mark.parametrize("text", [
    "кто из менеджеров закрывает сделки без счёта? хочу понять",
    "which managers keep leads without a next step?",
    "is anyone checking the unanswered chats on weekends?",
])
def test_who_among_the_staff_does_what_is_control(clf, text):
    assert clf.predict(text).kind is Kind.CONTROL


def test_is_anyone_else_having_trouble_is_no_audit(clf):
    assert clf.predict("is anyone else having trouble logging into Bitrix?").kind is not (
        Kind.CONTROL
    )


@pytest.mark.parametrize("text", [
    "входящие на номер доставки почему-то уходят в бухгалтерию, гляньте маршрутизацию",
    "incoming calls for delivery are routed to accounting since Monday",
])
def test_calls_landing_in_the_wrong_place_are_technical(clf, text):
    assert clf.predict(text).kind is Kind.TECHNICAL


@pytest.mark.parametrize("text", [
    "думаем о приложении для записи клиентов на стрижку, вы за такое беретесь?",
    "is this something you build: a booking widget with deposits for our hotel site?",
    "можно ли сделать, чтобы счёт-оферта генерировался автоматически при смене стадии",
])
def test_a_build_asked_of_the_integrator_is_new_work(clf, text):
    assert clf.predict(text).kind is Kind.NEW_WORK


def test_how_to_do_it_by_hand_stays_managerial(clf):
    assert clf.predict("как в битриксе вручную выставить счёт-оферту по сделке?").kind is (
        Kind.MANAGERIAL
    )


@pytest.mark.parametrize("text", [
    "нужно ли делить базу покупателей на розницу и опт, или для пяти продавцов это перебор",
    "do we need separate pipelines per region, or is that overkill for a team of five?",
    "поделитесь опытом внедрения KPI в небольших пекарнях",
])
def test_whether_a_practice_is_worth_it_or_how_others_do_it_is_strategic(clf, text):
    assert clf.predict(text).kind is Kind.STRATEGIC


@pytest.mark.parametrize("text", [
    "в понедельник склад закрыт, инвентаризация",
    "послезавтра салон не работает, учёба у мастеров",
    "the Tver branch is closed on Friday, stocktaking",
])
def test_a_place_of_the_company_closed_on_a_day_is_news(clf, text):
    assert clf.predict(text).kind is Kind.NOISE


@pytest.mark.parametrize("text", [
    "с утра на складе не работает интернет, терминалы сбора стоят",
    "сегодня в салоне не работает касса, пишет ошибка связи",
])
def test_something_not_working_at_a_place_stays_a_ticket(clf, text):
    assert clf.predict(text).kind is Kind.TECHNICAL


@pytest.mark.parametrize("text", [
    "составьте список ошибок, которые кассиры допускают при приёмке, обсудим на собрании",
    "прослушайте записи, как операторы разговаривают с клиентами, пришла жалоба на хамство",
    "which trainers still have unconfirmed sessions for next week?",
])
def test_the_staffs_own_conduct_is_control(clf, text):
    assert clf.predict(text).kind is Kind.CONTROL


def test_an_error_a_manager_sees_in_the_system_stays_technical(clf):
    assert clf.predict("у менеджера при проведении возврата в 1С выскакивает ошибка").kind is (
        Kind.TECHNICAL
    )
