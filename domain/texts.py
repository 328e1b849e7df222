"""Every text chatdesk shows to a person, in one place per language.

Texts are written for someone who never saw the code: no ids, no enum names, no jargon.
"""

from __future__ import annotations

from domain.billing import texts as billing_texts
from domain.bitrix import texts as bitrix_texts
from domain.broadcasts import texts as broadcasts_texts
from domain.cabinet import texts as cabinet_texts
from domain.intake import texts as intake_texts
from domain.kernel.model import Coverage, Kind, Language, RefusalReason, TicketStatus
from domain.mail import texts as mail_texts
from domain.onboarding import texts as onboarding_texts
from domain.outbox import texts as outbox_texts
from domain.reports import texts as reports_texts
from domain.satisfaction import texts as satisfaction_texts
from domain.sla import texts as sla_texts
from domain.tickets import texts as tickets_texts
from domain.workspace import texts as workspace_texts

RU: dict[str, str] = {
    # kinds, as a client would call them
    "kind.technical": "техническая поддержка",
    "kind.managerial": "консультация «как сделать»",
    "kind.control": "контроль работы сотрудников",
    "kind.strategic": "стратегическая поддержка",
    "kind.new_work": "новая работа (нужна оценка)",
    "kind.out_of_scope": "вне поддержки",
    "kind.noise": "не запрос",
    # statuses
    "status.awaiting_confirmation": "ждёт подтверждения",
    "status.accepted": "принята в очередь",
    "status.in_progress": "в работе",
    "status.needs_testing": "ждёт тестирования",
    "status.testing": "на тестировании",
    "status.waiting_for_client": "ждём ответа от вас",
    "status.done": "выполнена",
    "status.rejected": "отклонена",
    "status.cancelled": "отменена",
    # what it costs
    "cost.covered_monthly": "входит в ваш тариф, отдельно не оплачивается",
    "cost.covered_package": "списывается из пакета часов; сверх пакета — {rate} за час",
    "cost.covered_tm": "оплачивается по времени: {rate} за час, спишется с баланса",
    "cost.strategic_trial": "бесплатно: первые три месяца стратегической поддержки",
    "cost.paid_one_off": (
        "этого нет в вашем тарифе — можем сделать как разовую платную работу "
        "по {rate} за час, в порядке общей очереди"
    ),
    "cost.paid_one_off_no_rate": (
        "этого нет в вашем тарифе — можем сделать как разовую платную работу; "
        "стоимость назовёт менеджер"
    ),
    "cost.estimate": (
        "это новая работа, а не поддержка: мы подготовим оценку (часы и стоимость), "
        "и ничего не начнём без вашего согласия"
    ),
    "cost.no_plan": "тариф ещё не настроен — стоимость назовёт менеджер до начала работ",
    # refusals quote the rule
    "refuse.piracy": (
        "{name}, с этим помочь не сможем: мы не устанавливаем и не активируем "
        "нелицензионные программы и не обходим лицензии. Правило поддержки: только "
        "лицензионное ПО. Если нужна лицензия, подскажем, где её купить."
    ),
    "refuse.personal_device": (
        "{name}, это не входит в техническую поддержку: мы отвечаем за работу "
        "системы (портал, телефония, интеграции), а не за личные устройства, домашний "
        "интернет и браузер. Система работает; проблема на стороне вашего устройства "
        "или сети — обратитесь, пожалуйста, к своему провайдеру или мастеру."
    ),
    "refuse.off_topic": (
        "{name}, это вне нашей поддержки: мы помогаем с вашей CRM и связанными с ней "
        "системами. С другими вопросами, к сожалению, не поможем."
    ),
    "someone": "Коллега",
    # the live bot in a group
    "btn.confirm": "✅ Подтвердить",
    "btn.change_kind": "Изменить вид",
    "btn.decline": "✖ Не запрос",
    "btn.back": "← Назад",
    "greeting": (
        "Здравствуйте! Я бот поддержки «{integrator}» для «{client}».\n"
        "Пишите вопросы и проблемы прямо сюда, как обычно. Я запишу каждую заявку, "
        "покажу, сколько она стоит по вашему тарифу, и попрошу подтвердить — после этого "
        "она попадёт в очередь к специалистам.\n"
        "Команды: /tickets — открытые заявки, /ticket 12 — заявка №12, /help — справка."
    ),
    "help": (
        "Я записываю ваши вопросы в заявки, чтобы ни один не потерялся.\n"
        "• Просто напишите, что случилось; можно приложить скриншот.\n"
        "• Я покажу вид заявки и её стоимость по тарифу — нажмите «Подтвердить».\n"
        "• /tickets — открытые заявки, /ticket 12 — подробности заявки №12.\n"
        "Не входят в поддержку: нелицензионные программы, личные устройства и домашний "
        "интернет."
    ),
    "help_private": (
        "Это бот поддержки. Пишите вопросы в общий чат вашей компании с поддержкой — "
        "там я записываю заявки. Здесь я присылаю владельцу отчёты и уведомления."
    ),
    "err.ticket_gone": "Этой заявки больше нет.",
    "err.not_your_request": (
        "Подтвердить может автор заявки, координатор или руководитель клиента."
    ),
    "err.already_declined": "Эта заявка уже отменена.",
    "err.already_confirmed": "Заявка №{number} уже подтверждена.",
    "err.bad_kind": "Такого вида заявки нет.",
    "err.staff_only": "Эту команду выполняют сотрудники поддержки.",
    "err.bad_link_code": "Код не подошёл: он неверный или уже использован. Попросите новый.",
    "err.linked_elsewhere": "Этот чат уже подключён к другому клиенту.",
    "err.bad_owner_code": "Ссылка не подошла: она неверная или уже использована.",
    "err.chat_not_linked": "Этот чат не подключён к поддержке. Подключение: /link КОД.",
    "err.no_such_ticket": "Заявки №{number} нет.",
    "err.internal": "Что-то пошло не так. Мы уже знаем и разберёмся; попробуйте ещё раз позже.",
    # the operator's console (demo, import summaries)
    "demo.title": "chatdesk — один день в чате клиента «{client}», {day}",
    "demo.plan": (
        "Тариф: техническая и консультационная поддержка, пассивная, по {fee} в месяц; "
        "разовые работы — {rate} за час."
    ),
    "demo.log": "Что писали в чате и что решил бот:",
    "demo.outcome.ticket_created": "заявка №{number}, ждёт подтверждения",
    "demo.outcome.joined_burst": "дополнение к заявке №{number}",
    "demo.outcome.joined_repeat": "повтор вопроса — в заявку №{number}",
    "demo.outcome.joined_reply": "ответ в заявке №{number}",
    "demo.outcome.refused": "отказ: {reason}",
    "demo.outcome.ignored": "не запрос, пропущено",
    "demo.outcome.pending": "вложение, ждёт текста",
    "demo.outcome.staff": "сотрудник интегратора",
    "demo.outcome.duplicate": "повторная доставка, ничего не изменилось",
    "demo.outcome.unknown_chat": "чат не подключён",
    "demo.reason.piracy": "пиратство",
    "demo.reason.personal_device": "личное устройство или домашний интернет",
    "demo.reason.off_topic": "не относится к поддержке",
    "demo.tickets": "Заявки ({count}):",
    "demo.sources": "       сообщения: {ids}",
    "demo.repeats": "       вопрос повторили: {count} {times}",
    "plural.times": "раз|раза|раз",
    "plural.months": "месяц|месяца|месяцев",
    "demo.refusals": "Отказы ({count}):",
    "demo.ignored": "Пропущено ({count}):",
    "demo.posts": "Что бот напишет в чат:",
    "demo.reply_to": "{name} получает ответ",
    "demo.edit_of": "бот обновляет черновик заявки — {name} дополняет запрос",
    "onboard.err.empty_client": "Название клиента пустое.",
    "onboard.err.client_exists": "Клиент «{name}» уже есть.",
    "onboard.err.empty_staff": "Имя сотрудника пустое.",
    "onboard.err.staff_no_id": "Укажите Telegram id сотрудника или его номер WhatsApp.",
    "onboard.err.telegram_taken": "Telegram id {id} уже принадлежит сотруднику.",
    "onboard.err.whatsapp_taken": "Номер WhatsApp {id} уже принадлежит сотруднику.",
    "onboard.err.linked_elsewhere": "Этот чат уже подключён к клиенту «{client}»: сначала отключите его там (chatdesk chats unlink).",
    "cli.client_added": "Клиент «{name}» добавлен (id {id}).",
    "cli.client_link_hint": "Чтобы подключить его групповой чат, сотрудник пишет там: /link {code}",
    "cli.staff_added": "{name} — {role} (id {id}).",
    "cli.role.staff": "сотрудник",
    "cli.role.admin": "администратор",
    "cli.no_client": "Клиента «{name}» нет: сначала добавьте его (chatdesk clients add НАЗВАНИЕ).",
    "cli.chat_linked": "Чат {platform} {chat_id} подключён к «{client}».",
    "cli.chat_unlinked": "Чат {platform} {chat_id} отключён от «{client}»: бот больше не ведёт в нём заявки.",
    "cli.chat_not_linked": "Чат {platform} {chat_id} ни к кому не подключён.",
    "cli.no_chats": "Пока ни один чат не подключён.",
    "cli.chat_removed": " (бот удалён или чат отключён)",
    "cli.economics.head": "{month}: оплачиваемая доля {share}, реальная выручка за час {yield_}",
    "cli.economics.staff": "Сотрудники:",
    "cli.economics.clients": "Клиенты:",
    "cli.economics.row": "  {name}: отработано {minutes} мин, оплачивается {share}, {yield_} за час",
    "cli.economics.unpaid": "Заявки, съевшие часы без оплаты:",
    "cli.bc.no_text": "Нужен --text: что сообщить клиентам.",
    "cli.bc.no_chats": "Ни один чат клиента не подходит под отбор — отправлять некому.",
    "cli.bc.preview": "Получат чаты — {chats}, клиенты — {clients}",
    "cli.bc.text": "Текст:",
    "cli.bc.ask": "Отправить? [д/N]",
    "cli.bc.queued": ("Рассылка №{id} поставлена в очередь, чатов: {chats}; её отправит работающий "
                      "бот. Как она идёт: chatdesk broadcast status {id}"),
    "cli.bc.status_done": "Рассылка №{id} (завершена), {at} UTC, автор: {by}",
    "cli.bc.status_sending": "Рассылка №{id} (отправляется), {at} UTC, автор: {by}",
    "cli.bc.status_filter": ", отбор: {audience}",
    "cli.bc.status_counts": ("  доставлено {delivered} из {chats}, не доставлено {failed}, "
                             "ждут отправки {pending}"),
    "cli.bc.status_failed": "  недоставленные и причины: chatdesk outbox --failed",
    "cli.err.starts": "--starts {value}: укажите дату вида 2026-11-01.",
    "cli.err.starts_day": "--starts: тарифы действуют по календарным месяцам, начните с 1-го числа.",
    "cli.economics.satisfaction": "Оценки клиентов по выполненным заявкам:",
    "cli.economics.unpaid_row": "  {client} №{number} {title}: {minutes} мин",
    "cli.cabinet_off": "Кабинет выключен: задайте CABINET_BASE_URL и CABINET_SECRET.",
    "cli.cabinet_link": "{url}\n(работает один раз, {minutes} мин)",
    "cli.money_owner": "Часы, деньги и выписки «{client}» видит только руководитель.",
    "cli.money_everyone": "Часы, деньги и выписки «{client}» видят все люди клиента.",
    "cli.outbox.empty": "Очередь пуста: всё отправлено.",
    "cli.outbox.pending": "ждёт",
    "cli.outbox.failed": "не отправлено",
    "cli.outbox.row": "#{id} {state} {kind} → {platform} {chat_id} ({at}, неудачных попыток: {attempts})",
    "cli.outbox.error": "    ошибка: {error}",
    "cli.outbox.total": "Ждут отправки: {pending}, не отправлено: {failed}.",
    "cli.limit": "--limit должен быть не меньше 1 (получено {value}).",
    "cli.err.amount": "Сумма {value}: укажите рубли, как пишут в счёте — например 50 000, 50000,50 или 50 000 ₽.",
    "cli.err.kind": "--kind {value}: нужно ВИД:РЕЖИМ:ПЛАТА_В_КОПЕЙКАХ, например technical:passive:2000000.",
    "cli.err.hours": "--hours {value}: укажите часы пакета числом от 0 до 744, например 20 или 7.5.",
    "cli.err.hours_not_package": "--hours задаёт пакет часов: оно нужно только с --model package.",
    "cli.err.key": "--key пустой: укажите номер платежа из банка или не указывайте --key совсем.",
    "cli.err.is_folder": "{path} — это папка: укажите путь к файлу, например {path}/{example}.",
    "cli.err.cannot_write": "Не удалось записать {path}: {reason}.",
    "cli.err.not_text": "{path} — не текстовый файл в UTF-8: нужен файл JSON Lines.",
    "cli.err.telegram_chat": "--chat-id {value}: id чата в Telegram — целое число, например -1001234567890.",
    "cli.err.whatsapp_chat": "--chat-id {value}: нужен номер телефона цифрами (79001234567) или id группы WhatsApp (120363...@g.us).",
    # -- whatsapp --
    "wa.opt.confirm": "подтвердить",
    "wa.opt.change_kind": "изменить вид",
    "wa.opt.decline": "не заявка",
    "wa.reply_with_number": "Ответьте цифрой: {options}.",
    "wa.help": (
        "Я записываю ваши вопросы в заявки, чтобы ни один не потерялся.\n"
        "• Просто напишите, что случилось; можно приложить скриншот.\n"
        "• Я покажу вид заявки и её стоимость по тарифу — ответьте 1, чтобы подтвердить.\n"
        "• /tickets — открытые заявки, /ticket 12 — подробности заявки №12.\n"
        "Не входят в поддержку: нелицензионные программы, личные устройства и домашний "
        "интернет."
    ),
    **billing_texts.RU,
    **broadcasts_texts.RU,
    **cabinet_texts.RU,
    **intake_texts.RU,
    **mail_texts.RU,
    **onboarding_texts.RU,
    **outbox_texts.RU,
    **reports_texts.RU,
    **satisfaction_texts.RU,
    **bitrix_texts.RU,
    **sla_texts.RU,
    **tickets_texts.RU,
    **workspace_texts.RU,
}

