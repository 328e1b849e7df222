"""The outbox context's texts, in one place per language (merged into domain.texts)."""

RU: dict[str, str] = {
    # -- sla (SLA, reminders, summaries) --
    "outbox.failed": ("⚠️ Не удалось доставить сообщение в чат {chat} ({platform}), "
                      "бот больше не пытается: {error}\nТекст: {text}"),
}

EN: dict[str, str] = {
    # -- sla (SLA, reminders, summaries) --
    "outbox.failed": ("⚠️ A message to chat {chat} ({platform}) could not be delivered "
                      "and will not be retried: {error}\nText: {text}"),
}
