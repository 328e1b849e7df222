"""The mail channel's texts, in one place per language (merged into domain.texts)."""

RU: dict[str, str] = {
    "mail.unknown_sender": ("📧 Письмо от {sender}, а этот адрес и домен не привязаны ни к одному "
                            "клиенту. Письмо сохранено, заявка не создана.\nТема: {subject}\n"
                            "Привязать: chatdesk clients mail \"КЛИЕНТ\" --address {sender}  "
                            "(или --domain {domain})"),
    "mail.broken": ("📧 Письмо (UID {uid}) не удалось прочитать: {error}. Оно сохранено как "
                    "пришло и осталось в ящике; посмотрите его вручную."),
    "mail.too_big": ("📧 Письмо от {sender} ({size} МБ) больше MAIL_MAX_MB={limit}. Сохранены его "
                     "заголовки, само письмо осталось в ящике.\nТема: {subject}"),
    "mail.attachment_dropped": "📎 {name} ({size} МБ) не сохранено: больше MAIL_ATTACHMENT_MAX_MB",
    "cli.mail_mapped": "Письма с {what} теперь идут клиенту «{client}»",
    "cli.mail_unmapped": "Письма с {what} больше не идут клиенту «{client}»",
    "cli.err.mail_domain": "{value} — не домен; пример: --domain vector.ru",
    "cli.err.mail_address": "{value} — не адрес почты; пример: --address ivan@vector.ru",
    "cli.err.mail_one": "укажите ровно одно: --domain ДОМЕН или --address АДРЕС",
}

EN: dict[str, str] = {
    "mail.unknown_sender": ("📧 A mail from {sender}, whose address and domain belong to no "
                            "client. The mail is kept; no ticket was made.\nSubject: {subject}\n"
                            "To map it: chatdesk clients mail \"CLIENT\" --address {sender}  "
                            "(or --domain {domain})"),
    "mail.broken": ("📧 A mail (UID {uid}) could not be read: {error}. It is kept as it came and "
                    "left in the mailbox; please look at it by hand."),
    "mail.too_big": ("📧 A mail from {sender} ({size} MB) is over MAIL_MAX_MB={limit}. Its headers "
                     "are kept; the mail itself is left in the mailbox.\nSubject: {subject}"),
    "mail.attachment_dropped": "📎 {name} ({size} MB) not kept: over MAIL_ATTACHMENT_MAX_MB",
    "cli.mail_mapped": "Mail from {what} now goes to the client “{client}”",
    "cli.mail_unmapped": "Mail from {what} no longer goes to the client “{client}”",
    "cli.err.mail_domain": "{value} is not a domain; e.g. --domain vector.ru",
    "cli.err.mail_address": "{value} is not an e-mail address; e.g. --address ivan@vector.ru",
    "cli.err.mail_one": "give exactly one of --domain DOMAIN or --address ADDRESS",
}
