"""Questions the bot asked in a chat that lacks buttons, waiting for a typed number.

Kept apart from `domain.choices` (the use case) because `domain.ports` imports the repository
Protocol from here, and the use case imports `domain.ports` through the desk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from domain.model import Platform


@dataclass(slots=True)
class PendingChoice:
    """One numbered question: option N is `options[N - 1]` (an opaque key such as "c")."""

    id: int | None
    platform: Platform
    chat_external_id: str
    prompt_message_id: str
    ticket_id: int
    asked_of: str  # the requester's messenger id: only they may answer with a bare number
    options: tuple[str, ...]
    created_at: datetime
    answered: bool = False

    def option(self, number: int) -> str | None:
        return self.options[number - 1] if 1 <= number <= len(self.options) else None


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
