"""Ports."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from domain.kernel.model import (
    Plan,
    Platform,
    Staff,
)
from domain.onboarding.model import PlanChange


class AdminRepository(Protocol):
    """What administration changes besides the other repositories' own writes."""

    async def rename_client(self, client_id: int, name: str) -> None: ...
    async def set_archived(self, client_id: int, at: datetime | None) -> None: ...
    async def update_staff(self, staff: Staff) -> None:
        """Writes the member's name, role, language and removal."""
        ...
    async def find_staff(self, platform: Platform, external_id: str) -> Staff | None:
        """A member by messenger id, removed ones included."""
        ...
    async def log_plan(self, client_id: int, plan: Plan | None, at: datetime, by: str) -> None: ...
    async def plan_history(self, client_id: int) -> Sequence[PlanChange]: ...
