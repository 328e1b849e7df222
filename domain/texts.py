"""Every text chatdesk shows to a person, in one place per language.

Texts are written for someone who never saw the code: no ids, no enum names, no jargon.
"""

from __future__ import annotations

from domain.model import Coverage, Kind, Language, RefusalReason, TicketStatus

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
    # the draft the requester is asked to confirm
    "confirm.request": (
        "{name}, записал вашу заявку:\n"
        "«{title}»\n"
        "Вид: {kind}\n"
        "Стоимость: {cost}\n"
        "Подтвердите, пожалуйста, — после этого заявка попадёт в очередь."
    ),
    "confirm.estimate": (
        "{name}, записал ваш запрос:\n"
        "«{title}»\n"
        "{cost}\n"
        "Подтвердите, если хотите получить оценку."
    ),
    "confirm.updated": "Добавил ваше сообщение к заявке «{title}».",
    "confirm.unsure": (
        "Я не уверен, что верно определил вид заявки. Если он другой — выберите нужный "
        "вид, от него зависят стоимость и сроки."
    ),
    "confirm.repeat": (
        "Этот вопрос уже есть в заявке №{number} «{title}» ({status}). "
        "Добавил ваше сообщение туда, чтобы не заводить дубль."
    ),
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
    "accepted": (
        "Заявка №{number} принята в очередь.\n"
        "«{title}»\n"
        "Вид: {kind}\n"
        "Стоимость: {cost}\n"
        "Ответим в течение {hours} рабочих часов. Подтвердил(а): {by}."
    ),
    "declined": "Хорошо, это не заявка — ничего не заводим. Отметил(а): {by}.",
    "kind_changed": "Вид заявки изменён.",
    "choose_kind": "Выберите вид заявки:",
    "greeting": (
        "Здравствуйте! Я бот поддержки «{integrator}» для «{client}».\n"
        "Пишите вопросы и проблемы прямо сюда, как обычно. Я запишу каждую заявку, "
        "покажу, сколько она стоит по вашему тарифу, и попрошу подтвердить — после этого "
        "она попадёт в очередь к специалистам.\n"
        "Команды: /tickets — открытые заявки, /ticket 12 — заявка №12, /help — справка."
    ),
    "how_to_link": (
        "Здравствуйте! Этот чат ещё не подключён к поддержке, поэтому я пока ничего "
        "здесь не записываю. Сотрудник поддержки подключит его командой /link КОД "
        "(код выдаёт администратор)."
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
    "owner_link": (
        "Ссылка для руководителя клиента — откройте её, чтобы получать отчёты и уведомления "
        "в личном чате (ссылка одноразовая):\n{link}"
    ),
    "owner_bound": (
        "Готово: вы указаны руководителем «{client}». Сюда будут приходить ежемесячные "
        "отчёты, уведомления о балансе и продлении."
    ),
    "tickets.none": "Открытых заявок нет.",
    "tickets.header": "Открытые заявки «{client}»:",
    "tickets.line": "№{number} · {status} · {title}",
    "ticket.details": (
        "Заявка №{number}: «{title}»\n"
        "Вид: {kind}\n"
        "Статус: {status}\n"
        "Создана: {created}\n"
        "Автор: {requester}"
    ),
    "ticket.usage": "Напишите номер заявки, например: /ticket 12",
    "link.usage": "Напишите код после команды, например: /link ABCD234567",
    "linked": "Чат подключён к клиенту «{client}».",
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
    # -- import (chat history import) --
    "import.header": "Импорт истории чата «{chat}» → клиент «{client}»",
    "import.client_created": "Клиента «{client}» в базе не было — он создан.",
    "import.client_created_dry": "Клиента «{client}» в базе нет — при настоящем импорте он будет создан.",
    "import.counts": (
        "Сообщений в файле: {messages}; записано сейчас: {stored}, "
        "уже были загружены раньше: {before}."
    ),
    "import.counts_dry": (
        "Сообщений в файле: {messages}; будет записано: {stored}, "
        "уже были загружены раньше: {before}."
    ),
    "import.tickets": "Заявки ({count}):",
    "import.ticket_line": "  №{number} · {kind} · {status} · «{title}»",
    "import.ticket_sources": "       сообщения: {ids}",
    "import.refusals": "Отказы ({count}):",
    "import.refusal_line": "  сообщение {id} — {reason}",
    "import.ignored": (
        "Не стали заявками ({count}): приветствия и благодарности, ответы сотрудников, "
        "удалённые сообщения, вложения без текста."
    ),
    "import.dry_run": "Пробный запуск: в базу ничего не записано.",
    "import.saved": "Готово: история сохранена. Повторный импорт этого файла ничего не добавит.",
    "import.checking": "Проверяю файл…",
    "import.progress": "{done} из {total} сообщений ({percent}%)",
    "import.err.malformed": "Файл не удалось прочитать: {detail}. В базу ничего не записано.",
    "import.err.no_chats": "В выгрузке нет ни одного чата. В базу ничего не записано.",
    "import.err.many_chats": (
        "В выгрузке несколько чатов: {chats}. Укажите, какой импортировать: "
        "--chat НАЗВАНИЕ или --chat НОМЕР."
    ),
    "import.err.no_such_chat": "Чата «{chat}» в выгрузке нет. Есть: {chats}.",
    "import.err.unknown_staff": (
        "В чате никто не пишет под именем или номером «{name}» (указано в --staff). "
        "Кто пишет в чате: {senders}."
    ),
    "import.err.linked_elsewhere": (
        "Этот чат уже подключён к клиенту «{linked}», а не к «{client}». "
        "Запустите импорт с --client \"{linked}\" или без --client."
    ),
    "import.err.no_client_name": (
        "У чата в выгрузке нет названия — укажите клиента: --client НАЗВАНИЕ."
    ),
    # -- staff (staff workspace) --
    "ws.menu": (
        "Рабочее место поддержки. Новые заявки ваших клиентов приходят сюда карточками с "
        "кнопками. Чтобы ответить клиенту, ответьте на карточку (текстом, фото или файлом).\n"
        "Очередь — кнопками ниже или /queue; заявка по звонку — /new КЛИЕНТ текст; "
        "поиск по базе знаний — /kb слова."
    ),
    "ws.btn.take": "🙋 Взять",
    "ws.btn.take_testing": "🧪 Взять на тестирование",
    "ws.btn.answer": "💬 Ответить",
    "ws.btn.time": "⏱ Время",
    "ws.btn.status": "Статус",
    "ws.btn.comment": "📝 Служебный комментарий",
    "ws.btn.close": "✅ Закрыть",
    "ws.btn.estimate": "💰 Оценка",
    "ws.btn.other_minutes": "Другое время",
    "ws.btn.approve": "✅ Согласовать",
    "ws.btn.decline_estimate": "✖ Отказаться",
    "ws.card.head": "{client} · №{number} · {kind}",
    "ws.card.who": "Автор: {requester} · Статус: {status}",
    "ws.card.due": "Отреагировать до: {due}",
    "ws.card.work": "Исполнитель: {assignee} · Время: {minutes}",
    "ws.card.tester": "Тестирует: {tester}",
    "ws.card.confidence": "Вид определён ботом с уверенностью {percent}%",
    "ws.card.confidence_low": "Вид определён ботом с уверенностью {percent}% — низкая, проверьте",
    "ws.card.sources": "Сообщения: {links}",
    "ws.card.test_case": "Как проверить: {text}",
    "ws.card.service_comment": "Как сделано: {text}",
    "ws.card.estimate": "Оценка: {time}, {price} — {state}",
    "ws.card.similar": "Похожие ответы раньше:",
    "ws.card.media.not_transcribed": "🎤 Голосовое, не расшифровано ({count}) — прослушайте в чате",
    "ws.card.media.transcribed": "🎤 Голосовое расшифровано автоматически ({count}), возможны "
                                 "ошибки",
    "ws.card.media.recognized": "🖼 Текст со скриншота прочитан автоматически ({count})",
    "ws.estimate_state.proposed": "ждёт решения клиента",
    "ws.estimate_state.approved": "согласована",
    "ws.estimate_state.declined": "отклонена клиентом",
    "ws.nobody": "—",
    "ws.minutes": "{minutes} мин",
    "ws.hours": "{hours} ч",
    "ws.hours_minutes": "{hours} ч {minutes} мин",
    "ws.category.billable": "Оплачивается клиентом",
    "ws.category.helping_colleague": "Помощь коллеге",
    "ws.category.learning": "Обучение",
    "ws.category.infrastructure": "Инфраструктура",
    "ws.category.our_mistake": "Наша ошибка",
    "ws.category.over_estimate": "Сверх оценки",
    "ws.ask.answer": "Напишите ответ клиенту — текст, фото или файл. Я отправлю его в чат "
                     "клиента ответом на исходное сообщение, с вашей подписью.",
    "ws.ask.minutes": "Сколько времени заняла работа?",
    "ws.ask.custom_minutes": "Напишите время, например: 20, 45 мин, 1 ч 30 мин, 1,5 ч.",
    "ws.ask.category": "{time}. Кто за это платит?",
    "ws.ask.description": "{time}, {category}. Что сделано? Одной строкой.",
    "ws.ask.comment": "Служебный комментарий: как сделано — какая настройка, компонент, файл. "
                      "Он попадёт в базу знаний клиента.",
    "ws.ask.estimate": "Напишите оценку: часы и цену в рублях, например: 6 30000",
    "ws.ask.test_case": "Как проверить исправление? Напишите сценарий для тестировщика.",
    "ws.ask.proof": "Пришлите подтверждение, что всё работает: скриншот или видео. Если "
                    "подтверждения нет — напишите почему.",
    "ws.ask.service_comment": "Как это сделано (настройка, компонент, файл)? Это служебный "
                              "комментарий для базы знаний.",
    "ws.ask.reason": "Напишите причину — я передам её клиенту.",
    "ws.need.test_case": "Для тестирования нужен сценарий проверки.",
    "ws.need.proof": "Чтобы закрыть техническую заявку, нужно подтверждение: скриншот, видео "
                     "или причина, почему его нет.",
    "ws.need.service_comment": "Чтобы закрыть заявку, нужен служебный комментарий: как сделано.",
    "ws.need.reason": "Нужна причина — клиент её увидит.",
    "ws.signed": "{text}\n— {name}",
    "ws.answered": "Отправлено клиенту «{client}» по заявке №{number}.",
    "ws.logged": "Записал {time} — {text} ({category}).",
    "ws.comment_saved": "Служебный комментарий к заявке №{number} сохранён.",
    "ws.queue.all": "Все открытые",
    "ws.queue.mine": "Мои",
    "ws.queue.unassigned": "Без исполнителя",
    "ws.queue.overdue": "Просроченные",
    "ws.queue.empty": "В очереди пусто.",
    "ws.queue.header": "Заявки в очереди: {count}",
    "ws.queue.line": "{client} №{number} · {status} · {title}",
    "ws.kb.usage": "Напишите слова для поиска, например: /kb телефония переадресация",
    "ws.kb.none": "В базе знаний ничего не нашлось.",
    "ws.kb.header": "Нашлось в базе знаний:",
    "ws.kb.line": "№{number} «{title}»: {snippet}",
    "ws.new.usage": "Напишите клиента и суть заявки, например: /new ACME не работает "
                    "телефония у Марины. Название из нескольких слов — в кавычках.",
    "ws.new.prompt": "{staff} записал(а) заявку с ваших слов (звонок или письмо).",
    "ws.new.sent": "Заявка №{number} отправлена в чат «{client}» на подтверждение. В работу "
                   "она попадёт после подтверждения клиентом.",
    "ws.new.confirmed": "Заявка №{number} «{title}» подтверждена и принята в очередь. "
                        "Подтвердил(а): {by}.",
    "ws.new.declined": "Хорошо, заявку №{number} не заводим. Отметил(а): {by}.",
    "ws.estimate.offer": (
        "Оценка по заявке №{number} «{title}»: {time}, стоимость {price}.\n"
        "Работы начнём после вашего согласия."
    ),
    "ws.estimate.sent": "Оценка по заявке №{number} отправлена клиенту на согласование.",
    "ws.estimate.approved": "Оценка по заявке №{number} «{title}» согласована: {by}. "
                            "Заявка в очереди.",
    "ws.estimate.declined": "От работ по заявке №{number} «{title}» отказались: {by}.",
    "ws.notice.waiting_for_client": "По заявке №{number} «{title}» ждём вашего ответа.",
    "ws.notice.done": "Заявка №{number} «{title}» выполнена.",
    "ws.notice.rejected": "Заявка №{number} «{title}» отклонена. Причина: {reason}",
    "ws.notice.cancelled": "Заявка №{number} «{title}» отменена. Причина: {reason}",
    "ws.err.not_your_client": "Это заявка клиента, которого вы не обслуживаете.",
    "ws.err.no_such_client": "Клиента «{name}» нет среди ваших.",
    "ws.err.no_such_staff": "Сотрудника с номером {id} нет.",
    "ws.err.transition": "Из текущего статуса так перевести заявку нельзя.",
    "ws.err.own_testing": "Тестирует другой сотрудник, не автор исправления.",
    "ws.err.not_tester": "Закрыть после тестирования может тот, кто тестировал.",
    "ws.err.cannot_take": "Эту заявку сейчас взять нельзя.",
    "ws.err.closed": "Заявка закрыта.",
    "ws.err.no_chat": "У клиента нет подключённого чата — отправить некуда.",
    "ws.err.minutes": "Не понял время. Напишите, например: 20, 45 мин или 1 ч 30 мин (до суток).",
    "ws.err.description": "Напишите, что сделано.",
    "ws.err.unconfirmed": "Заявку ещё не подтвердил клиент — время по ней не записывается.",
    "ws.err.correction": "Такую поправку сделать нельзя: поправка — новая запись, и итог не "
                         "может стать меньше нуля.",
    "ws.err.estimate": "Оценка — это часы больше нуля и неотрицательная цена.",
    "ws.err.estimate_status": "Оценку можно дать только по открытой подтверждённой заявке.",
    "ws.err.estimate_decider": "Согласовать оценку может руководитель, координатор или автор "
                               "заявки.",
    "ws.err.estimate_decided": "По этой оценке уже есть решение.",
    "ws.err.client_confirms": "Подтверждает клиент: заявку, заведённую поддержкой, "
                              "должен увидеть и подтвердить сам клиент.",
    # -- sla (SLA, reminders, summaries) --
    "outbox.failed": ("⚠️ Не удалось доставить сообщение в чат {chat} ({platform}), "
                      "бот больше не пытается: {error}\nТекст: {text}"),
    "remind.ticket": "Заявка №{number} «{title}» — {client}",
    "remind.metric.first_reaction": "первая реакция",
    "remind.metric.next_reply": "ответ клиенту",
    "remind.metric.progress_update": "новости клиенту о ходе работ",
    "remind.metric.resolution": "решение",
    "remind.sla_warning": "⏰ Скоро срок: {metric} — до {due}, осталось {minutes} мин.",
    "remind.sla_breach": "🔴 Срок нарушен: {metric} — нужно было до {due}. Ответьте клиенту как можно скорее.",
    "remind.no_time": (
        "Заявка в работе, но время не записано уже {hours} ч рабочего времени. "
        "Запишите, сколько потрачено, или верните заявку в очередь."
    ),
    "remind.untaken": "Заявка принята {hours} ч рабочего времени назад, но её до сих пор никто не взял.",
    "remind.client_waiting": "Последнее сообщение в заявке — от клиента, и оно без ответа уже {hours} ч.",
    "remind.progress_note": (
        "Клиент не получал новостей по заявке {days} рабочих дн. Напишите ему, как идёт работа, "
        "даже если всё по плану."
    ),
    "remind.contradiction.client_answered": (
        "Статус «ждём ответа от клиента», но клиент уже ответил. Верните заявку в работу."
    ),
    "remind.contradiction.no_assignee": "Заявка в работе, но исполнитель не назначен. Возьмите её или верните в очередь.",
    "remind.contradiction.time_in_queue": (
        "Заявка в очереди, но по ней уже записано время. Возьмите её в работу, чтобы статус "
        "говорил правду."
    ),
    "remind.estimate_waiting": (
        "Напоминаем: по заявке №{number} «{title}» {days} дн. ждёт вашего решения оценка — "
        "{hours} ч, {price}. Без вашего согласия работы не начнутся; ответьте, пожалуйста, "
        "на сообщение с оценкой."
    ),
    "remind.renewal": (
        "«{client}»: продление поддержки на {months} нужно оплатить до {day}. Сумма: {amount}."
    ),
    "remind.lapse": (
        "«{client}»: продление на {months} не оплачено до {day} (сумма {amount}). Тариф "
        "закончится в конце месяца — оплатите, чтобы поддержка продолжилась без перерыва."
    ),
    "summary.title": "Итоги месяца {month} — «{client}»",
    "summary.tickets": "Заявки (открыто / закрыто):",
    "summary.tickets_line": "• {kind}: {opened} / {closed}",
    "summary.no_tickets": "Заявок в этом месяце не было.",
    "summary.work": "Работа по видам:",
    "summary.work_line": "• {kind}: {hours}, {amount}",
    "summary.no_work": "Оплачиваемой работы в этом месяце не было.",
    "summary.chart_no_data": "Нет данных: за этот месяц работа не записана",
    "summary.sla": "Сроки соблюдены: {kept} из {total} заявок ({percent}%).",
    "summary.sla_none": "Заявок со сроками в этом месяце не было.",
    "summary.waits": "Дольше всего ждали первой реакции:",
    "summary.wait_line": "• №{number} «{title}» — {hours}",
    "summary.recurring": "Повторяющиеся проблемы:",
    "summary.recurring_line": "• «{title}» — {count} раза",
    "summary.balance": "Баланс: {amount}.",
    "summary.next_payment": "Следующий платёж: {amount} до {day}.",
    "summary.nothing_due": "Следующего платежа пока не требуется.",
    "summary.chart_caption": "Часы работы по видам поддержки по неделям, {month}",
    "summary.chart_week": "Неделя {week}",
    "summary.chart_hours": "часы",
    "summary.err.no_client": "Клиента «{name}» нет — проверьте, как он записан (chatdesk clients add).",
    "summary.err.month": "Месяц укажите как ГГГГ-ММ, например 2026-11 (получено {value}).",
    "digest.title": "Итоги месяца {month} по всем клиентам",
    "digest.line": "• {client}: сроки {percent}%, работа {hours}, выручка {revenue}, час работы принёс {rate}",
    "digest.line_no_sla": "• {client}: заявок со сроками не было, работа {hours}, выручка {revenue}",
    "digest.empty": "Клиентов пока нет.",
    "digest.csat": "  оценки клиентов: {line}",
    # customer satisfaction: the question after a ticket is done, and the answers to it
    "csat.ask": ("{name}, заявка №{number} «{title}» выполнена. Как мы справились? "
                 "Нажмите 👍 или 👎."),
    "csat.thanks_up": ("Спасибо за оценку 👍, {name}! Заявка №{number} «{title}». "
                       "Если хотите добавить пару слов — ответьте на это сообщение."),
    "csat.thanks_down": ("Спасибо, что сказали честно, {name} 👎. Заявка №{number} «{title}»: "
                         "руководитель уже в курсе и свяжется с вами. Что пошло не так? "
                         "Ответьте на это сообщение — он прочтёт."),
    "csat.word_thanks": "Спасибо, передал ваш отзыв команде.",
    "csat.not_yours": ("Спасибо! Оценить заявку может только тот, кто её оставил, — "
                       "ваш голос не учтён."),
    "csat.already": "Оценка по этой заявке уже есть — спасибо! Повторно голосовать не нужно.",
    "csat.lead_vote": ("👎 Клиент недоволен: {client}, заявка №{number} «{title}» "
                       "(исполнитель: {assignee}). Оценку поставил(а) {name}. "
                       "Свяжитесь с клиентом; если он добавит пару слов, я их перешлю."),
    "csat.lead_word": ("👎 Отзыв по заявке №{number} «{title}» ({client}, исполнитель: "
                       "{assignee}) от {name}: «{word}»"),
    "csat.nobody": "не назначен",
    "csat.summary": "Оценки клиентов: 👍 {up} · 👎 {down} ({percent}% довольны).",
    "csat.summary_none": "Оценок от клиентов в этом месяце не было.",
    # broadcasts: an admin's announcement to client chats
    "bc.admins_only": "Рассылку по чатам клиентов делают только администраторы.",
    "bc.ask_text": ("Напишите текст объявления одним сообщением — я покажу, в какие чаты оно "
                    "уйдёт, и спрошу подтверждение. Передумали — /cancel."),
    "bc.preview": ("Объявление получат чаты — {chats}, клиенты — {clients}{audience}:\n\n"
                   "{text}\n\nОтправить?"),
    "bc.audience": " (отбор: {audience})",
    "bc.btn_send": "✅ Отправить",
    "bc.btn_cancel": "✖ Отмена",
    "bc.sending": ("Рассылка №{id} поставлена в очередь, чатов: {chats}. Когда всё уйдёт, "
                   "пришлю отчёт."),
    "bc.cancelled": "Рассылка отменена, ничего не отправлено.",
    "bc.empty": "Текст объявления пустой — напишите, что сообщить клиентам.",
    "bc.too_long": "Объявление длиннее {limit} символов — сократите его.",
    "bc.no_chats": "Под этот отбор не попал ни один чат клиента — отправлять некуда.",
    "bc.unknown_client": "Нет таких клиентов: {names}.",
    "bc.unknown": "Рассылки №{id} нет.",
    "bc.bad_filter": "Не понял отбор: {error}.",
    "bc.expired": "Это подтверждение устарело — начните заново: /broadcast.",
    "bc.report_done": ("📣 Рассылка №{id} завершена: доставлено {delivered} из {chats}, "
                       "не доставлено {failed}."),
    "bc.report_running": ("📣 Рассылка №{id}: доставлено {delivered} из {chats}, "
                          "не доставлено {failed}, ещё в очереди {pending}."),
    "calendar.unknown_year": (
        "нет производственного календаря на {year} год — известны годы {first}–{last}; "
        "сроки за их пределами не считаются наугад"
    ),
    "calendar.running_out": (
        "производственный календарь известен только до конца {last} года: с 1 января {next} "
        "сроки SLA считаться не будут. Обновите chatdesk (пакет holidays и таблицы в "
        "bot/calendars.py) до Нового года"
    ),
    "calendar.ran_out": (
        "производственный календарь известен только до конца {last} года, а сегодня {today}: "
        "сроки SLA не считаются. Обновите chatdesk (пакет holidays и таблицы в bot/calendars.py)"
    ),
    "calendar.title": "Производственный календарь на {year} год:",
    "calendar.days_off": "Праздники и перенесённые выходные: {dates}",
    "calendar.working_days": "Рабочие субботы и воскресенья: {dates}",
    "calendar.shortened": "Предпраздничные дни, короче на час: {dates}",
    "calendar.none": "нет",
    "sla.due": "Срок: {due} ({tz}) — {amount} ч {mode} от {start}",
    "sla.working_hours": "рабочего времени",
    "sla.calendar_hours": "календарного времени",
    "sla.bad_start": "начало укажите датой и временем, например 2026-03-06T17:00 (получено {value})",
    "sla.bad_hours": "часы укажите неотрицательным числом, например 4 или 1.5 (получено {value})",
    "sla.too_many_hours": "{value} ч — слишком далеко: срок считается не больше чем на 99 999 часов вперёд",
    "sla.no_client": "клиента «{name}» нет — проверьте, как он записан (chatdesk clients add)",
    "sla.bad_priority": "приоритет — целое число от 0 до 1000 (получено {value})",
    "sla.priority_set": "Приоритет «{client}»: {priority}. Пересчитано сроков открытых заявок (от их исходного начала): {count}.",
    "sla.policies_title": "Правила SLA ({source}); применяется первое подходящее:",
    "sla.policies_settings": "настройка SLA_REACTION_HOURS",
    "calendar.client_own": "Рабочий календарь «{client}»: {tz}, {days}, {hours}, обед {lunch}.",
    "calendar.client_desk": "У «{client}» своего календаря нет: действует общий ({tz}, {days}, {hours}, обед {lunch}).",
    "calendar.client_set": "Сроки и тихие часы «{client}» теперь по его календарю. Пересчитано сроков открытых заявок: {count}.",
    "calendar.client_cleared": "«{client}» снова работает по общему календарю. Пересчитано сроков открытых заявок: {count}.",
    "calendar.no_lunch": "нет",
    # -- billing (plans, ledger, balances) --
    "billing.statement.caption": "Выписка «{client}» за {month}: все записи месяца и итоги по видам поддержки.",
    "billing.statement.list_header": "Оплачиваемая работа «{client}» за {month}. Если вы не согласны с какой-то записью, нажмите «Не согласен» под ней — сотрудники проверят её и ответят вам здесь.",
    "billing.statement.no_billable": "В выписке «{client}» за {month} пока нет оплачиваемой работы, оспаривать нечего.",
    "billing.statement.under_dispute": "Спор по этой записи уже открыт — ждём ответа сотрудников.",
    "billing.err.statement_staff": "Выписка приходит руководителю клиента. Сотрудникам она доступна в личном кабинете.",
    "billing.err.statement_nobody": "Я не нашёл компанию, чью выписку вам можно показать. Её получает руководитель компании.",
    "billing.btn.disagree": "Не согласен",
    "billing.btn.confirm_entry": "Подтвердить запись",
    "billing.btn.reverse_entry": "Сторнировать",
    "billing.dispute.ticket": "заявка №{number}",
    "billing.dispute.entry": "{day} · {ticket} · {hours} · {amount}",
    "billing.dispute.opened": "Спор открыт. Сотрудники проверят запись и ответят вам здесь:\n{entry}",
    "billing.dispute.card": "Клиент «{client}» не согласен с записью (оспорил(а) {who}):\n{entry}\nПроверьте её: подтвердите, если она верна, или сторнируйте — тогда сумма вернётся клиенту.",
    "billing.dispute.card_confirmed": "Запись подтвердил(а) {staff}; клиенту сообщено.",
    "billing.dispute.card_reversed": "Запись сторнировал(а) {staff}: клиенту возвращено {amount}; клиенту сообщено.",
    "billing.dispute.owner_confirmed": "Мы проверили запись, которую вы оспорили, — она верна и остаётся в выписке ({staff}):\n{entry}",
    "billing.dispute.owner_reversed": "Вы были правы: запись отменена, {amount} возвращено на баланс ({staff}):\n{entry}",
    "billing.bot.off": "Баланс в боте пока не подключён. Спросите вашего менеджера.",
    "billing.err.no_plan_chat": "Для «{client}» ещё не настроен тариф — баланс появится, когда его зададут. Спросите вашего менеджера.",
    "billing.err.balance_staff_private": "Сотрудникам баланс показывается в группе клиента: напишите /balance там.",
    "billing.err.balance_nobody": "Я не нашёл компанию, чей баланс вам можно показать. Напишите /balance в группе вашей компании.",
    "billing.err.balance_no_chat": "Этот чат не подключён к клиенту, поэтому баланса здесь нет.",
    "billing.weekly.header": "Итоги недели для «{client}» на {day}: часы за этот месяц",
    "billing.weekly.package": "Осталось в пакете: {left} из {total}.",
    # -- cabinet --
    "cabinet.title": "Личный кабинет",
    "cabinet.lang.switch": "English",
    "cabinet.logout": "Выйти",
    "cabinet.nav.tickets": "Заявки",
    "cabinet.nav.money": "Часы и баланс",
    "cabinet.welcome.title": "Вход в личный кабинет",
    "cabinet.welcome.checking": "Проверяем вход через Telegram…",
    "cabinet.welcome.text": "Откройте кабинет кнопкой в чате с ботом в Telegram или отправьте боту команду /cabinet — он пришлёт одноразовую ссылку для входа с компьютера.",
    "cabinet.login.title": "Вход в личный кабинет",
    "cabinet.login.text": "Ссылка одноразовая: после входа она перестанет работать. Если вы не запрашивали вход, просто закройте страницу.",
    "cabinet.login.button": "Войти",
    "cabinet.to_start": "На главную",
    "cabinet.signed_in_as": "Вы вошли как {name}.",
    "cabinet.home.clients": "Клиенты",
    "cabinet.home.no_clients": "Вам пока не назначен ни один клиент.",
    "cabinet.home.queue": "Очередь",
    "cabinet.home.queue_empty": "В очереди пусто.",
    "cabinet.tickets.open": "Открытые",
    "cabinet.tickets.none_open": "Открытых заявок нет.",
    "cabinet.tickets.closed": "Закрытые",
    "cabinet.tickets.none_closed": "Закрытых заявок пока нет.",
    "cabinet.sla.on_track": "в срок · до {due}",
    "cabinet.sla.soon": "срок скоро · до {due}",
    "cabinet.sla.breached": "срок пропущен · {due}",
    "cabinet.back": "← Все заявки",
    "cabinet.ticket.kind": "Вид",
    "cabinet.ticket.requester": "Автор",
    "cabinet.ticket.assignee": "Исполнитель",
    "cabinet.ticket.created": "Создана",
    "cabinet.ticket.spent": "Списано",
    "cabinet.ticket.history": "История",
    "cabinet.event.created": "Заявка создана",
    "cabinet.event.confirmed": "Заявка подтверждена и принята в очередь",
    "cabinet.note.test_case": "Как проверить",
    "cabinet.note.proof": "Подтверждение работы",
    "cabinet.note.service_comment": "Как сделано",
    "cabinet.note.reason": "Причина",
    "cabinet.event.work": "Работа: {hours}",
    "cabinet.event.reversal": "Возврат: {hours}",
    "cabinet.event.from_package": "из пакета часов",
    "cabinet.event.included": "входит в тариф",
    "cabinet.event.unbilled": "не оплачивается клиентом",
    "cabinet.dispute.button": "Не согласен с этой записью",
    "cabinet.dispute.reason": "Что не так? (можно не писать)",
    "cabinet.dispute.send": "Оспорить",
    "cabinet.dispute.sent": "Запись оспорена. Поддержка ответит; если запись неверна, её стоимость вернётся на баланс.",
    "cabinet.dispute.status.open": "оспорено, ждёт ответа",
    "cabinet.dispute.status.confirmed": "спор рассмотрен: запись верна",
    "cabinet.dispute.status.reversed": "спор рассмотрен: возвращено",
    "cabinet.money.no_plan": "Тариф ещё не оформлен — баланс появится, когда менеджер его задаст.",
    "cabinet.money.balance": "Баланс",
    "cabinet.money.debt": "Долг",
    "cabinet.money.month": "{month} {year}",
    "cabinet.money.package": "Пакет часов на месяц",
    "cabinet.money.left": "Осталось {left} из {total}",
    "cabinet.money.spent": "Потрачено в этом месяце",
    "cabinet.money.total": "Итого",
    "cabinet.money.chart": "Часы по неделям",
    "cabinet.money.disputes": "Открытых споров: {count}.",
    "cabinet.money.statements": "Выписки по месяцам",
    "cabinet.money.download": "Скачать XLSX",
    "cabinet.err.title": "Не получилось открыть",
    "cabinet.err.session": "Чтобы открыть эту страницу, войдите: кнопкой в чате с ботом в Telegram или по ссылке, которую бот пришлёт на команду /cabinet.",
    "cabinet.err.unknown": "Мы не нашли вас ни среди сотрудников клиентов, ни среди поддержки. Напишите в общий чат с поддержкой — после этого вход заработает.",
    "cabinet.err.not_yours": "Эта страница относится к другой компании или у вас нет к ней доступа.",
    "cabinet.err.no_ticket": "Заявки №{number} нет.",
    "cabinet.err.owner_only": "Часы и деньги вашей компании по её просьбе видит только руководитель.",
    "cabinet.err.dispute_denied": "Оспорить запись может только представитель клиента.",
    "cabinet.err.csrf": "Форма устарела. Обновите страницу и отправьте её ещё раз.",
    "cabinet.err.init_data": "Telegram не подтвердил вход или он устарел. Закройте кабинет и откройте его снова из чата с ботом.",
    "cabinet.err.link": "Ссылка для входа уже использована или устарела. Отправьте боту /cabinet, чтобы получить новую.",
    "cabinet.err.not_found": "Такой страницы нет.",
    "cabinet.bot.link": "Ваша ссылка для входа в личный кабинет — одноразовая, действует {minutes} мин:\n{link}\nНе пересылайте её: кто откроет её первым, войдёт от вашего имени.",
    "cabinet.bot.open": "Открыть кабинет",
    "cabinet.bot.in_group": "Ссылку для входа в личный кабинет пришлю в личном чате — она только для вас. Нажмите кнопку ниже.",
    "cabinet.bot.go_private": "Получить ссылку",
    "cabinet.bot.off": "Личный кабинет пока не подключён. Попросите администратора поддержки его включить.",
    "cabinet.month.1": "Январь",
    "cabinet.month.2": "Февраль",
    "cabinet.month.3": "Март",
    "cabinet.month.4": "Апрель",
    "cabinet.month.5": "Май",
    "cabinet.month.6": "Июнь",
    "cabinet.month.7": "Июль",
    "cabinet.month.8": "Август",
    "cabinet.month.9": "Сентябрь",
    "cabinet.month.10": "Октябрь",
    "cabinet.month.11": "Ноябрь",
    "cabinet.month.12": "Декабрь",
    "billing.entry.payment": "оплата",
    "billing.entry.fee": "абонентская плата за месяц",
    "billing.entry.package_grant": "пакет часов на месяц",
    "billing.entry.time_debit": "работа",
    "billing.entry.overage": "работа сверх пакета",
    "billing.entry.burn": "неиспользованные часы пакета сгорели",
    "billing.entry.reversal": "возврат по спорной записи",
    "billing.entry.adjustment": "ручная корректировка",
    "billing.model.monthly": "абонентская плата по видам поддержки",
    "billing.model.package": "пакет часов",
    "billing.model.time_and_materials": "оплата по времени с баланса",
    "billing.mode.passive": "пассивная",
    "billing.mode.active": "активная",
    "billing.plan.header": "Тариф «{client}»: {model}",
    "billing.plan.kind": "• {kind}, {mode}: {fee} в месяц",
    "billing.plan.kind_free": "• {kind}, {mode}: бесплатно до {until}, затем {fee} в месяц",
    "billing.plan.package": "Пакет: {hours} в месяц; сверх пакета — {rate} за час.",
    "billing.hours": "{hours} ч",
    "billing.plan.rate": "Час работы: {rate}.",
    "billing.plan.rounding": "Время округляется вверх до {minutes} мин.",
    "billing.plan.starts": "Начало: {day}.",
    "billing.plan.trial": "Первый месяц — пробный.",
    "billing.plan.term": (
        "Продление оплачивается до {day}-го числа текущего месяца, минимум на {months} {month_word} вперёд."
    ),
    "billing.plan.none": "У клиента «{client}» ещё нет тарифа.",
    "billing.balance.header": "Баланс «{client}» на {day}",
    "billing.balance.money": "Деньги на балансе: {amount}.",
    "billing.balance.debt": "Долг: {amount} — работы по времени продолжаются, оплатите, пожалуйста.",
    "billing.balance.package": "Пакет на месяц: осталось {left} из {total}.",
    "billing.balance.package_over": "Пакет на месяц ({total}) израсходован; сверх пакета — по ставке.",
    "billing.balance.package_left": (
        "Пакет на месяц: осталось {left} из {total}; неизрасходованные часы сгорают 1-го "
        "({day})."
    ),
    "billing.balance.covered": "Входит в план:",
    "billing.balance.covered_line": "• {kind}, {mode}",
    "billing.balance.hourly": "Работы оплачиваются по времени: {rate} за час, с баланса.",
    "billing.balance.unpaid": "Не оплачено: {amount}.",
    "billing.balance.starts": "План начнёт действовать {day}; часы и платежи по нему — с этого дня.",
    "billing.balance.first_month": (
        "План начался в этом месяце, и месяц засчитан целиком: часы и плата за месяц по дням "
        "не пересчитываются."
    ),
    "billing.balance.spend_header": "Потрачено в этом месяце:",
    "billing.balance.spend_line": "• {kind}: {hours}, {amount}",
    "billing.balance.no_spend": "В этом месяце работ ещё не было.",
    "billing.balance.due": "Следующий платёж: {amount} до {day} (за {months}).",
    "billing.balance.nothing_due": "Сейчас ничего платить не нужно.",
    "billing.notice.package_80": (
        "Израсходовано {used} из {total} пакета часов за месяц. "
        "Оставшееся: {left}; сверх пакета работа оплачивается по {rate} за час."
    ),
    "billing.notice.package_exhausted": (
        "Пакет часов за месяц ({total}) израсходован. Дальнейшая работа в этом месяце "
        "оплачивается по {rate} за час."
    ),
    "billing.notice.low_balance": "На балансе осталось {amount}. Пополните, чтобы работы не прерывались.",
    "billing.notice.negative_balance": "Баланс отрицательный: {amount}. Пожалуйста, пополните его.",
    "billing.notice.renewal_due": (
        "Напоминание: продление поддержки на {months} нужно оплатить до {day}. Сумма: {amount}."
    ),
    "billing.statement.title": "Выписка «{client}» за {month}",
    "billing.statement.date": "Дата",
    "billing.statement.ticket": "Заявка",
    "billing.statement.who": "Кто",
    "billing.statement.what": "Что сделано",
    "billing.statement.kind": "Вид",
    "billing.statement.minutes": "Минуты",
    "billing.statement.amount": "Сумма, ₽",
    "billing.statement.totals": "Итого по видам",
    "billing.statement.no_work": "оплачиваемой работы за месяц не было",
    "billing.statement.total": "Всего",
    "billing.statement.opening": "Баланс на начало месяца, ₽",
    "billing.statement.closing": "Баланс на конец месяца, ₽",
    "billing.err.active_only": "{kind} бывает только активной: укажите режим «active».",
    "billing.err.not_support": "{kind} — не вид поддержки, его нельзя включить в тариф.",
    "billing.err.package_hours": "Для пакета часов укажите, сколько часов в месяц (например, 20).",
    "billing.err.rate": "Укажите ставку за час: по ней считается работа сверх пакета и по времени.",
    "billing.err.no_kinds": "Абонентский тариф должен включать хотя бы один вид поддержки.",
    "billing.err.rounding": "Шаг округления времени — от 0 до 240 минут.",
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
    "billing.err.kind_twice": "Вид «{kind}» указан в тарифе дважды: оставьте одну строку на вид.",
    "billing.err.fee_bounds": "Абонентская плата за «{kind}» — от 0 до 100 000 000 ₽ в месяц.",
    "billing.err.rate_bounds": "Ставка за час — от 0 до 100 000 000 ₽.",
    "billing.err.package_bounds": "В пакете может быть от 0 до 744 часов в месяц.",
    "billing.err.entry_bounds": "Одна запись не может быть больше 100 000 000 ₽ — проверьте сумму.",
    "billing.err.balance_bounds": "После этой записи баланс вышел бы за 1 000 000 000 ₽ — проверьте сумму.",
    "billing.err.minutes": "Время работы должно быть больше нуля.",
    "billing.err.no_plan": "У клиента нет тарифа: сначала задайте его.",
    "billing.err.no_client": "Такого клиента нет.",
    "billing.err.not_disputable": "Оспорить можно только оплачиваемую запись о работе.",
    "billing.err.dispute_open": "По этой записи уже есть открытый спор.",
    "billing.err.dispute_closed": "Этот спор уже решён.",
    "billing.err.nothing_to_reverse": "Нечего возвращать: сумма и минуты возврата нулевые.",
    "billing.err.reversal_too_big": "Возврат не может быть больше самой записи (с учётом прежних возвратов).",
    "billing.err.payment": "Сумма оплаты должна быть больше нуля.",
    "billing.err.payment_future": "Оплату нельзя записать будущим числом ({date}): сегодня {today}.",
    "billing.err.bad_date": "--date «{value}»: укажите дату в виде ГГГГ-ММ-ДД, например 2026-11-12.",
    "billing.err.adjustment": "Для корректировки нужны ненулевая сумма или минуты и причина.",
    "billing.err.closed": "Месяц {month} уже закрыт: в него ничего нельзя записать.",
    "billing.err.close_early": "Месяц {month} ещё не закончился — закрыть его можно с 1-го числа следующего.",
    "billing.err.concurrent": "Запись уже делает другой процесс; повторите попытку.",
    "billing.duration": "{sign}{hours} ч {minutes} мин",
    "billing.statement.sheet": "Выписка",
    "billing.payment_added": "Оплата {amount} от «{client}» записана. Баланс: {balance}.",
    "billing.payment_repeated": "Эта оплата уже была записана раньше — второй раз не добавлена. Баланс: {balance}.",
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
    # administration: the CLI and an admin's menu in the private chat with the bot
    "admin.err.telegram_id": (
        "«{value}» — не Telegram id. Это целое положительное число (до 2^52); узнать его "
        "можно, например, у @userinfobot."
    ),
    "admin.err.phone": (
        "«{value}» — не номер телефона. Нужно от 10 до 15 цифр, например +7 900 111-22-33."
    ),
    "admin.err.admins_only": "Это могут делать только администраторы. Ничего не изменено.",
    "admin.err.no_client": "Клиента «{name}» нет.",
    "admin.err.no_staff": "Сотрудника с номером {id} нет.",
    "admin.err.empty_name": "Название пустое — напишите его, пожалуйста.",
    "admin.err.client_exists": "Клиент «{name}» уже есть.",
    "admin.err.no_account": "Укажите Telegram id сотрудника или его номер WhatsApp.",
    "admin.err.staff_exists": "{name} уже в команде.",
    "admin.err.last_admin": (
        "{name} — единственный администратор: сначала назначьте администратором кого-то ещё."
    ),
    "admin.err.amount": "Не понял сумму «{value}». Напишите её в рублях, например 15000 или 15000,50.",
    "admin.err.plan_line": (
        "Не понял «{value}». Нужно: вид, режим и сумма в рублях, например «тех пасс 20000»."
    ),
    "admin.err.hours_rate": "Не понял «{value}». Нужно два числа: часы в месяц и цена часа, например «20 2500».",
    "admin.err.staff_id": "Номер сотрудника «{value}» — это целое число из списка «staff list».",
    "admin.client.added": (
        "Клиент «{name}» добавлен (номер {id}). Чтобы подключить его групповой чат, "
        "сотрудник отправляет в нём: /link {code}"
    ),
    "admin.clients.none": "Клиентов пока нет.",
    "admin.clients.line": "{name}{archived}: {plan}; {balance}; открытых заявок: {open}",
    "admin.client.archived_mark": " (в архиве с {day})",
    "admin.client.no_plan": "без тарифа",
    "admin.client.no_balance": "баланса нет",
    "admin.balance.money": "на балансе {amount}",
    "admin.balance.debt": "долг {amount}",
    "admin.balance.package": "пакет: осталось {left} из {total}",
    "admin.client.open_header": "Открытые заявки:",
    "admin.client.open_line": "№{number} {title} — {status}",
    "admin.client.no_open": "Открытых заявок нет.",
    "admin.client.renamed": "Клиент «{old}» теперь называется «{name}».",
    "admin.client.archived": (
        "Клиент «{name}» в архиве: его чаты больше не обслуживаются, история и баланс "
        "сохранены. Вернуть: clients archive --restore."
    ),
    "admin.client.restored": "Клиент «{name}» снова обслуживается.",
    "admin.staff.none": "В команде пока никого.",
    "admin.staff.line": "{id}. {name} — {role}; {accounts}; обслуживает: {clients}",
    "admin.role.staff": "сотрудник",
    "admin.role.admin": "администратор",
    "admin.staff.every_client": "всех клиентов",
    "admin.staff.no_clients": "пока никого",
    "admin.staff.added": "{name} в команде: {role} (номер {id}).",
    "admin.staff.removed": "{name} больше не в команде: доступ закрыт, сделанная работа осталась за ним.",
    "admin.staff.role_set": "{name} теперь {role}.",
    "admin.serve.added": "{name} обслуживает «{client}»: карточки новых заявок будут приходить ему.",
    "admin.serve.already": "{name} уже обслуживает «{client}».",
    "admin.history.none": "Тариф «{client}» ещё не менялся.",
    "admin.history.header": "История тарифов «{client}»:",
    "admin.history.line": "{day}{who}: {plan}",
    "admin.history.who": " ({name})",
    "admin.history.removed": "тариф снят",
    "admin.history.package": "пакет {hours} ч в месяц, сверх пакета {rate} за час",
    "admin.history.rate": "{rate} за час",
    "admin.history.kind": "{kind}, {mode}: {fee} в месяц",
    "admin.backup.done": "Копия базы записана в {path}.",
    "admin.backup.restored": "База восстановлена из {path}.",
    "admin.backup.err.not_sqlite": (
        "Резервная копия этой командой — только для SQLite. Для PostgreSQL используйте резервное копирование самого PostgreSQL."
    ),
    "admin.backup.err.exists": "Файл {path} уже есть — укажите другой.",
    "admin.backup.err.no_file": "Файла {path} нет.",
    "admin.backup.err.not_db": "{path} — не база chatdesk.",
    "admin.backup.err.running": (
        "База сейчас открыта работающим ботом (или другой командой). Остановите бота, "
        "или добавьте --force, если уверены."
    ),
    # an admin's menu in Telegram
    "admin.menu": "Администрирование. Что сделать?",
    "admin.btn.add_client": "Добавить клиента",
    "admin.btn.clients": "Клиенты",
    "admin.btn.plan": "Назначить тариф",
    "admin.btn.payment": "Записать оплату",
    "admin.btn.add_staff": "Добавить сотрудника",
    "admin.btn.serve": "Кто кого обслуживает",
    "admin.ask.client_name": "Как называется клиент? Напишите одним сообщением (/cancel — отмена).",
    "admin.ask.pick_client": "Выберите клиента:",
    "admin.ask.model": "Как клиент платит?",
    "admin.ask.monthly": (
        "Виды поддержки и абонентская плата в рублях, по одному в строке: вид, режим, сумма. "
        "Виды: тех, конс, контроль, страт; режим: пасс или акт. Например:\n"
        "тех пасс 20000\nконтроль акт 40000"
    ),
    "admin.ask.package": "Сколько часов в месяц и цена часа сверх пакета в рублях? Например: 20 2500",
    "admin.ask.rate": "Цена часа в рублях? Например: 2500",
    "admin.ask.amount": "Сколько поступило от «{client}», в рублях? Например: 15000 или 15000,50",
    "admin.ask.staff_name": "Как зовут сотрудника? (/cancel — отмена)",
    "admin.ask.staff_id": (
        "Его Telegram id — число; узнать можно у @userinfobot. Сотрудник должен хотя бы раз "
        "написать боту, чтобы получать карточки."
    ),
    "admin.ask.staff_role": "Какая роль у {name}?",
    "admin.ask.pick_staff": "Кто будет обслуживать клиента?",
    "admin.cancelled": "Отменено, ничего не изменено.",
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
    "confirm.request": (
        "{name}, I have written down your request:\n"
        "“{title}”\n"
        "Kind: {kind}\n"
        "Cost: {cost}\n"
        "Please confirm it — then it goes into the queue."
    ),
    "confirm.estimate": (
        "{name}, I noted your request:\n"
        "“{title}”\n"
        "{cost}\n"
        "Confirm if you would like an estimate."
    ),
    "confirm.updated": "Added your message to the request “{title}”.",
    "confirm.unsure": (
        "I am not sure I got the kind of this request right. If it is another kind, please "
        "pick it: the price and the response time depend on it."
    ),
    "confirm.repeat": (
        "This question is already in request #{number} “{title}” ({status}). "
        "I added your message there so there is no duplicate."
    ),
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
    "accepted": (
        "Request #{number} is accepted into the queue.\n"
        "“{title}”\n"
        "Kind: {kind}\n"
        "Cost: {cost}\n"
        "We will respond within {hours} working hours. Confirmed by: {by}."
    ),
    "declined": "All right, this is not a request — nothing was opened. Marked by: {by}.",
    "kind_changed": "The kind of the request is changed.",
    "choose_kind": "Choose the kind of the request:",
    "greeting": (
        "Hello! I am the support bot of “{integrator}” for “{client}”.\n"
        "Write your questions and problems right here, as usual. I will write down every "
        "request, show what it costs under your plan and ask you to confirm it — then it "
        "goes into the specialists' queue.\n"
        "Commands: /tickets — open requests, /ticket 12 — request #12, /help — help."
    ),
    "how_to_link": (
        "Hello! This chat is not connected to support yet, so I do not record anything "
        "here. A support team member connects it with /link CODE (the administrator "
        "issues the code)."
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
    "owner_link": (
        "A link for the client's owner — open it to receive reports and notices in a private "
        "chat (the link works once):\n{link}"
    ),
    "owner_bound": (
        "Done: you are the owner of “{client}”. Monthly reports and balance and renewal "
        "notices will come here."
    ),
    "tickets.none": "There are no open requests.",
    "tickets.header": "Open requests of “{client}”:",
    "tickets.line": "#{number} · {status} · {title}",
    "ticket.details": (
        "Request #{number}: “{title}”\n"
        "Kind: {kind}\n"
        "Status: {status}\n"
        "Created: {created}\n"
        "Author: {requester}"
    ),
    "ticket.usage": "Write the request number, for example: /ticket 12",
    "link.usage": "Write the code after the command, for example: /link ABCD234567",
    "linked": "This chat is now connected to client “{client}”.",
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
    # -- import (chat history import) --
    "import.header": "Chat history import «{chat}» → client «{client}»",
    "import.client_created": "There was no client «{client}» yet, so it was created.",
    "import.client_created_dry": "There is no client «{client}» yet: a real import will create it.",
    "import.counts": (
        "Messages in the file: {messages}; saved now: {stored}, "
        "already imported before: {before}."
    ),
    "import.counts_dry": (
        "Messages in the file: {messages}; would be saved: {stored}, "
        "already imported before: {before}."
    ),
    "import.tickets": "Requests ({count}):",
    "import.ticket_line": "  #{number} · {kind} · {status} · «{title}»",
    "import.ticket_sources": "       messages: {ids}",
    "import.refusals": "Refusals ({count}):",
    "import.refusal_line": "  message {id} — {reason}",
    "import.ignored": (
        "Not requests ({count}): greetings and thanks, staff replies, deleted messages, "
        "attachments without text."
    ),
    "import.dry_run": "Dry run: nothing was written to the database.",
    "import.saved": "Done: the history is saved. Importing this file again adds nothing.",
    "import.checking": "Checking the file…",
    "import.progress": "{done} of {total} messages ({percent}%)",
    "import.err.malformed": "The file could not be read: {detail}. Nothing was written.",
    "import.err.no_chats": "The export has no chats in it. Nothing was written.",
    "import.err.many_chats": (
        "The export has several chats: {chats}. Say which one to import: "
        "--chat NAME or --chat NUMBER."
    ),
    "import.err.no_such_chat": "There is no chat «{chat}» in the export. It has: {chats}.",
    "import.err.unknown_staff": (
        "Nobody in the chat writes as «{name}» (given with --staff). "
        "Who writes in the chat: {senders}."
    ),
    "import.err.linked_elsewhere": (
        "This chat is already linked to the client «{linked}», not «{client}». "
        "Run the import with --client \"{linked}\" or without --client."
    ),
    "import.err.no_client_name": (
        "The chat has no name in the export; name its client: --client NAME."
    ),
    # -- staff (staff workspace) --
    "ws.menu": (
        "The support workspace. New requests of your clients arrive here as cards with "
        "buttons. To answer a client, reply to the card (with text, a photo or a file).\n"
        "The queue: the buttons below or /queue; a request from a call: /new CLIENT text; "
        "the knowledge base: /kb words."
    ),
    "ws.btn.take": "🙋 Take",
    "ws.btn.take_testing": "🧪 Take for testing",
    "ws.btn.answer": "💬 Answer",
    "ws.btn.time": "⏱ Time",
    "ws.btn.status": "Status",
    "ws.btn.comment": "📝 Service comment",
    "ws.btn.close": "✅ Close",
    "ws.btn.estimate": "💰 Estimate",
    "ws.btn.other_minutes": "Other time",
    "ws.btn.approve": "✅ Approve",
    "ws.btn.decline_estimate": "✖ Decline",
    "ws.card.head": "{client} · #{number} · {kind}",
    "ws.card.who": "Author: {requester} · Status: {status}",
    "ws.card.due": "React by: {due}",
    "ws.card.work": "Assignee: {assignee} · Time: {minutes}",
    "ws.card.tester": "Tester: {tester}",
    "ws.card.confidence": "Kind chosen by the bot with {percent}% confidence",
    "ws.card.confidence_low": "Kind chosen by the bot with {percent}% confidence — low, please check",
    "ws.card.sources": "Messages: {links}",
    "ws.card.test_case": "How to check: {text}",
    "ws.card.service_comment": "How it was done: {text}",
    "ws.card.estimate": "Estimate: {time}, {price} — {state}",
    "ws.card.similar": "Similar earlier answers:",
    "ws.card.media.not_transcribed": "🎤 Voice, not transcribed ({count}) — listen to it in the "
                                     "chat",
    "ws.card.media.transcribed": "🎤 Voice note transcribed automatically ({count}); it may "
                                 "contain mistakes",
    "ws.card.media.recognized": "🖼 Text read from a screenshot automatically ({count})",
    "ws.estimate_state.proposed": "awaiting the client's decision",
    "ws.estimate_state.approved": "approved",
    "ws.estimate_state.declined": "declined by the client",
    "ws.nobody": "—",
    "ws.minutes": "{minutes} min",
    "ws.hours": "{hours} h",
    "ws.hours_minutes": "{hours} h {minutes} min",
    "ws.category.billable": "Billed to the client",
    "ws.category.helping_colleague": "Helping a colleague",
    "ws.category.learning": "Learning",
    "ws.category.infrastructure": "Infrastructure",
    "ws.category.our_mistake": "Our mistake",
    "ws.category.over_estimate": "Over the estimate",
    "ws.ask.answer": "Write the answer to the client — text, a photo or a file. I will post it "
                     "in the client's chat as a reply to the original message, signed by you.",
    "ws.ask.minutes": "How long did the work take?",
    "ws.ask.custom_minutes": "Write the time, for example: 20, 45 min, 1 h 30 min, 1.5 h.",
    "ws.ask.category": "{time}. Who pays for it?",
    "ws.ask.description": "{time}, {category}. What was done? One line.",
    "ws.ask.comment": "Service comment: how it was done — which setting, component, file. It "
                      "goes into the client's knowledge base.",
    "ws.ask.estimate": "Write the estimate: hours and the price in roubles, for example: 6 30000",
    "ws.ask.test_case": "How should the fix be checked? Write the test case for the tester.",
    "ws.ask.proof": "Send proof that it works: a screenshot or a video. If there is no proof, "
                    "write why.",
    "ws.ask.service_comment": "How was it done (setting, component, file)? This is the service "
                              "comment for the knowledge base.",
    "ws.ask.reason": "Write the reason — I will pass it on to the client.",
    "ws.need.test_case": "Testing needs a test case.",
    "ws.need.proof": "Closing a technical request needs proof: a screenshot, a video or the "
                     "reason there is none.",
    "ws.need.service_comment": "Closing a request needs a service comment: how it was done.",
    "ws.need.reason": "A reason is needed — the client will see it.",
    "ws.signed": "{text}\n— {name}",
    "ws.answered": "Sent to client “{client}” on request #{number}.",
    "ws.logged": "Logged {time} — {text} ({category}).",
    "ws.comment_saved": "The service comment on request #{number} is saved.",
    "ws.queue.all": "All open",
    "ws.queue.mine": "Mine",
    "ws.queue.unassigned": "Unassigned",
    "ws.queue.overdue": "Overdue",
    "ws.queue.empty": "The queue is empty.",
    "ws.queue.header": "Requests in the queue: {count}",
    "ws.queue.line": "{client} #{number} · {status} · {title}",
    "ws.kb.usage": "Write the words to search for, for example: /kb telephony forwarding",
    "ws.kb.none": "Nothing found in the knowledge base.",
    "ws.kb.header": "Found in the knowledge base:",
    "ws.kb.line": "#{number} “{title}”: {snippet}",
    "ws.new.usage": "Write the client and the request, for example: /new ACME Marina's "
                    "telephony is down. A name of several words goes in quotes.",
    "ws.new.prompt": "{staff} wrote down a request from your call or e-mail.",
    "ws.new.sent": "Request #{number} is sent to the chat of “{client}” for confirmation. Work "
                   "starts once the client confirms it.",
    "ws.new.confirmed": "Request #{number} “{title}” is confirmed and in the queue. "
                        "Confirmed by: {by}.",
    "ws.new.declined": "All right, request #{number} is not opened. Marked by: {by}.",
    "ws.estimate.offer": (
        "Estimate for request #{number} “{title}”: {time}, price {price}.\n"
        "We start once you approve it."
    ),
    "ws.estimate.sent": "The estimate for request #{number} is sent to the client for approval.",
    "ws.estimate.approved": "The estimate for request #{number} “{title}” is approved by {by}. "
                            "The request is in the queue.",
    "ws.estimate.declined": "The work on request #{number} “{title}” was declined by {by}.",
    "ws.notice.waiting_for_client": "Request #{number} “{title}”: we are waiting for your reply.",
    "ws.notice.done": "Request #{number} “{title}” is done.",
    "ws.notice.rejected": "Request #{number} “{title}” is rejected. Reason: {reason}",
    "ws.notice.cancelled": "Request #{number} “{title}” is cancelled. Reason: {reason}",
    "ws.err.not_your_client": "This request belongs to a client you do not serve.",
    "ws.err.no_such_client": "“{name}” is not one of your clients.",
    "ws.err.no_such_staff": "There is no staff member number {id}.",
    "ws.err.transition": "The request cannot move like that from its current status.",
    "ws.err.own_testing": "Testing is done by another staff member, not the author of the fix.",
    "ws.err.not_tester": "Only the tester can close the request after testing.",
    "ws.err.cannot_take": "This request cannot be taken now.",
    "ws.err.closed": "The request is closed.",
    "ws.err.no_chat": "The client has no connected chat — there is nowhere to post.",
    "ws.err.minutes": "I did not get the time. Write, for example: 20, 45 min or 1 h 30 min (up to a day).",
    "ws.err.description": "Write what was done.",
    "ws.err.unconfirmed": "The client has not confirmed this request yet — no time is logged on it.",
    "ws.err.correction": "This correction is not possible: a correction is a new entry, and the "
                         "total cannot go below zero.",
    "ws.err.estimate": "An estimate is more than zero hours and a price that is not negative.",
    "ws.err.estimate_status": "An estimate can be given only on an open, confirmed request.",
    "ws.err.estimate_decider": "The owner, a coordinator or the author of the request can "
                               "approve the estimate.",
    "ws.err.estimate_decided": "This estimate has already been decided.",
    "ws.err.client_confirms": "The client confirms: a request opened by support must be seen "
                              "and confirmed by the client themselves.",
    # -- sla (SLA, reminders, summaries) --
    "outbox.failed": ("⚠️ A message to chat {chat} ({platform}) could not be delivered "
                      "and will not be retried: {error}\nText: {text}"),
    "remind.ticket": "Ticket #{number} “{title}” — {client}",
    "remind.metric.first_reaction": "first reaction",
    "remind.metric.next_reply": "reply to the client",
    "remind.metric.progress_update": "progress update to the client",
    "remind.metric.resolution": "resolution",
    "remind.sla_warning": "⏰ Due soon: {metric} — by {due}, {minutes} min left.",
    "remind.sla_breach": "🔴 Deadline missed: {metric} — it was due by {due}. Answer the client as soon as you can.",
    "remind.no_time": (
        "The ticket is in progress, but no time has been logged for {hours} working hours. "
        "Log the time spent, or put the ticket back in the queue."
    ),
    "remind.untaken": "The ticket was accepted {hours} working hours ago, and nobody has taken it yet.",
    "remind.client_waiting": "The last message on the ticket is the client's, unanswered for {hours} h.",
    "remind.progress_note": (
        "The client has heard nothing about this ticket for {days} working days. Tell them how "
        "the work is going, even if all goes to plan."
    ),
    "remind.contradiction.client_answered": (
        "The status says we are waiting for the client, but the client has answered. Put the "
        "ticket back in progress."
    ),
    "remind.contradiction.no_assignee": "The ticket is in progress, but nobody is assigned. Take it or put it back in the queue.",
    "remind.contradiction.time_in_queue": (
        "The ticket is in the queue, but time has been logged on it. Take it, so the status "
        "tells the truth."
    ),
    "remind.estimate_waiting": (
        "A reminder: the estimate for ticket #{number} “{title}” has waited {days} days for "
        "your decision — {hours} h, {price}. No work starts without your approval; please "
        "answer the message with the estimate."
    ),
    "remind.renewal": (
        "“{client}”: the support renewal for {months} is to be paid by {day}. Amount: {amount}."
    ),
    "remind.lapse": (
        "“{client}”: the renewal for {months} was not paid by {day} (amount {amount}). The plan "
        "ends with this month — pay it so support continues without a break."
    ),
    "summary.title": "Month {month} in review — “{client}”",
    "summary.tickets": "Tickets (opened / closed):",
    "summary.tickets_line": "• {kind}: {opened} / {closed}",
    "summary.no_tickets": "No tickets this month.",
    "summary.work": "Work by kind:",
    "summary.work_line": "• {kind}: {hours}, {amount}",
    "summary.no_work": "No billable work this month.",
    "summary.chart_no_data": "No data: no work was logged this month",
    "summary.sla": "Deadlines kept: {kept} of {total} tickets ({percent}%).",
    "summary.sla_none": "No tickets with deadlines this month.",
    "summary.waits": "The longest waits for a first reaction:",
    "summary.wait_line": "• #{number} “{title}” — {hours}",
    "summary.recurring": "Recurring problems:",
    "summary.recurring_line": "• “{title}” — {count} times",
    "summary.balance": "Balance: {amount}.",
    "summary.next_payment": "Next payment: {amount} by {day}.",
    "summary.nothing_due": "No payment is due yet.",
    "summary.chart_caption": "Hours of work by kind of support, per week, {month}",
    "summary.chart_week": "Week {week}",
    "summary.chart_hours": "hours",
    "summary.err.no_client": "There is no client “{name}” — check how it is spelled (chatdesk clients add).",
    "summary.err.month": "Give the month as YYYY-MM, e.g. 2026-11 (got {value}).",
    "digest.title": "Month {month} in review, all clients",
    "digest.line": "• {client}: deadlines kept {percent}%, work {hours}, revenue {revenue}, one hour of work earned {rate}",
    "digest.line_no_sla": "• {client}: no tickets with deadlines, work {hours}, revenue {revenue}",
    "digest.empty": "No clients yet.",
    "digest.csat": "  client ratings: {line}",
    # customer satisfaction: the question after a ticket is done, and the answers to it
    "csat.ask": ("{name}, request #{number} “{title}” is done. How did we do? "
                 "Press 👍 or 👎."),
    "csat.thanks_up": ("Thank you for the rating 👍, {name}! Request #{number} “{title}”. "
                       "To add a few words, reply to this message."),
    "csat.thanks_down": ("Thank you for being honest, {name} 👎. Request #{number} “{title}”: "
                         "the team lead already knows and will get in touch. What went wrong? "
                         "Reply to this message and they will read it."),
    "csat.word_thanks": "Thank you, I passed your feedback to the team.",
    "csat.not_yours": ("Thank you! Only the person who made the request can rate it, "
                       "so your vote was not counted."),
    "csat.already": "This request has been rated already, thank you! No need to vote again.",
    "csat.lead_vote": ("👎 An unhappy client: {client}, request #{number} “{title}” "
                       "(assignee: {assignee}), rated by {name}. Please get in touch; if they "
                       "add a few words I will forward them."),
    "csat.lead_word": ("👎 Feedback on request #{number} “{title}” ({client}, assignee: "
                       "{assignee}) from {name}: “{word}”"),
    "csat.nobody": "nobody",
    "csat.summary": "Client ratings: 👍 {up} · 👎 {down} ({percent}% satisfied).",
    "csat.summary_none": "No client ratings this month.",
    # broadcasts: an admin's announcement to client chats
    "bc.admins_only": "Only admins can make announcements to client chats.",
    "bc.ask_text": ("Send the announcement as one message: I will show which chats it goes to "
                    "and ask you to confirm. Changed your mind? /cancel."),
    "bc.preview": ("The announcement goes to chats: {chats}, clients: {clients}"
                   "{audience}:\n\n{text}\n\nSend it?"),
    "bc.audience": " (filter: {audience})",
    "bc.btn_send": "✅ Send",
    "bc.btn_cancel": "✖ Cancel",
    "bc.sending": ("Announcement #{id} is queued; chats: {chats}. I will report once "
                   "everything is out."),
    "bc.cancelled": "Announcement cancelled; nothing was sent.",
    "bc.empty": "The announcement is empty: write what to tell the clients.",
    "bc.too_long": "The announcement is longer than {limit} characters: please shorten it.",
    "bc.no_chats": "No client chat matches this filter: there is nowhere to send it.",
    "bc.unknown_client": "No such clients: {names}.",
    "bc.unknown": "There is no announcement #{id}.",
    "bc.bad_filter": "Could not read the filter: {error}.",
    "bc.expired": "This confirmation has expired: start again with /broadcast.",
    "bc.report_done": ("📣 Announcement #{id} finished: delivered to {delivered} of {chats}, "
                       "not delivered to {failed}."),
    "bc.report_running": ("📣 Announcement #{id}: delivered to {delivered} of {chats}, "
                          "not delivered to {failed}, {pending} still queued."),
    "calendar.unknown_year": (
        "no working calendar for {year}: the known years are {first}–{last}, and deadlines "
        "outside them are never guessed"
    ),
    "calendar.running_out": (
        "the working calendar is known only to the end of {last}: from January 1, {next} SLA "
        "deadlines cannot be computed. Update chatdesk (the holidays package and the tables in "
        "bot/calendars.py) before the new year"
    ),
    "calendar.ran_out": (
        "the working calendar is known only to the end of {last}, and today is {today}: SLA "
        "deadlines cannot be computed. Update chatdesk (the holidays package and the tables in "
        "bot/calendars.py)"
    ),
    "calendar.title": "Working calendar for {year}:",
    "calendar.days_off": "Public holidays and transferred days off: {dates}",
    "calendar.working_days": "Saturdays and Sundays that are working days: {dates}",
    "calendar.shortened": "Pre-holiday days, one hour shorter: {dates}",
    "calendar.none": "none",
    "sla.due": "Due: {due} ({tz}) — {amount} h of {mode} from {start}",
    "sla.working_hours": "working time",
    "sla.calendar_hours": "calendar time",
    "sla.bad_start": "give the start as a date and time, e.g. 2026-03-06T17:00 (got {value})",
    "sla.bad_hours": "give the hours as a number of zero or more, e.g. 4 or 1.5 (got {value})",
    "sla.too_many_hours": "{value} hours is too far: deadlines are counted up to 99,999 hours ahead",
    "sla.no_client": "there is no client “{name}” — check how it is spelled (chatdesk clients add)",
    "sla.bad_priority": "the priority is a whole number from 0 to 1000 (got {value})",
    "sla.priority_set": "Priority of “{client}”: {priority}. Open tickets whose deadlines were recomputed from their original start: {count}.",
    "sla.policies_title": "SLA rules ({source}); the first that matches applies:",
    "sla.policies_settings": "the SLA_REACTION_HOURS setting",
    "calendar.client_own": "Working calendar of “{client}”: {tz}, {days}, {hours}, lunch {lunch}.",
    "calendar.client_desk": "“{client}” has no calendar of its own: the desk's applies ({tz}, {days}, {hours}, lunch {lunch}).",
    "calendar.client_set": "Deadlines and quiet hours of “{client}” now follow its own calendar. Open tickets whose deadlines were recomputed: {count}.",
    "calendar.client_cleared": "“{client}” follows the desk's calendar again. Open tickets whose deadlines were recomputed: {count}.",
    "calendar.no_lunch": "none",
    # -- billing (plans, ledger, balances) --
    "billing.statement.caption": "Statement for “{client}”, {month}: every entry of the month and totals by kind of support.",
    "billing.statement.list_header": "Billable work for “{client}” in {month}. If you disagree with an entry, press “I disagree” under it — our staff will check it and answer you here.",
    "billing.statement.no_billable": "The statement for “{client}” for {month} has no billable work yet, so there is nothing to dispute.",
    "billing.statement.under_dispute": "This entry is already disputed — waiting for our staff to answer.",
    "billing.err.statement_staff": "Statements go to the client's owner. Staff can see them in the web cabinet.",
    "billing.err.statement_nobody": "I found no company whose statement I may show you. The company's owner receives it.",
    "billing.btn.disagree": "I disagree",
    "billing.btn.confirm_entry": "Confirm",
    "billing.btn.reverse_entry": "Reverse",
    "billing.dispute.ticket": "ticket #{number}",
    "billing.dispute.entry": "{day} · {ticket} · {hours} · {amount}",
    "billing.dispute.opened": "Dispute opened. Our staff will check the entry and answer you here:\n{entry}",
    "billing.dispute.card": "Client “{client}” disagrees with an entry (disputed by {who}):\n{entry}\nCheck it: confirm it if it is right, or reverse it — then the amount goes back to the client.",
    "billing.dispute.card_confirmed": "Confirmed by {staff}; the client has been told.",
    "billing.dispute.card_reversed": "Reversed by {staff}: {amount} returned to the client; the client has been told.",
    "billing.dispute.owner_confirmed": "We checked the entry you disputed — it is right and stays on the statement ({staff}):\n{entry}",
    "billing.dispute.owner_reversed": "You were right: the entry is cancelled and {amount} is back on your balance ({staff}):\n{entry}",
    "billing.bot.off": "The balance is not available in the bot yet. Ask your account manager.",
    "billing.err.no_plan_chat": "{client} has no plan set up yet; the balance appears once it is. Ask your account manager.",
    "billing.err.balance_staff_private": "Staff see a client's balance in the client's group: send /balance there.",
    "billing.err.balance_nobody": "I found no company whose balance you may see. Send /balance in your company's group.",
    "billing.err.balance_no_chat": "This chat is not linked to a client, so there is no balance here.",
    "billing.weekly.header": "Weekly report for {client} on {day}: hours this month",
    "billing.weekly.package": "Left in the package: {left} of {total}.",
    # -- cabinet --
    "cabinet.title": "Client cabinet",
    "cabinet.lang.switch": "Русский",
    "cabinet.logout": "Log out",
    "cabinet.nav.tickets": "Requests",
    "cabinet.nav.money": "Hours and balance",
    "cabinet.welcome.title": "Sign in to your cabinet",
    "cabinet.welcome.checking": "Checking your Telegram sign-in…",
    "cabinet.welcome.text": "Open the cabinet with the button in your chat with the bot in Telegram, or send the bot /cabinet and it will send you a one-time link to sign in from a computer.",
    "cabinet.login.title": "Sign in to your cabinet",
    "cabinet.login.text": "This link works once: after you sign in it stops working. If you did not ask to sign in, just close this page.",
    "cabinet.login.button": "Sign in",
    "cabinet.to_start": "Go to the start page",
    "cabinet.signed_in_as": "Signed in as {name}.",
    "cabinet.home.clients": "Clients",
    "cabinet.home.no_clients": "No client has been assigned to you yet.",
    "cabinet.home.queue": "Queue",
    "cabinet.home.queue_empty": "The queue is empty.",
    "cabinet.tickets.open": "Open",
    "cabinet.tickets.none_open": "No open requests.",
    "cabinet.tickets.closed": "Closed",
    "cabinet.tickets.none_closed": "No closed requests yet.",
    "cabinet.sla.on_track": "on time · by {due}",
    "cabinet.sla.soon": "due soon · by {due}",
    "cabinet.sla.breached": "deadline missed · {due}",
    "cabinet.back": "← All requests",
    "cabinet.ticket.kind": "Kind",
    "cabinet.ticket.requester": "Requested by",
    "cabinet.ticket.assignee": "Handled by",
    "cabinet.ticket.created": "Created",
    "cabinet.ticket.spent": "Charged",
    "cabinet.ticket.history": "History",
    "cabinet.event.created": "Request created",
    "cabinet.event.confirmed": "Request confirmed and queued",
    "cabinet.note.test_case": "How to check",
    "cabinet.note.proof": "Proof of the fix",
    "cabinet.note.service_comment": "How it was done",
    "cabinet.note.reason": "Reason",
    "cabinet.event.work": "Work: {hours}",
    "cabinet.event.reversal": "Refund: {hours}",
    "cabinet.event.from_package": "from the hour package",
    "cabinet.event.included": "included in your plan",
    "cabinet.event.unbilled": "not charged to the client",
    "cabinet.dispute.button": "I disagree with this entry",
    "cabinet.dispute.reason": "What is wrong? (optional)",
    "cabinet.dispute.send": "Dispute",
    "cabinet.dispute.sent": "Entry disputed. Support will answer; if the entry is wrong, its cost goes back to your balance.",
    "cabinet.dispute.status.open": "disputed, awaiting an answer",
    "cabinet.dispute.status.confirmed": "dispute answered: the entry stands",
    "cabinet.dispute.status.reversed": "dispute answered: refunded",
    "cabinet.money.no_plan": "No plan has been set up yet; the balance appears once your manager sets it.",
    "cabinet.money.balance": "Balance",
    "cabinet.money.debt": "Debt",
    "cabinet.money.month": "{month} {year}",
    "cabinet.money.package": "Hour package this month",
    "cabinet.money.left": "{left} left of {total}",
    "cabinet.money.spent": "Spent this month",
    "cabinet.money.total": "Total",
    "cabinet.money.chart": "Hours by week",
    "cabinet.money.disputes": "Open disputes: {count}.",
    "cabinet.money.statements": "Monthly statements",
    "cabinet.money.download": "Download XLSX",
    "cabinet.err.title": "This page could not be opened",
    "cabinet.err.session": "Please sign in to open this page: with the button in your chat with the bot in Telegram, or with the link the bot sends you for /cabinet.",
    "cabinet.err.unknown": "We could not find you among our clients' people or our support team. Write in your group chat with support first, then signing in will work.",
    "cabinet.err.not_yours": "This page belongs to another company, or you have no access to it.",
    "cabinet.err.no_ticket": "There is no request #{number}.",
    "cabinet.err.owner_only": "At your company's request, hours and money are shown to its owner only.",
    "cabinet.err.dispute_denied": "Only someone from the client's side can dispute an entry.",
    "cabinet.err.csrf": "This form has expired. Reload the page and send it again.",
    "cabinet.err.init_data": "Telegram did not confirm your sign-in, or it is too old. Close the cabinet and open it again from your chat with the bot.",
    "cabinet.err.link": "This sign-in link has been used already or has expired. Send the bot /cabinet to get a new one.",
    "cabinet.err.not_found": "There is no such page.",
    "cabinet.bot.link": "Your sign-in link for the client cabinet works once, for {minutes} min:\n{link}\nDo not forward it: whoever opens it first signs in as you.",
    "cabinet.bot.open": "Open the cabinet",
    "cabinet.bot.in_group": "I will send your sign-in link in a private chat: it is for you alone. Press the button below.",
    "cabinet.bot.go_private": "Get my link",
    "cabinet.bot.off": "The client cabinet is not switched on yet. Ask the support admin to enable it.",
    "cabinet.month.1": "January",
    "cabinet.month.2": "February",
    "cabinet.month.3": "March",
    "cabinet.month.4": "April",
    "cabinet.month.5": "May",
    "cabinet.month.6": "June",
    "cabinet.month.7": "July",
    "cabinet.month.8": "August",
    "cabinet.month.9": "September",
    "cabinet.month.10": "October",
    "cabinet.month.11": "November",
    "cabinet.month.12": "December",
    "billing.entry.payment": "payment",
    "billing.entry.fee": "monthly fee",
    "billing.entry.package_grant": "the month's package of hours",
    "billing.entry.time_debit": "work",
    "billing.entry.overage": "work beyond the package",
    "billing.entry.burn": "unused package hours expired",
    "billing.entry.reversal": "refund for a disputed entry",
    "billing.entry.adjustment": "manual correction",
    "billing.model.monthly": "monthly fee per kind of support",
    "billing.model.package": "package of hours",
    "billing.model.time_and_materials": "pay by the hour from a balance",
    "billing.mode.passive": "passive",
    "billing.mode.active": "active",
    "billing.plan.header": "Plan of {client}: {model}",
    "billing.plan.kind": "• {kind}, {mode}: {fee} a month",
    "billing.plan.kind_free": "• {kind}, {mode}: free until {until}, then {fee} a month",
    "billing.plan.package": "Package: {hours} a month; beyond it, {rate} an hour.",
    "billing.hours": "{hours} h",
    "billing.plan.rate": "Hourly rate: {rate}.",
    "billing.plan.rounding": "Time is rounded up to {minutes} min.",
    "billing.plan.starts": "Starts on {day}.",
    "billing.plan.trial": "The first month is a trial.",
    "billing.plan.term": (
        "Renewal is paid by the {day}th of the current month, at least {months} {month_word} ahead."
    ),
    "billing.plan.none": "{client} has no plan yet.",
    "billing.balance.header": "Balance of {client} on {day}",
    "billing.balance.money": "Money on the balance: {amount}.",
    "billing.balance.debt": "Debt: {amount}. Hourly work goes on; please pay it.",
    "billing.balance.package": "This month's package: {left} left of {total}.",
    "billing.balance.package_over": "This month's package ({total}) is used up; further work is billed at the rate.",
    "billing.balance.package_left": (
        "This month's package: {left} left of {total}; unused hours burn on the 1st ({day})."
    ),
    "billing.balance.covered": "The plan covers:",
    "billing.balance.covered_line": "• {kind}, {mode}",
    "billing.balance.hourly": "Work is paid by the hour: {rate} an hour, from the balance.",
    "billing.balance.unpaid": "Unpaid: {amount}.",
    "billing.balance.starts": "The plan starts on {day}; its hours and payments count from then.",
    "billing.balance.first_month": (
        "The plan began this month and the month counts in full: its hours and fee are not "
        "prorated by days."
    ),
    "billing.balance.spend_header": "Spent this month:",
    "billing.balance.spend_line": "• {kind}: {hours}, {amount}",
    "billing.balance.no_spend": "No work yet this month.",
    "billing.balance.due": "Next payment: {amount} by {day} (for {months}).",
    "billing.balance.nothing_due": "Nothing to pay right now.",
    "billing.notice.package_80": (
        "{used} of the month's {total} package is used. "
        "{left} left; work beyond the package is billed at {rate} an hour."
    ),
    "billing.notice.package_exhausted": (
        "The month's package of hours ({total}) is used up. Further work this month is billed "
        "at {rate} an hour."
    ),
    "billing.notice.low_balance": "{amount} left on the balance. Top it up so work is not interrupted.",
    "billing.notice.negative_balance": "The balance is negative: {amount}. Please top it up.",
    "billing.notice.renewal_due": (
        "Reminder: support for {months} must be paid by {day}. Amount: {amount}."
    ),
    "billing.statement.title": "Statement of {client} for {month}",
    "billing.statement.date": "Date",
    "billing.statement.ticket": "Request",
    "billing.statement.who": "Who",
    "billing.statement.what": "What was done",
    "billing.statement.kind": "Kind",
    "billing.statement.minutes": "Minutes",
    "billing.statement.amount": "Amount, ₽",
    "billing.statement.totals": "Totals by kind",
    "billing.statement.no_work": "no billable work this month",
    "billing.statement.total": "Total",
    "billing.statement.opening": "Balance at the start of the month, ₽",
    "billing.statement.closing": "Balance at the end of the month, ₽",
    "billing.err.active_only": "{kind} is active only: set its mode to active.",
    "billing.err.not_support": "{kind} is not a kind of support and cannot be in a plan.",
    "billing.err.package_hours": "A package plan needs its hours a month (for example, 20).",
    "billing.err.rate": "Give the hourly rate: work beyond a package and hourly work are billed at it.",
    "billing.err.no_kinds": "A monthly plan needs at least one kind of support.",
    "billing.err.rounding": "Time is rounded in steps of 0 to 240 minutes.",
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
    "billing.err.kind_twice": "The plan names {kind} twice: give each kind one line.",
    "billing.err.fee_bounds": "The monthly fee for {kind} must be from 0 to 100,000,000 ₽.",
    "billing.err.rate_bounds": "The hourly rate must be from 0 to 100,000,000 ₽.",
    "billing.err.package_bounds": "A package holds from 0 to 744 hours a month.",
    "billing.err.entry_bounds": "One entry cannot exceed 100,000,000 ₽: check the amount.",
    "billing.err.balance_bounds": "This entry would take the balance beyond 1,000,000,000 ₽: check the amount.",
    "billing.err.minutes": "Work time must be more than zero.",
    "billing.err.no_plan": "The client has no plan: set one first.",
    "billing.err.no_client": "There is no such client.",
    "billing.err.not_disputable": "Only a billable work entry can be disputed.",
    "billing.err.dispute_open": "This entry is already disputed.",
    "billing.err.dispute_closed": "This dispute has been answered already.",
    "billing.err.nothing_to_reverse": "Nothing to refund: both the amount and the minutes are zero.",
    "billing.err.reversal_too_big": "A refund cannot exceed the entry itself (counting earlier refunds).",
    "billing.err.payment": "A payment must be more than zero.",
    "billing.err.payment_future": "A payment cannot be dated in the future ({date}): today is {today}.",
    "billing.err.bad_date": "--date “{value}”: give a date as YYYY-MM-DD, e.g. 2026-11-12.",
    "billing.err.adjustment": "A correction needs a non-zero amount or minutes, and a reason.",
    "billing.err.closed": "{month} is closed: nothing can be posted into it.",
    "billing.err.close_early": "{month} has not ended yet; it can be closed from the 1st of the next month.",
    "billing.err.concurrent": "Another process is posting this entry; try again.",
    "billing.duration": "{sign}{hours} h {minutes} min",
    "billing.statement.sheet": "Statement",
    "billing.payment_added": "Payment of {amount} from {client} recorded. Balance: {balance}.",
    "billing.payment_repeated": "This payment was recorded before and is not added again. Balance: {balance}.",
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
    # administration: the CLI and an admin's menu in the private chat with the bot
    "admin.err.telegram_id": (
        "“{value}” is not a Telegram id. It is a positive whole number (up to 2^52); "
        "@userinfobot, for one, tells it."
    ),
    "admin.err.phone": "“{value}” is not a phone number: give 10 to 15 digits, e.g. +7 900 111-22-33.",
    "admin.err.admins_only": "Only admins can do this. Nothing was changed.",
    "admin.err.no_client": "There is no client “{name}”.",
    "admin.err.no_staff": "There is no staff member number {id}.",
    "admin.err.empty_name": "The name is empty — please write it.",
    "admin.err.client_exists": "There already is a client “{name}”.",
    "admin.err.no_account": "Give the staff member's Telegram id or WhatsApp number.",
    "admin.err.staff_exists": "{name} is already on the team.",
    "admin.err.last_admin": "{name} is the only admin: make someone else an admin first.",
    "admin.err.amount": "I did not understand the amount “{value}”. Write it in rubles, e.g. 15000 or 15000.50.",
    "admin.err.plan_line": (
        "I did not understand “{value}”. Write a kind, a mode and a fee in rubles, "
        "e.g. “tech passive 20000”."
    ),
    "admin.err.hours_rate": "I did not understand “{value}”. Write two numbers: hours a month and the hourly rate, e.g. “20 2500”.",
    "admin.err.staff_id": "The staff number “{value}” is a whole number from “staff list”.",
    "admin.client.added": (
        "Client “{name}” added (number {id}). To link its group chat, a staff member "
        "sends there: /link {code}"
    ),
    "admin.clients.none": "No clients yet.",
    "admin.clients.line": "{name}{archived}: {plan}; {balance}; open requests: {open}",
    "admin.client.archived_mark": " (archived since {day})",
    "admin.client.no_plan": "no plan",
    "admin.client.no_balance": "no balance",
    "admin.balance.money": "{amount} on balance",
    "admin.balance.debt": "owes {amount}",
    "admin.balance.package": "package: {left} of {total} left",
    "admin.client.open_header": "Open requests:",
    "admin.client.open_line": "№{number} {title} — {status}",
    "admin.client.no_open": "No open requests.",
    "admin.client.renamed": "Client “{old}” is now called “{name}”.",
    "admin.client.archived": (
        "Client “{name}” is archived: its chats are no longer served; history and balance "
        "are kept. To undo: clients archive --restore."
    ),
    "admin.client.restored": "Client “{name}” is served again.",
    "admin.staff.none": "Nobody on the team yet.",
    "admin.staff.line": "{id}. {name} — {role}; {accounts}; serves: {clients}",
    "admin.role.staff": "staff",
    "admin.role.admin": "admin",
    "admin.staff.every_client": "every client",
    "admin.staff.no_clients": "nobody yet",
    "admin.staff.added": "{name} is on the team: {role} (number {id}).",
    "admin.staff.removed": "{name} is no longer on the team: access closed, their past work keeps their name.",
    "admin.staff.role_set": "{name} is now {role}.",
    "admin.serve.added": "{name} now serves “{client}”: new requests' cards will reach them.",
    "admin.serve.already": "{name} already serves “{client}”.",
    "admin.history.none": "The plan of “{client}” has not changed yet.",
    "admin.history.header": "Plans of “{client}”:",
    "admin.history.line": "{day}{who}: {plan}",
    "admin.history.who": " ({name})",
    "admin.history.removed": "plan removed",
    "admin.history.package": "{hours} h a month, {rate} an hour beyond",
    "admin.history.rate": "{rate} an hour",
    "admin.history.kind": "{kind}, {mode}: {fee} a month",
    "admin.backup.done": "The database is copied to {path}.",
    "admin.backup.restored": "The database is restored from {path}.",
    "admin.backup.err.not_sqlite": "This command backs up SQLite only. For PostgreSQL use PostgreSQL's own backups.",
    "admin.backup.err.exists": "{path} already exists — choose another file.",
    "admin.backup.err.no_file": "There is no file {path}.",
    "admin.backup.err.not_db": "{path} is not a chatdesk database.",
    "admin.backup.err.running": (
        "The database is open in a running bot (or another command). Stop the bot, or add "
        "--force if you are sure."
    ),
    # an admin's menu in Telegram
    "admin.menu": "Administration. What would you like to do?",
    "admin.btn.add_client": "Add a client",
    "admin.btn.clients": "Clients",
    "admin.btn.plan": "Set a plan",
    "admin.btn.payment": "Record a payment",
    "admin.btn.add_staff": "Add a staff member",
    "admin.btn.serve": "Who serves whom",
    "admin.ask.client_name": "What is the client called? Write it in one message (/cancel to stop).",
    "admin.ask.pick_client": "Choose the client:",
    "admin.ask.model": "How does the client pay?",
    "admin.ask.monthly": (
        "Kinds of support and their monthly fee in rubles, one a line: kind, mode, fee. "
        "Kinds: tech, howto, control, strategic; mode: passive or active. For example:\n"
        "tech passive 20000\ncontrol active 40000"
    ),
    "admin.ask.package": "Hours a month and the hourly rate beyond them, in rubles? For example: 20 2500",
    "admin.ask.rate": "The hourly rate in rubles? For example: 2500",
    "admin.ask.amount": "How much did “{client}” pay, in rubles? For example: 15000 or 15000.50",
    "admin.ask.staff_name": "What is the staff member's name? (/cancel to stop)",
    "admin.ask.staff_id": (
        "Their Telegram id — a number; @userinfobot tells it. They must write to the bot "
        "once to get cards."
    ),
    "admin.ask.staff_role": "What is {name}'s role?",
    "admin.ask.pick_staff": "Who is to serve the client?",
    "admin.cancelled": "Cancelled, nothing changed.",
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
