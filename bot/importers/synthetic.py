"""Realistic synthetic chat exports of any size, for benchmarks and tests.

Files are written message by message, so generating a million messages needs no memory.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

_STAFF = ("Павел | Поддержка", "user900")
_CLIENTS = (
    ("Катя Смирнова", "user101"),
    ("Тимур", "user102"),
    ("Ольга Бухгалтерия", "user103"),
    ("Игорь Петрович", "user104"),
)
_CLIENT_PHRASES = (
    "Доброе утро!",
    "Не приходят письма с формы на сайте, заявки теряются",
    "У Марины не работает телефония, входящие не доходят с утра",
    "Портал не открывается, пишет 502 Bad Gateway",
    "Обмен с 1С упал, счета не выгружаются в битрикс",
    "Как сделать отчёт по звонкам за неделю?",
    "Принтер в бухгалтерии опять не печатает",
    "Подскажите, как объединить две дублирующие компании в CRM?",
    "Нужно завести нового сотрудника, выйдет с понедельника",
    "VPN отваливается каждые 10 минут",
    "спасибо!",
    "ок",
    "Когда будет готово?",
)
_STAFF_PHRASES = (
    "Катя, смотрим",
    "Приняли, заявка в работе",
    "Перезагрузили сервер, проверьте, пожалуйста",
    "Исправили, напишите, если повторится",
    "Уточните, пожалуйста, с какого компьютера",
)
_CONTINUATIONS = (
    "уже второй день",
    "скрин ниже",
    "срочно, пожалуйста",
    "и ещё у Ольги то же самое",
)
_START = datetime(2026, 1, 12, 6, 0, tzinfo=UTC)

# For `varied=True`: a chat over years asks about ever new things, and keeps asking the
# questions of the moment again and again (repeats), between greetings and thanks.
_SUBJECTS = (
    "телефония офиса", "почта сайта", "форма заявки", "обмен счетами", "VPN бухгалтерии",
    "принтер бухгалтерии", "личный кабинет", "складской учёт", "рассылка клиентам",
    "воронка продаж", "согласование договоров", "отчёт звонков", "бот Telegram",
    "виджет онлайн-чата", "календарь встреч", "права менеджеров", "интеграция магазина",
    "карточка сделки", "импорт лидов", "телефон Марины", "облачное хранилище", "счета PDF",
    "задачи продажников", "мобильное приложение", "дашборд директора", "шаблоны документов",
    "роботы автоматизации", "запись клиентов", "учёт рабочего времени", "чек-листы звонков",
    "база контактов", "сквозная аналитика", "лента новостей", "диск компании",
    "прайс-лист товаров", "оплата онлайн", "доставка заказов", "анкета сотрудника",
    "бонусная программа", "обратный звонок",
)
# One content word each: two templates of one subject are the same question (a repeat),
# two subjects under one template are not.
_REQUESTS = (
    "{0} не работает",
    "{0}: выдаёт ошибку",
    "Не приходят уведомления: {0}",
    "Как настроить {0}?",
    "{0} тормозит",
    "Доработать {0}",
)
_SMALL_TALK = ("Доброе утро!", "спасибо!", "ок", "Когда будет готово?")
_ACTIVE_REQUESTS = 10  # the questions of the moment


def _requests(seed: int) -> list[str]:
    pool = [r.format(s) for s in _SUBJECTS for r in _REQUESTS]
    random.Random(seed).shuffle(pool)
    return [p[:1].upper() + p[1:] for p in pool]


def _speaker(rng: random.Random, pool: list[str] | None = None, progress: float = 0.0
             ) -> tuple[tuple[str, str], str]:
    if rng.random() < 0.3:
        return _STAFF, rng.choice(_STAFF_PHRASES)
    if pool is None:
        return rng.choice(_CLIENTS), rng.choice(_CLIENT_PHRASES)
    if rng.random() < 0.3:
        return rng.choice(_CLIENTS), rng.choice(_SMALL_TALK)
    start = int(progress * (len(pool) - _ACTIVE_REQUESTS))
    return rng.choice(_CLIENTS), pool[start + rng.randrange(_ACTIVE_REQUESTS)]


def _entities(text: object) -> list[dict[str, str]]:
    if isinstance(text, str):
        return [{"type": "plain", "text": text}] if text else []
    assert isinstance(text, list)
    return [p if isinstance(p, dict) else {"type": "plain", "text": p} for p in text]


def write_telegram_export(path: Path, n_messages: int, seed: int, *, varied: bool = False
                          ) -> None:
    """Write a Telegram Desktop single-chat `result.json` with `n_messages` entries (one service).

    `varied`: requests drawn from 240 distinct ones, ten at a time, moving on over the export
    (years of a chat: many tickets, each repeated); otherwise a dozen requests throughout."""
    rng = random.Random(seed)
    pool = _requests(seed) if varied else None
    when = _START
    with Path(path).open("w", encoding="utf-8") as f:
        f.write('{\n "name": "ООО Вектор — поддержка",\n "type": "private_supergroup",\n')
        f.write(' "id": 1904455667788,\n "messages": [')
        for i in range(1, n_messages + 1):
            when += timedelta(seconds=rng.randint(20, 1800))
            msg: dict[str, object] = {
                "id": i,
                "type": "message",
                "date": when.replace(tzinfo=None).isoformat(),
                "date_unixtime": str(int(when.timestamp())),
            }
            if i == 1:
                msg.update(
                    type="service",
                    actor=_STAFF[0],
                    actor_id=_STAFF[1],
                    action="create_group",
                    title="ООО Вектор — поддержка",
                    members=[c[0] for c in _CLIENTS],
                    text="",
                )
            else:
                (name, uid), phrase = _speaker(rng, pool, i / n_messages)
                msg.update({"from": name, "from_id": uid})
                roll = rng.random()
                if roll < 0.08:
                    msg.update(
                        photo=f"photos/photo_{i}@12-01-2026.jpg", width=1280, height=960, text=""
                    )
                elif roll < 0.10:
                    msg.update(
                        file="(File not included. Change data exporting settings to download.)",
                        media_type="sticker",
                        sticker_emoji="👍",
                        text="",
                    )
                elif roll < 0.12:
                    msg.update(
                        file=f"voice_messages/audio_{i}.ogg",
                        media_type="voice_message",
                        duration_seconds=rng.randint(2, 60),
                        text="",
                    )
                elif roll < 0.2:
                    word = phrase.split()[0]
                    msg["text"] = [{"type": "bold", "text": word}, phrase[len(word) :]]
                else:
                    msg["text"] = phrase
                if i > 2 and rng.random() < 0.15:
                    msg["reply_to_message_id"] = rng.randint(max(2, i - 20), i - 1)
                if rng.random() < 0.03:
                    edited = when + timedelta(minutes=1)
                    msg.update(
                        edited=edited.replace(tzinfo=None).isoformat(),
                        edited_unixtime=str(int(edited.timestamp())),
                    )
                if rng.random() < 0.02:
                    msg["forwarded_from"] = "Ольга Бухгалтерия"
            msg["text_entities"] = _entities(msg.get("text", ""))
            # Telegram Desktop pretty-prints with one space per level; keep the file size realistic.
            body = json.dumps(msg, ensure_ascii=False, indent=1).replace("\n", "\n  ")
            f.write(("\n  " if i == 1 else ",\n  ") + body)
        f.write("\n ]\n}\n")


def write_whatsapp_export(
    path: Path, n_messages: int, seed: int, style: str = "android_ru"
) -> None:
    """Write a WhatsApp `.txt` export with `n_messages` header lines (a few are system lines)."""
    if style not in ("android_ru", "ios_en"):
        raise ValueError(f"unknown style {style!r}")
    rng = random.Random(seed)
    ios = style == "ios_en"
    when = _START
    nl = "\r\n" if ios else "\n"
    with Path(path).open("w", encoding="utf-8", newline="") as f:
        for i in range(1, n_messages + 1):
            when += timedelta(seconds=rng.randint(20, 1800))
            if ios:
                hour = when.hour % 12 or 12
                ampm = "AM" if when.hour < 12 else "PM"
                head = f"[{when.month}/{when.day}/{when.year % 100:02d}, {hour}:{when:%M:%S}\u202f{ampm}] "
            else:
                head = f"{when:%d.%m.%Y, %H:%M} - "
            if i == 1:
                line = (
                    "ООО Вектор: \u200eMessages and calls are end-to-end encrypted. No one outside of "
                    "this chat, not even WhatsApp, can read or listen to them."
                    if ios
                    else "Сообщения и звонки защищены сквозным шифрованием. Подробнее."
                )
                f.write(head + line + nl)
                continue
            if rng.random() < 0.005:
                f.write(
                    head
                    + (
                        f"ООО Вектор: \u200e{_STAFF[0]} added {_CLIENTS[0][0]}"
                        if ios
                        else f"{_STAFF[0]} добавил(-а) {_CLIENTS[0][0]}"
                    )
                    + nl
                )
                continue
            (name, _), phrase = _speaker(rng)
            roll = rng.random()
            if roll < 0.08:
                body = "\u200eimage omitted" if ios else "<Без медиафайлов>"
            elif roll < 0.10:
                body = (
                    f"\u200e<attached: {i:08d}-PHOTO-{when:%Y-%m-%d-%H-%M-%S}.jpg>"
                    if ios
                    else f"IMG-{when:%Y%m%d}-WA{i % 10000:04d}.jpg (файл добавлен)"
                )
            elif roll < 0.11:
                body = "\u200eThis message was deleted." if ios else "Данное сообщение удалено"
            elif roll < 0.13:
                body = phrase + (" <This message was edited>" if ios else " <Сообщение изменено>")
            else:
                body = phrase
            f.write(head + f"{name}: {body}{nl}")
            if rng.random() < 0.1:
                f.write(rng.choice(_CONTINUATIONS) + nl)
