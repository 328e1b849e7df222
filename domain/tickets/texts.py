"""The tickets context's texts, in one place per language (merged into domain.texts)."""

RU: dict[str, str] = {
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
}

EN: dict[str, str] = {
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
}
