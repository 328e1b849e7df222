"""E-mail as a channel: each mail is kept first (by its Message-ID, so a redelivery changes
nothing), then its sender is mapped to a client's mail chat (an address or a domain, see
`chatdesk clients mail`) and it goes through the same intake as a chat message. A reply in a
thread (In-Reply-To / References) is a reply to that mail, so it joins its ticket.

Nothing is lost: a mail from a sender no client maps to, one that cannot be read and one over
the size limit are kept and told to the admins, never ticketed silently."""

from __future__ import annotations

import enum
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from domain.intake.service import InboundMessage
from domain.kernel.model import Chat, MediaKind, Platform
from domain.kernel.ports import Clock
from domain.mail.model import MailStatus, ParsedMail, StoredMail
from domain.mail.rules import chat_keys, intake_text, subject_ticket
from domain.outbox.model import NoticeType
from domain.outbox.service import AlertTo, alert_targets, outgoing
from domain.texts import t
from domain.uow import UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)

MB = 1024 * 1024


class MailOutcome(enum.StrEnum):
    TAKEN = "taken"  # through intake
    DUPLICATE = "duplicate"  # kept before; nothing changed
    UNKNOWN_SENDER = "unknown_sender"
    BROKEN = "broken"
    TOO_BIG = "too_big"
    AUTOMATIC = "automatic"  # an auto-reply: kept, never a request (no mail loops)
    RETRY = "retry"  # intake failed; kept, tried again on the next poll


Handle = Callable[[InboundMessage], Awaitable[None]]


def media_kind(mime_type: str) -> MediaKind:
    major = mime_type.split("/", 1)[0].lower()
    return {"image": MediaKind.PHOTO, "video": MediaKind.VIDEO,
            "audio": MediaKind.AUDIO}.get(major, MediaKind.DOCUMENT)


def _mb(size: int) -> str:
    return f"{size / MB:.1f}"


