"""The workspace context's texts, in one place per language (merged into domain.texts)."""

RU: dict[str, str] = {
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
}

EN: dict[str, str] = {
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
}
