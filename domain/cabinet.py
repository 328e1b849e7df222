"""The client cabinet's read models and who may see what (issue 11).

A viewer is whoever logged in: a staff member, or one or more people on the client's side
(the same messenger account may belong to several clients). The rules are the bot's: people
see only their own company, money pages may be the owner's alone when the client wants it so,
staff see the clients they serve and admins all of them. Use cases open one unit of work each.
"""

from __future__ import annotations

import enum
import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Protocol

from domain.ledger import (
    BILLABLE_CATEGORY,
    BILLABLE_TYPES,
    BalanceView,
    Dispute,
    DisputeStatus,
    Entry,
    EntryType,
    LedgerError,
    Period,
    balance_view,
)
from domain.model import Client, Kind, Person, PersonRole, Platform, Staff, Ticket, TicketStatus
from domain.sla import Metric
from domain.workflow import Note, NoteKind

if TYPE_CHECKING:  # domain.ports imports this module's port
    from domain.billing import Billing, Statement
    from domain.ports import Clock, UnitOfWork, UnitOfWorkFactory

SOON = timedelta(hours=1)  # an SLA deadline closer than this is shown as "due soon"
QUEUE = (TicketStatus.ACCEPTED, TicketStatus.IN_PROGRESS, TicketStatus.NEEDS_TESTING,
         TicketStatus.TESTING, TicketStatus.WAITING_FOR_CLIENT)


class CabinetError(Exception):
    """A page or action refused; `key` names the text, `status` the HTTP answer."""

    def __init__(self, key: str, status: int = 403, **params: object) -> None:
        super().__init__(key)
        self.key, self.status, self.params = key, status, params


# -- who is looking ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Principal:
    """Who a session belongs to, as their messenger knows them."""

    platform: Platform
    external_id: str


@dataclass(frozen=True, slots=True)
class Viewer:
    principal: Principal
    staff: Staff | None = None
    people: tuple[Person, ...] = ()
    served: frozenset[int] | None = frozenset()  # staff: clients served; None means all

    @property
    def is_staff(self) -> bool:
        return self.staff is not None

    @property
    def name(self) -> str:
        if self.staff is not None:
            return self.staff.name
        return self.people[0].name if self.people else ""

    def person_in(self, client_id: int) -> Person | None:
        return next((p for p in self.people if p.client_id == client_id), None)


def sees_client(viewer: Viewer, client_id: int) -> bool:
    """Staff: the clients they serve (admins: all). People: their own company only."""
    if viewer.staff is not None:
        return viewer.served is None or client_id in viewer.served
    return viewer.person_in(client_id) is not None


def sees_money(viewer: Viewer, client_id: int, owner_only: bool) -> bool:
    """Hours and money: as the tickets, but only the owner when the client asked for that."""
    if not sees_client(viewer, client_id):
        return False
    if viewer.staff is not None or not owner_only:
        return True
    person = viewer.person_in(client_id)
    return person is not None and person.role is PersonRole.OWNER


def may_dispute(viewer: Viewer, client_id: int, owner_only: bool) -> bool:
    """A dispute is the client's word against ours: staff never open one."""
    return viewer.staff is None and sees_money(viewer, client_id, owner_only)


# -- one-time login links ------------------------------------------------------------------------


