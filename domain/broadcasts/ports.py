"""Ports."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from domain.broadcasts.model import Broadcast


class BroadcastRepository(Protocol):
    """Broadcasts and their outbox rows; writes never commit."""

    async def add(self, broadcast: Broadcast) -> Broadcast: ...
    async def get(self, broadcast_id: int) -> Broadcast | None: ...
    async def set_chats(self, broadcast_id: int, chats: int) -> None: ...
    async def unreported(self) -> Sequence[Broadcast]: ...
    async def mark_reported(self, broadcast_id: int, at: datetime) -> None: ...
    async def counts(self, key_prefix: str) -> tuple[int, int, int]:
        """(sent, given up on, still pending) among the outbox rows whose key starts so."""
        ...
