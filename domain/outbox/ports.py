"""What the outbox needs: its storage and the messengers it sends through."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from domain.kernel.model import (
    Person,
    Platform,
)
from domain.kernel.ports import Messenger
from domain.outbox.model import Outbound, PendingChoice


class NoticeRepository(Protocol):
    """The outbox and the scheduler's bookkeeping; writes never commit."""

    async def try_lock(self, name: str) -> bool:
        """Hold a lock named `name` until the transaction ends; False if another holds it."""
        ...

    async def record(self, notice: Outbound) -> bool: ...  # False: the key was recorded before
    async def claim(self, now: datetime, until: datetime, limit: int) -> Sequence[Outbound]: ...
    async def mark_sent(self, notice_id: int, message_id: str, at: datetime) -> None: ...
    async def mark_failed(self, notice_id: int, error: str, retry_at: datetime | None,
                          at: datetime) -> None: ...
    async def defer(self, notice_id: int, not_before: datetime) -> None:
        """Release a claimed row until `not_before` without counting an attempt."""
        ...

    async def rekey_chat(self, platform: Platform, old_chat_id: str, new_chat_id: str) -> int:
        """Point every unsent row for a migrated chat at its new id."""
        ...

    async def next_due(self) -> datetime | None:
        """When the earliest unsent row may go (claimed rows: when their claim ends)."""
        ...

    async def unsent(self, limit: int = 200) -> Sequence[Outbound]:
        """Rows not sent: pending first, then those given up on (newest first)."""
        ...

    async def all(self) -> Sequence[Outbound]: ...
    async def watermark(self, job_id: str) -> tuple[datetime | None, int]: ...
    async def set_watermark(self, job_id: str, at: datetime, watermark: int) -> None: ...
    async def changed_tickets(self, since: datetime | None,
                              after_message_id: int) -> tuple[Sequence[int], int]: ...
    async def owners(self, client_id: int) -> Sequence[Person]: ...


class Messengers(Protocol):
    """Finds the messenger that reaches a chat (`bot.messengers.MessengerRegistry`)."""

    def get(self, platform: Platform, chat_id: str) -> Messenger: ...


class PendingChoiceRepository(Protocol):
    """Numbered questions awaiting an answer. Writes never commit."""

    async def add(self, choice: PendingChoice) -> PendingChoice: ...
    async def for_prompt(
        self, platform: Platform, chat_external_id: str, prompt_message_id: str
    ) -> PendingChoice | None: ...
    async def latest_open(
        self, platform: Platform, chat_external_id: str, asked_of: str, since: datetime
    ) -> PendingChoice | None: ...
    async def close_for_ticket(self, ticket_id: int) -> None: ...
    async def for_chat(
        self, platform: Platform, chat_external_id: str
    ) -> Sequence[PendingChoice]: ...
