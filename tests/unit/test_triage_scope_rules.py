"""Issue 17: who owns the thing decides whether it is support; people news and jokes are chatter.

Each rule is shown with several phrasings written for these tests (none is in the corpus or in a
holdout), so a rule that only memorised one sentence fails here.
"""

from __future__ import annotations

import pytest

from domain.kernel.model import Kind, RefusalReason
from domain.triage import BuiltinClassifier
from tests.triage_sets import MODEL_MISS


def _personal(clf: BuiltinClassifier, text: str) -> None:
    verdict = clf.predict(text)
    assert (verdict.kind, verdict.reason) == (
        Kind.OUT_OF_SCOPE, RefusalReason.PERSONAL_DEVICE
    ), (text, verdict)


# --- the user's own things -----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "не могу войти в свою почту на яндексе, пароль не подходит",
    "моя почта на рамблере перестала принимать письма",
    "не открывается моя почта на mail.ru уже второй день",
    "почта rambler не принимает пароль",
    "помогите восстановить пароль от моего gmail",
    "моя личная почта yandex переполнена, как почистить?",
    "I can't log into my personal gmail account",
])
def test_personal_mailbox_on_a_consumer_service_is_out_of_scope(clf, text):
    _personal(clf, text)


@pytest.mark.parametrize("text", [
    "наша почта на домене компании не принимает письма",
    "корпоративная почта не синхронизируется с битриксом",
    "почта в битриксе перестала подгружать письма из ящика отдела продаж",
    "почта на яндексе у всей компании не принимает письма, домен наш",
    "не отправляются письма с корпоративной почты",
    pytest.param("подключите почту отдела продаж на яндексе к битриксу", marks=MODEL_MISS),
    "у Марины не работает почта в битриксе, пишет ошибка авторизации",
])
def test_company_mailbox_stays_technical(clf, text):
    assert clf.predict(text).kind is Kind.TECHNICAL, text


@pytest.mark.parametrize("text", [
    "у меня взломали вконтакте, что делать?",
    "заблокировали аккаунт в одноклассниках, помогите разблокировать",
    "взломали мою страницу в инстаграме, помогите вернуть",
    "личный кабинет на госуслугах не пускает, помогите",
    "на госуслугах не могу записаться к врачу, выдает ошибку",
    "не могу зайти в сбербанк онлайн на телефоне",
    "в приложении сбербанка не могу перевести деньги, помогите",
    "по моей карте тинькофф не проходит оплата в приложении",
    "Не приходит смс от банка для входа в личный кабинет",
    "how do I recover my instagram password",
])
def test_personal_accounts_in_social_networks_banks_and_state_services_are_out_of_scope(
    clf, text
):
    _personal(clf, text)


@pytest.mark.parametrize("text", [
    "приставка playstation не подключается к интернету",
    "приставка xbox не видит геймпад",
    "в стиме не запускается игра, помогите",
    "не работает подписка на кинопоиск, списали деньги",
    "как продлить подписку яндекс плюс",
    "настройте мне смарт тв, не показывает каналы",
    "Подскажите пожалуйста, на домашнем компе не запускается world of tanks",
])
def test_games_consoles_streaming_and_smart_tv_are_out_of_scope_even_without_an_owner(
    clf, text
):
    _personal(clf, text)


@pytest.mark.parametrize("text", [
    "ребёнок сломал планшет, можно посмотреть?",
    "ребенок удалил все приложения на планшете",
    "у сына не запускается майнкрафт",
    "муж просит посмотреть его ноутбук, очень тормозит",
    "у мамы не работает ватсап на телефоне",
    "жена просит настроить ей почту на айфоне",
    "my son's tablet is locked, can you reset it?",
])
def test_family_members_devices_and_apps_are_out_of_scope(clf, text):
    _personal(clf, text)


@pytest.mark.parametrize("text", [
    "на своем телефоне не могу скачать приложение из плей маркета",
    "мой телеграм на телефоне не присылает уведомления",
    "у меня айфон не синхронизирует фото с айклаудом",
    "коллеги, а можете мне на личном макбуке поставить нормальный антивирус?",
    "дома роутер раздаёт вайфай через раз, подскажите что сделать",
    "my home wifi is slow, can you help?",
])
def test_own_phone_laptop_and_home_network_are_out_of_scope_whatever_work_words(clf, text):
    _personal(clf, text)


@pytest.mark.parametrize("text", [
    "не по работе, но может подскажете — смарт-часы не синхронизируются с телефоном",
    "вопрос не рабочий: наушники не подключаются к ноутбуку",
    "not work related, but my tablet won't charge",
])
def test_a_request_said_to_be_not_about_work_is_out_of_scope(clf, text):
    _personal(clf, text)


@pytest.mark.parametrize("text", [
    "ростелеком дома третий день без интернета",
    "на даче модем не ловит сеть",
    "поменяйте мне тариф на мобильном, дорого",
    "как подключить умную колонку алиса к вайфаю",
    "на моей электронной книге не открываются файлы",
    "i have a question about my personal phone, the battery drains fast",
])
def test_home_internet_mobile_tariffs_and_gadgets_are_out_of_scope(clf, text):
    _personal(clf, text)


@pytest.mark.parametrize(("text", "kind"), [
    ("смс рассылка выдает ошибку баланса провайдера", Kind.TECHNICAL),
    ("номера билайн не звонят через телефонию", Kind.TECHNICAL),
    ("в офисе пропал интернет, ростелеком, все сотрудники без связи", None),
])
def test_providers_and_tariffs_of_the_company_are_not_personal(clf, text, kind):
    verdict = clf.predict(text)
    assert verdict.kind is not Kind.OUT_OF_SCOPE, text
    if kind is not None:
        assert verdict.kind is kind, text


@pytest.mark.parametrize(("text", "kind"), [
    ("личный кабинет клиента на сайте не открывается", Kind.TECHNICAL),
    ("эквайринг сбербанка на сайте не проходит оплата", Kind.TECHNICAL),
    ("интеграция с тинькофф кассой выдает ошибку", Kind.TECHNICAL),
    ("клиент-банк не выгружает платежки в 1с", Kind.TECHNICAL),
    ("не приходят сообщения из вконтакте в открытые линии", Kind.TECHNICAL),
    pytest.param("на моем телефоне не работает мобильное приложение битрикс24", Kind.TECHNICAL, marks=MODEL_MISS),
    ("хотим подключить вконтакте к открытым линиям, оцените", Kind.NEW_WORK),
])
def test_consumer_brands_inside_the_clients_systems_stay_support(clf, text, kind):
    assert clf.predict(text).kind is kind, text


@pytest.mark.parametrize("text", [
    "проверьте, не переписываются ли менеджеры с клиентами в личных ватсапах вместо CRM",
    "кто из сотрудников звонит клиентам с личного мобильного, а не через телефонию?",
])
def test_employees_personal_phones_in_an_audit_are_not_the_speakers_own(clf, text):
    assert clf.predict(text).kind is not Kind.OUT_OF_SCOPE, text


