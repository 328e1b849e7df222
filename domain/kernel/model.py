"""The chatdesk domain model: plain dataclasses and enums, no I/O.

Money is integer kopecks and time integer minutes everywhere.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime


class Kind(enum.StrEnum):
    """What a message asks for, as the triage classifier sees it."""

    TECHNICAL = "technical"
    MANAGERIAL = "managerial"
    CONTROL = "control"
    STRATEGIC = "strategic"
    NEW_WORK = "new_work"
    OUT_OF_SCOPE = "out_of_scope"
    NOISE = "noise"

    @property
    def is_support(self) -> bool:
        return self in SUPPORT_KINDS


SUPPORT_KINDS = frozenset({Kind.TECHNICAL, Kind.MANAGERIAL, Kind.CONTROL, Kind.STRATEGIC})


TICKET_KINDS = (*sorted(SUPPORT_KINDS, key=list(Kind).index), Kind.NEW_WORK)


class RefusalReason(enum.StrEnum):
    PIRACY = "piracy"
    PERSONAL_DEVICE = "personal_device"
    OFF_TOPIC = "off_topic"


@dataclass(frozen=True, slots=True)
class Classification:
    """A triage verdict. `title`, `continues_previous` and `repeats_ticket` are optional hints
    that a richer classifier (an LLM) may give; the built-in one leaves them unset."""

    kind: Kind
    confidence: float
    reason: RefusalReason | None = None
    title: str | None = None
    continues_previous: bool | None = None
    repeats_ticket: int | None = None  # the number of an open ticket this message repeats

    def __post_init__(self) -> None:
        if (self.kind is Kind.OUT_OF_SCOPE) != (self.reason is not None):
            raise ValueError("a reason is given exactly for out_of_scope")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError("confidence must be within [0, 1]")


@dataclass(frozen=True, slots=True)
class TriageContext:
    """What a classifier may know besides the text: given as data, never as instructions."""

    client_id: int | None = None
    recent_messages: tuple[str, ...] = ()  # the sender's last few messages, oldest first
    open_tickets: tuple[tuple[int, str], ...] = ()  # (number, title) of the client's open tickets


class Platform(enum.StrEnum):
    TELEGRAM = "telegram"
    WHATSAPP = "whatsapp"
    IMPORT = "import"
    EMAIL = "email"  # a support mailbox (bot/mail/); a chat is a mapped address or domain


class Language(enum.StrEnum):
    RU = "ru"
    EN = "en"


class PersonRole(enum.StrEnum):
    EMPLOYEE = "employee"
    COORDINATOR = "coordinator"
    OWNER = "owner"


class StaffRole(enum.StrEnum):
    STAFF = "staff"
    ADMIN = "admin"


class Mode(enum.StrEnum):
    PASSIVE = "passive"
    ACTIVE = "active"


class BillingModel(enum.StrEnum):
    """The three commercial models of domain.md, 'Money'."""

    MONTHLY = "monthly"  # monthly plans per support kind
    PACKAGE = "package"  # reserved hours that burn at month end, overage at a rate
    TIME_AND_MATERIALS = "time_and_materials"  # hourly rate against a balance


class TicketStatus(enum.StrEnum):
    AWAITING_CONFIRMATION = "awaiting_confirmation"
    ACCEPTED = "accepted"
    IN_PROGRESS = "in_progress"
    NEEDS_TESTING = "needs_testing"
    TESTING = "testing"
    WAITING_FOR_CLIENT = "waiting_for_client"
    DONE = "done"
    REJECTED = "rejected"
    CANCELLED = "cancelled"

    @property
    def is_open(self) -> bool:
        return self not in CLOSED_STATUSES


CLOSED_STATUSES = frozenset({TicketStatus.DONE, TicketStatus.REJECTED, TicketStatus.CANCELLED})


class Coverage(enum.StrEnum):
    """How a request relates to the client's plan."""

    COVERED = "covered"  # included in the plan (or drawn from the package / balance)
    PAID_ONE_OFF = "paid_one_off"  # a support kind the plan does not include
    ESTIMATE = "estimate"  # new work: an estimate is prepared for approval first
    NO_PLAN = "no_plan"  # the client has no plan yet; a manager names the price


class MediaKind(enum.StrEnum):
    PHOTO = "photo"
    VIDEO = "video"
    DOCUMENT = "document"
    VOICE = "voice"
    AUDIO = "audio"
    STICKER = "sticker"
    ANIMATION = "animation"
    OTHER = "other"


class MediaNote(enum.StrEnum):
    """What became of reading a message's media (None: nothing was tried)."""

    TRANSCRIBED = "transcribed"  # a voice note, its words in `media_text`
    NOT_TRANSCRIBED = "not_transcribed"  # a voice note nobody could transcribe: staff listen
    RECOGNIZED = "recognized"  # a picture whose text was read (OCR) into `media_text`


@dataclass(frozen=True, slots=True)
class MediaRef:
    """A file the messenger holds, as far as the desk needs to read it."""

    kind: MediaKind
    file_id: str
    size: int | None = None  # bytes, when the messenger says
    mime_type: str | None = None


