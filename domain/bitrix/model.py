"""Model: a client's Bitrix24 portal (its incoming webhook) and each confirmed ticket's mirror
task there, with how far the mirror has got in both directions."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta

BITRIX_JOB = "bitrix_sync"

# One request per tasks.task.list page: Bitrix24 pages by 50.
PAGE = 50


class RemoteStatus(enum.IntEnum):
    """A Bitrix24 task's STATUS."""

    PENDING = 2  # ждёт выполнения
    IN_PROGRESS = 3
    SUPPOSEDLY_COMPLETED = 4  # ждёт контроля
    COMPLETED = 5
    DEFERRED = 6


class Failure(enum.StrEnum):
    """What a failed call means for the sync (the adapter decides from the answer)."""

    PORTAL = "portal"  # wrong or revoked webhook, portal gone: stop the client's sync
    BUSY = "busy"  # QUERY_LIMIT_EXCEEDED: back off without counting an attempt
    TRANSIENT = "transient"  # network, 5xx, no answer: the call may or may not have happened
    REJECTED = "rejected"  # Bitrix24 refused this call (e.g. the task was deleted)


class BitrixError(Exception):
    """A Bitrix24 REST call that did not succeed: its `error` code and `error_description`."""

    def __init__(self, failure: Failure, code: str, description: str = "") -> None:
        super().__init__(f"{code}: {description}" if description else code)
        self.failure, self.code, self.description = failure, code, description


@dataclass(frozen=True, slots=True)
class Portal:
    """A client's Bitrix24 link: tickets confirmed since `enabled_at` are mirrored there."""

    client_id: int
    webhook: str  # https://portal.bitrix24.ru/rest/1/abc123/ (always ends with "/")
    responsible_id: int | None
    enabled_at: datetime
    broken_at: datetime | None = None  # the webhook was refused: nothing is synced until fixed
    last_error: str | None = None


@dataclass(slots=True)
class Mirror:
    """One ticket's task. Progress is stored after each call, so a crash repeats at most the
    call in flight, and `in_flight` makes the next try look before it posts again."""

    ticket_id: int
    client_id: int
    task_id: str | None = None
    closed: bool = False  # whether we made the task completed
    seen_status: int | None = None  # the task's STATUS last read (or set) by us
    seen_comments: int = 0  # the task's COMMENTS_COUNT last read
    comments_after: int = 0  # our messages.id of the last staff answer posted as a comment
    seen_comment_id: int = 0  # the last Bitrix24 comment id taken into the desk
    in_flight: bool = False  # a posting call started and its answer is not recorded yet
    attempts: int = 0  # failures in a row
    next_at: datetime | None = None
    last_error: str | None = None
    failed_at: datetime | None = None  # given up: shown to admins, `--retry` resumes


@dataclass(frozen=True, slots=True)
class NewTask:
    title: str
    description: str
    responsible_id: int
    xml_id: str  # our key, so a task whose creation answer was lost is found, not made twice


@dataclass(frozen=True, slots=True)
class RemoteTask:
    id: str
    status: int
    comments: int


@dataclass(frozen=True, slots=True)
class RemoteComment:
    id: int
    author: str
    text: str


@dataclass(frozen=True, slots=True)
class Answer:
    """A staff answer posted in the client's chat: it becomes a task comment."""

    message_id: int  # our messages.id
    sender: str
    text: str


@dataclass(frozen=True, slots=True)
class Backoff:
    base: timedelta = timedelta(seconds=30)  # 30 s, 1 min, 2 min … doubling
    ceiling: timedelta = timedelta(hours=1)
    max_attempts: int = 10  # about three hours of an outage, then it is given up and told
    busy: timedelta = timedelta(seconds=10)  # QUERY_LIMIT_EXCEEDED: the bucket drains fast

    def pause(self, attempts: int) -> timedelta:
        return min(self.base * 2 ** max(attempts - 1, 0), self.ceiling)


@dataclass(frozen=True, slots=True)
class SyncReport:
    created: int = 0
    comments: int = 0
    closed: int = 0
    changed: int = 0  # tickets changed from Bitrix24
    notes: int = 0  # comments taken from Bitrix24
    failed: int = 0


@dataclass(frozen=True, slots=True)
class PortalState:
    """What `chatdesk clients bitrix CLIENT` shows."""

    client: str
    portal: Portal | None
    mirrored: int = 0
    pending: int = 0
    failed: tuple[tuple[int, str], ...] = ()  # (ticket number, error)
