"""Broadcasts: an admin's announcement (planned maintenance, a Bitrix24 outage) to every client
chat, or to those of some plan models or named clients.

Each chat's copy is one outbox row (domain/outbox.py) keyed by the broadcast, so the pacer
spreads them and a failure is retried or given up on like any other message; what was
delivered and what failed is read back from those rows. A broadcast is not logged on any
ticket, so a client's reply to it is an ordinary message for intake.
"""

from __future__ import annotations

from domain.broadcasts.model import BROADCAST_JOB, Audience, Broadcast, Preview, Report
from domain.broadcasts.rules import check_text, report_text, row_prefix
from domain.kernel.model import Language, Platform, Staff
from domain.kernel.ports import Clock
from domain.outbox.model import NoticeType
from domain.outbox.service import outgoing
from domain.tickets.model import Actor, DeskError
from domain.uow import UnitOfWork, UnitOfWorkFactory


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
