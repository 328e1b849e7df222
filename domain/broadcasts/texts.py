"""The broadcasts context's texts, in one place per language (merged into domain.texts)."""

RU: dict[str, str] = {
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
}

EN: dict[str, str] = {
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
}
