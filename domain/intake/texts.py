"""The intake context's texts, in one place per language (merged into domain.texts)."""

RU: dict[str, str] = {
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
}

EN: dict[str, str] = {
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
}
