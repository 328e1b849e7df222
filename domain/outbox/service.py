"""One durable outbox for every message the bot sends on its own initiative.

A use case, or the handler right after it, *records* each outgoing message — text, buttons
(`Choice`s), the message it replies to, or an earlier message to edit, and what to record
once it is sent — as a row of the `notices` table in the same transaction as the change that
caused it (inside the inbox worker's batch that is the batch's savepoint, made durable by the
batch's one commit). Nothing is sent before that commit, and nothing committed is forgotten:
a sender claims due rows, sends them at a pace the messenger accepts and marks them sent; a
crash between commit and send leaves the row pending, and the next start sends it.

What a failure means is decided here, from the domain's error types (`domain.ports`); the
messenger adapters translate their library's exceptions into them:

- `SendRetryAfter` (flood control): the row waits `retry_after` seconds; not an attempt.
- `ChatMigrated`: the chat is re-keyed to its new id, with every unsent row for it, and the
  message goes there at once.
- `TransientSendError` (network, 5xx) and anything unexpected: retried with a growing pause,
  given up after `MAX_ATTEMPTS`.
- `PermanentSendError` (bot kicked or blocked, chat not found, a malformed request): given up
  at once. Giving up is visible: logged, kept as a failed row (`chatdesk outbox`) and told
  to the admins — the staff chat, or every admin in private — through the outbox itself.

The only unavoidable duplicate: a message whose send reached the messenger but whose answer
was lost (a timeout, a crash before the row is marked) is sent again.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from domain.kernel.model import Choice, Language, MediaKind, Platform
from domain.kernel.ports import (
    ChartRenderer,
    ChatMigrated,
    Clock,
    Messenger,
    PermanentSendError,
    SendRetryAfter,
)
from domain.outbox.model import NoticeType, Outbound
from domain.outbox.ports import Messengers
from domain.texts import t
from domain.uow import UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)


MAX_ATTEMPTS = 8


RETRY_BASE = timedelta(seconds=2)  # 2 s, 4 s, 8 s … doubling


RETRY_MAX = timedelta(hours=1)


MAX_MIGRATIONS = 2  # a message follows a chat's new id at most this often in one go


def is_group_chat(platform: Platform, chat_id: str) -> bool:
    """Telegram groups have negative ids; WhatsApp groups end in @g.us."""
    if platform is Platform.TELEGRAM:
        return chat_id.startswith("-")
    return chat_id.endswith("@g.us")


class Pacer(Protocol):
    """How long until one more message may go to a chat without hitting the messenger's limits
    (`scheduler.pacing.Pacer`)."""

    async def delay(self, chat_key: str, group: bool = False) -> float: ...

    async def wait(self, chat_key: str, group: bool = False) -> None: ...


class FollowUps(Protocol):
    """What a row's `follow_up` asks for: a fresh text just before sending (None: nothing to
    send any more), and what to record once it is sent."""

    async def prepare(self, notice: Outbound) -> Outbound | None: ...

    async def sent(self, notice: Outbound, message_id: str) -> None: ...


@dataclass(frozen=True, slots=True)
class AlertTo:
    """Where a message the outbox gave up on is reported."""

    staff_chat: str | None = None  # a Telegram group of the integrator's staff
    language: Language = Language.RU


@dataclass(frozen=True, slots=True)
class Dispatched:
    sent: int
    failed: int
    deferred: int = 0  # waiting for the pace, flood control or a retry


def draft_follow_up(ticket_id: int, bot_id: str) -> str:
    """A draft: re-read its text when it goes out (the burst may have grown it; a confirmed
    or declined ticket sends nothing) and remember its message id, so later messages of the
    burst edit it and a reply to it joins the ticket."""
    return json.dumps({"do": "draft", "ticket": ticket_id, "bot": bot_id})


def log_follow_up(ticket_id: int, sender_id: str, sender_name: str,
                  media: MediaKind | None = None) -> str:
    """A message in a client's chat about a ticket: log it on the ticket once sent (replies to
    it join the ticket, and a staff answer stops the SLA clock when the client can see it)."""
    return json.dumps({"do": "log", "ticket": ticket_id, "sender_id": sender_id,
                       "sender_name": sender_name, "media": media.value if media else None})


def outgoing(platform: Platform, chat_id: str, text: str, now: datetime, *,
             choices: Sequence[Choice] = (), reply_to: str | None = None,
             edit_of: str | None = None, follow_up: str | None = None,
             ticket_id: int | None = None, client_id: int | None = None,
             kind: NoticeType = NoticeType.MESSAGE, key: str | None = None,
             media: tuple[MediaKind, str] | None = None) -> Outbound:
    """A live message to record: sent as soon as it is committed. `media`: (kind, a file the
    messenger already holds, e.g. a Telegram file id), sent with `text` as its caption."""
    return Outbound(key or f"out:{uuid.uuid4().hex}", kind, platform, str(chat_id), text, now,
                    client_id=client_id, ticket_id=ticket_id, choices=tuple(choices),
                    reply_to=str(reply_to) if reply_to is not None else None,
                    edit_of=str(edit_of) if edit_of is not None else None, follow_up=follow_up,
                    media=json.dumps({"kind": media[0].value, "file": media[1]})
                    if media is not None else None)


class Post:
    """How handlers send: record the message in the current transaction (the batch's
    savepoint) and wake the sender; it goes out once that transaction commits."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock,
                 wake: Callable[[], None] | None = None) -> None:
        self._uow = uow
        self._clock = clock
        self.wake = wake

    def now(self) -> datetime:
        return self._clock.now()

    async def __call__(self, *messages: Outbound) -> None:
        async with self._uow() as uow:
            for message in messages:
                await uow.notices.record(message)
            await uow.commit()
        if self.wake is not None:
            self.wake()

    async def send(self, platform: Platform, chat_id: str | int, text: str, **kw: object) -> None:
        await self(outgoing(platform, str(chat_id), text, self._clock.now(), **kw))

    async def edit(self, platform: Platform, chat_id: str | int, message_id: str | int,
                   text: str, choices: Sequence[Choice] = ()) -> None:
        await self(outgoing(platform, str(chat_id), text, self._clock.now(),
                            edit_of=str(message_id), choices=choices))