def new_login_token() -> tuple[str, str]:
    """(the token for the link, the hash that is stored): a leaked table logs nobody in."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class LoginGrant:
    person_id: int | None
    staff_id: int | None


# -- SLA state ----------------------------------------------------------------------------------


class SlaState(enum.StrEnum):
    NONE = "none"  # no SLA applies (a draft, no policy)
    ON_TRACK = "on_track"
    SOON = "soon"
    BREACHED = "breached"
    PAUSED = "paused"  # waiting for the client: the clock stops
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class SlaView:
    state: SlaState
    due: datetime | None = None


def sla_view(status: TicketStatus, due: dict[Metric, datetime | None], now: datetime) -> SlaView:
    """The nearest running deadline, and whether it is kept, close, or already missed."""
    if not status.is_open:
        return SlaView(SlaState.CLOSED)
    if status is TicketStatus.WAITING_FOR_CLIENT:
        return SlaView(SlaState.PAUSED)
    running = [d for d in due.values() if d is not None]
    if not running:
        return SlaView(SlaState.NONE)
    nearest = min(running)
    if nearest <= now:
        return SlaView(SlaState.BREACHED, nearest)
    return SlaView(SlaState.SOON if nearest - now <= SOON else SlaState.ON_TRACK, nearest)


# -- the chart: billable hours by kind and week -------------------------------------------------


@dataclass(frozen=True, slots=True)
class WeekBar:
    start: date  # the Monday of the week, or the 1st for a week that began last month
    minutes: dict[Kind, int]

    @property
    def total(self) -> int:
        return sum(self.minutes.values())


def weekly_spend(entries: Sequence[Entry], period: Period, tz: tzinfo) -> list[WeekBar]:
    """Billable minutes of `period` per week and kind, reversals subtracted (in the week of
    the reversal), every week of the month present so the chart's axis is the calendar."""
    first = period.first_day
    last = period.shift(1).first_day - timedelta(days=1)
    starts: list[date] = []
    day = first
    while day <= last:
        starts.append(day)
        day = day + timedelta(days=7 - day.weekday())
    bars = {s: dict[Kind, int]() for s in starts}
    for entry in entries:
        if entry.period != period or entry.kind is None or entry.category != BILLABLE_CATEGORY:
            continue
        if entry.type in BILLABLE_TYPES:
            sign = 1
        elif entry.type is EntryType.REVERSAL:
            sign = -1
        else:
            continue
        local = entry.at.astimezone(tz).date()
        local = min(max(local, first), last)
        week = max(s for s in starts if s <= local)
        bars[week][entry.kind] = bars[week].get(entry.kind, 0) + sign * entry.minutes
    return [WeekBar(s, {k: m for k, m in bars[s].items() if m}) for s in starts]


# -- read models --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TicketRow:
    ticket: Ticket
    requester: str
    sla: SlaView


@dataclass(frozen=True, slots=True)
class ClientTickets:
    client: Client
    open: list[TicketRow]
    closed: list[TicketRow]
    shows_money: bool


class EventKind(enum.StrEnum):
    CREATED = "created"
    CONFIRMED = "confirmed"
    CLIENT_MESSAGE = "client_message"
    STAFF_MESSAGE = "staff_message"
    NOTE = "note"
    TIME = "time"


@dataclass(frozen=True, slots=True)
class Event:
    at: datetime
    kind: EventKind
    who: str = ""
    text: str = ""
    note: NoteKind | None = None
    entry: Entry | None = None
    dispute: Dispute | None = None
    disputable: bool = False


@dataclass(frozen=True, slots=True)
class TicketPage:
    client: Client
    ticket: Ticket
    requester: str
    assignee: str
    sla: SlaView
    events: list[Event]
    minutes: int  # billable minutes the client sees, reversals subtracted
    amount: int  # kopecks charged for them
    shows_money: bool


@dataclass(frozen=True, slots=True)
class MoneyPage:
    client: Client
    balance: BalanceView | None  # None: no plan yet
    weeks: list[WeekBar]
    periods: list[Period]  # months with entries, newest first
    open_disputes: int


@dataclass(frozen=True, slots=True)
class Overview:
    viewer: Viewer
    clients: list[Client]
    queue: list[tuple[Client, TicketRow]] = field(default_factory=list)


def client_visible_entry(entry: Entry) -> bool:
    """What a client sees of our ledger: everything but our own unbilled time."""
    return not (entry.type is EntryType.TIME_DEBIT and entry.category != BILLABLE_CATEGORY)


