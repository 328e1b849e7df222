"""Issue 17, seventh round: the rules written from the tenth author's development set.

Every rule is shown with phrasings written for these tests (none is in the corpus or in a
holdout, and none paraphrases a holdout sentence), next to the legitimate requests it must not
refuse or silence.
"""

from __future__ import annotations

import pytest

from domain.kernel.model import Kind, RefusalReason
from tests.triage_sets import MODEL_MISS, assert_chatter, assert_kind, assert_refused, assert_ticket

# --- piracy: the licence's end hidden from the system --------------------------------------

@pytest.mark.parametrize("text", [
    "make 1C stop noticing that the licence has expired",
    "пусть программа работает, как будто ключ ещё действует",
    "keep the CRM running as if the subscription were still active",
    "пусть битрикс игнорирует просроченную лицензию",
    "сделайте чтоб программа думала, что ключ активен",
    "настройте так, чтобы касса не знала, что лицензия истекла",
    "is there a way to fool the CRM into thinking our key is still valid",
])
def test_keeping_a_system_from_noticing_its_lapsed_licence_is_piracy(clf, text):
    assert_refused(clf, text, RefusalReason.PIRACY)


@pytest.mark.parametrize("text", [
    "почему битрикс не видит лицензию, мы её продлили",
    "ключ защиты 1С не видится на новом компьютере",
    "после оплаты 1С так и не видит новую лицензию",
])
def test_a_licence_the_system_does_not_see_after_paying_is_a_ticket(clf, text):
    assert_ticket(clf, text)


# --- piracy: one seat shared by many ---------------------------------------------------------

@pytest.mark.parametrize("text", [
    "можно ли нам всем сидеть под одной учёткой, чтобы не покупать лицензии",
    "could the whole team use a single account so we pay for one seat",
    "один логин на троих менеджеров, платить за каждого дорого",
    "давайте продавцы будут работать под общим аккаунтом, лицензии же дорогие",
    "is it ok if two cashiers share one user to save on licences?",
])
def test_one_login_shared_to_spare_paid_seats_is_piracy(clf, text):
    assert_refused(clf, text, RefusalReason.PIRACY)


@pytest.mark.parametrize("text", [
    "один пользователь не может войти в битрикс, лицензия оплачена",
    "оплатили 3 места, как дать логин новому сотруднику?",
    "сколько стоит добавить ещё три места в битрикс24?",
])
def test_a_seat_paid_for_or_a_login_for_a_newcomer_is_a_ticket(clf, text):
    assert_ticket(clf, text)


# --- piracy: paid software wanted, its purchase refused ------------------------------------

@pytest.mark.parametrize("text", [
    "нужен фотошоп для смм-щицы, но без покупки",
    "иллюстратор нужен верстальщице, платить не хотим",
    "we need Photoshop for the designer, but we're not buying it",
    "винду бы на новый комп, только покупать не будем",
    "sketchup for our architect would be great, just not paying for it",
])
def test_paid_software_asked_for_with_its_purchase_refused_is_piracy(clf, text):
    assert_refused(clf, text, RefusalReason.PIRACY)


@pytest.mark.parametrize("text", [
    "перенесите лицензию автокада на новый компьютер, чтобы не покупать новую",
    "как бы продлить лицензию битрикса, она заканчивается?",
    "1С работает, как будто лицензия есть, но выдаёт ошибку при входе",
])
def test_a_licence_moved_or_renewed_or_misbehaving_is_a_ticket(clf, text):
    assert_ticket(clf, text)


# --- personal: streaming and game services, even through the office's network ----------------

@pytest.mark.parametrize("text", [
    "spotify doesn't play in the office over the proxy",
    "как открыть кинопоиск через корпоративный vpn?",
    "twitch is blocked on the office wifi, please unblock it",
    "поставьте стим на рабочий комп",
    "в переговорке на телевизоре не идёт нетфликс",
    "окко не запускается через наш прокси",
])
def test_a_streaming_or_game_service_is_personal_even_through_the_office(clf, text):
    assert_refused(clf, text, RefusalReason.PERSONAL_DEVICE)


@pytest.mark.parametrize("text", [
    "сотрудники смотрят нетфликс в рабочее время, можно заблокировать?",
    "телевизор в переговорке не показывает экран ноутбука",
    "наш впн не пускает в битрикс из дома",
    "our VPN won't connect to the 1C server from home",
    "удалённый рабочий стол не подключается из дома к 1с",
])
def test_blocking_streams_for_staff_the_meeting_room_tv_and_the_office_vpn_are_tickets(
    clf, text
):
    assert_ticket(clf, text)


# --- personal: a messenger's own chats lost ----------------------------------------------------

