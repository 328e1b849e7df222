"""Issue 17, eighth round: STRUCTURAL rules written from the eleventh author's development set.

The seventh round's word lists did not transfer to the eleventh set, so these rules look at a
request's shape over any product or device: a key handed over, a modified build or an app
without its limits, one licence stretched over several machines or "who will check", a device
placed at home or with the family in so many words, consumer devices by their function, and
praise that asks nothing. Every phrasing was written for these tests (none is in the corpus or
a holdout, none paraphrases a holdout sentence), next to the legitimate requests it must not
refuse or silence.
"""

from __future__ import annotations

import pytest

from domain.kernel.model import Kind, RefusalReason
from tests.triage_sets import MODEL_MISS, assert_chatter, assert_refused, assert_ticket


@pytest.mark.parametrize("text", [
    "скиньте серийник на автокад, нужен для нового чертёжника",
    "поделитесь ключом на ворд 2019, плиз",
    "дайте ключ активации для касперского на второй комп",
    "can someone send me a product key for Office 2019",
    "anyone got a spare serial for Photoshop?",
    "пришлите код активации для винды на ноутбук директора",
    "найдите ключик на корел для дизайнера",
    "give us an activation key for Windows 11 Pro please",
    "подкиньте лицензию на тимвьюер, он опять ругается на коммерческое использование",
])
def test_a_key_asked_to_be_handed_over_for_a_commercial_product_is_piracy(clf, text):
    assert_refused(clf, text, RefusalReason.PIRACY)


@pytest.mark.parametrize("text", [
    "пришлите ключ защиты 1С для нового сервера",
    "ключ защиты 1С не видится на новом компьютере",
    "продлите лицензию касперского на все компьютеры офиса",
    "перенесите лицензию 1С со старого компьютера на новый",
    pytest.param("закажите пять лицензий Office 2021 для новых ноутбуков и выставьте счёт", marks=MODEL_MISS),
])
def test_a_key_bought_renewed_ordered_or_moved_and_1c_protection_keys_are_tickets(clf, text):
    assert_ticket(clf, text)


@pytest.mark.parametrize("text", [
    "скиньте ключ от windows, который мы купили в прошлом году",
    "у кого ключ от office, оплаченный по прошлогоднему счёту? надо на новый ноут",
])
def test_a_key_the_company_bought_is_never_refused_as_piracy_however_it_is_asked_for(clf,
                                                                                    text):
    # Both key rules ("скиньте ключ", "у кого ключ") share one guard for a key paid for.
    verdict = clf.predict(text)
    assert verdict.kind is not Kind.OUT_OF_SCOPE, (text, verdict)


@pytest.mark.parametrize("text", [
    "ключи от офиса оставьте курьеру на ресепшн",
    "ключ от офиса у кого?",
])
def test_the_key_to_the_offices_door_is_no_licence(clf, text):
    assert clf.predict(text).kind is not Kind.OUT_OF_SCOPE


@pytest.mark.parametrize("text", [
    "есть ли мод версия канвы с про функциями?",
    "нужна модифицированная версия кепката без водяного знака",
    "поставьте пропатченный тимвьюер без ограничения по времени",
    "нам бы мод версию ноушена на всю команду",
    "a version of CapCut without the watermark for our reels",
    "нужен teamviewer без ограничения на сеанс",
    "хочу apk спотифая с премиумом",
])
def test_a_modified_build_or_an_app_without_its_limits_is_piracy(clf, text):
    assert_refused(clf, text, RefusalReason.PIRACY)


@pytest.mark.parametrize("text", [
    "модифицированная конфигурация 1С не обновляется",
    "настройте битрикс без ограничений по правам для директора",
])
def test_a_modified_configuration_or_unrestricted_rights_are_tickets(clf, text):
    assert_ticket(clf, text)


@pytest.mark.parametrize("text", [
    "одну лицензию касперского поставим на пять компов, ничего страшного",
    "можно одну подписку на фотошоп на троих дизайнеров",
    "buy one licence of Office and put it on all our PCs, who will check",
    "one AutoCAD seat for both offices, nobody checks anyway",
    "ключ от винды со старого компа раскатаем на все новые, проверять некому",
    "оформим один логин амо на все точки, не заметят",
])
def test_one_licence_stretched_over_several_or_nobody_checking_is_piracy(clf, text):
    assert_refused(clf, text, RefusalReason.PIRACY)