class Disposition(enum.StrEnum):
    """What intake decided about one stored message."""

    TICKET = "ticket"  # opened a ticket
    JOINED = "joined"  # joined a ticket (burst or repeated question)
    REFUSED = "refused"  # out of scope, politely refused
    IGNORED = "ignored"  # chatter
    PENDING = "pending"  # media waiting for the text of its burst
    STAFF = "staff"  # written by the integrator's staff
    OUTGOING = "outgoing"  # sent by the bot


@dataclass(slots=True)
class Staff:
    id: int | None
    name: str
    role: StaffRole = StaffRole.STAFF
    telegram_id: str | None = None
    whatsapp_id: str | None = None
    language: Language = Language.RU
    removed_at: datetime | None = None  # a removed member keeps their history, not their access

    @property
    def is_admin(self) -> bool:
        return self.role is StaffRole.ADMIN


@dataclass(frozen=True, slots=True)
class KindTerms:
    """One line of a monthly plan: a support kind bought in a mode for a monthly fee."""

    kind: Kind
    mode: Mode = Mode.PASSIVE
    monthly_fee: int = 0  # kopecks


@dataclass(slots=True)
class Plan:
    """A client's commercial terms. Which fields matter depends on the billing model."""

    model: BillingModel
    kinds: tuple[KindTerms, ...] = ()
    hourly_rate: int = 0  # kopecks per hour: T&M rate, package overage and paid one-offs
    package_minutes: int = 0  # per calendar month, for the package model
    min_billable_minutes: int = 0  # per-client rounding, e.g. a 15-minute minimum
    starts_on: date | None = None
    trial: bool = False

    def terms_for(self, kind: Kind) -> KindTerms | None:
        return next((t for t in self.kinds if t.kind is kind), None)


@dataclass(slots=True)
class Client:
    id: int | None
    name: str
    language: Language = Language.RU
    priority: int = 0  # higher is more important; SLA policies key on it
    link_code: str | None = None
    owner_code: str | None = None
    plan: Plan | None = None
    created_at: datetime | None = None
    archived_at: datetime | None = None  # an archived client's chats are no longer served


@dataclass(slots=True)
class Chat:
    id: int | None
    platform: Platform
    external_id: str
    client_id: int
    title: str = ""
    active: bool = True
    thread_id: str | None = None


@dataclass(slots=True)
class Person:
    """Someone on the client's side, identified by their messenger account."""

    id: int | None
    client_id: int
    platform: Platform
    external_id: str
    name: str
    role: PersonRole = PersonRole.EMPLOYEE


@dataclass(slots=True)
class Quote:
    """What a request will cost under the client's plan, as shown before confirmation."""

    coverage: Coverage
    hourly_rate: int = 0  # kopecks; 0 when included in a fixed fee
    free_reason: str | None = None  # e.g. "strategic_trial"


# Below this, the classifier's kind is a guess: the draft says so and offers the kinds at once.
# (On the bundled holdouts about 1 ticketed message in 20 falls below it, and most wrong kinds.)
UNSURE_CONFIDENCE = 0.4


@dataclass(slots=True)
class Ticket:
    id: int | None
    client_id: int
    number: int
    kind: Kind
    status: TicketStatus
    title: str
    text: str
    chat_id: int | None
    requester_id: int | None
    coverage: Coverage
    hourly_rate: int = 0
    confidence: float = 0.0
    created_at: datetime | None = None
    updated_at: datetime | None = None
    confirmed_at: datetime | None = None
    last_client_message_at: datetime | None = None
    repeats: int = 0
    source: str = "chat"  # chat | staff | import
    prompt_message_id: str | None = None  # the bot's confirmation message in the chat
    assignee_id: int | None = None  # the staff member working on it (staff workspace)
    tester_id: int | None = None  # the second staff member who tests it (staff workspace)
    message_ids: list[str] = field(default_factory=list)  # external ids, filled by reads

    @property
    def kind_unsure(self) -> bool:
        """An unconfirmed draft whose kind the classifier only guessed (nobody chose it)."""
        return (self.status is TicketStatus.AWAITING_CONFIRMATION
                and self.confidence < UNSURE_CONFIDENCE)


# The sender name of what the bot itself posts (prompts, notices, relayed cards): neither the
# client nor a staff member, so no SLA clock and no sync counts it as an answer.
BOT_SENDER = "bot"


@dataclass(slots=True)
class Message:
    """One message in a linked chat, in either direction, exactly as it arrived."""

    id: int | None
    platform: Platform
    chat_external_id: str
    external_id: str
    chat_id: int | None
    sender_external_id: str
    sender_name: str
    sent_at: datetime
    text: str = ""
    media: MediaKind | None = None
    reply_to: str | None = None
    album_id: str | None = None
    from_staff: bool = False
    ticket_id: int | None = None
    disposition: Disposition | None = None
    kind: Kind | None = None
    reason: RefusalReason | None = None
    confidence: float | None = None
    media_text: str = ""  # what was heard in a voice note or read in a picture
    media_note: MediaNote | None = None

    @property
    def full_text(self) -> str:
        """The words of the message and of its media, as triage and search read them."""
        return "\n".join(part for part in (self.text, self.media_text) if part)


@dataclass(frozen=True, slots=True)
class Choice:
    """One answer a person can pick: a button where the messenger has them, else a number.
    `row` groups buttons on one line where the messenger lays them out (None: one per line)."""

    key: str  # opaque, short (it travels in callback data)
    label: str
    row: int | None = None