@pytest.mark.parametrize("text", [
    "у меня не работает телефония, пишет ошибка регистрации sip",
    "телефония сбоит у меня и у Ольги, звонки обрываются",
])
def test_telephony_is_the_clients_system_not_a_handset(clf, text):
    # "телефония" and "телефона" share a phonetic key; the raw word tells them apart.
    assert clf.predict(text).kind is Kind.TECHNICAL, text


@pytest.mark.parametrize("text", [
    "на рабочем компьютере не открывается 1с, пишет ошибка лицензии",
    "продлите лицензию на битрикс, заканчивается через неделю",
])
def test_a_licence_mentioned_next_to_the_word_na_is_not_piracy(clf, text):
    # English "no" and Russian "на" share a key: "на" must not read as "without a licence".
    assert clf.predict(text).kind is not Kind.OUT_OF_SCOPE, text


# --- people in the chat and jokes ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "всем привет, я Ольга, новый менеджер, теперь буду с вами",
    "Всем добрый день! Меня зовут Денис, я новый руководитель отдела продаж",
    "Привет всем, я Кристина, буду вместо Лены по вопросам 1С",
    "Добрый день, коллеги. Меня зовут Андрей, теперь я отвечаю за закупки",
    "Хочу представить нового сотрудника — Артём, он будет отвечать за склад",
    "Hi all, I'm Tom, the new sales manager, happy to join",
    "Юля теперь с нами в чате",
    "Коллеги, это Вадим, наш новый продажник",
    "Всем привет, я из отдела маркетинга, теперь тоже в чате",
    "Привет всем! Я Аня, с сегодняшнего дня работаю у вас менеджером по закупкам",
    # "Dan" shares its key with the "don" of "don't": a name is not a malfunction.
    "Good morning everyone, I'm Dan, I just joined the finance team",
])
def test_newcomer_introduction_is_chatter(clf, text):
    assert clf.predict(text).kind is Kind.NOISE, text


@pytest.mark.parametrize("text", [
    "Добавила в чат нового бухгалтера Анну",
    "Коллеги, добавил в группу Игоря из отдела продаж, он будет писать заявки",
    "Ребята, к нам присоединилась Вероника из маркетинга",
    "Теперь в чате наш главбух Светлана Петровна",
])
def test_chat_membership_news_is_chatter(clf, text):
    assert clf.predict(text).kind is Kind.NOISE, text


@pytest.mark.parametrize("text", [
    "прослушайте звонки нового менеджера, как он говорит с клиентами",
    "у нового менеджера не отображаются лиды",
    "я новый менеджер, дайте мне доступ в битрикс",
    "Меня зовут Денис, я новый логист, подскажите как оформить перемещение в 1с?",
    "Знакомьтесь, это Марина, добавьте ей доступ к CRM",
])
def test_a_newcomer_who_asks_for_something_opens_a_ticket(clf, text):
    assert clf.predict(text).kind is not Kind.NOISE, text


@pytest.mark.parametrize("text", [
    "анекдот дня: программист ставит на тумбочку два стакана",
    "хаха, битрикс как всегда, сам себя не понимает",
    "Шутка: сколько нужно менеджеров, чтобы сделать сделку? ни одного, CRM сама всё сделает",
    "пятничный юмор: сделка сама себя не закроет 😂",
    "ахаха, понедельник начинается в субботу",
])
def test_joke_or_laugh_is_chatter(clf, text):
    assert clf.predict(text).kind is Kind.NOISE, text


def test_asking_for_a_joke_is_an_errand_not_chatter(clf):
    verdict = clf.predict("расскажите анекдот про программистов")
    assert (verdict.kind, verdict.reason) == (Kind.OUT_OF_SCOPE, RefusalReason.OFF_TOPIC)


@pytest.mark.parametrize("text", [
    "шутки шутками, а если серьезно — телефония не работает с утра",
    "хаха, опять упала телефония, посмотрите",
    "лол, 1с снова выдаёт ошибку при проведении",
])
def test_a_laugh_about_a_malfunction_is_still_a_request(clf, text):
    assert clf.predict(text).kind is Kind.TECHNICAL, text


# --- evidence of a malfunction and checks of infrastructure --------------------------------

@pytest.mark.parametrize("text", [
    "вот скрин ошибки при проведении документа",
    "скрин ошибки прикладываю, не проводится реализация",
    "Посмотрите скрин, при загрузке выписки ошибка",
    "при проведении реализации выдает ошибку, скриншот в приложении",
    "ошибка на скрине, не открывается отчет по продажам",
    "Вот скриншот, ошибка 500 при открытии отчета",
])
def test_an_error_or_its_screenshot_is_technical_evidence(clf, text):
    assert clf.predict(text).kind is Kind.TECHNICAL, text


@pytest.mark.parametrize("text", [
    "бэкап не делался с пятницы, проверьте",
    "резервная копия портала не создаётся уже три дня, гляньте",
    "проверьте бэкапы сервера, кажется последнюю неделю не создавались",
    "проверьте, пожалуйста, почему бэкап базы не делается",
    "проверьте пожалуйста обмен с 1с, со вчерашнего дня товары не выгружаются",
    "обмен с сайтом не прошел ночью, проверьте что случилось",
])
def test_a_check_of_backups_or_exchange_is_technical_not_control(clf, text):
    assert clf.predict(text).kind is Kind.TECHNICAL, text


# --- issue 17, second round: office life, audits, how-to vs strategy, piracy in English ----

@pytest.mark.parametrize("text", [
    "коллеги, в четверг в 15:00 совещание по итогам квартала",
    "всем: 12 июня нерабочий день, офис закрыт",
    "напоминаю про субботник в субботу в 10:00",
    "завтра планерка в 10, не опаздывайте",
    "heads up, the office is closed on friday",
])
def test_office_announcement_of_a_meeting_or_day_off_is_chatter(clf, text):
    assert clf.predict(text).kind is Kind.NOISE, text


@pytest.mark.parametrize("text", [
    "я сегодня на удалёнке, по срочным звоните",
    "завтра буду после обеда, к врачу",
    "Лена заболела, до конца недели её не будет",
    "Марина в отпуске до 15 числа",
    "I'm working from home tomorrow, call my cell if needed",
])
def test_someone_working_from_home_or_away_is_chatter_not_a_personal_request(clf, text):
    assert clf.predict(text).kind is Kind.NOISE, text


@pytest.mark.parametrize(("text", "kind"), [
    ("завтра офис не работает, настройте переадресацию звонков на мобильные", None),
    ("сегодня работаю из дома, битрикс не открывается", Kind.TECHNICAL),
    ("сегодня работаю из дома, не могу подключиться к 1с через удаленку", Kind.TECHNICAL),
    ("в пятницу собрание, подготовьте отчет по сделкам за месяц", None),
])
def test_an_announcement_with_a_request_or_a_malfunction_is_a_ticket(clf, text, kind):
    verdict = clf.predict(text)
    assert verdict.kind not in (Kind.NOISE, Kind.OUT_OF_SCOPE), (text, verdict)
    if kind is not None:
        assert verdict.kind is kind, (text, verdict)