def ticket_events(ticket: Ticket, messages: Sequence, notes: Sequence[Note],
                  entries: Sequence[Entry], disputes: Sequence[Dispute], *, staff_names: dict,
                  requester: str, shows_money: bool, can_dispute: bool,
                  for_staff: bool) -> list[Event]:
    """A ticket's history, oldest first: both directions of the chat, what staff recorded
    (reasons, service comments, proofs; test cases stay internal) and the time with its cost."""
    events = []
    if ticket.created_at is not None:
        events.append(Event(ticket.created_at, EventKind.CREATED, requester))
    if ticket.confirmed_at is not None:
        events.append(Event(ticket.confirmed_at, EventKind.CONFIRMED, requester))
    for m in messages:
        if not (m.text or m.media):
            continue
        kind = EventKind.STAFF_MESSAGE if m.from_staff else EventKind.CLIENT_MESSAGE
        events.append(Event(m.sent_at, kind, m.sender_name, m.text))
    for n in notes:
        if n.kind is NoteKind.TEST_CASE and not for_staff:
            continue
        events.append(Event(n.created_at, EventKind.NOTE, staff_names.get(n.staff_id, ""),
                            n.text, note=n.kind))
    if shows_money:
        by_entry = {d.entry_id: d for d in disputes}
        for e in entries:
            if e.ticket_id != ticket.id or e.type not in (*BILLABLE_TYPES, EntryType.REVERSAL):
                continue
            if not for_staff and not client_visible_entry(e):
                continue
            dispute = by_entry.get(e.id)
            events.append(Event(e.at, EventKind.TIME, staff_names.get(e.staff_id, ""), e.note,
                                entry=e, dispute=dispute,
                                disputable=can_dispute and e.billable and (
                                    dispute is None or dispute.status is not DisputeStatus.OPEN)))
    events.sort(key=lambda ev: ev.at)
    return events


def charged(entries: Sequence[Entry], ticket_id: int) -> tuple[int, int]:
    """(minutes, kopecks) the client was billed for one ticket, reversals subtracted."""
    minutes = amount = 0
    for e in entries:
        if e.ticket_id != ticket_id or e.category != BILLABLE_CATEGORY:
            continue
        if e.type in BILLABLE_TYPES:
            minutes, amount = minutes + e.minutes, amount - e.amount
        elif e.type is EntryType.REVERSAL:
            minutes, amount = minutes - e.minutes, amount - e.amount
    return minutes, amount


# -- the port ------------------------------------------------------------------------------------


class CabinetRepository(Protocol):
    """Login links, cabinet preferences and lookups of people by their account."""

    async def add_login(self, token_hash: str, grant: LoginGrant, created_at: datetime,
                        expires_at: datetime) -> None: ...
    async def redeem_login(self, token_hash: str, now: datetime) -> LoginGrant | None:
        """Marks the link used, atomically: only one caller gets the grant, and never late."""
        ...

    async def people_of(self, platform: Platform, external_id: str) -> Sequence[Person]: ...
    async def money_owner_only(self, client_id: int) -> bool: ...
    async def set_money_owner_only(self, client_id: int, on: bool) -> None: ...


# -- use cases -----------------------------------------------------------------------------------