class MailDesk:
    """Takes mails from the mailbox into the desk; `handle` is the chat channel's own entry
    (commands, answers to numbered questions, then intake)."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, handle: Handle, *,
                 alerts: AlertTo | None = None) -> None:
        self._uow, self._clock, self._handle = uow, clock, handle
        self._alerts = alerts or AlertTo()

    async def receive(self, mail: ParsedMail, *, raw: bytes | None, uid: int | None = None
                      ) -> MailOutcome:
        now = self._clock.now()
        async with self._uow() as uow:
            stored = StoredMail(None, mail.message_id, mail.sender, mail.sender_name,
                                mail.subject, MailStatus.NEW, now, uid=uid,
                                size=len(raw or b""), in_reply_to=mail.in_reply_to,
                                references=mail.references, raw=raw)
            if await uow.mail.add(stored):
                for attachment in mail.attachments:
                    await uow.mail.add_attachment(mail.message_id, attachment)
            else:
                existing = await uow.mail.get(mail.message_id)
                if existing is not None and existing.status is not MailStatus.NEW:
                    return MailOutcome.DUPLICATE
            if mail.automatic:
                # An out-of-office answer to our reply must not become a request that gets
                # its own reply: two robots would write to each other for ever.
                await uow.mail.set_status(mail.message_id, MailStatus.AUTOMATIC)
                await uow.commit()
                log.info("mail %s from %s is an automatic reply; kept, not taken as a request",
                         mail.message_id, mail.sender)
                return MailOutcome.AUTOMATIC
            chat, reply_to = await self._route(uow, mail)
            if chat is None:
                await uow.mail.set_status(mail.message_id, MailStatus.UNKNOWN_SENDER)
                domain = mail.sender.rpartition("@")[2]
                await self._alert(uow, f"mail-unknown:{mail.message_id}", "mail.unknown_sender",
                                  sender=mail.sender, domain=domain, subject=mail.subject)
                await uow.commit()
                log.warning("mail %s from %s: no client maps to the sender; kept, admins told",
                            mail.message_id, mail.sender)
                return MailOutcome.UNKNOWN_SENDER
            await uow.commit()
        sent_at = mail.sent_at or now
        await self._handle(InboundMessage(
            platform=Platform.EMAIL, chat_id=chat.external_id, message_id=mail.message_id,
            sender_id=mail.sender, sender_name=mail.sender_name, sent_at=sent_at,
            text=self._text(mail, in_thread=reply_to is not None), reply_to=reply_to))
        # Each kept file is a message of its own, answering the mail: it joins its ticket.
        for number, attachment in enumerate(mail.attachments, 1):
            if attachment.content is None:
                continue
            await self._handle(InboundMessage(
                platform=Platform.EMAIL, chat_id=chat.external_id,
                message_id=f"{mail.message_id}#{number}", sender_id=mail.sender,
                sender_name=mail.sender_name, sent_at=sent_at,
                media=media_kind(attachment.mime_type), reply_to=mail.message_id))
        async with self._uow() as uow:
            await uow.mail.set_status(mail.message_id, MailStatus.DONE, chat_key=chat.external_id)
            await uow.commit()
        return MailOutcome.TAKEN

    def _text(self, mail: ParsedMail, *, in_thread: bool) -> str:
        text = intake_text(mail.subject, mail.text, in_thread=in_thread)
        dropped = [t(self._alerts.language, "mail.attachment_dropped", name=a.filename,
                     size=_mb(a.size)) for a in mail.attachments if a.content is None]
        return "\n".join([text, *dropped]).strip()

    async def _route(self, uow: UnitOfWork, mail: ParsedMail) -> tuple[Chat | None, str | None]:
        """The sender's mail chat, and the mail of the thread this one answers. A thread that
        lives in another mail chat of the same client (an address mapped apart from its
        domain) is followed there."""
        own = None
        for key in chat_keys(mail.sender):
            chat = await uow.chats.find(Platform.EMAIL, key)
            if chat is not None and chat.active:
                client = await uow.clients.get(chat.client_id)
                if client is not None and client.archived_at is None:
                    own = chat
                    break
        if own is None:
            return None, None
        for ref in mail.thread_ids:
            if await uow.messages.exists(Platform.EMAIL, own.external_id, ref):
                return own, ref
            earlier = await uow.mail.get(ref)
            if earlier is not None and earlier.chat_key and earlier.chat_key != own.external_id:
                chat = await uow.chats.find(Platform.EMAIL, earlier.chat_key)
                if chat is not None and chat.active and chat.client_id == own.client_id:
                    return chat, ref
        # A mail program that drops the thread's headers still keeps "[#N]" in the subject.
        number = subject_ticket(mail.subject) if not mail.thread_ids else None
        ticket = (await uow.tickets.by_number(own.client_id, number)
                  if number is not None else None)
        if ticket is not None and ticket.message_ids and ticket.chat_id is not None:
            chat = await uow.chats.get(ticket.chat_id)
            if chat is not None and chat.platform is Platform.EMAIL and chat.active:
                return chat, ticket.message_ids[0]
        return own, None

    async def keep_broken(self, raw: bytes, *, message_id: str, uid: int | None,
                          error: str) -> MailOutcome:
        """A mail that cannot be read: kept as it came (raw), admins told once."""
        log.error("mail UID %s (%s) could not be read: %s; kept as it came", uid, message_id,
                  error)
        return await self._keep(StoredMail(
            None, message_id, "", "", "", MailStatus.BROKEN, self._clock.now(), uid=uid,
            size=len(raw), error=error[:500], raw=raw), "mail.broken", uid=uid, error=error[:200])

    async def keep_too_big(self, headers: ParsedMail, *, header_bytes: bytes, uid: int | None,
                           size: int, limit_mb: float) -> MailOutcome:
        """A mail over the limit: its headers kept, the mail left in the mailbox, admins told."""
        limit = f"{limit_mb:g}"
        log.error("mail UID %s (%s) from %s is %s MB, over MAIL_MAX_MB=%s; headers kept, the "
                  "mail is left in the mailbox", uid, headers.message_id, headers.sender,
                  _mb(size), limit)
        return await self._keep(StoredMail(
            None, headers.message_id, headers.sender, headers.sender_name, headers.subject,
            MailStatus.TOO_BIG, self._clock.now(), uid=uid, size=size,
            in_reply_to=headers.in_reply_to, references=headers.references, raw=header_bytes,
            error=f"{_mb(size)} MB over MAIL_MAX_MB={limit}"),
            "mail.too_big", sender=headers.sender, size=_mb(size), limit=limit,
            subject=headers.subject)

    async def give_up(self, message_id: str, *, uid: int | None, error: str) -> MailOutcome:
        """A kept mail whose intake fails again and again: marked broken, admins told."""
        async with self._uow() as uow:
            await uow.mail.set_status(message_id, MailStatus.BROKEN, error=error[:500])
            await self._alert(uow, f"mail-broken:{message_id}", "mail.broken", uid=uid,
                              error=error[:200])
            await uow.commit()
        return MailOutcome.BROKEN

    async def _keep(self, stored: StoredMail, key: str, **params: object) -> MailOutcome:
        async with self._uow() as uow:
            if not await uow.mail.add(stored):
                return MailOutcome.DUPLICATE
            await self._alert(uow, f"mail-{stored.status.value}:{stored.message_id}", key,
                              **params)
            await uow.commit()
        return MailOutcome(stored.status.value)

    async def _alert(self, uow: UnitOfWork, key: str, text_key: str, **params: object) -> None:
        now: datetime = self._clock.now()
        targets = await alert_targets(uow, self._alerts)
        if not targets:
            log.warning("no admin to tell: %s", key)
        for chat_id, lang in targets:
            await uow.notices.record(outgoing(
                Platform.TELEGRAM, str(chat_id), t(lang, text_key, **params), now,
                kind=NoticeType.ALERT, key=f"{key}:{chat_id}"[:200]))

    async def unfinished(self) -> list[StoredMail]:
        """Mails kept but not through intake yet (the process stopped in between)."""
        async with self._uow() as uow:
            return list(await uow.mail.unfinished())