def test_a_personal_device_failing_on_holiday_is_still_out_of_scope(clf):
    _personal(clf, "в отпуске телефон не ловит интернет")


@pytest.mark.parametrize("text", [
    "удалила из группы Сергея, он уволился",
    "исключил из чата бывшего логиста, он больше у нас не работает",
    "убрала Олега из группы, он уволился",
    "removed Anna from the chat, she no longer works with us",
])
def test_someone_removed_from_the_chat_is_chatter_even_if_they_no_longer_work(clf, text):
    assert clf.predict(text).kind is Kind.NOISE, text


def test_a_removal_with_a_malfunction_is_still_a_request(clf):
    verdict = clf.predict("удалила Олю из чата, у неё не работает телефония, посмотрите")
    assert verdict.kind is Kind.TECHNICAL


@pytest.mark.parametrize("text", [
    "кто-нибудь заказывал воду на кухню?",
    "чей пакет с продуктами в холодильнике?",
    "кто со мной на обед в 13?",
    "who took my umbrella from the reception?",
    "who ordered the sushi for the meeting room?",
])
def test_colleagues_asking_each_other_about_office_life_is_chatter(clf, text):
    assert clf.predict(text).kind is Kind.NOISE, text


def test_an_errand_asked_of_the_integrator_stays_off_topic(clf):
    verdict = clf.predict("закажите нам пиццу в офис на шестерых")
    assert (verdict.kind, verdict.reason) == (Kind.OUT_OF_SCOPE, RefusalReason.OFF_TOPIC)


@pytest.mark.parametrize("text", [
    "кто удалил задачу по Альфастрою?",
    "кто поменял сумму в счете для ООО Вектор",
    "кто провел оплату задним числом в прошлом месяце",
    "who edited the price list last weekend?",
    "who deleted the contact of our biggest client?",
])
def test_who_deleted_or_edited_a_record_is_an_audit(clf, text):
    assert clf.predict(text).kind is Kind.CONTROL, text


@pytest.mark.parametrize("text", [
    "кто из продавцов не заполнил причину отказа в сделках",
    "кто из операторов не взял ни одного чата вчера",
    "мне нужно узнать кто из менеджеров пишет клиентам с личных номеров",
    "по каким лидам нет ни одного звонка за три дня",
    "какие сделки висят без запланированных дел и чьи они",
])
def test_who_did_not_do_their_duty_or_which_records_lack_activity_is_an_audit(clf, text):
    assert clf.predict(text).kind is Kind.CONTROL, text


@pytest.mark.parametrize(("text", "kind"), [
    ("кто знает, как удалить сделку?", Kind.MANAGERIAL),
    ("где посмотреть, кто менял ответственного в сделке?", Kind.MANAGERIAL),
    ("кто сломал обмен? сайт не получает остатки", Kind.TECHNICAL),
])
def test_who_knows_how_or_who_broke_it_is_not_an_audit(clf, text, kind):
    assert clf.predict(text).kind is kind, text


@pytest.mark.parametrize("text", [
    "как правильно оформить возврат поставщику в 1с",
    "как правильно провести корректировку реализации",
    "как правильно списать брак в 1с",
    "как в карточке контакта поменять ответственного",
    "how to add a new stage to the pipeline?",
    "how do I assign a task to two people?",
])
def test_how_to_do_an_operation_in_the_system_is_managerial(clf, text):
    assert clf.predict(text).kind is Kind.MANAGERIAL, text


@pytest.mark.parametrize("text", [
    "какие метрики стоит считать для отдела продаж",
    "какой подход к работе с повторными клиентами лучше",
    "which channels should we route into open lines?",
    "какие каналы продаж нам стоит развивать в первую очередь",
    "как сделать так, чтобы менеджеры сами работали в crm без пинков",
    "как выстроить работу отдела продаж в crm",
])
def test_which_metrics_channels_or_approach_and_how_the_company_should_work_is_strategic(
    clf, text
):
    assert clf.predict(text).kind is Kind.STRATEGIC, text


@pytest.mark.parametrize("text", [
    "how do I get autocad for free at home",
    "can I get microsoft office for free somehow",
    "is there a way to get photoshop for free?",
    "где бесплатно скачать автокад 2024",
    "хочу бесплатно поставить себе coreldraw",
])
def test_paid_software_for_free_is_piracy_in_any_language(clf, text):
    verdict = clf.predict(text)
    assert (verdict.kind, verdict.reason) == (Kind.OUT_OF_SCOPE, RefusalReason.PIRACY), text


@pytest.mark.parametrize("text", [
    "how do I get a free trial of bitrix24 enterprise?",
    "есть ли бесплатный тариф битрикс24 для маленькой компании?",
])
def test_a_vendors_trial_or_free_plan_is_not_piracy(clf, text):
    assert clf.predict(text).kind is not Kind.OUT_OF_SCOPE, text


@pytest.mark.parametrize("text", [
    "у ребенка на планшете не грузится ютуб",
    "жене нужно восстановить пароль от ноутбука",
    "сыну на телефон поставьте родительский контроль",
    "у мамы на смартфоне не приходят смс",
    "my son's laptop has a virus",
])
def test_family_and_kids_devices_are_out_of_scope(clf, text):
    _personal(clf, text)


@pytest.mark.parametrize("text", [
    "мой личный телеграм заблокировали, помогите",
    "не могу зайти в свой личный вайбер",
    "my personal whatsapp got banned",
    "мне нужно восстановить личный ватсап",
])
def test_personal_messenger_accounts_are_out_of_scope(clf, text):
    _personal(clf, text)


@pytest.mark.parametrize("text", [
    "напишите обработку для выгрузки заказов в эксель",
    "посчитайте внедрение сквозной аналитики",
    "нужен модуль для расчета бонусов менеджерам",
    "рассчитайте интеграцию нашего сайта с 1с",
])
def test_writing_or_pricing_a_piece_of_work_is_new_work(clf, text):
    assert clf.predict(text).kind is Kind.NEW_WORK, text


@pytest.mark.parametrize("text", [
    "коллеги, кто-то оставил включенный свет в переговорке",
    "у кого есть зарядка для айфона?",
    "кто-нибудь знает, во сколько сегодня закрывается столовая?",
])
def test_asking_around_the_office_is_chatter_wherever_the_who_stands(clf, text):
    assert clf.predict(text).kind is Kind.NOISE, text


@pytest.mark.parametrize("text", [
    "we're out for lunch, back at 2",
    "в 14:00 созвон с поставщиком, я буду недоступна",
    "с завтрашнего дня Ирина в декрете, её клиентов ведёт Оля",
    "Anna is on maternity leave from Monday",
])
def test_being_away_at_lunch_in_a_meeting_or_on_leave_is_chatter(clf, text):
    assert clf.predict(text).kind is Kind.NOISE, text