@pytest.mark.parametrize("text", [
    "в телеграме пропали чаты после переустановки",
    "WhatsApp history disappeared after I changed my phone, can you restore it",
    "есть ли способ достать старые сообщения из телеги после сброса телефона",
    "случайно стёрла переписку в вайбере, восстановите",
    "не могу перенести вотсап с андроида на айфон, пропадут переписки",
    "telegram lost all my chats after the update",
])
def test_a_messengers_own_chats_lost_or_moved_are_personal(clf, text):
    assert_refused(clf, text, RefusalReason.PERSONAL_DEVICE)


@pytest.mark.parametrize("text", [
    "WhatsApp-канал перестал передавать переписку в битрикс",
    "пропали чаты открытых линий после обновления битрикс",
    "у менеджера пропала переписка с клиентом в вотсапе",
    "в нашем вайбере пропали чаты с клиентами",
])
def test_a_messenger_wired_to_the_crm_or_to_clients_is_a_ticket(clf, text):
    assert_ticket(clf, text)


@pytest.mark.parametrize("text", [
    "телеграм не обновляется на айфоне",
    "контакты с телефона куда-то исчезли, верните",
    "whatsapp backup to google drive is stuck at 0%",
    "my phone's contacts vanished overnight",
])
def test_a_handsets_contacts_or_its_messenger_app_in_trouble_are_personal(clf, text):
    assert_refused(clf, text, RefusalReason.PERSONAL_DEVICE)


@pytest.mark.parametrize("text", [
    "на рабочем телефоне вотсап не подключается к CRM",
    "приложение битрикс24 на рабочем телефоне не показывает входящие",
    "телефон менеджера не получает пуши из битрикса",
])
def test_a_work_phone_with_the_crm_or_its_messenger_channel_is_a_ticket(clf, text):
    assert_ticket(clf, text)


@pytest.mark.parametrize("text", [
    "как скачать фильм на телефон для поездки",
    "можно на рабочем компе поиграть в доту после работы?",
    "hey, how do I put some series on my tablet for the flight",
])
def test_films_on_a_device_and_a_game_played_at_work_are_personal(clf, text):
    assert_refused(clf, text, RefusalReason.PERSONAL_DEVICE)


@pytest.mark.parametrize("text", [
    "заблокируйте сотрудникам игры на рабочих компьютерах",
    "музыка в офисе на колонке не играет",
])
def test_games_blocked_for_staff_and_the_office_speaker_are_tickets(clf, text):
    assert_ticket(clf, text)


@pytest.mark.parametrize("text", [
    "we'd like to keep using the trial after it ends without upgrading",
    "can you make excel stop asking for a product key",
    "сделайте, чтобы касса не видела что ФН просрочен",
    "хотим остаться на пробной версии после окончания, не переходя на платную",
])
def test_a_trial_kept_past_its_end_or_a_key_prompt_silenced_is_piracy(clf, text):
    assert_refused(clf, text, RefusalReason.PIRACY)


@pytest.mark.parametrize("text", [
    "сделайте, чтобы 1С не просила ключ ЭЦП каждый раз при подписании",
    "настройте, чтобы сбис не спрашивал пин-код рутокена каждый раз",
    "make the bank client stop asking for the token key every time",
    "касса пишет что ФН скоро закончится, что делать?",
])
def test_a_signature_key_prompt_or_a_fiscal_drive_running_out_is_a_ticket(clf, text):
    assert_ticket(clf, text)


# --- chatter: news marked as such, a dated decision, an answer promised later ----------------


@pytest.mark.parametrize("text", [
    "FYI from Monday we switch to the new price list",
    "к сведению: с понедельника все заявки только через битрикс",
    "информирую: с 1-го числа отключаем старую АТС",
    "для информации — амо больше не используем с марта",
    "heads up, we're migrating our mail to the new domain on Friday",
    "со следующей недели переезжаем на облачную 1С, старый сервер закрываем",
])
def test_news_marked_for_information_or_a_dated_decision_is_chatter(clf, text):
    assert_chatter(clf, text)


@pytest.mark.parametrize("text", [
    "к сведению, с утра не работает телефония",
    "FYI the exchange with 1C failed overnight",
    "fyi: we're moving to Bitrix from the 1st — can you migrate our deals?",
    pytest.param("к сведению, с понедельника отключаем амо, перенесите сделки", marks=MODEL_MISS),
    "с понедельника переходим на битрикс, что нужно подготовить?",
])
def test_news_with_a_breakdown_a_question_or_an_order_is_a_ticket(clf, text):
    assert_ticket(clf, text)


@pytest.mark.parametrize("text", [
    "уточню у руководителя и отпишусь",
    "посоветуюсь с директором, дам знать",
    "I'll ask the boss and let you know",
    "поговорю с партнёрами и маякну в четверг",
])
def test_an_answer_promised_later_is_chatter(clf, text):
    assert_chatter(clf, text)


