"""What the cabinet needs from storage."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from domain.cabinet.model import LoginGrant
from domain.kernel.model import (
    Person,
    Platform,
)


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