@pytest.mark.parametrize("text", [
    "всем спасибо за работу в этом году!",
    "спасибо за настройку телефонии!",
    "просто проверяю, работает ли чат",
    "проверяю, дошло ли сообщение",
])
def test_thanks_with_nothing_asked_and_a_test_message_are_chatter(clf, text):
    assert clf.predict(text).kind is Kind.NOISE, text


@pytest.mark.parametrize(("text", "kind"), [
    ("спасибо, но отчет так и не грузится", Kind.TECHNICAL),
    pytest.param("спасибо, а можно ещё поле добавить?", None, marks=MODEL_MISS),
])
def test_thanks_followed_by_a_problem_or_a_question_is_a_request(clf, text, kind):
    verdict = clf.predict(text)
    assert verdict.kind not in (Kind.NOISE, Kind.OUT_OF_SCOPE), (text, verdict)
    if kind is not None:
        assert verdict.kind is kind, (text, verdict)


@pytest.mark.parametrize("text", [
    "how to use photoshop after the trial ends without paying",
    "сделайте чтобы spotify работал без подписки",
    "можно ли продлить пробный период битрикса ещё раз на другой email",
    "как сделать чтобы битрикс не проверял лицензию",
    "make windows stop asking for the activation key",
])
def test_using_paid_software_without_paying_or_a_trial_again_is_piracy(clf, text):
    verdict = clf.predict(text)
    assert (verdict.kind, verdict.reason) == (Kind.OUT_OF_SCOPE, RefusalReason.PIRACY), text


@pytest.mark.parametrize("text", [
    "1с не видит лицензию, пишет не найден ключ защиты",
    "битрикс перестал проверять лицензию и пишет ошибку",
    "сотрудники не проверяют лицензии у контрагентов",
])
def test_a_licence_that_fails_or_is_audited_is_not_piracy(clf, text):
    assert clf.predict(text).kind is not Kind.OUT_OF_SCOPE, text


@pytest.mark.parametrize("text", [
    "подскажите хорошего стоматолога в центре",
    "посоветуйте хорошего сантехника, течёт кран",
    "can you recommend a good dentist nearby?",
])
def test_recommending_a_dentist_doctor_or_plumber_is_an_errand(clf, text):
    verdict = clf.predict(text)
    assert (verdict.kind, verdict.reason) == (Kind.OUT_OF_SCOPE, RefusalReason.OFF_TOPIC), text


def test_marketing_roi_advice_is_strategic_not_an_errand(clf):
    assert clf.predict("what would you recommend for tracking marketing roi?").kind is (
        Kind.STRATEGIC
    )


@pytest.mark.parametrize("text", [
    "в понедельник у нас новый сотрудник, Саша, прошу любить и жаловать",
    "please welcome Maria, our new accountant",
])
def test_welcoming_a_new_colleague_is_chatter_though_it_says_please(clf, text):
    assert clf.predict(text).kind is Kind.NOISE, text


def test_welcoming_a_colleague_with_a_request_opens_a_ticket(clf):
    text = "прошу любить и жаловать нового менеджера, дайте ему доступ к crm"
    assert clf.predict(text).kind not in (Kind.NOISE, Kind.OUT_OF_SCOPE)


# --- round three: other industries, marketplaces, games, borrowed keys, office events -------

def _piracy(clf: BuiltinClassifier, text: str) -> None:
    verdict = clf.predict(text)
    assert (verdict.kind, verdict.reason) == (Kind.OUT_OF_SCOPE, RefusalReason.PIRACY), (
        text, verdict
    )


@pytest.mark.parametrize("text", [
    "как сделать, чтобы пробный период автокада не кончался, покупать не хотим",
    "можно ли пользоваться trial версией корела дальше, чтобы не платить?",
    "что почистить в реестре, чтобы пробная версия solidworks началась заново",
    "через regedit можно сбросить лицензию компаса?",
])
def test_a_trial_kept_so_as_not_to_buy_or_a_wiped_registry_is_piracy(clf, text):
    _piracy(clf, text)


@pytest.mark.parametrize("text", [
    "у кого-нибудь остался ключ от офиса 2021? надо на ноут бухгалтеру",
    "поделитесь ключиком для винды, пожалуйста",
    "does anyone have a spare Photoshop key for the designer?",
    "скиньте серийник на архикад кто-нибудь",
])
def test_a_licence_key_borrowed_from_whoever_has_one_is_piracy(clf, text):
    _piracy(clf, text)


@pytest.mark.parametrize("text", [
    "у кого ключ от склада? не могу открыть",
    "ключ лицензии 1с пропал из списка, программа не запускается",
])
def test_a_door_key_or_a_missing_company_licence_is_not_piracy(clf, text):
    assert clf.predict(text).reason is not RefusalReason.PIRACY, text


@pytest.mark.parametrize("text", [
    "принтер в бухгалтерии печатает из 1с иероглифы вместо текста",
    "в выгрузке из crm вместо имён клиентов кракозябры",
])
def test_garbled_output_is_a_malfunction_not_a_crack(clf, text):
    assert clf.predict(text).kind is Kind.TECHNICAL, text


@pytest.mark.parametrize("text", [
    "мой аккаунт на озоне заблокировали после возврата, что делать",
    "не могу оплатить заказ на wildberries своей картой",
    "в моём профиле на авито пропали все объявления и не пускает войти",
    "my amazon account is locked, can you help me log in?",
])
def test_a_personal_marketplace_or_delivery_account_is_out_of_scope(clf, text):
    _personal(clf, text)


@pytest.mark.parametrize("text", [
    "остатки из 1с не выгружаются на озон, товары в кабинете продавца с нулём",
    "настройте интеграцию crm с wildberries, чтобы заказы падали в сделки",
])
def test_the_clients_marketplace_shop_stays_a_ticket(clf, text):
    assert clf.predict(text).kind is not Kind.OUT_OF_SCOPE, text


@pytest.mark.parametrize("text", [
    "вечером не могу зайти в warcraft, висит на подключении к серверу",
    "гта вылетает при запуске на ноуте, помогите",
    "pubg lags like crazy since yesterday, is it my connection?",
])
def test_a_game_named_by_title_is_out_of_scope(clf, text):
    _personal(clf, text)


@pytest.mark.parametrize("text", [
    "не могу поменять дату в документе реализации",
    "в отчёте съехала дата доставки, вместо среды стоит пятница",
])
def test_a_date_is_not_a_game_title(clf, text):
    assert clf.predict(text).kind is not Kind.OUT_OF_SCOPE, text


@pytest.mark.parametrize("text", [
    "в среду в 10:00 обучение по новой воронке в битриксе, всем быть обязательно",
    "завтра в 9 планёрка по отчётам из 1с, прошу быть всех начальников смен",
    "Friday 3pm training on the new CRM pipeline, everyone must attend",
])
def test_a_training_or_meeting_announced_with_a_call_to_attend_is_chatter(clf, text):
    assert clf.predict(text).kind is Kind.NOISE, text