EN: dict[str, str] = {
    "kind.technical": "technical support",
    "kind.managerial": "how-to consultation",
    "kind.control": "control of employees' work",
    "kind.strategic": "strategic support",
    "kind.new_work": "new work (needs an estimate)",
    "kind.out_of_scope": "outside support",
    "kind.noise": "not a request",
    "status.awaiting_confirmation": "awaiting your confirmation",
    "status.accepted": "accepted, in the queue",
    "status.in_progress": "in progress",
    "status.needs_testing": "waiting for testing",
    "status.testing": "being tested",
    "status.waiting_for_client": "waiting for your reply",
    "status.done": "done",
    "status.rejected": "rejected",
    "status.cancelled": "cancelled",
    "cost.covered_monthly": "included in your plan, no extra charge",
    "cost.covered_package": "taken from your hour package; beyond the package {rate} per hour",
    "cost.covered_tm": "billed by time at {rate} per hour, from your balance",
    "cost.strategic_trial": "free: the first three months of strategic support",
    "cost.paid_one_off": (
        "not included in your plan — we can do it as a paid one-off at {rate} per hour, "
        "in the normal queue"
    ),
    "cost.paid_one_off_no_rate": (
        "not included in your plan — we can do it as a paid one-off; "
        "your manager will name the price"
    ),
    "cost.estimate": (
        "this is new work, not support: we will prepare an estimate (hours and price) "
        "and start nothing without your approval"
    ),
    "cost.no_plan": "your plan is not set up yet — your manager will name the price before any work",
    "refuse.piracy": (
        "{name}, we cannot help with this: we do not install or activate unlicensed "
        "software and do not bypass licences. Support rule: licensed software only. "
        "If you need a licence, we will tell you where to buy one."
    ),
    "refuse.personal_device": (
        "{name}, this is not part of technical support: we are responsible for the "
        "system (portal, telephony, integrations), not for personal devices, home "
        "internet or browsers. The system works; the problem is on your device or "
        "network — please contact your provider or a technician."
    ),
    "refuse.off_topic": (
        "{name}, this is outside our support: we help with your CRM and the systems "
        "around it. We cannot help with other matters, sorry."
    ),
    "someone": "Colleague",
    "btn.confirm": "✅ Confirm",
    "btn.change_kind": "Change kind",
    "btn.decline": "✖ Not a request",
    "btn.back": "← Back",
    "greeting": (
        "Hello! I am the support bot of “{integrator}” for “{client}”.\n"
        "Write your questions and problems right here, as usual. I will write down every "
        "request, show what it costs under your plan and ask you to confirm it — then it "
        "goes into the specialists' queue.\n"
        "Commands: /tickets — open requests, /ticket 12 — request #12, /help — help."
    ),
    "help": (
        "I turn your questions into requests so that none gets lost.\n"
        "• Just write what happened; a screenshot helps.\n"
        "• I show the kind of request and its cost under your plan — press “Confirm”.\n"
        "• /tickets — open requests, /ticket 12 — details of request #12.\n"
        "Not part of support: unlicensed software, personal devices and home internet."
    ),
    "help_private": (
        "This is the support bot. Write your questions in your company's shared chat with "
        "support — that is where I record requests. Here I send the owner reports and notices."
    ),
    "err.ticket_gone": "This request no longer exists.",
    "err.not_your_request": "Only the author of the request, a coordinator or the owner can confirm it.",
    "err.already_declined": "This request was already cancelled.",
    "err.already_confirmed": "Request #{number} is already confirmed.",
    "err.bad_kind": "There is no such kind of request.",
    "err.staff_only": "Only support staff can use this command.",
    "err.bad_link_code": "The code did not work: it is wrong or already used. Ask for a new one.",
    "err.linked_elsewhere": "This chat is already connected to another client.",
    "err.bad_owner_code": "The link did not work: it is wrong or already used.",
    "err.chat_not_linked": "This chat is not connected to support. To connect: /link CODE.",
    "err.no_such_ticket": "There is no request #{number}.",
    "err.internal": "Something went wrong. We know about it and will fix it; please try again later.",
    "demo.title": "chatdesk — one day in the chat of client “{client}”, {day}",
    "demo.plan": (
        "Plan: technical and how-to support, passive, {fee} a month each; "
        "one-off work at {rate} per hour."
    ),
    "demo.log": "What was written in the chat and what the bot decided:",
    "demo.outcome.ticket_created": "request #{number}, awaiting confirmation",
    "demo.outcome.joined_burst": "added to request #{number}",
    "demo.outcome.joined_repeat": "repeated question — into request #{number}",
    "demo.outcome.joined_reply": "reply in request #{number}",
    "demo.outcome.refused": "refused: {reason}",
    "demo.outcome.ignored": "not a request, skipped",
    "demo.outcome.pending": "attachment, waiting for its text",
    "demo.outcome.staff": "integrator's staff",
    "demo.outcome.duplicate": "delivered again, nothing changed",
    "demo.outcome.unknown_chat": "chat not linked",
    "demo.reason.piracy": "piracy",
    "demo.reason.personal_device": "personal device or home internet",
    "demo.reason.off_topic": "not about support",
    "demo.tickets": "Requests ({count}):",
    "demo.sources": "       messages: {ids}",
    "demo.repeats": "       question repeated: {count} {times}",
    "plural.times": "time|times|times",
    "plural.months": "month|months|months",
    "demo.refusals": "Refusals ({count}):",
    "demo.ignored": "Skipped ({count}):",
    "demo.posts": "What the bot will post in the chat:",
    "demo.reply_to": "replying to {name}",
    "demo.edit_of": "the bot updates the draft ({name} added to the request)",
    "onboard.err.empty_client": "The client's name is empty.",
    "onboard.err.client_exists": "A client named {name} already exists.",
    "onboard.err.empty_staff": "The staff member's name is empty.",
    "onboard.err.staff_no_id": "Give the staff member's Telegram id or WhatsApp number.",
    "onboard.err.telegram_taken": "Telegram id {id} is already a staff member.",
    "onboard.err.whatsapp_taken": "WhatsApp number {id} is already a staff member.",
    "onboard.err.linked_elsewhere": "This chat is already linked to the client {client}: unlink it there first (chatdesk chats unlink).",
    "cli.client_added": "Client {name} added (id {id}).",
    "cli.client_link_hint": "To link its group chat, a staff member sends there: /link {code}",
    "cli.staff_added": "{name} is now {role} (id {id}).",
    "cli.role.staff": "staff",
    "cli.role.admin": "admin",
    "cli.no_client": "No client named {name!r}: add it with `chatdesk clients add NAME` first.",
    "cli.chat_linked": "{platform} chat {chat_id} is linked to {client}.",
    "cli.chat_unlinked": "{platform} chat {chat_id} is unlinked from {client}: the bot no longer keeps tickets there.",
    "cli.chat_not_linked": "{platform} chat {chat_id} is not linked to any client.",
    "cli.no_chats": "No chats are linked yet.",
    "cli.chat_removed": " (bot removed or chat unlinked)",
    "cli.economics.head": "{month}: billable share {share}, real hourly yield {yield_}",
    "cli.economics.staff": "Staff:",
    "cli.economics.clients": "Clients:",
    "cli.economics.row": "  {name}: {minutes} min worked, {share} billable, {yield_} an hour",
    "cli.economics.unpaid": "Tickets that ate hours without money:",
    "cli.bc.no_text": "--text is required: what to tell the clients.",
    "cli.bc.no_chats": "No client chat matches the filter: nothing to send.",
    "cli.bc.preview": "Goes to chats: {chats}, clients: {clients}",
    "cli.bc.text": "Text:",
    "cli.bc.ask": "Send it? [y/N]",
    "cli.bc.queued": ("Broadcast #{id} is queued; chats: {chats}; the running bot sends it. "
                      "See: chatdesk broadcast status {id}"),
    "cli.bc.status_done": "Broadcast #{id} (finished), {at} UTC by {by}",
    "cli.bc.status_sending": "Broadcast #{id} (sending), {at} UTC by {by}",
    "cli.bc.status_filter": ", filter {audience}",
    "cli.bc.status_counts": ("  delivered {delivered} of {chats}, failed {failed}, "
                             "pending {pending}"),
    "cli.bc.status_failed": "  the failed ones, with the reason: chatdesk outbox --failed",
    "cli.err.starts": "--starts {value}: give a date like 2026-11-01.",
    "cli.err.starts_day": "--starts: plans run by calendar months, so start on the 1st.",
    "cli.economics.satisfaction": "Client ratings of done tickets:",
    "cli.economics.unpaid_row": "  {client} №{number} {title}: {minutes} min",
    "cli.cabinet_off": "The cabinet is off: set CABINET_BASE_URL and CABINET_SECRET.",
    "cli.cabinet_link": "{url}\n(works once, for {minutes} minutes)",
    "cli.money_owner": "Hours, money and statements of {client} are shown to its owner only.",
    "cli.money_everyone": "Hours, money and statements of {client} are shown to all of its people.",
    "cli.outbox.empty": "The outbox is empty: everything was sent.",
    "cli.outbox.pending": "pending",
    "cli.outbox.failed": "failed",
    "cli.outbox.row": "#{id} {state} {kind} → {platform} {chat_id} ({at}, {attempts} failed attempts)",
    "cli.outbox.error": "    error: {error}",
    "cli.outbox.total": "{pending} pending, {failed} failed.",
    "cli.limit": "--limit must be at least 1, not {value}.",
    "cli.err.amount": "Amount {value}: give roubles as written on an invoice, e.g. 50 000, 50000.50 or 50 000 ₽.",
    "cli.err.kind": "--kind {value}: expected KIND:MODE:FEE_KOPECKS, e.g. technical:passive:2000000.",
    "cli.err.hours": "--hours {value}: give the package's hours as a number from 0 to 744, e.g. 20 or 7.5.",
    "cli.err.hours_not_package": "--hours sets a package of hours: use it only with --model package.",
    "cli.err.key": "--key is empty: give the bank's payment id or leave --key out.",
    "cli.err.is_folder": "{path} is a folder: give a file path, e.g. {path}/{example}.",
    "cli.err.cannot_write": "Could not write {path}: {reason}.",
    "cli.err.not_text": "{path} is not a UTF-8 text file: a JSON Lines file is expected.",
    "cli.err.telegram_chat": "--chat-id {value}: a Telegram chat id is a whole number, e.g. -1001234567890.",
    "cli.err.whatsapp_chat": "--chat-id {value}: give a phone number in digits (79001234567) or a WhatsApp group id (120363...@g.us).",
    # -- whatsapp --
    "wa.opt.confirm": "confirm",
    "wa.opt.change_kind": "change the kind",
    "wa.opt.decline": "not a request",
    "wa.reply_with_number": "Reply with a number: {options}.",
    "wa.help": (
        "I turn your questions into requests so that none gets lost.\n"
        "• Just write what happened; a screenshot helps.\n"
        "• I show the kind of request and its cost under your plan — reply 1 to confirm it.\n"
        "• /tickets — open requests, /ticket 12 — details of request #12.\n"
        "Not part of support: unlicensed software, personal devices and home internet."
    ),
    **billing_texts.EN,
    **broadcasts_texts.EN,
    **cabinet_texts.EN,
    **intake_texts.EN,
    **mail_texts.EN,
    **onboarding_texts.EN,
    **outbox_texts.EN,
    **reports_texts.EN,
    **satisfaction_texts.EN,
    **bitrix_texts.EN,
    **sla_texts.EN,
    **tickets_texts.EN,
    **workspace_texts.EN,
}

