"""The client cabinet's model: who is looking, and the pages they see."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from domain.billing.model import (
    BalanceView,
    Dispute,
    Entry,
    Period,
)
from domain.kernel.model import (
    Client,
    Kind,
    Person,
    PersonRole,
    Platform,
    Staff,
    Ticket,
    TicketStatus,
)
from domain.workspace.model import NoteKind

SOON = timedelta(hours=1)  # an SLA deadline closer than this is shown as "due soon"


QUEUE = (TicketStatus.ACCEPTED, TicketStatus.IN_PROGRESS, TicketStatus.NEEDS_TESTING,
         TicketStatus.TESTING, TicketStatus.WAITING_FOR_CLIENT)


class CabinetError(Exception):
    """A page or action refused; `key` names the text, `status` the HTTP answer."""

    def __init__(self, key: str, status: int = 403, **params: object) -> None:
        super().__init__(key)
        self.key, self.status, self.params = key, status, params


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


@dataclass(frozen=True, slots=True)
class LoginGrant:
    person_id: int | None
    staff_id: int | None


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


@dataclass(frozen=True, slots=True)
class WeekBar:
    start: date  # the Monday of the week, or the 1st for a week that began last month
    minutes: dict[Kind, int]

    @property
    def total(self) -> int:
        return sum(self.minutes.values())


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