def test_asking_the_integrator_to_run_a_training_stays_a_ticket(clf):
    text = "проведите в среду обучение по битриксу для новых администраторов"
    assert clf.predict(text).kind not in (Kind.NOISE, Kind.OUT_OF_SCOPE)


@pytest.mark.parametrize("text", [
    "коллеги, с наступающим! пусть следующий год будет спокойнее",
    "поздравляю всех с 8 марта, девушки, вы чудо",
    "ура, первая отгрузка по новой системе ушла без единой ошибки!",
    "Happy New Year everyone, thanks for a great year!",
])
def test_holiday_greetings_and_cheers_are_chatter(clf, text):
    assert clf.predict(text).kind is Kind.NOISE, text


def test_a_cheer_followed_by_a_breakage_is_a_ticket(clf):
    text = "ура, обновили 1с, но теперь не проводятся накладные"
    assert clf.predict(text).kind is Kind.TECHNICAL


@pytest.mark.parametrize("text", [
    "кондиционер в переговорке опять не работает, кто-нибудь знает, кому сказать?",
    "чайник на кухне сломался, кто последний им пользовался?",
    "курьер с водой внизу, кто заказывал?",
])
def test_broken_office_appliances_and_the_courier_downstairs_are_small_talk(clf, text):
    assert clf.predict(text).kind is Kind.NOISE, text


@pytest.mark.parametrize("text", [
    "ну и ливень сегодня, еле дошла до офиса",
    "жара невыносимая, погода как в аду",
])
def test_talking_about_the_weather_is_chatter_asking_it_is_an_errand(clf, text):
    assert clf.predict(text).kind is Kind.NOISE, text
    asked = clf.predict("какая погода будет завтра в Самаре?")
    assert (asked.kind, asked.reason) == (Kind.OUT_OF_SCOPE, RefusalReason.OFF_TOPIC)


@pytest.mark.parametrize("text", [
    "какие водители не закрыли путевые листы за вчера",
    "сколько рейсов сорвали перевозчики в этом месяце по отчёту?",
    "кто из администраторов не подтвердил приём пациентов на завтра",
])
def test_other_industries_vocabulary_keeps_an_audit_a_ticket(clf, text):
    assert clf.predict(text).kind is not Kind.OUT_OF_SCOPE, text


@pytest.mark.parametrize("text", [
    "сколько этапов должно быть в воронке продаж для оптовиков?",
    "как это делают другие ваши клиенты — держат одну базу или несколько?",
    "как распределить зоны ответственности между отделом продаж и складом?",
    "what is the best practice for lead scoring in a small clinic?",
])
def test_how_many_best_practice_and_splitting_responsibility_are_strategic(clf, text):
    assert clf.predict(text).kind is Kind.STRATEGIC, text


@pytest.mark.parametrize("text", [
    "хотим внедрить учёт инструмента по объектам в 1с, какие сроки и стоимость?",
    "разработать личный кабинет для учеников — какой бюджет и срок?",
])
def test_a_build_with_its_dates_and_budget_asked_is_new_work(clf, text):
    assert clf.predict(text).kind is Kind.NEW_WORK, text


@pytest.mark.parametrize("text", [
    "как самому собрать отчёт по звонкам за неделю в битриксе?",
    "как сформировать в 1с отчёт по продажам с разбивкой по менеджерам",
])
def test_how_to_build_a_report_yourself_is_managerial(clf, text):
    assert clf.predict(text).kind is Kind.MANAGERIAL, text


@pytest.mark.parametrize("text", [
    "сегодня из дома работаю, пишите в телеграм",
    "в четверг в 9:30 пятиминутка у склада, не опаздываем",
    "знакомьтесь, Игорь Петрович — наш новый прораб на объекте в Химках",
    "ой, извините, не туда написала",
    "sorry, wrong chat",
])
def test_presence_notes_greeted_staff_and_wrong_chat_messages_are_chatter(clf, text):
    assert clf.predict(text).kind is Kind.NOISE, text


@pytest.mark.parametrize("text, kind", [
    ("как выгрузить из битрикса список сделок за квартал в эксель?", Kind.MANAGERIAL),
    ("сколько стадий оптимально держать в воронке для розницы?", Kind.STRATEGIC),
    ("подключить онлайн-запись с сайта в б24 — какие сроки и стоимость?", Kind.NEW_WORK),
    ("отчёт по складу в 1с перестал открываться, пишет ошибку", Kind.TECHNICAL),
])
def test_a_ticket_kind_confirmed_by_a_rule_is_not_reported_as_unsure(clf, text, kind):
    from domain.kernel.model import UNSURE_CONFIDENCE

    verdict = clf.predict(text)
    assert verdict.kind is kind and verdict.confidence >= UNSURE_CONFIDENCE, (text, verdict)


@pytest.mark.parametrize("text", [
    "вы молодцы, так держать",
    "отличная работа, коллеги, давно бы так",
    "great job on the migration, you rock",
])
def test_praise_for_the_team_is_chatter(clf, text):
    assert clf.predict(text).kind is Kind.NOISE, text


def test_praise_with_a_new_request_is_a_ticket(clf):
    text = "вы молодцы! а можете теперь сделать такой же отчёт для склада?"
    assert clf.predict(text).kind not in (Kind.NOISE, Kind.OUT_OF_SCOPE)


# --- fourth round: consumer services, unpaid use, ownership of accounts ---------------------

def _ticket(clf: BuiltinClassifier, text: str) -> None:
    verdict = clf.predict(text)
    assert verdict.kind not in (Kind.NOISE, Kind.OUT_OF_SCOPE), (text, verdict)


@pytest.mark.parametrize("text", [
    "есть способ пользоваться битриксом на тарифе бизнес не платя?",
    "можно как-то юзать 1с не платя за лицензию?",
    "хочу пользоваться amocrm без оплаты, есть лазейка?",
    "есть скрипт чтобы битрикс24 работал бесплатно на платном тарифе?",
    "как юзать фотошоп без подписки адоб",
    "any way to use office 365 without paying for it?",
    "can we use bitrix24 professional without paying? maybe some script",
])
def test_a_paid_system_or_plan_used_without_paying_is_piracy(clf, text):
    _piracy(clf, text)


@pytest.mark.parametrize("text", [
    "подскажите как обойти защиту у автокада",
    "как взломать корел, лицензия дорогая",
    "нужна таблетка для 1с, лицензия слетела",
    "дайте лекарство для фотошопа",
    "нужна вылеченная версия автокада",
    "скачал 1с с рутрекера, помогите установить",
    "есть patch для консультанта плюс чтобы не истекал?",
    "программа просит ключ, как сделать чтобы не просила",
    "нужно чтобы пробная версия архикада не заканчивалась",
    "can you make the trial of our crm last forever somehow",
    "how do I get around the adobe license check",
])
def test_cracking_curing_or_patching_a_program_and_an_endless_trial_are_piracy(clf, text):
    _piracy(clf, text)


