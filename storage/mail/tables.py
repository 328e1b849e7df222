"""The mail channel (domain/mail/): every mail kept by its Message-ID, its attachments, and how
far each mailbox has been read (by UID)."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, LargeBinary, String, Table, Text

from storage.kernel.tables import Id, UTCDateTime, metadata

mails = Table(
    "mails",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("message_id", String(128), nullable=False, unique=True),
    Column("sender", String(255), nullable=False, server_default=""),
    Column("sender_name", String(255), nullable=False, server_default=""),
    Column("subject", Text, nullable=False, server_default=""),
    Column("status", String(16), nullable=False),
    Column("received_at", UTCDateTime(), nullable=False),
    Column("uid", Id),
    Column("size", Id, nullable=False, server_default="0"),
    Column("in_reply_to", String(128)),
    Column("refs", Text, nullable=False, server_default=""),  # References, space-separated
    Column("chat_key", String(128)),  # the mail chat (address or domain) it went to
    Column("error", Text, nullable=False, server_default=""),
    Column("raw", LargeBinary),  # the mail as it came (headers only when too big)
)

mail_attachments = Table(
    "mail_attachments",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("mail_id", Id, ForeignKey("mails.id"), nullable=False, index=True),
    Column("filename", String(255), nullable=False),
    Column("mime_type", String(128), nullable=False),
    Column("size", Id, nullable=False),
    Column("content", LargeBinary),  # NULL: over MAIL_ATTACHMENT_MAX_MB, not kept
)

mail_cursors = Table(
    "mail_cursors",
    metadata,
    Column("mailbox", String(255), primary_key=True),
    Column("uid_validity", Id, nullable=False),
    Column("last_uid", Id, nullable=False),
)

__all__ = ["mail_attachments", "mail_cursors", "mails"]