CATALOGS: dict[Language, dict[str, str]] = {Language.RU: RU, Language.EN: EN}


def t(lang: Language | str, key: str, **params: object) -> str:
    """The text `key` in `lang`, formatted with `params`; a missing key is a bug, so it raises."""
    catalog = CATALOGS[Language(lang)]
    return catalog[key].format(**params) if params else catalog[key]


def plural(lang: Language | str, count: int, key: str) -> str:
    """The form of a word for `count`: `key` holds "one|few|many" ("раз|раза|раз");
    English uses the first form for 1 and the second otherwise."""
    one, few, many = t(lang, key).split("|")
    n = abs(count)
    if Language(lang) is not Language.RU:
        return one if n == 1 else few
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def kind_name(lang: Language | str, kind: Kind) -> str:
    return t(lang, f"kind.{kind.value}")


def status_name(lang: Language | str, status: TicketStatus) -> str:
    return t(lang, f"status.{status.value}")


def refusal(lang: Language | str, reason: RefusalReason, name: str) -> str:
    return t(lang, f"refuse.{reason.value}", name=name or t(lang, "someone"))


def money(lang: Language | str, kopecks: int) -> str:
    """20 000 ₽ / 1 680,50 ₽ in Russian; 20,000 ₽ / 1,680.50 ₽ in English."""
    sign = "-" if kopecks < 0 else ""
    rub, kop = divmod(abs(kopecks), 100)
    if Language(lang) is Language.RU:
        whole = f"{rub:,}".replace(",", "\u00a0")
        frac = f",{kop:02d}" if kop else ""
    else:
        whole = f"{rub:,}"
        frac = f".{kop:02d}" if kop else ""
    return f"{sign}{whole}{frac}\u00a0₽"


def coverage_text(lang: Language | str, coverage: Coverage, *, model: str | None,
                  hourly_rate: int, free_reason: str | None = None) -> str:
    """The 'what it costs' line of a confirmation request."""
    rate = money(lang, hourly_rate)
    if free_reason:
        return t(lang, f"cost.{free_reason}")
    if coverage is Coverage.COVERED:
        key = {"monthly": "cost.covered_monthly", "package": "cost.covered_package",
               "time_and_materials": "cost.covered_tm"}[model or "monthly"]
        return t(lang, key, rate=rate)
    if coverage is Coverage.PAID_ONE_OFF:
        return t(lang, "cost.paid_one_off" if hourly_rate else "cost.paid_one_off_no_rate", rate=rate)
    if coverage is Coverage.ESTIMATE:
        return t(lang, "cost.estimate")
    return t(lang, "cost.no_plan")
