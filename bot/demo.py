"""`chatdesk demo`: a realistic day of one client's chaotic chat, through the real pipeline."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.settings import Settings
from bot.wiring import build_app
from domain.intake.service import InboundMessage, IntakeResult, Outcome
from domain.kernel.model import (
    BillingModel,
    Kind,
    KindTerms,
    Language,
    MediaKind,
    Mode,
    Plan,
    Platform,
    StaffRole,
)
from domain.onboarding.service import add_client, add_staff, link_chat
from domain.texts import kind_name, money, plural, status_name, t

DAY = date(2026, 11, 12)
CHAT = "-1001234567890"
STAFF_ID = "900"

# (time, sender id, sender name, text, media, message id, reply to) — a day in «ООО Вектор».
SCRIPT: list[tuple[str, str, str, str, MediaKind | None, str, str | None]] = [
    ("09:02", "101", "Катя", "Доброе утро всем!", None, "1", None),
    ("09:05", "101", "Катя", "У Марины не работает телефония, входящие не доходят с самого утра",
     None, "2", None),
    ("09:05", "101", "Катя", "", MediaKind.PHOTO, "3", None),
    ("09:06", "101", "Катя", "вот скрин ошибки", None, "4", None),
    ("09:15", STAFF_ID, "Павел | Поддержка", "Катя, смотрим", None, "5", "2"),
    ("09:40", "102", "Олег", "Подскажите, как выставить счёт из сделки?", None, "6", None),
    ("10:10", "102", "Олег", "скиньте кто-нибудь кряк для фотошопа, лицензия кончилась", None,
     "7", None),
    ("10:30", "103", "Марина", "у меня дома интернет не работает, ноутбук не ловит wifi", None,
     "8", None),
    ("11:00", "104", "Ирина", "Хотим понять, кто из менеджеров не перезванивает по пропущенным "
     "звонкам и сколько сделок висит без задач", None, "9", None),
    ("11:30", "102", "Олег", "так как всё-таки выставить счет из сделки? не нашёл", None,
     "10", None),
    ("12:00", "104", "Ирина", "Нужна генерация договоров из сделки по нашему шаблону, у нас "
     "такого пока нет. Сколько это будет стоить?", None, "11", None),
    ("13:00", "105", "Сергей", "+", None, "12", None),
    ("14:00", "104", "Ирина", "Посоветуйте, какие поля в карточке сделки нам лучше убрать — "
     "менеджеры путаются, их больше тридцати", None, "13", None),
    ("15:00", "101", "Катя", "Спасибо!", None, "14", None),
    # Telegram delivers the same update twice now and then; it must change nothing.
    ("15:00", "101", "Катя", "Спасибо!", None, "14", None),
]


@dataclass
class DemoLine:
    when: str
    sender: str
    text: str
    result: IntakeResult


def _plan() -> Plan:
    return Plan(
        model=BillingModel.MONTHLY,
        kinds=(
            KindTerms(Kind.TECHNICAL, Mode.PASSIVE, 2_000_000),
            KindTerms(Kind.MANAGERIAL, Mode.PASSIVE, 2_000_000),
        ),
        hourly_rate=250_000,
        starts_on=date(2026, 9, 1),
    )


async def run_demo(settings: Settings, out: list[str] | None = None) -> list[str]:
    """Play the bundled day; return (and print unless `out` is given) what a person would read."""
    lines: list[str] = [] if out is None else out
    lang = settings.default_language
    tz = ZoneInfo(settings.timezone)
    with tempfile.TemporaryDirectory(prefix="chatdesk-demo-") as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'demo.sqlite3'}"
        app = await build_app(settings.model_copy(update={"database_url": url}))
        try:
            start = datetime.combine(DAY, time(8, 0), tz)
            async with app.uow() as uow:
                client = await add_client(uow, "ООО Вектор" if lang is Language.RU else "Vector LLC",
                                          now=start, language=lang, plan=_plan())
                await add_staff(uow, "Павел | Поддержка", telegram_id=STAFF_ID,
                                role=StaffRole.STAFF)
                await link_chat(uow, client, Platform.TELEGRAM, CHAT, "Вектор — поддержка")
                await uow.commit()

            played: list[DemoLine] = []
            for hhmm, sender_id, name, text, media, message_id, reply_to in SCRIPT:
                hour, minute = map(int, hhmm.split(":"))
                msg = InboundMessage(
                    platform=Platform.TELEGRAM, chat_id=CHAT, message_id=message_id,
                    sender_id=sender_id, sender_name=name,
                    sent_at=datetime.combine(DAY, time(hour, minute, int(message_id) % 60), tz),
                    text=text, media=media, reply_to=reply_to,
                )
                async with app.uow() as uow:
                    result = await app.intake.process(uow, msg)
                    await uow.commit()
                played.append(DemoLine(hhmm, name, text or f"[{media.value}]", result))

            async with app.uow() as uow:
                tickets = await uow.tickets.for_client(client.id)
            _render(lines, lang, client.name, played, tickets)
        finally:
            await app.close()
    if out is None:
        print("\n".join(lines))
    return lines


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _render(lines: list[str], lang: Language, client_name: str, played: list[DemoLine],
            tickets: list) -> None:
    say = lambda key, **kw: lines.append(t(lang, key, **kw))  # noqa: E731
    say("demo.title", client=client_name, day=DAY.strftime("%d.%m.%Y"))
    say("demo.plan", fee=money(lang, 2_000_000), rate=money(lang, 250_000))
    lines.append("")
    say("demo.log")
    for line in played:
        outcome = line.result.outcome
        ticket = line.result.ticket
        extra = {"number": ticket.number} if ticket else {}
        if outcome is Outcome.REFUSED:
            extra["reason"] = t(lang, f"demo.reason.{line.result.reason.value}")
        verdict = t(lang, f"demo.outcome.{outcome.value}", **extra)
        lines.append(f"  {line.when}  {line.sender:<18} {_short(line.text, 52):<52}  → {verdict}")
    lines.append("")
    say("demo.tickets", count=len(tickets))
    for ticket in tickets:
        lines.append(
            f"  №{ticket.number}  {kind_name(lang, ticket.kind)} · "
            f"{status_name(lang, ticket.status)}"
        )
        lines.append(f"       «{ticket.title}»")
        say("demo.sources", ids=", ".join(ticket.message_ids))
        if ticket.repeats:
            say("demo.repeats", count=ticket.repeats,
                times=plural(lang, ticket.repeats, "plural.times"))
    refusals = [p for p in played if p.result.outcome is Outcome.REFUSED]
    if refusals:  # no empty "Refusals (0):" heading
        lines.append("")
        say("demo.refusals", count=len(refusals))
    for p in refusals:
        reason = t(lang, f"demo.reason.{p.result.reason.value}")
        lines.append(f"  {p.when}  {p.sender}: «{_short(p.text)}» — {reason}")
    ignored = [p for p in played if p.result.outcome in (Outcome.IGNORED, Outcome.DUPLICATE)]
    lines.append("")
    say("demo.ignored", count=len(ignored))
    for p in ignored:
        lines.append(f"  {p.when}  {p.sender}: «{_short(p.text)}» — "
                     f"{t(lang, f'demo.outcome.{p.result.outcome.value}')}")
    lines.append("")
    say("demo.posts")
    for p in played:
        if p.result.reply:
            key = "demo.edit_of" if p.result.outcome is Outcome.JOINED_BURST else "demo.reply_to"
            lines.append(f"  ── {p.when}, {t(lang, key, name=p.sender)}:")
            lines.extend(f"     {row}" for row in p.result.reply.splitlines())
