"""The Bitrix24 mirror's texts, in one place per language (merged into domain.texts)."""

RU: dict[str, str] = {
    # the task and its comments, as Bitrix24 shows them
    "bx.task_title": "{client}: заявка №{number} — {title}",
    "bx.task_description": ("{text}\n\nКлиент: {client}\nВид: {kind}\n"
                            "Заявка №{number} из чата поддержки (chatdesk)."),
    "bx.comment": "Ответ клиенту в чате:\n{text}",
    # to staff, from Bitrix24
    "bx.staff.comment": ("💬 Битрикс24, заявка №{number} «{title}» ({client}) — "
                         "{author}: {text}"),
    "bx.staff.done": ("✅ В Битрикс24 завершили задачу {task}: заявка №{number} «{title}» "
                      "({client}) закрыта."),
    "bx.staff.in_progress": ("▶️ В Битрикс24 задача {task} в работе: заявка №{number} "
                             "«{title}» ({client}) теперь «в работе»."),
    # to admins
    "bx.alert.portal": ("⚠️ Битрикс24 клиента {client} отказал вебхуку {url}: {error}. "
                        "Задачи этого клиента не синхронизируются, но ничего не потеряно. "
                        "Исправьте вебхук: chatdesk clients bitrix \"{client}\" --webhook …"),
    "bx.alert.failed": ("⚠️ Заявку №{number} ({client}) не удалось перенести в Битрикс24 "
                        "после {attempts} попыток: {error}. Повторить: "
                        "chatdesk clients bitrix \"{client}\" --retry"),
    # the command line
    "bx.err.no_client": "Клиента «{name}» нет. Список: chatdesk clients list",
    "bx.err.webhook": ("Это не адрес входящего вебхука Битрикс24. Он выглядит так: "
                       "https://ваш-портал.bitrix24.ru/rest/1/abc123def456/ "
                       "(Битрикс24 → Разработчикам → Другое → Входящий вебхук, права: Задачи)."),
    "bx.err.webhook_https": ("Адрес вебхука должен начинаться с https:// — в нём секретный "
                             "ключ портала."),
    "bx.err.responsible": ("--responsible-id — это ID сотрудника в Битрикс24, целое число "
                           "больше нуля (например 5)."),
    "bx.err.check": ("Битрикс24 не принял вебхук {url}: {error}. Проверьте адрес и права "
                     "вебхука (Задачи); сохранить без проверки: --no-check."),
    "bx.linked": ("Заявки клиента «{client}», подтверждённые с этого момента, будут задачами "
                  "в Битрикс24 ({url}), ответственный: {responsible}."),
    "bx.unlinked": ("Связь клиента «{client}» с Битрикс24 снята; созданные задачи остались "
                    "в портале."),
    "bx.retried": "Снова в работе синхронизации: {count}.",
    "bx.none": ("Клиент «{client}» не связан с Битрикс24. Связать: chatdesk clients bitrix "
                "\"{client}\" --webhook https://портал.bitrix24.ru/rest/1/ключ/"),
    "bx.show": ("Клиент «{client}»: Битрикс24 {url}, ответственный: {responsible}, "
                "с {since}. Задач: {mirrored}, ждут отправки: {pending}."),
    "bx.show_broken": "⚠️ Вебхук отклонён {at}: {error}. Задайте его заново (--webhook).",
    "bx.show_failed": "Не перенесены (повторить: --retry):",
    "bx.show_failed_row": "  заявка №{number}: {error}",
}

EN: dict[str, str] = {
    "bx.task_title": "{client}: request #{number} — {title}",
    "bx.task_description": ("{text}\n\nClient: {client}\nKind: {kind}\n"
                            "Request #{number} from the support chat (chatdesk)."),
    "bx.comment": "Answered to the client in the chat:\n{text}",
    "bx.staff.comment": ("💬 Bitrix24, request #{number} “{title}” ({client}) — "
                         "{author}: {text}"),
    "bx.staff.done": ("✅ Task {task} was completed in Bitrix24: request #{number} “{title}” "
                      "({client}) is closed."),
    "bx.staff.in_progress": ("▶️ Task {task} is in progress in Bitrix24: request #{number} "
                             "“{title}” ({client}) is now in progress."),
    "bx.alert.portal": ("⚠️ {client}'s Bitrix24 refused the webhook {url}: {error}. This "
                        "client's tasks are not synced, but nothing is lost. Fix the webhook: "
                        "chatdesk clients bitrix \"{client}\" --webhook …"),
    "bx.alert.failed": ("⚠️ Request #{number} ({client}) could not be synced to Bitrix24 after "
                        "{attempts} attempts: {error}. Retry: "
                        "chatdesk clients bitrix \"{client}\" --retry"),
    "bx.err.no_client": "There is no client “{name}”. See: chatdesk clients list",
    "bx.err.webhook": ("This is not a Bitrix24 incoming webhook address. It looks like "
                       "https://your-portal.bitrix24.com/rest/1/abc123def456/ "
                       "(Bitrix24 → Developer resources → Other → Inbound webhook, "
                       "permission: Tasks)."),
    "bx.err.webhook_https": ("The webhook address must start with https:// — it carries the "
                             "portal's secret key."),
    "bx.err.responsible": ("--responsible-id is the employee's ID in Bitrix24, a whole number "
                           "above zero (e.g. 5)."),
    "bx.err.check": ("Bitrix24 did not accept the webhook {url}: {error}. Check the address "
                     "and the webhook's permissions (Tasks); to save it unchecked: --no-check."),
    "bx.linked": ("{client}'s requests confirmed from now on will be tasks in Bitrix24 "
                  "({url}), responsible: {responsible}."),
    "bx.unlinked": "{client} is no longer linked to Bitrix24; its tasks stay in the portal.",
    "bx.retried": "Back in the sync: {count}.",
    "bx.none": ("{client} is not linked to Bitrix24. Link it: chatdesk clients bitrix "
                "\"{client}\" --webhook https://portal.bitrix24.com/rest/1/key/"),
    "bx.show": ("{client}: Bitrix24 {url}, responsible: {responsible}, since {since}. "
                "Tasks: {mirrored}, waiting to be sent: {pending}."),
    "bx.show_broken": "⚠️ The webhook was refused {at}: {error}. Set it again (--webhook).",
    "bx.show_failed": "Not synced (retry: --retry):",
    "bx.show_failed_row": "  request #{number}: {error}",
}