@pytest.mark.parametrize("text", [
    "сколько лицензий битрикса нужно на три филиала?",
    "у нас одна лицензия 1С на три компьютера, надо докупить ещё две",
    "add two more seats to our Bitrix24, one for each new manager",
])
def test_counting_or_adding_licences_is_a_ticket(clf, text):
    assert_ticket(clf, text)


def test_one_account_for_all_asked_as_how_to_do_it_right_is_not_refused(clf):
    text = "одна учетка на всех — так нельзя? как правильно раздать доступы сотрудникам"
    assert clf.predict(text).kind is not Kind.OUT_OF_SCOPE


@pytest.mark.parametrize("text", [
    "у мамы принтер зажёвывает бумагу, что посоветуете",
    "the laptop at my place keeps freezing, what should I do",
    "на даче камера видеонаблюдения не видит сеть роутера",
    "у сына планшет не заряжается",
    "my wife's tablet won't turn on",
    "my mum's phone shows ads everywhere, how to remove them",
    "at home the wifi box loses connection every evening, any tips",
    "у дочки наушники не коннектятся с телефоном",
    "for my kid I need parental controls on the tablet",
    "my own monitor flickers after the update",
])
def test_a_device_placed_at_home_or_with_the_family_is_personal(clf, text):
    assert_refused(clf, text, RefusalReason.PERSONAL_DEVICE)


@pytest.mark.parametrize("text", [
    "видеоняня показывает чёрный экран, подскажите",
    "кормушка для кота не подключается к приложению",
    "робот-пылесос не строит карту",
    "the baby monitor keeps disconnecting from wifi",
    "our dog's GPS collar stopped syncing",
    "тонометр не передаёт данные в приложение",
    "чайник с алисой не включается по команде",
    "видеорегистратор перезагружается на ходу",
    "парктроник пищит без причины, что делать",
    "электросамокат не видит приложение",
    "air fryer app won't pair with my phone",
    "квадрокоптер теряет связь с пультом",
])
def test_consumer_devices_by_their_function_are_personal(clf, text):
    assert_refused(clf, text, RefusalReason.PERSONAL_DEVICE)


@pytest.mark.parametrize("text", [
    "принтер в бухгалтерии мажет и полосит",
    "the office printer spits out empty sheets",
    "на служебном ноутбуке битрикс висит на загрузке",
    "настройте почту на корпоративном домене для новой сотрудницы",
    "в переговорке телевизор не видит ноутбук",
    "wifi in the office keeps dropping",
    "поставьте приложение битрикс24 на рабочий телефон менеджера",
    "телефония не звонит на мобильный директора",
    "наушники операторов колл-центра хрипят при звонках",
    "у менеджера дома не открывается 1С",
    "работаю из дома, не пускает в 1С",
])
def test_the_offices_devices_mail_and_work_systems_stay_tickets(clf, text):
    assert_ticket(clf, text)


@pytest.mark.parametrize("text", [
    "огонь, дашборд теперь грузится за секунду",
    "great job on the mailing, it looks neat now",
    "thanks for sorting the printer, it prints fine again",
    "молодцы, сводная по складу получилась аккуратная",
    "отлично, выгрузка в 1С прошла без ошибок",
])
def test_praise_naming_what_was_done_and_asking_nothing_is_chatter(clf, text):
    assert_chatter(clf, text)


@pytest.mark.parametrize("text", [
    pytest.param("спасибо, и ещё посмотрите почту у бухгалтера", marks=MODEL_MISS),
    "супер, выгрузка идёт, но цены не подтягиваются",
    pytest.param("thanks for the fix, could you also check the mail", marks=MODEL_MISS),
    "супер, теперь сделайте так же для второго филиала",
    "отлично, а можно отчёт по звонкам ещё и по неделям?",
    pytest.param("круто, теперь лиды идут, осталось настроить почту", marks=MODEL_MISS),
    "great, leads are back; now please add the web form on the contacts page too",
])
def test_praise_with_a_request_after_it_is_a_ticket(clf, text):
    assert_ticket(clf, text)
