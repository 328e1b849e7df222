"""A small, believable world for the cabinet's tests: two clients, their people, three staff
members, tickets with history and billed time, and the cabinet served on 127.0.0.1."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.cabinet.app import add_cabinet_routes
from bot.cabinet.auth import sign_init_data
from bot.clock import FixedClock
from bot.settings import Settings, load_settings
from bot.wiring import App, build_app
from domain.billing.model import Period, TimeRecord
from domain.billing.service import Billing
from domain.cabinet.model import Principal
from domain.cabinet.service import Cabinet
from domain.kernel.model import (
    BillingModel,
    Coverage,
    Kind,
    Message,
    Person,
    PersonRole,
    Plan,
    Platform,
    StaffRole,
    Ticket,
    TicketStatus,
)
from domain.onboarding.service import add_client, add_staff
from domain.sla.model import Deadlines, Metric, Timer
from domain.workspace.model import Note, NoteKind

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)  # a Friday, mid-month
BOT_TOKEN = "123456:TEST-token-for-the-cabinet"
SECRET = "cabinet-test-secret-0123456789abcdef"
RATE = 250_000  # 2 500 ₽ an hour
PAID = 5_000_000  # 50 000 ₽ paid in

OLGA, KATE, BORIS = "201", "101", "301"  # ACME's owner and employee; BETA's employee
PAVEL, ANNA, IVAN = "900", "901", "902"  # staff serving ACME; admin; staff serving BETA


@dataclass
class World:
    app: App
    settings: Settings
    clock: FixedClock
    cabinet: Cabinet
    acme: int
    beta: int
    beta_ticket: int  # BETA's ticket number
    entry_ids: dict[str, int]  # ledger entries by name


def principal(user_id: str) -> Principal:
    return Principal(Platform.TELEGRAM, user_id)


def init_data(user_id: str, *, signed_at: datetime, token: str = BOT_TOKEN,
              name: str = "Olga") -> str:
    """initData as Telegram builds it for a Mini App launch."""
    fields = {"auth_date": str(int(signed_at.timestamp())), "query_id": "AAE-test",
              "user": f'{{"id":{user_id},"first_name":"{name}","language_code":"ru"}}'}
    fields["hash"] = sign_init_data(fields, token)
    return "&".join(f"{k}={quote(v, safe='')}" for k, v in fields.items())


async def _ticket(uow, client_id: int, number: int, kind: Kind, status: TicketStatus,
                  title: str, requester: int | None, at: datetime,
                  assignee: int | None = None) -> Ticket:
    return await uow.tickets.add(Ticket(
        id=None, client_id=client_id, number=number, kind=kind, status=status, title=title,
        text=title, chat_id=None, requester_id=requester, coverage=Coverage.COVERED,
        hourly_rate=RATE, confidence=1.0, created_at=at, updated_at=at, confirmed_at=at,
        assignee_id=assignee))


async def _say(uow, ticket: Ticket, who: str, name: str, text: str, at: datetime,
               staff: bool = False) -> None:
    await uow.messages.add(Message(
        id=None, platform=Platform.TELEGRAM, chat_external_id="-100", external_id=f"{at}:{who}",
        chat_id=None, sender_external_id=who, sender_name=name, sent_at=at, text=text,
        from_staff=staff, ticket_id=ticket.id))


async def build_world(tmp_path: Path) -> World:
    settings = load_settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'cabinet.sqlite3'}",
        telegram_bot_token=BOT_TOKEN, cabinet_base_url="http://127.0.0.1",
        cabinet_secret=SECRET, timezone="Europe/Moscow")
    clock = FixedClock(NOW)
    app = await build_app(settings, clock=clock)
    plan = Plan(BillingModel.TIME_AND_MATERIALS, hourly_rate=RATE)
    day = timedelta(days=1)
    async with app.uow() as uow:
        acme = await add_client(uow, "ООО Вектор", now=NOW - 30 * day, plan=plan)
        beta = await add_client(uow, "ЗАО Бета", now=NOW - 30 * day, plan=plan)
        olga = await uow.people.add(Person(None, acme.id, Platform.TELEGRAM, OLGA, "Ольга",
                                           PersonRole.OWNER))
        kate = await uow.people.add(Person(None, acme.id, Platform.TELEGRAM, KATE, "Катя"))
        boris = await uow.people.add(Person(None, beta.id, Platform.TELEGRAM, BORIS, "Борис"))
        pavel = await add_staff(uow, "Павел", telegram_id=PAVEL)
        await add_staff(uow, "Анна", telegram_id=ANNA, role=StaffRole.ADMIN)
        ivan = await add_staff(uow, "Иван", telegram_id=IVAN)
        await uow.workspace.serve(pavel.id, acme.id)
        await uow.workspace.serve(ivan.id, beta.id)

        phone = await _ticket(uow, acme.id, 1, Kind.TECHNICAL, TicketStatus.IN_PROGRESS,
                              "Не работает телефония у Марины", kate.id, NOW - 3 * day,
                              pavel.id)
        await _say(uow, phone, KATE, "Катя", "У Марины не проходят входящие звонки",
                   NOW - 3 * day)
        await _say(uow, phone, PAVEL, "Павел", "Смотрю настройки АТС, отпишусь к обеду.",
                   NOW - 3 * day + timedelta(minutes=20), staff=True)
        await uow.sla.save(phone.id, "default", Deadlines(NOW - 3 * day, {
            Metric.RESOLUTION: Timer(Metric.RESOLUTION, NOW - 3 * day, NOW + 4 * day)}),
            NOW)
        howto = await _ticket(uow, acme.id, 2, Kind.MANAGERIAL,
                              TicketStatus.WAITING_FOR_CLIENT, "Как выставить счёт из сделки",
                              olga.id, NOW - 2 * day, pavel.id)
        queued = await _ticket(uow, acme.id, 4, Kind.TECHNICAL, TicketStatus.ACCEPTED,
                               "Не приходят письма с сайта", kate.id, NOW - day)
        await uow.sla.save(queued.id, "default", Deadlines(NOW - day, {
            Metric.FIRST_REACTION: Timer(Metric.FIRST_REACTION, NOW - day,
                                         NOW - timedelta(hours=2))}), NOW)
        done = await _ticket(uow, acme.id, 3, Kind.TECHNICAL, TicketStatus.DONE,
                             "Упал обмен с 1С", kate.id, NOW - 10 * day, pavel.id)
        await uow.workspace.add_note(Note(None, done.id, pavel.id, NoteKind.SERVICE_COMMENT,
                                          "Перезапустил службу обмена, обновил модуль.",
                                          NOW - 9 * day))
        await uow.workspace.add_note(Note(None, done.id, pavel.id, NoteKind.TEST_CASE,
                                          "Внутренний чек-лист тестировщика", NOW - 9 * day))
        secret = await _ticket(uow, beta.id, 1, Kind.TECHNICAL, TicketStatus.ACCEPTED,
                               "Секретная заявка Беты", boris.id, NOW - day)
        await uow.commit()

    billing = Billing(app.uow, clock, settings.tz)
    await billing.add_payment(acme.id, PAID, "nov")
    entries: dict[str, int] = {}
    for name, rid, ticket, kind, minutes, category, at in (
            ("phone", 1, phone, Kind.TECHNICAL, 120, "billable", NOW - 2 * day),
            ("phone_learning", 2, phone, Kind.TECHNICAL, 30, "learning", NOW - 2 * day),
            ("howto", 3, howto, Kind.MANAGERIAL, 60, "billable", NOW - day),
            ("done", 4, done, Kind.TECHNICAL, 45, "billable", NOW - 9 * day),
            ("beta", 5, secret, Kind.TECHNICAL, 30, "billable", NOW - day)):
        posted = await billing.post_time(TimeRecord(
            rid, ticket.client_id, kind, minutes, category, pavel.id, at, ticket.id,
            f"Работа по заявке №{ticket.number}"))
        entries[name] = posted.entries[0].id
    cabinet = Cabinet(app.uow, clock, billing, tz=settings.tz)
    return World(app, settings, clock, cabinet, acme.id, beta.id, secret.number, entries)


def total_billed() -> int:
    """What ACME was charged in November: 2 h + 1 h + 45 min at 2 500 ₽."""
    return (120 + 60 + 45) * RATE // 60


PERIOD = Period(2026, 11)


@asynccontextmanager
async def serve(world: World) -> AsyncIterator[TestServer]:
    """The cabinet's routes on a fresh aiohttp application, on 127.0.0.1."""
    web_app = web.Application()
    assert add_cabinet_routes(web_app, world.app, world.settings)
    server = TestServer(web_app, host="127.0.0.1")
    await server.start_server()
    try:
        yield server
    finally:
        await server.close()
