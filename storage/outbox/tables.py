"""Numbered questions awaiting a typed answer in chats without buttons (WhatsApp)."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from storage.kernel.tables import Id, UTCDateTime, metadata, tickets

pending_choices = Table(
    "pending_choices",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("platform", String(16), nullable=False),
    Column("chat_external_id", String(128), nullable=False),
    Column("prompt_message_id", String(128), nullable=False),
    Column("ticket_id", Id, ForeignKey("tickets.id"), nullable=False, index=True),
    Column("asked_of", String(128), nullable=False),
    # Option keys in order, comma-separated: option N is the N-th key.
    Column("options", String(500), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("answered", Boolean, nullable=False, server_default="0"),
    UniqueConstraint("platform", "chat_external_id", "prompt_message_id",
                     name="uq_pending_choices_prompt"),
    Index("ix_pending_choices_open", "platform", "chat_external_id", "asked_of", "answered"),
)


notices = Table(
    "notices",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("key", String(200), nullable=False, unique=True),
    Column("kind", String(32), nullable=False),
    Column("client_id", Id, ForeignKey("clients.id", ondelete="CASCADE")),
    Column("ticket_id", Id, ForeignKey("tickets.id", ondelete="CASCADE")),
    Column("platform", String(16), nullable=False),
    Column("chat_id", String(128), nullable=False),
    Column("text", Text, nullable=False),
    Column("chart", Text),  # JSON of a chart sent as a photo, with `text` as its caption
    # Live messages (domain/outbox): buttons as JSON [[key, label, row], …], the message
    # answered, an earlier message to edit instead of sending, and what to record once sent.
    Column("choices", Text),
    Column("reply_to", String(64)),
    Column("edit_of", String(64)),
    Column("follow_up", Text),
    # JSON {"kind", "file"}: a file the messenger already holds, sent with `text` as caption
    Column("media", Text),
    # Quiet hours: a client notice decided at night waits for the client's working hours.
    Column("not_before", UTCDateTime(), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    # A sender holds a notice until `claimed_until`; a crashed sender's claim simply expires.
    Column("claimed_until", UTCDateTime()),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("last_error", Text),
    Column("sent_at", UTCDateTime()),
    Column("failed_at", UTCDateTime()),  # gave up after too many attempts
    Column("message_id", String(128)),
    Index("ix_notices_pending", "sent_at", "failed_at", "not_before"),
)


# What each periodic job has already looked at, so the next run reads only what is new.
scheduler_state = Table(
    "scheduler_state",
    metadata,
    Column("job_id", String(64), primary_key=True),
    Column("last_run_at", UTCDateTime()),
    Column("watermark", BigInteger, nullable=False, server_default="0"),
)


# The SLA sweep refreshes the deadlines of tickets changed since its last run.
ix_tickets_updated_at = Index("ix_tickets_updated_at", tickets.c.updated_at)