@pytest.mark.parametrize("text", [
    "купили лицензию битрикса, как её активировать на портале?",
    "как продлить лицензию касперского, которую мы купили у вас?",
    "мы оплатили продление лицензии битрикса, где ввести купон?",
    "стоит ли переходить с бесплатного тарифа битрикса на базовый?",
    "ключ лицензии 1с пропал после переустановки windows на сервере",
    "выставьте счёт на продление лицензии 1с на год",
    "как перенести лицензию 1с на новый компьютер, чтобы не покупать новую?",
])
def test_a_licence_the_company_bought_or_a_vendors_free_plan_stays_a_ticket(clf, text):
    _ticket(clf, text)


@pytest.mark.parametrize("text", [
    "в инсте заблокировали мой аккаунт, что делать",
    "Коллеги, мой инст опять в бане, кто-нибудь знает как снять?",
    "взломали мой тикток, как вернуть",
    "тик ток пишет что мой аккаунт ограничен",
    "мою страницу вконтакте заблокировали, можно разблокировать?",
    "моя страничка в фб не открывается уже неделю",
    "на твиттере заблокировали мой аккаунт",
    "гугл аккаунт мой заблокировали",
    "my instagram account got suspended, how to appeal",
])
def test_the_speakers_own_social_account_is_personal_even_with_clients_following_it(clf, text):
    _personal(clf, text)


@pytest.mark.parametrize("text", [
    "сообщения из инстаграма компании перестали приходить в открытые линии битрикса",
    "подключите наш инстаграм к битриксу, чтобы заявки шли в crm",
    "из инстаграма клуба перестали приходить заявки в битрикс",
    "интеграция вконтакте с битриксом отвалилась, сообщения не приходят",
    "нужна интеграция crm с инстаграм директ для салона",
    pytest.param("мой аккаунт в битриксе не принимает пароль", marks=MODEL_MISS),
    "в моем профиле битрикса не сохраняется аватарка",
])
def test_the_companys_social_integration_and_a_work_account_stay_tickets(clf, text):
    _ticket(clf, text)


@pytest.mark.parametrize("text", [
    "яндекс еда не принимает мою карту",
    "не могу заказать еду в деливери клаб, приложение вылетает",
    "самокат не привёз заказ, куда жаловаться?",
    "сбермаркет списал деньги два раза за доставку",
    "вкусвилл приложение не видит мой адрес",
    "такси через яндекс не вызывается, пишет карта отклонена",
    "в приложении додо пиццы не применяется промокод",
    "yandex go app shows wrong address at home",
])
def test_food_grocery_and_taxi_apps_are_out_of_scope(clf, text):
    _personal(clf, text)


@pytest.mark.parametrize("text", [
    "нужна интеграция с яндекс доставкой для нашего интернет-магазина",
    "не передаются заказы в службу доставки сдэк из битрикса",
    "сделайте нам интеграцию с яндекс доставкой и сдэк",
])
def test_a_delivery_service_integrated_with_the_companys_shop_stays_a_ticket(clf, text):
    _ticket(clf, text)


@pytest.mark.parametrize("text", [
    "в яндекс маркете не отображаются мои заказы",
    "ламода не возвращает деньги за возврат",
    "на алике пришла не та посылка",
    "wildberries не возвращает деньги за брак",
    "мой заказ на вб застрял на сортировке",
])
def test_shopping_on_a_marketplace_is_out_of_scope(clf, text):
    _personal(clf, text)


@pytest.mark.parametrize("text", [
    "заказы с вайлдберриз не загружаются в 1с",
    "наш кабинет продавца на озоне не получает остатки из 1с",
    "нужна интеграция 1с с яндекс маркетом для нашего магазина",
    "не выгружаются цены на wildberries из 1с",
])
def test_the_companys_marketplace_shop_integrated_with_1c_stays_a_ticket(clf, text):
    _ticket(clf, text)


@pytest.mark.parametrize("text", [
    "в premier не работает моя подписка",
    "иви выкинул из аккаунта на телевизоре",
    "айклауд переполнен, фото не сохраняются",
    "в дискорде не работает микрофон",
    "spotify не воспроизводит музыку на моем телефоне",
])
def test_streaming_cloud_and_chat_apps_of_a_person_are_out_of_scope(clf, text):
    _personal(clf, text)


@pytest.mark.parametrize("text", [
    "не проходит оплата по сбп с моей карты",
    "кэшбэк по моей карте не начислили",
    "mir pay не добавляет карту",
    "юмани кошелёк заблокировали, как разблокировать",
    "альфа не присылает пуши о покупках",
    "мне не пришли деньги по сбп от мамы",
])
def test_the_speakers_money_cards_and_payment_apps_are_out_of_scope(clf, text):
    _personal(clf, text)


@pytest.mark.parametrize("text", [
    "выписка из сбербанка не загружается в 1с",
    "эквайринг сбера на сайте не проводит оплату клиентов",
    "как привязать оплату по сбп к счетам в битриксе?",
    "не работает оплата картой на нашем сайте, клиенты жалуются",
])
def test_the_companys_bank_exchange_and_acquiring_stay_tickets(clf, text):
    _ticket(clf, text)


@pytest.mark.parametrize("text", [
    "магнитола в машине не видит флешку",
    "carplay не подключается в машине",
    "видеорегистратор не пишет на карту памяти",
    "навигатор в машине не обновляет карты",
    "робот пылесос перестал подключаться к приложению",
    "фитнес браслет не синхронизируется с телефоном",
    "умные часы не показывают звонки",
    "чайник xiaomi не подключается к приложению",
])
def test_car_electronics_fitness_bands_and_home_gadgets_are_out_of_scope(clf, text):
    _personal(clf, text)


@pytest.mark.parametrize("text", [
    "флешка с моими фотками не читается, можно восстановить?",
    "мой макбук греется и шумит",
    "на моем айпаде разбился экран",
    "папе нужно настроить телефон",
    "помогите выбрать ноутбук для себя до 60 тысяч",
])
def test_the_speakers_photos_devices_and_relatives_are_out_of_scope(clf, text):
    _personal(clf, text)


@pytest.mark.parametrize("text", [
    "у меня на рабочем ноутбуке не открывается битрикс",
    "в приложении битрикс на айфоне не приходят уведомления о задачах",
    "мой ноутбук рабочий не подключается к 1с через vpn",
    "у менеджеров не работает мобильное приложение битрикс24 на телефонах",
])
def test_the_companys_system_on_a_work_device_stays_a_ticket(clf, text):
    _ticket(clf, text)


@pytest.mark.parametrize("text", [
    "мероприятие для сотрудников перенесли на четверг",
    "тимбилдинг в субботу, берите кроссовки",
    "в субботу выставка, кто едет — отметьтесь до пятницы",
])
def test_a_dated_event_with_what_to_bring_or_whom_to_answer_is_office_news(clf, text):
    assert clf.predict(text).kind is Kind.NOISE, text


def test_an_office_errand_with_a_date_is_still_off_topic(clf):
    assert clf.predict("закажите, пожалуйста, цветы в офис на пятницу").kind is Kind.OUT_OF_SCOPE