SENT, FAILED, DEFERRED = "sent", "failed", "deferred"


@dataclass(slots=True)
class _Round:
    """One claimed batch being sent: whether its bookkeeping is grouped, and what it sent
    that is not recorded yet (notice, message id, whether to run its follow-up)."""

    grouping: bool
    unrecorded: list[tuple[Outbound, str | None, bool]] = field(default_factory=list)
    since: float = 0.0


class Outbox:
    """Sends recorded rows whose time has come; each is claimed before it is sent, so two
    senders (two processes on PostgreSQL, or the live sender and the scheduler's job) never
    send the same row."""

    GROUP_FROM = 8  # claimed rows from which what was sent is recorded in groups

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, messengers: Messengers, *,
                 pacer: Pacer | None = None, charts: ChartRenderer | None = None,
                 follow_ups: FollowUps | None = None, alerts: AlertTo | None = None,
                 batch: int = 50, claim_for: timedelta = timedelta(minutes=5),
                 max_pace_wait: float = 0.1,
                 sleep: Callable[[float], Awaitable[None]] | None = None,
                 group: Callable[[], AbstractAsyncContextManager[Any]] | None = None,
                 record_within: float = 0.02) -> None:
        self._uow = uow
        self._clock = clock
        self._messengers = messengers
        self._pacer = pacer
        self._charts = charts
        self._follow_ups = follow_ups
        self._alerts = alerts or AlertTo()
        self._batch = batch
        self._claim_for = claim_for
        # A chat that must wait longer than this is put back until then, so one busy chat
        # never holds up the others.
        self._max_pace_wait = max_pace_wait
        # Group commit of the bookkeeping: with `group` (the storage's batch, one transaction
        # whose units of work are savepoints), when a round claims a backlog (GROUP_FROM rows
        # or more), what was sent is recorded for every message sent within `record_within`
        # seconds at once, instead of one transaction (and one fsync) per message. A crash can
        # then re-send at most that window's messages, where it could re-send the one in
        # flight before; against a real messenger, whose every call takes longer than the
        # window, that is still one message.
        self._group = group
        self._record_within = record_within

    async def close(self) -> None:
        """Release what the pacer holds (a shared pacer's connection)."""
        close = getattr(self._pacer, "close", None)
        if close is not None:
            await close()

    async def dispatch(self, limit: int | None = None, *,
                       stopping: Callable[[], bool] | None = None) -> Dispatched:
        """Send what is due now, batch by batch, until nothing is left (or `limit` is reached,
        or `stopping()` says so: then the rest of the claimed batch is released at once)."""
        counts = {SENT: 0, FAILED: 0, DEFERRED: 0}
        while limit is None or sum(counts.values()) < limit:
            now = self._clock.now()
            async with self._uow() as uow:
                claimed = list(await uow.notices.claim(now, now + self._claim_for, self._batch))
                await uow.commit()
            if not claimed:
                break
            # Group the bookkeeping only when there is a backlog; one message at a time is
            # recorded as soon as it is out. Each round keeps its own list: the live sender and
            # the scheduler's job may dispatch through one Outbox at once.
            round_ = _Round(self._group is not None and len(claimed) >= self.GROUP_FROM)
            for i, notice in enumerate(claimed):
                if stopping is not None and stopping():
                    await self._record_unrecorded(round_)
                    async with self._uow() as uow:
                        for rest in claimed[i:]:
                            await uow.notices.defer(rest.id, rest.not_before)
                        await uow.commit()
                    return Dispatched(counts[SENT], counts[FAILED], counts[DEFERRED])
                counts[await self._send(notice, round_)] += 1
                # Let intake run between two sends: a batch of drafts otherwise holds the
                # event loop for its whole length, and every message arriving meanwhile waits.
                await asyncio.sleep(0)
            await self._record_unrecorded(round_)
        return Dispatched(counts[SENT], counts[FAILED], counts[DEFERRED])

    async def next_due(self) -> datetime | None:
        async with self._uow() as uow:
            return await uow.notices.next_due()

    async def _send(self, notice: Outbound, round_: _Round) -> str:
        if notice.follow_up and self._follow_ups is not None:
            try:
                prepared = await self._follow_ups.prepare(notice)
            except Exception:  # noqa: BLE001 - send what was recorded rather than nothing
                log.exception("preparing %s failed; sending it as recorded", notice.key)
                prepared = notice
            if prepared is None:  # e.g. a draft confirmed before it was ever posted
                await self._sent(round_, notice, None, follow=False)
                return SENT
            notice = prepared
        for _ in range(MAX_MIGRATIONS + 1):
            try:
                messenger = self._messengers.get(notice.platform, notice.chat_id)
                if self._pacer is not None:
                    chat_key = f"{notice.platform.value}:{notice.chat_id}"
                    group = is_group_chat(notice.platform, notice.chat_id)
                    wait = await self._pacer.delay(chat_key, group)
                    if wait > self._max_pace_wait:
                        await self._defer(notice, wait)
                        return DEFERRED
                    await self._pacer.wait(chat_key, group)
                message_id = await self._deliver(messenger, notice)
            except ChatMigrated as exc:
                log.warning("chat %s migrated to %s; following it", notice.chat_id,
                            exc.new_chat_id)
                await self._migrate(notice, exc.new_chat_id)
                notice.chat_id = exc.new_chat_id
                continue
            except SendRetryAfter as exc:
                log.warning("%s to %s: flood control, waiting %s s", notice.key, notice.chat_id,
                            exc.retry_after)
                await self._defer(notice, max(float(exc.retry_after), 0.0))
                return DEFERRED
            except PermanentSendError as exc:
                await self._give_up(notice, exc)
                return FAILED
            except Exception as exc:  # noqa: BLE001 - transient or unknown: retried from the row
                return await self._retry(notice, exc)
            await self._sent(round_, notice, str(message_id), follow=True)
            return SENT
        await self._give_up(notice, PermanentSendError("the chat kept migrating"))
        return FAILED

    async def _deliver(self, messenger: Messenger, notice: Outbound) -> str:
        if notice.edit_of is not None:
            await messenger.edit_text(notice.chat_id, notice.edit_of, notice.text,
                                      list(notice.choices) or None)
            return notice.edit_of
        if notice.media is not None:
            spec = json.loads(notice.media)
            return await messenger.send_media(notice.chat_id, MediaKind(spec["kind"]),
                                              spec["file"], caption=notice.text,
                                              reply_to=notice.reply_to)
        if notice.chart is not None and self._charts is not None:
            return await messenger.send_media(
                notice.chat_id, MediaKind.PHOTO, self._charts(notice.chart),
                caption=notice.text, filename="summary.png", reply_to=notice.reply_to)
        if notice.choices:
            return await messenger.ask_choice(notice.chat_id, notice.text, notice.choices,
                                              reply_to=notice.reply_to)
        if notice.reply_to is not None:
            return await messenger.send_text(notice.chat_id, notice.text,
                                             reply_to=notice.reply_to)
        return await messenger.send_text(notice.chat_id, notice.text)

    async def _sent(self, round_: _Round, notice: Outbound, message_id: str | None, *,
                    follow: bool) -> None:
        if not round_.grouping:
            await self._record_sent([(notice, message_id, follow)])
            return
        now = time.monotonic()
        if not round_.unrecorded:
            round_.since = now
        round_.unrecorded.append((notice, message_id, follow))
        if now - round_.since >= self._record_within:
            await self._record_unrecorded(round_)

    async def _record_unrecorded(self, round_: _Round) -> None:
        if not round_.unrecorded:
            return
        sent, round_.unrecorded = round_.unrecorded, []
        assert self._group is not None
        async with self._group() as batch:
            await self._record_sent(sent)
            await batch.commit()

    async def _record_sent(self, sent: list[tuple[Outbound, str | None, bool]]) -> None:
        for notice, message_id, follow in sent:
            if follow and notice.follow_up and self._follow_ups is not None \
                    and message_id is not None:
                try:
                    await self._follow_ups.sent(notice, message_id)
                except Exception:  # noqa: BLE001 - the message is out; never send it again
                    log.exception("recording what %s sent failed", notice.key)
        async with self._uow() as uow:
            now = self._clock.now()
            for notice, message_id, _ in sent:
                await uow.notices.mark_sent(notice.id, message_id, now)
            await uow.commit()

    async def _defer(self, notice: Outbound, seconds: float) -> None:
        async with self._uow() as uow:
            await uow.notices.defer(notice.id, self._clock.now() + timedelta(seconds=seconds))
            await uow.commit()

    async def _migrate(self, notice: Outbound, new_chat_id: str) -> None:
        async with self._uow() as uow:
            chat = await uow.chats.find(notice.platform, notice.chat_id)
            if chat is not None and await uow.chats.find(notice.platform, new_chat_id) is None:
                await uow.chats.rekey(chat.id, new_chat_id)
            await uow.notices.rekey_chat(notice.platform, notice.chat_id, new_chat_id)
            await uow.commit()

    async def _retry(self, notice: Outbound, exc: Exception) -> str:
        attempts = notice.attempts + 1
        if attempts >= MAX_ATTEMPTS:
            await self._give_up(notice, exc)
            return FAILED
        now = self._clock.now()
        pause = min(RETRY_BASE * 2 ** (attempts - 1), RETRY_MAX)
        log.warning("%s to %s failed (attempt %d), retrying in %s: %s", notice.key,
                    notice.chat_id, attempts, pause, exc)
        async with self._uow() as uow:
            await uow.notices.mark_failed(notice.id, _error(exc), now + pause, now)
            await uow.commit()
        return DEFERRED

    async def _give_up(self, notice: Outbound, exc: Exception) -> None:
        now = self._clock.now()
        log.error("gave up on %s to %s %s: %s", notice.key, notice.platform.value,
                  notice.chat_id, exc)
        async with self._uow() as uow:
            await uow.notices.mark_failed(notice.id, _error(exc), None, now)
            if notice.kind is not NoticeType.ALERT:  # an alert that fails is only logged
                for chat_id, _lang in await alert_targets(uow, self._alerts):
                    if (Platform.TELEGRAM, chat_id) == (notice.platform, notice.chat_id):
                        continue
                    await uow.notices.record(outgoing(
                        Platform.TELEGRAM, chat_id,
                        alert_text(self._alerts.language, notice, exc), now,
                        kind=NoticeType.ALERT, key=f"alert:{notice.id}:{chat_id}"))
            await uow.commit()


async def alert_targets(uow: UnitOfWork, alerts: AlertTo) -> list[tuple[str, Language]]:
    """Where a message to the integrator's admins goes, in Telegram: the staff chat when there
    is one (in the alerts' language), else every admin in private (each in their own)."""
    if alerts.staff_chat:
        return [(alerts.staff_chat, alerts.language)]
    return [(s.telegram_id, s.language) for s in await uow.staff.list()
            if s.is_admin and s.telegram_id]


def alert_text(lang: Language, notice: Outbound, exc: Exception) -> str:
    snippet = notice.text if len(notice.text) <= 200 else notice.text[:199] + "…"
    return t(lang, "outbox.failed", chat=notice.chat_id, platform=notice.platform.value,
             error=_error(exc), text=snippet)


def _error(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:500]