class Cabinet:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, billing: Billing, *, tz: tzinfo,
                 link_ttl: timedelta = timedelta(minutes=15)) -> None:
        self._uow = uow
        self._clock = clock
        self._billing = billing
        self._tz = tz
        self._link_ttl = link_ttl

    async def _viewer(self, uow: UnitOfWork, principal: Principal) -> Viewer:
        staff = await uow.staff.find(principal.platform, principal.external_id)
        if staff is not None:
            served = None if staff.is_admin else frozenset(
                await uow.workspace.served_clients(staff.id))
            return Viewer(principal, staff=staff, served=served)
        people = tuple(await uow.cabinet.people_of(principal.platform, principal.external_id))
        if not people:
            raise CabinetError("cabinet.err.unknown", 403)
        return Viewer(principal, people=people)

    async def _client(self, uow: UnitOfWork, viewer: Viewer, client_id: int) -> Client:
        # Refused the same way whether the client exists or not: ids are not to be probed.
        client = await uow.clients.get(client_id) if sees_client(viewer, client_id) else None
        if client is None:
            raise CabinetError("cabinet.err.not_yours", 403)
        return client

    async def viewer(self, principal: Principal) -> Viewer:
        """Who is behind a session; refused if the account is neither staff nor a client's."""
        async with self._uow() as uow:
            return await self._viewer(uow, principal)

    # -- logging in -----------------------------------------------------------------------------

    async def issue_link(self, principal: Principal) -> str:
        """A one-time login token for this account; the link built from it expires soon."""
        async with self._uow() as uow:
            viewer = await self._viewer(uow, principal)
            grant = LoginGrant(None, viewer.staff.id) if viewer.staff else LoginGrant(
                viewer.people[0].id, None)
            token, hashed = new_login_token()
            now = self._clock.now()
            await uow.cabinet.add_login(hashed, grant, now, now + self._link_ttl)
            await uow.commit()
        return token

    async def redeem_link(self, token: str) -> Principal:
        """Spend a login token once; an unknown, used or expired one is refused."""
        async with self._uow() as uow:
            grant = await uow.cabinet.redeem_login(token_hash(token), self._clock.now())
            principal = await _principal(uow, grant) if grant else None
            if principal is None:
                raise CabinetError("cabinet.err.link", 403)
            await uow.commit()
        return principal

    # -- pages ----------------------------------------------------------------------------------

    async def overview(self, principal: Principal) -> Overview:
        """The start page: the clients this viewer may open and, for staff, their queue."""
        async with self._uow() as uow:
            viewer = await self._viewer(uow, principal)
            if viewer.staff is None:
                ids = [p.client_id for p in viewer.people]
            elif viewer.served is None:
                ids = [c.id for c in await uow.clients.list()]
            else:
                ids = sorted(viewer.served)
            clients = {i: await uow.clients.get(i) for i in ids}
            queue = []
            if viewer.staff is not None:
                now = self._clock.now()
                for ticket in await uow.workspace.tickets(
                        None if viewer.served is None else ids, QUEUE):
                    row = await self._row(uow, ticket, now)
                    queue.append((clients[ticket.client_id], row))
            return Overview(viewer, [c for c in clients.values() if c], queue)

    async def _row(self, uow: UnitOfWork, ticket: Ticket, now: datetime) -> TicketRow:
        person = await uow.people.get(ticket.requester_id) if ticket.requester_id else None
        return TicketRow(ticket, person.name if person else "",
                         sla_view(ticket.status, await uow.sla.get_due(ticket.id), now))

    async def tickets(self, principal: Principal, client_id: int) -> ClientTickets:
        """A client's tickets: open ones first by number, then the closed, newest first."""
        async with self._uow() as uow:
            viewer = await self._viewer(uow, principal)
            client = await self._client(uow, viewer, client_id)
            now = self._clock.now()
            rows = [await self._row(uow, t, now) for t in await uow.tickets.for_client(client.id)]
            owner_only = await uow.cabinet.money_owner_only(client.id)
        return ClientTickets(
            client, [r for r in rows if r.ticket.status.is_open],
            sorted((r for r in rows if not r.ticket.status.is_open),
                   key=lambda r: -r.ticket.number),
            sees_money(viewer, client.id, owner_only))

    async def ticket(self, principal: Principal, client_id: int, number: int) -> TicketPage:
        """One ticket's history: messages both ways, what staff recorded, time and its cost."""
        async with self._uow() as uow:
            viewer = await self._viewer(uow, principal)
            client = await self._client(uow, viewer, client_id)
            ticket = await uow.tickets.by_number(client.id, number)
            if ticket is None:
                raise CabinetError("cabinet.err.no_ticket", 404, number=number)
            owner_only = await uow.cabinet.money_owner_only(client.id)
            money = sees_money(viewer, client.id, owner_only)
            row = await self._row(uow, ticket, self._clock.now())
            assignee = await uow.staff.get(ticket.assignee_id) if ticket.assignee_id else None
            entries = list(await uow.ledger.entries(client.id)) if money else []
            staff_names = {s.id: s.name for s in await uow.staff.list(include_removed=True)}
            events = ticket_events(
                ticket, await uow.messages.for_ticket(ticket.id),
                await uow.workspace.notes(ticket.id), entries,
                await uow.ledger.disputes(client.id) if money else [],
                staff_names=staff_names, requester=row.requester, shows_money=money,
                can_dispute=may_dispute(viewer, client.id, owner_only),
                for_staff=viewer.is_staff)
        minutes, amount = charged(entries, ticket.id)
        return TicketPage(client, ticket, row.requester, assignee.name if assignee else "",
                          row.sla, events, minutes, amount, money)

    async def money(self, principal: Principal, client_id: int) -> MoneyPage:
        """Hours and balance this month, the weekly chart and the months with statements."""
        async with self._uow() as uow:
            viewer = await self._viewer(uow, principal)
            client = await self._money_client(uow, viewer, client_id)
            entries = list(await uow.ledger.entries(client.id))
            disputes = await uow.ledger.disputes(client.id, DisputeStatus.OPEN)
        today = self._clock.now().astimezone(self._tz).date()
        period = Period.of(today)
        view = balance_view(client.id, client.plan, entries, today) if client.plan else None
        periods = sorted({e.period for e in entries} | {period}, reverse=True)
        return MoneyPage(client, view, weekly_spend(entries, period, self._tz), periods,
                         len(disputes))

    async def _money_client(self, uow: UnitOfWork, viewer: Viewer, client_id: int) -> Client:
        client = await self._client(uow, viewer, client_id)
        if not sees_money(viewer, client.id, await uow.cabinet.money_owner_only(client.id)):
            raise CabinetError("cabinet.err.owner_only", 403)
        return client

    async def statement(self, principal: Principal, client_id: int,
                        period: Period) -> Statement:
        """The month's statement (the billing use case), for those who may see money."""
        async with self._uow() as uow:
            await self._money_client(uow, await self._viewer(uow, principal), client_id)
        return await self._billing.statement(client_id, period)

    async def dispute(self, principal: Principal, client_id: int, entry_id: int,
                      reason: str) -> Dispute:
        """"I disagree" with one billable entry, from the client's side only."""
        async with self._uow() as uow:
            viewer = await self._viewer(uow, principal)
            await self._client(uow, viewer, client_id)
            if not may_dispute(viewer, client_id, await uow.cabinet.money_owner_only(client_id)):
                raise CabinetError("cabinet.err.dispute_denied", 403)
            person = viewer.person_in(client_id)
        try:
            return await self._billing.open_dispute(client_id, entry_id, person.name, reason)
        except LedgerError as exc:
            raise CabinetError(exc.key, 409, **exc.params) from None

    async def set_money_owner_only(self, client_id: int, on: bool) -> None:
        """The client's wish: hours and money pages for its owner only (or for everyone)."""
        async with self._uow() as uow:
            if await uow.clients.get(client_id) is None:
                raise CabinetError("billing.err.no_client", 404)
            await uow.cabinet.set_money_owner_only(client_id, on)
            await uow.commit()


async def _principal(uow: UnitOfWork, grant: LoginGrant) -> Principal | None:
    if grant.staff_id is not None:
        staff = await uow.staff.get(grant.staff_id)
        if staff is None:
            return None
        if staff.telegram_id:
            return Principal(Platform.TELEGRAM, staff.telegram_id)
        return Principal(Platform.WHATSAPP, staff.whatsapp_id) if staff.whatsapp_id else None
    person = await uow.people.get(grant.person_id) if grant.person_id else None
    return Principal(person.platform, person.external_id) if person else None
