"""E-mail as a channel: what the desk knows of one mail."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime


class MailStatus(enum.StrEnum):
    NEW = "new"  # kept, not yet through intake (a crash here: it is taken again on the next poll)
    DONE = "done"  # went through intake like a chat message
    UNKNOWN_SENDER = "unknown_sender"  # no client maps to the sender: kept, admins told
    BROKEN = "broken"  # could not be read: kept as it came, admins told
    TOO_BIG = "too_big"  # over MAIL_MAX_MB: its headers kept, the mail left on the server
    OUTGOING = "outgoing"  # a reply the desk sent
    AUTOMATIC = "automatic"  # an auto-reply (out of office, a bounce): kept, not a request


@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str
    mime_type: str
    size: int
    content: bytes | None  # None: over the size limit, not kept


@dataclass(frozen=True, slots=True)
class ParsedMail:
    message_id: str  # with its angle brackets, as in the headers
    sender: str  # the address, lower case
    sender_name: str
    subject: str
    sent_at: datetime | None
    text: str  # the new words only: HTML stripped, quoted tail and signature trimmed
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    automatic: bool = False  # Auto-Submitted, Precedence: bulk/auto_reply, X-Autoreply

    @property
    def thread_ids(self) -> tuple[str, ...]:
        """The mails this one answers, nearest first."""
        found = [self.in_reply_to] if self.in_reply_to else []
        found += [ref for ref in reversed(self.references) if ref not in found]
        return tuple(found)


@dataclass(slots=True)
class StoredMail:
    id: int | None
    message_id: str
    sender: str
    sender_name: str
    subject: str
    status: MailStatus
    received_at: datetime
    uid: int | None = None
    size: int = 0
    in_reply_to: str | None = None
    references: tuple[str, ...] = field(default_factory=tuple)
    chat_key: str | None = None  # the mail chat (address or domain) it went to
    error: str = ""
    raw: bytes | None = None


@dataclass(frozen=True, slots=True)
class ReplyContext:
    """What a reply into a mail thread needs: whom, about what, after which mails."""

    to: str
    subject: str
    references: tuple[str, ...]
    ticket_number: int | None = None