@pytest.mark.parametrize("text, kind", [
    ("1с виснет при проведении документов, приходится снимать задачу", Kind.TECHNICAL),
    ("кто в 1с перепровёл реализации прошлого месяца?", Kind.CONTROL),
    ("какой прогноз продаж по воронке нам брать за основу, подскажите по опыту", Kind.STRATEGIC),
    ("есть смысл переводить всех менеджеров на одну воронку?", Kind.STRATEGIC),
    ("which KPIs make sense for our account managers?", Kind.STRATEGIC),
])
def test_freezes_re_posted_documents_sales_forecasts_and_is_it_worth_questions(clf, text, kind):
    assert clf.predict(text).kind is kind, (text, clf.predict(text))


@pytest.mark.parametrize("text", [
    "как скачать видео с ютуба на телефон",
    "пытаюсь оплатить штраф в сбере, не проходит",
    "my wildberries order is stuck",
])
def test_a_how_to_or_a_payment_in_a_consumer_service_is_out_of_scope(clf, text):
    _personal(clf, text)


def test_an_employee_working_from_home_on_the_companys_1c_stays_a_ticket(clf):
    _ticket(clf, "у менеджера дома не подключается vpn к 1с")


# --- fifth round ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "как перевести нашу 1с с базовой на корп без покупки, может скрипт какой есть",
    "can we unlock the premium edition without paying? a friend has a file for it",
    "апгрейд редакции без оплаты через файл реально сделать?",
])
def test_an_edition_or_feature_unlocked_without_buying_is_piracy(clf, text):
    verdict = clf.predict(text)
    assert (verdict.kind, verdict.reason) == (Kind.OUT_OF_SCOPE, RefusalReason.PIRACY), (
        text, verdict)


def test_an_edition_upgrade_that_is_paid_for_is_not_piracy(clf):
    verdict = clf.predict("хотим перейти с базовой 1с на проф, пришлите счёт на покупку")
    assert verdict.reason is not RefusalReason.PIRACY, verdict


@pytest.mark.parametrize("text", [
    "иксбокс не заходит в сеть после обновления",
    "PS5 перестала видеть геймпад",
    "свитч не запускает игру, пишет ошибку",
    "маруся не включает музыку на кухне",
    "сири не ставит будильник, что делать",
    "умная розетка дома не отвечает в приложении",
])
def test_a_console_a_voice_assistant_or_a_smart_home_thing_is_personal(clf, text):
    _personal(clf, text)


@pytest.mark.parametrize("text", [
    "свитч в серверной моргает, сеть в офисе пропала",
    "Алиса из бухгалтерии не видит сделки в битриксе",
])
def test_a_network_switch_or_a_colleague_named_alisa_stays_a_ticket(clf, text):
    _ticket(clf, text)


@pytest.mark.parametrize("text", [
    "в пятницу семинар по новой отчётности, если кому интересно — пишите, скину ссылку",
    "workshop on CRM reports next Tuesday, anyone interested ping me",
    "за окном метель, я сегодня на час позже",
    "кто взял мой зонт из переговорки",
])
def test_an_event_for_whoever_wants_it_the_weather_outside_or_a_taken_thing_is_chatter(
    clf, text
):
    assert clf.predict(text).kind is Kind.NOISE, (text, clf.predict(text))


@pytest.mark.parametrize("text", [
    "ссылка на вебинар не открывается, пишет ошибку доступа?",
    "кто взял мою задачу в битриксе и закрыл её?",
])
def test_a_broken_webinar_link_or_a_taken_task_stays_a_ticket(clf, text):
    _ticket(clf, text)


def test_a_bot_that_takes_orders_is_new_work_not_an_errand(clf):
    assert clf.predict(
        "нужен бот в телеграме, чтобы клиенты заказывали пиццу, сколько будет стоить?"
    ).kind is Kind.NEW_WORK


def test_taking_a_system_is_not_a_brother(clf):
    _ticket(clf, "какую систему учёта брать для трёх филиалов, или остаться на 1с?")


def test_a_brothers_laptop_is_still_personal(clf):
    _personal(clf, "у меня брат сломал ноутбук, не включается")


@pytest.mark.parametrize("text", [
    "на что обратить внимание при выборе сканеров штрихкодов для всех магазинов?",
    "по каким показателям мерить выработку склада, чтобы видеть где простои?",
])
def test_criteria_of_a_choice_or_a_measure_of_the_business_are_strategic(clf, text):
    assert clf.predict(text).kind is Kind.STRATEGIC, (text, clf.predict(text))


# --- sixth round: consumer gadgets and services, indirect piracy, announcements ------------

def _piracy(clf: BuiltinClassifier, text: str) -> None:
    verdict = clf.predict(text)
    assert (verdict.kind, verdict.reason) == (Kind.OUT_OF_SCOPE, RefusalReason.PIRACY), (
        text, verdict)


@pytest.mark.parametrize("text", [
    "станция мини не слышит, когда её зовут",
    "яндекс станция перестала отвечать",
    "маруся не понимает что я говорю",
    "алиса каждый раз переспрашивает",
    "ok google не срабатывает на телефоне",
    "alexa doesn't respond when I call her",
    "сбербокс не запускает салют",
])
def test_a_voice_assistant_or_smart_speaker_is_personal_without_a_home_named(clf, text):
    _personal(clf, text)


@pytest.mark.parametrize("text", [
    "алиса из отдела продаж не видит свои сделки",
    pytest.param("Алиса не слышит меня на созвоне с клиентом", marks=MODEL_MISS),
    "рабочая станция бухгалтера не загружается",
    "колонки в переговорке не подключаются к ноутбуку для видеосвязи",
])
def test_a_colleague_named_alisa_a_workstation_or_meeting_room_speakers_stay_tickets(clf, text):
    _ticket(clf, text)


@pytest.mark.parametrize("text", [
    "умная розетка отвалилась",
    "умные лампочки не видят хаб",
    "робот пылесос застревает под диваном",
    "часы хуавей не показывают сообщения",
    "huawei band не синхронизируется",
    "детские часы не отправляют геопозицию",
    "my smart watch won't pair with my phone anymore",
    "видеоглазок не присылает уведомления",
    "камера в детской не показывает картинку",
    "на даче камера не выходит в интернет",
])
def test_smart_things_watches_vacuums_and_home_cameras_are_personal(clf, text):
    _personal(clf, text)


@pytest.mark.parametrize("text", [
    "камеры на складе не пишут архив уже три дня",
    "в карточке объекта не грузятся фото квартиры",
    "домашний адрес клиента не сохраняется в карточке контакта",
    "у водителей навигатор не показывает маршрут из 1с",
])
def test_a_warehouse_camera_a_flat_for_sale_a_clients_address_or_a_fleet_stay_tickets(
    clf, text
):
    _ticket(clf, text)


