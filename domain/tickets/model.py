"""Tickets as the client's chat sees them: who acts, what they see."""

from __future__ import annotations

from dataclasses import dataclass

from domain.intake.service import (
    confirmation_text,
)
from domain.kernel.model import (
    Client,
    Language,
    Person,
    Platform,
    Ticket,
)


class DeskError(Exception):
    """Something a person asked that cannot be done; `key` names the text that explains why."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True, slots=True)
class Actor:
    """Whoever pressed a button or sent a command, as their messenger knows them."""

    platform: Platform
    user_id: str
    name: str = ""


@dataclass(slots=True)
class TicketView:
    client: Client
    ticket: Ticket
    requester: Person | None = None

    @property
    def draft_text(self) -> str:
        return confirmation_text(self.client, self.ticket, self.requester)


@dataclass(frozen=True, slots=True)
class Prompt:
    text: str
    language: Language


@dataclass(slots=True)
class ChatTickets:
    client: Client
    tickets: list[Ticket]
