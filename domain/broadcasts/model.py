"""Model."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from domain.kernel.model import BillingModel, Chat, Client, Language

BROADCAST_JOB = "broadcasts"


MAX_TEXT = 4000  # Telegram's message limit, less a margin


@dataclass(frozen=True, slots=True)
class Audience:
    """Which client chats hear it: everyone, or clients of these plan models and/or with
    these names (both given: a client must match both)."""

    models: frozenset[BillingModel] = frozenset()
    clients: frozenset[str] = frozenset()  # names, compared case-insensitively

    def selects(self, client: Client) -> bool:
        if self.models and (client.plan is None or client.plan.model not in self.models):
            return False
        return not self.clients or client.name.casefold() in self.clients

    def describe(self) -> str:
        parts = []
        if self.models:
            parts.append("model=" + ",".join(sorted(m.value for m in self.models)))
        if self.clients:
            parts.append("clients=" + ",".join(sorted(self.clients)))
        return " ".join(parts)


class AudienceError(ValueError):
    """A filter that cannot be read; the message is one line for a person."""


@dataclass(slots=True)
class Broadcast:
    id: int | None
    text: str
    audience: str  # as `Audience.describe` tells it; empty: every client chat
    created_at: datetime
    created_by: str  # a name, for the record
    report_to: str | None = None  # a Telegram chat; None: every admin
    language: Language = Language.RU
    chats: int = 0
    reported_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Preview:
    text: str
    chats: tuple[tuple[Client, Chat], ...]
    audience: Audience = field(default_factory=Audience)

    @property
    def clients(self) -> int:
        return len({client.id for client, _ in self.chats})


@dataclass(frozen=True, slots=True)
class Report:
    broadcast: Broadcast
    delivered: int
    failed: int
    pending: int

    @property
    def done(self) -> bool:
        return self.pending == 0
