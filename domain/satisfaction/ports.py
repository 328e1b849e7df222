"""Ports."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from domain.satisfaction.model import CsatCounts, CsatState, Score


class SatisfactionRepository(Protocol):
    """The satisfaction columns of tickets; writes never commit."""

    async def get(self, ticket_id: int) -> CsatState: ...
    async def mark_done(self, ticket_id: int, at: datetime) -> None:
        """A ticket was closed: due to be asked, unless it was asked before."""
        ...

    async def due(self, until: datetime, limit: int) -> Sequence[int]: ...
    async def clear_due(self, ticket_id: int) -> None: ...
    async def mark_asked(self, ticket_id: int, at: datetime) -> None: ...
    async def set_prompt(self, ticket_id: int, message_id: str) -> None: ...
    async def by_prompt(self, chat_id: int, message_id: str) -> int | None: ...
    async def latest_asked(self, chat_id: int, requester_id: int,
                           since: datetime) -> tuple[int, datetime] | None:
        """The requester's newest unanswered question in the chat asked since `since`:
        (ticket id, asked at)."""
        ...

    async def vote(self, ticket_id: int, score: Score, at: datetime) -> bool:
        """False when a vote was stored before (a second vote changes nothing)."""
        ...

    async def set_comment(self, ticket_id: int, comment: str) -> None: ...
    async def counts(self, start: datetime, end: datetime,
                     client_id: int | None = None) -> dict[int, CsatCounts]:
        """Votes given in [start, end), per client."""
        ...
