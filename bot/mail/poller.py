"""The mail channel's loop: every MAIL_POLL_SECONDS read what is new in the mailbox (by UID,
remembered in the database so a restart does not read a mail twice; the Message-ID keeps a
mail once even if it is), and take each mail into the desk."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.mail.imap import Fetched, ImapMailbox, MailboxError, imap_config
from bot.mail.parse import MailParseError, header_id, parse_mail
from bot.mail.smtp import EmailMessenger
from domain.mail.service import MB, MailDesk, MailOutcome
from domain.outbox.service import AlertTo

if TYPE_CHECKING:
    from bot.wiring import App
    from domain.outbox.service import Post

log = logging.getLogger(__name__)


MAX_ATTEMPTS = 3  # a mail whose intake fails this often is kept as broken and told to admins


@dataclass(frozen=True, slots=True)
class MailLimits:
    max_bytes: int = 25 * MB
    attachment_max_bytes: int = 10 * MB


class MailPoller:
    def __init__(self, desk: MailDesk, mailbox: ImapMailbox, uow, *,  # noqa: ANN001
                 limits: MailLimits | None = None, interval_s: float = 60.0) -> None:
        self._desk, self._mailbox, self._uow = desk, mailbox, uow
        self._limits = limits or MailLimits()
        self._interval = interval_s
        self._failures: dict[str, int] = {}  # Message-ID → failed attempts in this process

    @property
    def _key(self) -> str:
        c = self._mailbox.config
        return f"{c.user}@{c.host}/{c.mailbox}"[:255]

    async def poll_once(self) -> list[MailOutcome]:
        """Finish mails kept but not taken (a stop in between), then read what is new."""
        outcomes = []
        for stored in await self._desk.unfinished():
            outcomes.append(await self._take(Fetched(stored.uid or 0, stored.size,
                                                     stored.raw or b"")))
        async with self._uow() as uow:
            validity, last = await uow.mail.cursor(self._key)
        validity_now, fetched = await self._mailbox.fetch_new(
            validity, last, max_bytes=self._limits.max_bytes)
        if validity_now != validity and validity:
            log.warning("mailbox %s was re-created (UIDVALIDITY %s → %s): reading it again; "
                        "mails kept before are not taken twice", self._key, validity,
                        validity_now)
        for item in fetched:
            outcomes.append(await self._take(item))
            async with self._uow() as uow:
                await uow.mail.set_cursor(self._key, validity_now, item.uid)
                await uow.commit()
        return outcomes

    async def _take(self, item: Fetched) -> MailOutcome:
        limits = self._limits
        try:
            mail = parse_mail(item.raw, max_attachment_bytes=limits.attachment_max_bytes,
                              headers_only=item.headers_only)
        except MailParseError as exc:
            return await self._desk.keep_broken(item.raw, message_id=header_id(item.raw),
                                                uid=item.uid, error=str(exc))
        if item.headers_only:
            return await self._desk.keep_too_big(mail, header_bytes=item.raw, uid=item.uid,
                                                 size=item.size,
                                                 limit_mb=limits.max_bytes / MB)
        try:
            outcome = await self._desk.receive(mail, raw=item.raw, uid=item.uid)
        except Exception as exc:  # noqa: BLE001 - one mail must not stop the others
            failures = self._failures.get(mail.message_id, 0) + 1
            self._failures[mail.message_id] = failures
            if failures < MAX_ATTEMPTS:
                log.exception("mail %s (UID %s) could not be taken (attempt %d of %d); it is "
                              "kept and tried again on the next poll", mail.message_id,
                              item.uid, failures, MAX_ATTEMPTS)
                return MailOutcome.RETRY
            self._failures.pop(mail.message_id, None)
            log.exception("mail %s (UID %s) failed %d times; kept as it came, admins told",
                          mail.message_id, item.uid, failures)
            return await self._desk.give_up(mail.message_id, uid=item.uid,
                                            error=f"{type(exc).__name__}: {exc}")
        self._failures.pop(mail.message_id, None)
        return outcome

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self.poll_once()
            except MailboxError as exc:
                log.warning("mailbox %s could not be read: %s; trying again in %.0f s",
                            self._key, exc, self._interval)
            except Exception:  # noqa: BLE001 - the loop must not die; the mail stays kept
                log.exception("mail polling failed; trying again in %.0f s", self._interval)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self._interval)


def build_mail(app: App, messenger: EmailMessenger, *, post: Post | None = None,
               on_confirmed: Callable[[int], Awaitable[None]] | None = None) -> MailPoller:
    """The mail channel: mails enter through the same chat entry as WhatsApp messages
    (commands, numbered answers, then intake); what the desk answers is recorded in the outbox
    and sent by `messenger`."""
    from bot.whatsapp_web import build_chats

    settings = app.settings
    chats = build_chats(app, bot_id="mail", on_confirmed=on_confirmed, post=post)

    async def handle(msg) -> None:  # noqa: ANN001
        await chats.handle(msg, messenger)

    desk = MailDesk(app.uow, app.clock, handle, alerts=AlertTo(
        settings.staff_chat_id, settings.default_language))
    limits = MailLimits(int(settings.mail_max_mb * MB), int(settings.mail_attachment_max_mb * MB))
    return MailPoller(desk, ImapMailbox(imap_config(settings)), app.uow, limits=limits,
                      interval_s=settings.mail_poll_seconds)
