"""The Bitrix24 mirror: every ticket confirmed for a client with a linked portal becomes a
task there; staff answers become its comments; closing the ticket completes the task
(reopening renews it). Back from Bitrix24: a task completed, started or renewed there moves
the ticket, and a comment written there is kept with the ticket and sent to the staff.

Nothing is posted from a handler: the `bitrix_sync` job (scheduler/jobs.py) reads what is
due from the stored facts (confirmed tickets, logged staff answers, statuses) against each
mirror's stored progress, so a crash or an outage loses nothing. No HTTP call runs inside a
transaction. Before a posting call the mirror is marked `in_flight` (committed), so after a
lost answer the next try first looks for what it may have made (the task by its XML_ID, the
comment by our mark) instead of making it twice.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from domain.bitrix.model import (
    BITRIX_JOB,
    PAGE,
    Backoff,
    BitrixError,
    Failure,
    Mirror,
    NewTask,
    Portal,
    PortalState,
    RemoteStatus,
    RemoteTask,
    SyncReport,
)
from domain.bitrix.ports import TaskTracker
from domain.bitrix.rules import (
    WebhookError,
    is_ours,
    mark,
    masked,
    parse_webhook,
    posted,
    ticket_move,
    xml_id,
)
from domain.kernel.model import Client, Platform, Ticket, TicketStatus
from domain.kernel.ports import Clock
from domain.outbox.model import NoticeType
from domain.outbox.service import AlertTo, alert_targets, outgoing
from domain.texts import kind_name, t
from domain.tickets.model import DeskError
from domain.uow import UnitOfWork, UnitOfWorkFactory
from domain.workspace.service import may_move

log = logging.getLogger(__name__)

# Tickets closed longer ago than this are no longer read back from Bitrix24.
WATCH = timedelta(days=7)
# How long one round holds a mirror it is posting (far above a few calls' timeouts).
CLAIM = timedelta(minutes=5)


class BitrixSync:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, tracker: TaskTracker, *,
                 default_responsible: int = 1, alerts: AlertTo | None = None,
                 backoff: Backoff | None = None,
                 batch: int = 100) -> None:
        self._uow = uow
        self._clock = clock
        self._tracker = tracker
        self._responsible = default_responsible
        self._alerts = alerts or AlertTo()
        self._backoff = backoff or Backoff()
        self._batch = batch

    # -- the admin's side -------------------------------------------------------------------

    async def link(self, client_name: str, webhook: str, responsible_id: int | None, *,
                   check: bool = True) -> Portal:
        """Link a client's portal: tickets confirmed from now on are mirrored. The webhook is
        checked against the portal first unless `check` is off."""
        try:
            webhook = parse_webhook(webhook)
        except WebhookError as exc:
            raise DeskError(str(exc)) from None
        if responsible_id is not None and responsible_id <= 0:
            raise DeskError("bx.err.responsible")
        if check:
            try:
                await self._tracker.check(webhook)
            except BitrixError as exc:
                raise DeskError("bx.err.check", url=masked(webhook), error=str(exc)) from None
        async with self._uow() as uow:
            client = await self._client(uow, client_name)
            old = await uow.bitrix.portal(client.id)
            portal = Portal(client.id, webhook, responsible_id,
                            old.enabled_at if old else self._clock.now())
            await uow.bitrix.set_portal(portal)
            await uow.commit()
        return portal

    async def unlink(self, client_name: str) -> Client:
        """Stop mirroring; tasks made so far stay in Bitrix24 and their links here."""
        async with self._uow() as uow:
            client = await self._client(uow, client_name)
            await uow.bitrix.drop_portal(client.id)
            await uow.commit()
        return client

    async def state(self, client_name: str) -> PortalState:
        async with self._uow() as uow:
            client = await self._client(uow, client_name)
            mirrored, pending = await uow.bitrix.counts(client.id)
            return PortalState(client.name, await uow.bitrix.portal(client.id), mirrored,
                               pending, tuple(await uow.bitrix.failed(client.id)))

    async def retry(self, client_name: str) -> int:
        """Given-up tasks, and a refused webhook, get another round."""
        async with self._uow() as uow:
            client = await self._client(uow, client_name)
            count = await uow.bitrix.retry(client.id)
            portal = await uow.bitrix.portal(client.id)
            if portal is not None:  # fixed on the portal's side: try the webhook again
                await uow.bitrix.set_portal(portal)
            await uow.commit()
        return count

    @staticmethod
    async def _client(uow: UnitOfWork, name: str) -> Client:
        client = await uow.clients.get_by_name(name.strip())
        if client is None:
            raise DeskError("bx.err.no_client", name=name)
        return client

    # -- the job ----------------------------------------------------------------------------

    async def run(self) -> SyncReport:
        """One round: mirror what is new, then read back what changed in Bitrix24."""
        async with self._uow() as uow:
            if not await uow.notices.try_lock(BITRIX_JOB):
                return SyncReport()
            await uow.bitrix.enqueue()
            portals = [p for p in await uow.bitrix.portals() if p.broken_at is None]
            await uow.commit()
        report: dict[str, int] = dict.fromkeys(SyncReport.__dataclass_fields__, 0)
        for portal in portals:
            try:
                await self._push(portal, report)
                await self._pull(portal, report)
            except BitrixError as exc:
                await self._portal_failed(portal, exc)
        return SyncReport(**report)

    async def _portal_failed(self, portal: Portal, exc: BitrixError) -> None:
        if exc.failure is Failure.PORTAL:
            now = self._clock.now()
            async with self._uow() as uow:
                if await uow.bitrix.mark_broken(portal.client_id, str(exc)[:500], now):
                    client = await uow.clients.get(portal.client_id)
                    log.error("Bitrix24 of %s refused the webhook %s: %s", client.name,
                              masked(portal.webhook), exc)
                    await self._alert(uow, client, "bx.alert.portal", f"portal:{now.isoformat()}",
                                      error=str(exc), url=masked(portal.webhook))
                await uow.commit()
        else:  # busy or down: this portal waits for the next round
            log.warning("Bitrix24 %s: %s; trying again later", masked(portal.webhook), exc)

    # -- desk → Bitrix24 ----------------------------------------------------------------------

    async def _push(self, portal: Portal, report: dict[str, int]) -> None:
        async with self._uow() as uow:
            mirrors = list(await uow.bitrix.due(portal.client_id, self._clock.now(),
                                                self._batch))
        for mirror in mirrors:
            if not await self._claim(mirror):
                continue  # another process's sync has it
            try:
                await self._push_one(portal, mirror, report)
            except BitrixError as exc:
                if exc.failure in (Failure.PORTAL, Failure.BUSY):
                    # Not this ticket's failure: it waits for the portal (a refused webhook
                    # releases it at once, to go when the link is fixed).
                    pause = self._backoff.busy if exc.failure is Failure.BUSY else timedelta(0)
                    await self._wait(mirror, pause, str(exc))
                    raise
                await self._failed(portal, mirror, exc, report)
            except Exception as exc:  # noqa: BLE001 - anything unexpected is retried too
                log.exception("Bitrix24 sync of ticket %s failed", mirror.ticket_id)
                await self._failed(portal, mirror, BitrixError(Failure.TRANSIENT,
                                                               type(exc).__name__, str(exc)),
                                   report)

    async def _push_one(self, portal: Portal, mirror: Mirror, report: dict[str, int]) -> None:
        async with self._uow() as uow:
            ticket = await uow.tickets.get(mirror.ticket_id, with_messages=False)
            client = await uow.clients.get(mirror.client_id)
        looked = mirror.in_flight  # an earlier try may have reached Bitrix24: look first
        if mirror.task_id is None:
            found = await self._tracker.find_task(portal.webhook, xml_id(ticket.id)) \
                if looked else None
            if found is None:
                await self._start(mirror)
                found = await self._tracker.add_task(portal.webhook,
                                                     self._new_task(portal, ticket, client))
                report["created"] += 1
            mirror.task_id, mirror.seen_status = found, int(RemoteStatus.PENDING)
            mirror.in_flight, looked = False, False
            await self._save(mirror)
        async with self._uow() as uow:
            answers = list(await uow.bitrix.answers(ticket.id, mirror.comments_after))
        for answer in answers:
            mine = []
            if looked:
                mine = [c.text for c in await self._tracker.comments(portal.webhook,
                                                                     mirror.task_id, 0)]
                looked = False
            if not posted(mine, answer.message_id):
                await self._start(mirror)
                text = t(client.language, "bx.comment", text=answer.text)  # signed already
                await self._tracker.add_comment(portal.webhook, mirror.task_id,
                                                f"{text}\n\n{mark(answer.message_id)}")
                report["comments"] += 1
            mirror.comments_after, mirror.in_flight = answer.message_id, False
            await self._save(mirror)
        closed = not ticket.status.is_open
        if closed != mirror.closed:
            current = await self._tracker.task_status(portal.webhook, mirror.task_id)
            if closed and current != RemoteStatus.COMPLETED:
                await self._tracker.complete(portal.webhook, mirror.task_id)
                current = int(RemoteStatus.COMPLETED)
                report["closed"] += 1
            elif not closed and current == RemoteStatus.COMPLETED:
                await self._tracker.renew(portal.webhook, mirror.task_id)
                current = int(RemoteStatus.PENDING)
            mirror.closed, mirror.seen_status = closed, current
        mirror.attempts, mirror.next_at, mirror.last_error = 0, None, None
        await self._save(mirror)

    def _new_task(self, portal: Portal, ticket: Ticket, client: Client) -> NewTask:
        lang = client.language
        return NewTask(
            title=t(lang, "bx.task_title", client=client.name, number=ticket.number,
                    title=ticket.title)[:250],
            description=t(lang, "bx.task_description", text=ticket.text, client=client.name,
                          number=ticket.number, kind=kind_name(lang, ticket.kind)),
            responsible_id=portal.responsible_id or self._responsible,
            xml_id=xml_id(ticket.id))

    async def _claim(self, mirror: Mirror) -> bool:
        """Held for a while, so an overlapping round elsewhere leaves this mirror alone; the
        claim ends with the round's outcome (done, or the next retry moment)."""
        now = self._clock.now()
        async with self._uow() as uow:
            claimed = await uow.bitrix.claim(mirror.ticket_id, now, now + CLAIM)
            await uow.commit()
        mirror.next_at = now + CLAIM  # kept by the saves along the way
        return claimed

    async def _start(self, mirror: Mirror) -> None:
        """Committed before a posting call: a crash during it leaves the mark."""
        if not mirror.in_flight:
            mirror.in_flight = True
            await self._save(mirror)

    async def _save(self, mirror: Mirror) -> None:
        async with self._uow() as uow:
            await uow.bitrix.save(mirror)
            await uow.commit()

    async def _wait(self, mirror: Mirror, pause: timedelta, error: str) -> None:
        mirror.next_at, mirror.last_error = self._clock.now() + pause, error[:500]
        await self._save(mirror)

    async def _failed(self, portal: Portal, mirror: Mirror, exc: BitrixError,
                      report: dict[str, int]) -> None:
        """Bounded retries with a growing pause; then given up, kept, and told to admins."""
        now = self._clock.now()
        mirror.attempts += 1
        mirror.last_error = str(exc)[:500]
        if exc.failure is Failure.REJECTED:
            mirror.in_flight = False  # a clear refusal: nothing was made
        if mirror.attempts < self._backoff.max_attempts:
            mirror.next_at = now + self._backoff.pause(mirror.attempts)
            log.warning("Bitrix24 sync of ticket %s failed (attempt %d), again at %s: %s",
                        mirror.ticket_id, mirror.attempts, mirror.next_at, exc)
            await self._save(mirror)
            return
        mirror.failed_at, mirror.next_at = now, None
        report["failed"] += 1
        log.error("gave up syncing ticket %s to Bitrix24: %s", mirror.ticket_id, exc)
        async with self._uow() as uow:
            await uow.bitrix.save(mirror)
            client = await uow.clients.get(mirror.client_id)
            ticket = await uow.tickets.get(mirror.ticket_id, with_messages=False)
            await self._alert(uow, client, "bx.alert.failed",
                              f"failed:{mirror.ticket_id}:{now.isoformat()}",
                              number=ticket.number, attempts=mirror.attempts, error=str(exc))
            await uow.commit()

    # -- Bitrix24 → desk ----------------------------------------------------------------------

    async def _pull(self, portal: Portal, report: dict[str, int]) -> None:
        now = self._clock.now()
        async with self._uow() as uow:
            mirrors = [m for m in await uow.bitrix.watched(portal.client_id, now - WATCH)
                       if m.task_id is not None]
        for start in range(0, len(mirrors), PAGE):
            page = mirrors[start:start + PAGE]
            remote = {r.id: r for r in await self._tracker.tasks(
                portal.webhook, [m.task_id for m in page])}
            for mirror in page:
                task = remote.get(mirror.task_id)
                if task is not None:
                    await self._take(portal, mirror, task, report)

    async def _take(self, portal: Portal, mirror: Mirror, task: RemoteTask,
                    report: dict[str, int]) -> None:
        fresh = []
        if task.comments != mirror.seen_comments:
            fresh = [c for c in await self._tracker.comments(portal.webhook, task.id,
                                                             mirror.seen_comment_id)
                     if c.id > mirror.seen_comment_id]
        if task.status == mirror.seen_status and not fresh \
                and task.comments == mirror.seen_comments:
            return
        now = self._clock.now()
        async with self._uow() as uow:
            current = await uow.bitrix.get(mirror.ticket_id)  # the push may have moved it
            ticket = await uow.tickets.get(mirror.ticket_id, with_messages=False)
            client = await uow.clients.get(mirror.client_id)
            move = ticket_move(ticket.status, current.seen_status, task.status)
            if move is not None and may_move(ticket.status, move):
                ticket.status, ticket.updated_at = move, now
                await uow.tickets.update(ticket)
                if move is TicketStatus.DONE:
                    # The requester is asked 👍/👎 as after any closing.
                    await uow.satisfaction.mark_done(ticket.id, now)
                current.closed = not move.is_open
                report["changed"] += 1
                await self._tell_staff(uow, ticket, client, f"bx.staff.{move.value}",
                                       f"status:{ticket.id}:{now.isoformat()}", task=task.id)
            for comment in fresh:
                current.seen_comment_id = max(current.seen_comment_id, comment.id)
                if is_ours(comment.text) or not comment.text.strip():
                    continue
                if await uow.bitrix.add_note(ticket.id, comment.id, comment.author,
                                             comment.text, now):
                    report["notes"] += 1
                    await self._tell_staff(uow, ticket, client, "bx.staff.comment",
                                           f"comment:{ticket.id}:{comment.id}",
                                           author=comment.author, text=comment.text[:1500])
            current.seen_status, current.seen_comments = task.status, task.comments
            await uow.bitrix.save(current)
            await uow.commit()

    # -- telling people -----------------------------------------------------------------------

    async def _tell_staff(self, uow: UnitOfWork, ticket: Ticket, client: Client, key: str,
                          notice_key: str, **params: object) -> None:
        """The assignee; without one the staff who serve the client and the admins; the
        staff chat when none of them can be reached in private."""
        staff = [s for s in await uow.staff.list() if s.telegram_id]
        targets = [s for s in staff if s.id == ticket.assignee_id]
        if not targets:
            serving = set(await uow.workspace.servers_of(client.id))
            targets = [s for s in staff if s.is_admin or s.id in serving]
        chats = [(s.telegram_id, s.language) for s in targets]
        if not chats and self._alerts.staff_chat:
            chats = [(self._alerts.staff_chat, self._alerts.language)]
        for chat_id, lang in chats:
            text = t(lang, key, client=client.name, number=ticket.number, title=ticket.title,
                     **params)
            await uow.notices.record(outgoing(
                Platform.TELEGRAM, chat_id, text, self._clock.now(), ticket_id=ticket.id,
                client_id=client.id, key=f"bitrix:{notice_key}:{chat_id}"))

    async def _alert(self, uow: UnitOfWork, client: Client, key: str, notice_key: str,
                     **params: object) -> None:
        """To the staff chat, or every admin in private (as the outbox's own alerts)."""
        for chat_id, lang in await alert_targets(uow, self._alerts):
            await uow.notices.record(outgoing(
                Platform.TELEGRAM, chat_id, t(lang, key, client=client.name, **params),
                self._clock.now(), client_id=client.id, kind=NoticeType.ALERT,
                key=f"bitrix:{notice_key}:{chat_id}"))
