"""Ports: the only ways the domain talks to the outside world.

Adapters live in `storage/` (repositories, unit of work) and `bot/` (messengers, LLM, clock).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from domain.kernel.model import (
    Chat,
    Choice,
    Classification,
    Client,
    MediaKind,
    Message,
    Person,
    Platform,
    Staff,
    Ticket,
    TicketStatus,
    TriageContext,
)

log = logging.getLogger(__name__)

class Clock(Protocol):
    """Tells the current time, timezone-aware, in UTC."""

    def now(self) -> datetime: ...


class Classifier(Protocol):
    """Triage: decides what kind of request a message is. Never raises on any text."""

    async def classify(
        self, text: str, context: TriageContext | None = None
    ) -> Classification: ...


class ClientRepository(Protocol):
    """Client companies and their plans."""

    async def add(self, client: Client) -> Client: ...
    async def get(self, client_id: int) -> Client | None: ...
    async def get_by_name(self, name: str) -> Client | None: ...
    async def get_by_link_code(self, code: str) -> Client | None: ...
    async def get_by_owner_code(self, code: str) -> Client | None: ...
    async def set_owner_code(self, client_id: int, code: str | None) -> None: ...
    async def list(self, *, include_archived: bool = False) -> Sequence[Client]: ...
    async def save_plan(self, client: Client) -> None: ...
    async def clear_link_code(self, client_id: int) -> None: ...
    async def set_priority(self, client_id: int, priority: int) -> None: ...  # SLA policies key on it
    async def next_ticket_number(self, client_id: int) -> int: ...


class ChatRepository(Protocol):
    """Messenger chats linked to clients."""

    async def add(self, chat: Chat) -> Chat: ...
    async def get(self, chat_id: int) -> Chat | None: ...
    async def find(self, platform: Platform, external_id: str) -> Chat | None: ...
    async def rekey(self, chat_id: int, new_external_id: str) -> None: ...
    async def set_active(self, chat_id: int, active: bool) -> None: ...
    async def move(self, chat_id: int, client_id: int) -> None: ...  # to another client
    async def for_client(self, client_id: int) -> Sequence[Chat]: ...


class PersonRepository(Protocol):
    """People on the client's side."""

    async def get(self, person_id: int) -> Person | None: ...
    async def find(self, client_id: int, platform: Platform, external_id: str) -> Person | None: ...
    async def add(self, person: Person) -> Person: ...
    async def set_role(self, person_id: int, role: str) -> None: ...


class StaffRepository(Protocol):
    """The integrator's own people."""

    async def add(self, staff: Staff) -> Staff: ...
    async def get(self, staff_id: int) -> Staff | None: ...
    async def find(self, platform: Platform, external_id: str) -> Staff | None: ...
    async def find_by_name(self, name: str) -> Staff | None: ...
    async def list(self, *, include_removed: bool = False) -> Sequence[Staff]: ...


class MessageRepository(Protocol):
    """The message log: every message in a linked chat, both directions."""

    async def exists(self, platform: Platform, chat_external_id: str, external_id: str) -> bool: ...
    async def existing(
        self, platform: Platform, chat_external_id: str, external_ids: Sequence[str]
    ) -> set[str]:
        """Which of `external_ids` are stored for the chat (one read for many messages)."""
        ...
    async def get(
        self, platform: Platform, chat_external_id: str, external_id: str
    ) -> Message | None: ...
    async def add(self, message: Message) -> Message: ...
    async def add_many(self, messages: Sequence[Message]) -> None:
        """Store many messages in one statement; their `id` is not filled in."""
        ...
    async def update_text(self, message_id: int, text: str) -> None: ...
    async def attach(self, message_ids: Sequence[int], ticket_id: int) -> None: ...
    async def pending_media(
        self, chat_id: int, sender_external_id: str, since: datetime
    ) -> Sequence[Message]: ...
    async def for_ticket(self, ticket_id: int) -> Sequence[Message]: ...
    async def for_chat(self, chat_id: int) -> Sequence[Message]: ...


class TicketRepository(Protocol):
    """Tickets. Reads fill `message_ids`; writes never commit."""

    async def add(self, ticket: Ticket) -> Ticket: ...
    async def get(self, ticket_id: int, *, with_messages: bool = True) -> Ticket | None: ...
    async def by_number(self, client_id: int, number: int) -> Ticket | None: ...
    async def open_for_client(self, client_id: int, *, active_since: datetime | None = None,
                              limit: int | None = None) -> Sequence[Ticket]: ...
    async def update(self, ticket: Ticket) -> None: ...
    async def set_prompt(self, ticket_id: int, message_id: str) -> None:
        """Only the bot's confirmation message id: never a stale copy of the rest."""
        ...
    async def for_client(
        self, client_id: int, statuses: Sequence[TicketStatus] | None = None
    ) -> Sequence[Ticket]: ...


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What a messenger can do, so the desk can ask a choice the way it understands."""

    buttons: bool = False
    max_buttons: int = 0
    edit: bool = False
    polls: bool = False
    max_text: int = 4096


class SendError(Exception):
    """A messenger could not deliver. Adapters translate their library's errors into the
    subclasses below, so the outbox can decide what to do without knowing the messenger."""


class SendRetryAfter(SendError):
    """Flood control: try again after `retry_after` seconds (not a failed attempt)."""

    def __init__(self, retry_after: float, detail: str = "") -> None:
        super().__init__(detail or f"retry after {retry_after} s")
        self.retry_after = retry_after


class ChatMigrated(SendError):
    """The group became a supergroup with a new id: send there instead."""

    def __init__(self, new_chat_id: str, detail: str = "") -> None:
        super().__init__(detail or f"chat migrated to {new_chat_id}")
        self.new_chat_id = new_chat_id


class TransientSendError(SendError):
    """Network trouble or a server error: the same message may succeed later."""


class PermanentSendError(SendError):
    """It will never succeed as it is: the bot was kicked or blocked, the chat is gone, the
    request is malformed."""


class Messenger(Protocol):
    """Sends to one messenger's chats. Message ids are returned as strings. Failures are
    raised as `SendError` subclasses where the adapter can tell them apart."""

    platform: Platform
    capabilities: Capabilities

    async def send_text(
        self, chat_id: str, text: str, *, reply_to: str | None = None,
        thread_id: str | None = None,
    ) -> str: ...

    async def send_media(
        self, chat_id: str, kind: MediaKind, content: bytes | str, *, caption: str = "",
        filename: str | None = None, reply_to: str | None = None,
    ) -> str: ...

    async def ask_choice(
        self, chat_id: str, text: str, choices: Sequence[Choice], *,
        reply_to: str | None = None,
    ) -> str: ...

    async def edit_text(
        self, chat_id: str, message_id: str, text: str,
        choices: Sequence[Choice] | None = None,
    ) -> bool: ...


class Messengers(Protocol):
    """Finds the messenger that serves a chat (Telegram, a WhatsApp gateway, the Cloud API)."""

    def for_chat(self, chat: Chat) -> Messenger: ...


class ChartRenderer(Protocol):
    """Turns a recorded chart (JSON) into PNG bytes."""

    def __call__(self, chart: str) -> bytes: ...
