"""The satisfaction context's texts, in one place per language (merged into domain.texts)."""

RU: dict[str, str] = {
    # customer satisfaction: the question after a ticket is done, and the answers to it
    "csat.ask": ("{name}, заявка №{number} «{title}» выполнена. Как мы справились? "
                 "Нажмите 👍 или 👎."),
    "csat.ask_wa": ("{name}, заявка №{number} «{title}» выполнена. Как мы справились? "
                    "Ответьте 👍 или 👎."),
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
}

EN: dict[str, str] = {
    # customer satisfaction: the question after a ticket is done, and the answers to it
    "csat.ask": ("{name}, request #{number} “{title}” is done. How did we do? "
                 "Press 👍 or 👎."),
    "csat.ask_wa": ("{name}, request #{number} “{title}” is done. How did we do? "
                    "Answer 👍 or 👎."),
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
}
