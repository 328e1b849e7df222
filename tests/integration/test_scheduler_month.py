"""A simulated month on a real database with a controllable clock: tickets are confirmed, taken,
answered and left idle; every sweep runs twice at every step; the notices sent through a
recording messenger are exactly the expected ones, none twice."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.clock import FixedClock
from bot.messengers import MessengerRegistry
from bot.scheduling import build_jobs
from bot.settings import load_settings
from domain.kernel.model import (
    Chat,
    Choice,
    Coverage,
    Disposition,
    Kind,
    MediaKind,
    Message,
    Person,
    PersonRole,
    Platform,
    StaffRole,
    Ticket,
    TicketStatus,
)
from domain.kernel.ports import Capabilities
from domain.onboarding.service import add_client, add_staff
from domain.tickets.model import Actor
from domain.workspace.model import Given, TimeCategory
from domain.workspace.service import Workspace
from tests.conftest import monthly_plan

MSK = ZoneInfo("Europe/Moscow")
GROUP, OWNER, STAFF_CHAT, PAVEL, IVAN = "-100500", "5001", "-200", "900", "901"


def msk(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=MSK).astimezone(UTC)


class RecordingMessenger:
    """The Messenger port, remembering what was sent instead of sending it."""

    platform = Platform.TELEGRAM
    capabilities = Capabilities(buttons=True, max_buttons=20, edit=True, max_text=4096)

    def __init__(self, clock: FixedClock) -> None:
        self.clock = clock
        self.sent: list[tuple[datetime, str, str]] = []

    async def send_text(self, chat_id: str, text: str, *, reply_to: str | None = None,
                        thread_id: str | None = None) -> str:
        self.sent.append((self.clock.now(), chat_id, text))
        return str(len(self.sent))

    async def send_media(self, chat_id: str, kind: MediaKind, content: bytes | str, *,
                         caption: str = "", filename: str | None = None,
                         reply_to: str | None = None) -> str:
        assert kind is MediaKind.PHOTO and content == b"PNG"
        self.sent.append((self.clock.now(), chat_id, f"[photo] {caption}"))
        return str(len(self.sent))

    async def ask_choice(self, chat_id: str, text: str, choices: Sequence[Choice], *,
                         reply_to: str | None = None) -> str:
        raise AssertionError("the scheduler asks nothing")

    async def edit_text(self, chat_id: str, message_id: str, text: str,
                        choices: Sequence[Choice] | None = None) -> bool:
        raise AssertionError("the scheduler edits nothing")


class Month:
    def __init__(self, uow_factory, clock: FixedClock) -> None:
        self.uow, self.clock = uow_factory, clock
        self.messenger = RecordingMessenger(clock)
        settings = load_settings(staff_chat_id=STAFF_CHAT, _env_file=None)
        self.jobs = build_jobs(uow_factory, clock, settings,
                               MessengerRegistry([self.messenger]), charts=lambda _: b"PNG")
        self.workspace = Workspace(uow_factory, clock)
        self.ivan = Actor(Platform.TELEGRAM, IVAN, "Ivan")
        self.tickets: dict[int, int] = {}  # number -> id

    async def setup(self) -> None:
        async with self.uow() as uow:
            client = await add_client(uow, "ACME", now=self.clock.now(), plan=monthly_plan())
            self.client_id = client.id
            self.chat = await uow.chats.add(Chat(None, Platform.TELEGRAM, GROUP, client.id))
            await uow.people.add(Person(None, client.id, Platform.TELEGRAM, OWNER, "Olga",
                                        PersonRole.OWNER))
            self.kate = await uow.people.add(Person(None, client.id, Platform.TELEGRAM, "101",
                                                    "Kate"))
            await add_staff(uow, "Pavel", telegram_id=PAVEL, role=StaffRole.ADMIN)
            ivan = await add_staff(uow, "Ivan", telegram_id=IVAN)
            await uow.workspace.serve(ivan.id, client.id)
            await uow.commit()

    async def confirmed(self, number: int, kind: Kind, title: str) -> None:
        """A request from Kate, confirmed by her at once."""
        now = self.clock.now()
        async with self.uow() as uow:
            ticket = await uow.tickets.add(Ticket(
                None, self.client_id, await uow.clients.next_ticket_number(self.client_id),
                kind, TicketStatus.ACCEPTED, title, title, self.chat.id, self.kate.id,
                Coverage.COVERED, created_at=now, updated_at=now, confirmed_at=now,
                last_client_message_at=now))
            assert ticket.number == number
            await uow.messages.add(Message(None, Platform.TELEGRAM, GROUP, f"m{number}",
                                           self.chat.id, "101", "Kate", now, title,
                                           ticket_id=ticket.id, disposition=Disposition.TICKET))
            await uow.commit()
        self.tickets[number] = ticket.id

    async def answer(self, number: int, text: str) -> None:
        await self.workspace.record_outgoing(self.tickets[number], f"a{self.clock.now():%d%H%M}",
                                             text, sender_id="bot", sender_name="Ivan")

    async def take(self, number: int) -> None:
        await self.workspace.take(self.tickets[number], self.ivan)

    async def log(self, number: int, minutes: int) -> None:
        await self.workspace.log_time(self.tickets[number], self.ivan, minutes,
                                      TimeCategory.BILLABLE, "work",
                                      f"t{number}{self.clock.now():%d%H%M}")

    async def close(self, number: int) -> None:
        await self.workspace.change_status(
            self.tickets[number], self.ivan, TicketStatus.DONE,
            Given(proof_note="checked with the client", service_comment="settings fixed"))

    async def step(self, at: datetime) -> None:
        """Time passes to `at`; every job runs, and then all of them run again."""
        self.clock.set(at)
        await self.jobs.tick()
        await self.jobs.tick()

    async def notices(self) -> list[tuple[str, str, str]]:
        """(sent at, Moscow time; kind; chat) of every notice sent, in order."""
        async with self.uow() as uow:
            rows = await uow.notices.all()
        numbers = {v: k for k, v in self.tickets.items()}
        sent = sorted((r for r in rows if r.sent_at), key=lambda r: (r.sent_at, r.id))
        return [(f"{r.sent_at.astimezone(MSK):%d %H:%M}",
                 r.kind.value + (f" #{numbers[r.ticket_id]}" if r.ticket_id else ""),
                 r.chat_id) for r in sent]


def schedule() -> list[datetime]:
    """Sweeps at a few moments of every day of November, and into December."""
    moments = []
    for day in range(1, 31):
        moments += [msk(day, hour) for hour in (3, 9, 10, 11, 12, 14, 15, 16, 17, 22)]
    moments += [msk(1, hour, month=12) for hour in (3, 9, 10, 11)]
    return moments


EXPECTED = [
    # Monday the 9th: #1 waits untaken; 4 working hours from 10:00 (lunch 13-14) end at 15:00.
    ("09 14:00", "sla_warning #1", STAFF_CHAT),
    ("09 15:00", "sla_breach #1", STAFF_CHAT),
    ("09 16:00", "no_time #2", IVAN),  # taken at 10:30, no time logged by 15:30
    ("10 10:00", "untaken #1", STAFF_CHAT),  # 8 working hours in the queue
    ("11 10:00", "untaken #1", STAFF_CHAT),  # and 8 more
    ("11 17:00", "no_time #1", IVAN),  # taken and logged at 11:30, nothing since
    ("12 11:00", "progress_note #2", IVAN),  # 3 working days since the last word to Kate
    ("13 09:00", "renewal", OWNER),  # decided at 03:00, held for working hours
    ("13 11:00", "estimate_waiting #3", GROUP),  # every 24 working hours after Tue 11:00
    ("17 09:00", "renewal", OWNER),
    ("18 11:00", "estimate_waiting #3", GROUP),
    ("19 09:00", "renewal", OWNER),
    ("23 09:00", "lapse", OWNER),  # the 21st is a Saturday: held until Monday morning
    ("23 09:00", "lapse", GROUP),
    ("23 11:00", "estimate_waiting #3", GROUP),
    ("26 11:00", "estimate_waiting #3", GROUP),
    ("01 03:00", "digest", PAVEL),  # December the 1st: the month in review
    ("01 09:00", "summary", OWNER),
    ("01 09:00", "summary_chart", OWNER),
    ("01 11:00", "estimate_waiting #3", GROUP),
]


@pytest.fixture
async def month(uow_factory):
    clock = FixedClock(msk(1, 0))
    simulation = Month(uow_factory, clock)
    await simulation.setup()
    return simulation


async def test_a_simulated_month_sends_exactly_the_expected_notices_once(month: Month):
    events = {
        # Monday the 9th: two requests; Ivan takes and answers the second at once.
        msk(9, 10): [lambda: month.confirmed(1, Kind.TECHNICAL, "Телефония не звонит"),
                     lambda: month.confirmed(2, Kind.TECHNICAL, "Форма на сайте не работает")],
        msk(9, 10, 30): [lambda: month.take(2), lambda: month.answer(2, "Смотрю")],
        # Tuesday: new work; Ivan proposes an estimate, which the client never answers.
        msk(10, 10): [lambda: month.confirmed(3, Kind.NEW_WORK, "Нужна интеграция с 1С")],
        msk(10, 11): [lambda: month.take(3), lambda: month.answer(3, "Оценка ниже"),
                      lambda: month.workspace.propose_estimate(month.tickets[3], month.ivan,
                                                               600, 3_000_000)],
        # Wednesday: Ivan finally takes the first one, answers and logs time.
        msk(11, 11, 30): [lambda: month.take(1), lambda: month.answer(1, "Проверяю"),
                          lambda: month.log(1, 60)],
        # Thursday: both technical tickets are done.
        msk(12, 16, 30): [lambda: month.log(2, 90), lambda: month.close(2),
                          lambda: month.close(1)],
    }
    for at in sorted({*schedule(), *events}):
        month.clock.set(at)
        for event in events.get(at, []):
            await event()
        await month.step(at)

    sent = month.messenger.sent
    assert len(sent) == len(set(sent)), "a notice was sent twice"
    notices = await month.notices()
    assert len(notices) == len(sent)
    assert notices == EXPECTED
    texts = {(chat, text.split("\n")[0]) for _, chat, text in sent}
    assert (STAFF_CHAT, "Заявка №1 «Телефония не звонит» — ACME") in texts
    summary = next(text for _, chat, text in sent if chat == OWNER and text.startswith("Итоги"))
    assert "Сроки соблюдены: 2 из 3 заявок (67%)." in summary
    assert "[photo] Часы работы по видам поддержки по неделям, 2026-11" in {s[2] for s in sent}