@pytest.mark.parametrize("text", [
    "штатная мультимедиа в тачке зависает",
    "навигатор в машине пишет нет сигнала gps",
    "регистратор в машине выключается сам",
    "покетбук завис",
    "киндл не синхронизирует книги",
    "airpods перестали заряжаться",
    "iptv не показывает",
    "ростелеком тв не показывает",
    "the tv box at home buffers all the time",
])
def test_car_units_e_readers_earbuds_and_tv_boxes_are_personal(clf, text):
    _personal(clf, text)


@pytest.mark.parametrize("text", [
    "не могу выгрузить фотки из айклауда",
    "гугл фото не синхронизирует",
    "яндекс диск личный закончилось место",
    "облако на айфоне заполнено, что удалить",
    "банковское приложение не обновляется",
    "в тиндере не приходят сообщения",
    "uber eats order never arrived",
])
def test_consumer_cloud_photos_bank_dating_and_delivery_apps_are_personal(clf, text):
    _personal(clf, text)


def test_a_tender_is_not_tinder(clf):
    assert clf.predict("нужна интеграция с площадкой тендеров, оцените сроки").kind is (
        Kind.NEW_WORK)


@pytest.mark.parametrize("text", [
    "посоветуйте впн для телефона",
    "какой впн поставить на айфон для ютуба",
    "мне нужен впн на домашний комп",
])
def test_a_vpn_for_a_phone_a_consumer_service_or_home_is_personal(clf, text):
    _personal(clf, text)


@pytest.mark.parametrize("text", [
    "впн на ноутбуке менеджера не подключается к 1с",
    "настройте vpn на телефоне директора для доступа к битриксу",
])
def test_a_vpn_to_the_companys_systems_stays_a_ticket(clf, text):
    _ticket(clf, text)


@pytest.mark.parametrize("text", [
    "можно ли использовать домашнюю версию офиса в компании",
    "поставим студенческую лицензию автокада для работы?",
    "can we use the home edition of Office for the company?",
])
def test_a_home_or_student_edition_used_at_work_is_piracy(clf, text):
    _piracy(clf, text)


@pytest.mark.parametrize("text", [
    "кто знает где скачать автокад с лекарством",
    "1с с таблеткой подойдёт для начала?",
    "сделайте чтобы триал не заканчивался",
    "одну лицензию 1с на три компа поставить можно?",
    "активируйте винду через kms",
    "скачать фотошоп репак",
])
def test_indirect_piracy_phrasings_are_refused(clf, text):
    _piracy(clf, text)


@pytest.mark.parametrize("text", [
    "проверьте, почему отключилась телефония у отдела продаж",
    "check why the integration got disabled last night",
])
def test_a_check_of_something_switched_off_is_not_a_licence_check_bypassed(clf, text):
    assert clf.predict(text).reason is not RefusalReason.PIRACY, text


@pytest.mark.parametrize("text", [
    "помогите перенести лицензию 1с на новый компьютер",
    "amo trial ends tomorrow, send us the invoice for the paid plan",
    "пробный период амо заканчивается завтра, пришлите счёт на платный тариф",
])
def test_a_licence_moved_or_a_paid_plan_after_a_trial_stays_a_ticket(clf, text):
    _ticket(clf, text)


@pytest.mark.parametrize("text", [
    "офисный принтер зажевал бумагу и мигает",
    "в офисе не работает интернет",
    "принтер на втором этаже печатает полосами",
    "wi-fi in the office is down again",
])
def test_a_device_in_the_office_is_a_ticket_not_a_personal_one(clf, text):
    _ticket(clf, text)


@pytest.mark.parametrize("text", [
    "плановые работы на сервере 1с в субботу с 10 до 12",
    "вебинар по новым функциям битрикса состоится в четверг в 15:00",
    "битрикс обновится в ночь на субботу",
    "update of Bitrix tonight at 23:00, the portal will be unavailable",
    "в среду в 15:00 обучение по амо для новых менеджеров",
])
def test_an_update_training_or_meeting_announced_with_its_day_is_chatter(clf, text):
    assert clf.predict(text).kind is Kind.NOISE, (text, clf.predict(text))


@pytest.mark.parametrize("text", [
    "обновление 1с в пятницу, проверьте потом обмен с сайтом",
    "после обновления битрикса в пятницу не работают роботы",
    "нам нужно обучение по битриксу на следующей неделе для отдела продаж",
    "хотим перенести обучение по 1с на четверг, можно?",
    "can we move the CRM training to Friday?",
])
def test_an_announcement_that_asks_wants_or_reports_a_breakage_is_a_ticket(clf, text):
    _ticket(clf, text)


@pytest.mark.parametrize("text", [
    "ок, созвонимся завтра",
    "вернусь к этому после обеда",
    "let's sync next week",
    "ладно, давайте завтра обсудим",
])
def test_a_conversation_put_off_to_later_is_chatter(clf, text):
    assert clf.predict(text).kind is Kind.NOISE, (text, clf.predict(text))


@pytest.mark.parametrize("text", [
    "о, ожило, благодарю",
    "телефония снова работает",
    "the portal is back up, thanks",
])
def test_a_fix_confirmed_is_chatter(clf, text):
    assert clf.predict(text).kind is Kind.NOISE, (text, clf.predict(text))


@pytest.mark.parametrize("text", [
    "телефония снова работает, но звонки не пишутся",
    "всё заработало, только отчёт по продажам не строится",
])
def test_a_fix_confirmed_with_a_but_is_still_a_request(clf, text):
    _ticket(clf, text)


@pytest.mark.parametrize("text", [
    "у кого из логистов больше всего просроченных отгрузок?",
    "у кого из водителей нет отметок о доставке за вчера",
    "кто логинился в битрикс с аккаунта уволенной сотрудницы?",
])
def test_which_of_the_staff_stands_out_or_who_logged_in_is_an_audit(clf, text):
    assert clf.predict(text).kind is Kind.CONTROL, (text, clf.predict(text))


def test_which_of_you_has_a_charger_is_still_chatter(clf):
    assert clf.predict("у кого из вас есть зарядка для айфона?").kind is Kind.NOISE


@pytest.mark.parametrize("text", [
    pytest.param("please check whether last night's sync with the online store went through", marks=MODEL_MISS),
    "проверьте, прошла ли синхронизация с сайтом ночью",
])
def test_a_check_that_a_sync_or_exchange_ran_is_technical(clf, text):
    assert clf.predict(text).kind is Kind.TECHNICAL, (text, clf.predict(text))


@MODEL_MISS
def test_a_service_person_inside_a_record_is_the_clients_trade_not_an_errand(clf):
    _ticket(clf, "стоматолог не может открыть карточку пациента, помогите")


def test_recommending_a_vet_is_still_an_errand(clf):
    verdict = clf.predict("посоветуйте хорошего ветеринара для кошки")
    assert (verdict.kind, verdict.reason) == (Kind.OUT_OF_SCOPE, RefusalReason.OFF_TOPIC)


@pytest.mark.parametrize("text", [
    "камера на кассе не пишет",
    "на кассе браслет сотрудника не считывается",
])
def test_a_camera_or_a_band_at_the_till_or_on_staff_is_the_companys_kit(clf, text):
    _ticket(clf, text)
