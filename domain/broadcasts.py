"""Broadcasts: an admin's announcement (planned maintenance, a Bitrix24 outage) to every client
chat, or to those of some plan models or named clients.

Each chat's copy is one outbox row (domain/outbox.py) keyed by the broadcast, so the pacer
spreads them and a failure is retried or given up on like any other message; what was
delivered and what failed is read back from those rows. A broadcast is not logged on any
ticket, so a client's reply to it is an ordinary message for intake.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from domain.desk import Actor, DeskError
from domain.model import BillingModel, Chat, Client, Language, Platform, Staff
from domain.outbox import outgoing
from domain.reminders import NoticeType
from domain.rules import clean_text
from domain.texts import t

if TYPE_CHECKING:
    from domain.ports import Clock, UnitOfWork, UnitOfWorkFactory

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


def parse_audience(specs: Sequence[str]) -> Audience:
    """'model=package,monthly' and 'clients=ACME,Globex' (any number of them, combined)."""
    models: set[BillingModel] = set()
    clients: set[str] = set()
    for spec in specs:
        name, sep, value = spec.partition("=")
        items = [v.strip() for v in value.split(",") if v.strip()]
        if not sep or not items:
            raise AudienceError(f"filter {spec!r}: expected model=<models> or clients=<names>")
        if name.strip() in ("model", "models", "plan"):
            for item in items:
                try:
                    models.add(BillingModel(item))
                except ValueError:
                    known = ", ".join(m.value for m in BillingModel)
                    raise AudienceError(f"filter {spec!r}: unknown plan model {item!r} "
                                        f"(known: {known})") from None
        elif name.strip() in ("client", "clients"):
            clients.update(item.casefold() for item in items)
        else:
            raise AudienceError(f"filter {spec!r}: expected model=<models> or clients=<names>")
    return Audience(frozenset(models), frozenset(clients))


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


def row_prefix(broadcast_id: int) -> str:
    return f"{NoticeType.BROADCAST.value}:{broadcast_id}:"


def check_text(text: str) -> str:
    text = clean_text(text)
    if not text:
        raise DeskError("bc.empty")
    if len(text) > MAX_TEXT:
        raise DeskError("bc.too_long", limit=MAX_TEXT)
    return text


def report_text(lang: Language | str, report: Report) -> str:
    b = report.broadcast
    key = "bc.report_done" if report.done else "bc.report_running"
    return t(lang, key, id=b.id, chats=b.chats, delivered=report.delivered,
             failed=report.failed, pending=report.pending)


class Broadcasts:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def admin(self, actor: Actor) -> Staff:
        """Only the integrator's admins announce."""
        async with self._uow() as uow:
            member = await uow.staff.find(actor.platform, actor.user_id)
        if member is None or not member.is_admin:
            raise DeskError("bc.admins_only")
        return member

    async def preview(self, text: str, audience: Audience = Audience()) -> Preview:
        """Which chats would hear `text`; a named client that does not exist is an error."""
        text = check_text(text)
        async with self._uow() as uow:
            return await self._preview(uow, text, audience)

    async def _preview(self, uow: UnitOfWork, text: str, audience: Audience) -> Preview:
        clients = list(await uow.clients.list())
        known = {c.name.casefold() for c in clients}
        missing = sorted(name for name in audience.clients if name not in known)
        if missing:
            raise DeskError("bc.unknown_client", names=", ".join(missing))
        chats = []
        for client in sorted(clients, key=lambda c: c.name.casefold()):
            if audience.selects(client):
                chats += [(client, chat) for chat in await uow.chats.for_client(client.id)
                          if chat.active and chat.platform is not Platform.IMPORT]
        return Preview(text, tuple(chats), audience)

    async def send(self, text: str, audience: Audience, *, by: str,
                   report_to: str | None = None,
                   language: Language = Language.RU) -> Broadcast:
        """Record one outbox row per chat; the sender paces them out."""
        text = check_text(text)
        now = self._clock.now()
        async with self._uow() as uow:
            preview = await self._preview(uow, text, audience)
            if not preview.chats:
                raise DeskError("bc.no_chats")
            broadcast = await uow.broadcasts.add(Broadcast(
                None, text, audience.describe(), now, by, report_to, language))
            prefix = row_prefix(broadcast.id)
            for client, chat in preview.chats:
                await uow.notices.record(outgoing(
                    chat.platform, chat.external_id, text, now, client_id=client.id,
                    kind=NoticeType.BROADCAST,
                    key=f"{prefix}{chat.platform.value}:{chat.external_id}"))
            await uow.broadcasts.set_chats(broadcast.id, len(preview.chats))
            broadcast.chats = len(preview.chats)
            await uow.commit()
        return broadcast

    async def status(self, broadcast_id: int) -> Report:
        async with self._uow() as uow:
            return await self._report(uow, broadcast_id)

    async def _report(self, uow: UnitOfWork, broadcast_id: int) -> Report:
        broadcast = await uow.broadcasts.get(broadcast_id)
        if broadcast is None:
            raise DeskError("bc.unknown", id=broadcast_id)
        sent, failed, pending = await uow.broadcasts.counts(row_prefix(broadcast_id))
        return Report(broadcast, sent, failed, pending)

    async def report_finished(self) -> int:
        """For each broadcast whose every row is sent or given up on: the report to the admin
        who sent it (every admin for one sent from the command line), once."""
        now = self._clock.now()
        reported = 0
        async with self._uow() as uow:
            if not await uow.notices.try_lock(BROADCAST_JOB):
                return 0
            for broadcast in await uow.broadcasts.unreported():
                report = await self._report(uow, broadcast.id)
                if not report.done:
                    continue
                if broadcast.report_to:
                    targets = [(broadcast.report_to, broadcast.language)]
                else:
                    targets = [(s.telegram_id, s.language) for s in await uow.staff.list()
                               if s.is_admin and s.telegram_id]
                for chat_id, lang in targets:
                    await uow.notices.record(outgoing(
                        Platform.TELEGRAM, chat_id, report_text(lang, report), now,
                        key=f"{NoticeType.BROADCAST.value}-report:{broadcast.id}:{chat_id}"))
                await uow.broadcasts.mark_reported(broadcast.id, now)
                reported += 1
            await uow.commit()
        return reported