def test_a_promise_to_report_back_with_an_error_in_it_is_a_ticket(clf):
    assert_ticket(clf, "сообщу, когда 1С снова упадёт — опять ошибка при проведении")


@pytest.mark.parametrize("text", [
    "новый менеджер Иван с завтра в битриксе, учетку ему уже создали",
    "FYI a new accountant starts Monday, we've already given her access to 1C",
    "у нас новая кассирша, логин в кассу ей уже завели сами",
])
def test_a_newcomer_whose_access_is_already_set_up_is_chatter(clf, text):
    assert_chatter(clf, text)


@pytest.mark.parametrize("text", [
    "к нам выходит новая кладовщица, заведите ей пользователя в 1С",
    "новому менеджеру уже создали учетку, но он не может войти",
    "новый менеджер уже добавлен, а звонки ему не идут, почему?",
])
def test_a_newcomer_with_access_asked_or_broken_is_a_ticket(clf, text):
    assert_ticket(clf, text)


# --- ticket kinds ------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "настройте переадресацию с офисного номера на сотовый директора на время отпуска",
    "add two more extensions to the call queue for the evening shift",
    "update the Bitrix24 box to the latest release please",
])
def test_routing_extensions_users_and_a_release_of_a_running_system_are_technical(clf, text):
    assert_kind(clf, text, Kind.TECHNICAL)


@pytest.mark.parametrize("text", [
    "настройте нам новую телефонию с IVR для второго филиала, сколько стоит?",
    "add a new integration between the call queue and 1C",
])
def test_a_new_system_or_integration_set_up_is_new_work(clf, text):
    assert_kind(clf, text, Kind.NEW_WORK)


@pytest.mark.parametrize("text", [
    "заявки с формы сайта больше не падают в CRM, раньше падали",
    "с утра виджет онлайн-записи выдаёт ошибку 502",
    "входящие звонки обрываются через минуту разговора",
    pytest.param("the chat widget no longer opens on mobile, it used to", marks=MODEL_MISS),
])
def test_a_regression_or_a_dropout_in_a_system_is_technical(clf, text):
    assert_kind(clf, text, Kind.TECHNICAL)


@pytest.mark.parametrize("text", [
    "причина в цене или менеджеры больше не перезванивают? раньше конверсия была выше",
    "менеджеры больше не заполняют поле источник, раньше заполняли — проверьте кто",
])
def test_the_staff_no_longer_doing_their_part_is_not_a_breakdown(clf, text):
    assert clf.predict(text).kind is not Kind.TECHNICAL, (text, clf.predict(text))


@pytest.mark.parametrize("text", [
    "what is the correct way to register a refund in 1C for a returned sofa?",
    "правильный способ списать просроченный товар в УТ?",
    "скидка в сделке ставится вручную или подтягивается сама из прайса?",
    "does the deal amount update automatically or do we type it by hand?",
    "как в ЗУП провести больничный сотруднику, который уволился",
])
def test_the_right_way_to_record_something_or_manual_versus_automatic_is_managerial(
    clf, text
):
    assert_kind(clf, text, Kind.MANAGERIAL)


@pytest.mark.parametrize("text", [
    "how often should we revisit the deal stages in the CRM?",
    "с какой периодичностью стоит чистить базу контактов в битриксе?",
    "нужен свежий взгляд: почему лидов с сайта стало меньше",
    "we'd like a second opinion on why repeat orders fell this year",
    "у ваших клиентов был опыт перехода с амо на битрикс? стоит оно того?",
])
def test_how_often_an_outside_view_and_your_clients_experience_are_strategic(clf, text):
    assert_kind(clf, text, Kind.STRATEGIC)


@pytest.mark.parametrize("text", [
    pytest.param("какая средняя длительность разговора по сотрудникам за март?", marks=MODEL_MISS),
    "average response time on Telegram leads per manager for last month please",
])
def test_a_figure_per_person_of_the_staff_is_control(clf, text):
    assert_kind(clf, text, Kind.CONTROL)


# --- the office's own devices --------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "наш роутер в офисе перезагружается",
    "our office router keeps rebooting",
    "the meeting room TV won't show my laptop over HDMI",
    "my work laptop won't connect to the office printer",
    "телевизор в переговорке не включается",
])
def test_an_office_device_misbehaving_is_a_technical_ticket(clf, text):
    assert_kind(clf, text, Kind.TECHNICAL)


@pytest.mark.parametrize("text", [
    "мой роутер дома перезагружается",
    "my laptop keeps rebooting",
    "мой личный ноутбук не видит офисный принтер",
])
def test_the_speakers_own_or_home_device_misbehaving_is_still_personal(clf, text):
    assert_refused(clf, text, RefusalReason.PERSONAL_DEVICE)


# --- Russian -ия/-иям noun forms (the vowel merge keys "обучения" apart from "обучени*") --------

