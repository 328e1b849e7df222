"""What handlers need besides the use cases: plain settings, injected by the dispatcher."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from domain.kernel.model import Language


@dataclass(frozen=True, slots=True)
class HandlerConfig:
    integrator: str
    language: Language
    tz: ZoneInfo
    reaction_hours: int
    bot_username: str = ""
    bot_id: str = ""
    staff_chat_id: str | None = None  # the staff group that gets every ticket card
