"""Replies by e-mail (aiosmtplib): the mail channel's messenger behind the `Messenger` port.
Every message the desk posts in a mail chat — a draft to confirm, a staff answer, a status
notice — goes out of the outbox as a reply in the client's thread: In-Reply-To and References
set, subject "Re: <subject> [#N]"; the Message-ID it got is its message id."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid
from typing import TYPE_CHECKING

import aiosmtplib

from bot.messengers.whatsapp_cloud import numbered_list
from domain.kernel.model import Choice, MediaKind, Platform
from domain.kernel.ports import (
    Capabilities,
    PermanentSendError,
    TransientSendError,
)
from domain.mail.model import MailStatus, ReplyContext, StoredMail
from domain.mail.rules import reply_subject
from domain.uow import UnitOfWorkFactory

if TYPE_CHECKING:
    from bot.settings import Settings

log = logging.getLogger(__name__)

MAX_REFERENCES = 20


@dataclass(frozen=True, slots=True)
class SmtpConfig:
    host: str
    port: int
    sender: str  # MAIL_FROM
    sender_name: str = ""
    user: str | None = None
    password: str | None = None
    starttls: bool = True
    use_ssl: bool = False
    timeout_s: float = 30.0


class EmailMessenger:
    platform = Platform.EMAIL
    capabilities = Capabilities(buttons=False, max_buttons=0, edit=False, polls=False,
                                max_text=100_000)

    def __init__(self, uow: UnitOfWorkFactory, config: SmtpConfig) -> None:
        self._uow, self._config = uow, config

    async def _context(self, reply_to: str | None) -> ReplyContext | None:
        if not reply_to:
            return None
        async with self._uow() as uow:
            return await uow.mail.reply_context(reply_to)

    async def send_text(self, chat_id: str, text: str, *, reply_to: str | None = None,
                        thread_id: str | None = None) -> str:
        context = await self._context(reply_to)
        to = context.to if context else (chat_id if "@" in chat_id else None)
        if not to:
            raise PermanentSendError(f"no address to write to in mail chat {chat_id}")
        c = self._config
        mail = EmailMessage()
        mail["From"] = formataddr((c.sender_name, c.sender)) if c.sender_name else c.sender
        mail["To"] = to
        subject = reply_subject(context.subject if context else "",
                                context.ticket_number if context else None)
        mail["Subject"] = subject
        mail["Date"] = formatdate(localtime=False)
        message_id = make_msgid(domain=c.sender.rpartition("@")[2] or None)
        mail["Message-ID"] = message_id
        # The thread's start and its latest mails (RFC 5322 allows trimming the middle).
        references: tuple[str, ...] = context.references if context else ()
        if len(references) > MAX_REFERENCES:
            references = (references[0], *references[-(MAX_REFERENCES - 1):])
        if reply_to:
            mail["In-Reply-To"] = reply_to
            mail["References"] = " ".join(references or (reply_to,))
        mail.set_content(text[:self.capabilities.max_text])
        try:
            await aiosmtplib.send(mail, hostname=c.host, port=c.port, username=c.user or None,
                                  password=c.password or None, start_tls=c.starttls and not c.use_ssl,
                                  use_tls=c.use_ssl, timeout=c.timeout_s)
        except (aiosmtplib.SMTPRecipientsRefused, aiosmtplib.SMTPSenderRefused,
                aiosmtplib.SMTPAuthenticationError) as exc:
            raise PermanentSendError(f"SMTP refused: {exc}"[:300]) from None
        except aiosmtplib.SMTPResponseException as exc:
            error = PermanentSendError if 500 <= exc.code < 600 else TransientSendError
            raise error(f"SMTP {exc.code}: {exc.message}"[:300]) from None
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
            raise TransientSendError(f"SMTP: {type(exc).__name__}: {exc}"[:300]) from None
        # Kept so a reply to this mail finds its thread (and the person it went to).
        async with self._uow() as uow:
            await uow.mail.add(StoredMail(
                None, message_id, to, "", subject, MailStatus.OUTGOING,
                datetime.now(UTC), in_reply_to=reply_to, references=references, chat_key=chat_id))
            await uow.commit()
        return message_id

    async def send_media(self, chat_id: str, kind: MediaKind, content: bytes | str, *,
                         caption: str = "", filename: str | None = None,
                         reply_to: str | None = None) -> str:
        # Files from Telegram are not forwarded by mail; the words are.
        return await self.send_text(chat_id, caption or "📎", reply_to=reply_to)

    async def ask_choice(self, chat_id: str, text: str, choices: Sequence[Choice], *,
                         reply_to: str | None = None) -> str:
        return await self.send_text(chat_id, numbered_list(text, choices), reply_to=reply_to)

    async def edit_text(self, chat_id: str, message_id: str, text: str,
                        choices: Sequence[Choice] | None = None) -> bool:
        return False  # a sent mail cannot be changed: callers send a new one


def smtp_config(settings: Settings) -> SmtpConfig:
    return SmtpConfig(settings.mail_smtp_host or "", settings.mail_smtp_port
                      or (465 if settings.mail_smtp_ssl else 587), settings.mail_from or "",
                      sender_name=settings.mail_from_name or settings.integrator_name,
                      user=settings.mail_smtp_user, password=settings.mail_smtp_password,
                      starttls=settings.mail_smtp_starttls, use_ssl=settings.mail_smtp_ssl,
                      timeout_s=settings.mail_timeout_seconds)