def test_a_word_list_with_ia_forms_matches_the_ia_cases_of_its_nouns():
    from domain.triage.normalize import key
    from domain.triage.rules import Words

    plain = Words("обучени* компани*")
    with_ia = Words("обучени* компани*", ia_forms=True)
    for word in ("обучения", "обучениям", "компания", "компаниям"):
        assert not plain.matches(key(word)) and with_ia.matches(key(word)), word
    for word in ("обучение", "компанией"):
        assert plain.matches(key(word)) and with_ia.matches(key(word)), word


@pytest.mark.parametrize("text", [
    "совещания по понедельникам в 9:00 переносятся на 10:00",
    "мероприятия в пятницу в 18:00 не будет, переносим",
])
def test_meetings_and_events_in_their_ia_forms_are_office_news(clf, text):
    assert_chatter(clf, text)


@pytest.mark.parametrize("text", [
    "мой ноутбук, который выдала компания, не видит принтер",
    "битрикс не грузится на моём смартфоне, который выдала компания",
])
def test_a_device_the_company_issued_named_in_the_nominative_is_a_ticket(clf, text):
    assert_ticket(clf, text)


@pytest.mark.parametrize("text", [
    "управляющая компания поставила в подъезде умный замок, он не открывается по приложению",
    "фотография с айфона не переносится на ноут",
    "история переписки в телеге пропала после сброса",
])
def test_the_managing_company_of_a_home_and_a_persons_photos_or_chats_stay_personal(clf, text):
    assert_refused(clf, text, RefusalReason.PERSONAL_DEVICE)


# --- an aside ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "btw the cake from your team was amazing",
    "кстати, торт на новоселье был отличный",
    "между прочим, ваши пирожки на празднике разлетелись за минуту",
])
def test_an_aside_that_asks_nothing_and_names_no_system_is_chatter(clf, text):
    assert_chatter(clf, text)


@pytest.mark.parametrize("text", [
    "кстати, битрикс опять тормозит",
    "кстати, а можно добавить поле в сделку?",
    "кстати, открытые линии со вчера молчат",
    "кстати, принтер в офисе опять зажевал бумагу",
    "btw we're opening a new shop in May, the CRM will need a new pipeline",
])
def test_an_aside_with_a_system_a_question_or_a_breakdown_is_a_ticket(clf, text):
    assert_ticket(clf, text)


# --- more neighbours of the licence categories ------------------------------------------------

@pytest.mark.parametrize("text", [
    "сделайте, чтобы 1С не ругалась на окончание лицензии",
    "the box version shows licence expired, make that message go away and keep it working",
    "to save money, our two sales reps would sit under one CRM user, set it up",
    "an AutoCAD seat for the new drafter, but we don't want to pay for it",
    "сделайте общий логин для смены, платить за каждого не будем",
])
def test_more_ways_round_a_licence_are_piracy(clf, text):
    assert_refused(clf, text, RefusalReason.PIRACY)


@pytest.mark.parametrize("text", [
    "они работают под одним аккаунтом? нужно добавить лицензии",
    "чтобы касса не блокировалась, продлите лицензию ОФД",
    "will Bitrix keep working after the licence ends?",
    "сделайте, чтобы битрикс не блокировал пользователей после смены пароля",
])
def test_seats_added_a_licence_renewed_or_its_end_asked_about_are_tickets(clf, text):
    assert_ticket(clf, text)


@pytest.mark.parametrize("text", [
    "телега пишет что номер заблокирован",
    "whatsapp banned my number for no reason",
])
def test_a_messenger_account_banned_with_no_company_in_sight_is_personal(clf, text):
    assert_refused(clf, text, RefusalReason.PERSONAL_DEVICE)


@pytest.mark.parametrize("text", [
    "наш вотсап заблокировали, клиенты не могут написать",
    "вотсап в битриксе заблокирован, открытые линии молчат",
    "телеграм-бот заблокирован",
])
def test_the_companys_messenger_number_channel_or_bot_blocked_is_a_ticket(clf, text):
    assert_ticket(clf, text)


@pytest.mark.parametrize("text", [
    "восстановите сообщения на телефоне бухгалтера",
    "на телефоне кладовщика пропали контакты поставщиков",
    "перенесите контакты со старого телефона на новый рабочий",
    "старый рабочий ноутбук тормозит, почистите",
])
def test_a_staff_members_or_the_companys_phone_or_laptop_is_a_ticket(clf, text):
    assert_ticket(clf, text)


@pytest.mark.parametrize("text", [
    "на телефоне мужа пропали контакты",
    "ноут у меня совсем старый, еле грузится — ускорьте как-нибудь",
])
def test_a_family_phone_or_ones_own_old_laptop_is_still_personal(clf, text):
    assert_refused(clf, text, RefusalReason.PERSONAL_DEVICE)
