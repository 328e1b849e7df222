"""Inbox and outbox: every update is committed before it is acknowledged, every outgoing
message is committed before it is sent."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from storage.tables import Id, UTCDateTime, metadata

inbox = Table(
    "inbox",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("platform", String(16), nullable=False),
    # Telegram: the update_id; WhatsApp: the message id. Redelivery hits the unique key.
    Column("key", String(128), nullable=False),
    Column("payload", Text, nullable=False),
    Column("received_at", UTCDateTime(), nullable=False),
    Column("status", String(8), nullable=False, server_default="pending"),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("error", Text),
    Column("processed_at", UTCDateTime()),
    UniqueConstraint("platform", "key", name="uq_inbox_platform_key"),
    CheckConstraint("status IN ('pending', 'done', 'failed')", name="status"),
    Index("ix_inbox_pending", "status", "id"),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("platform", String(16), nullable=False),
    Column("chat_id", String(128), nullable=False),
    Column("method", String(32), nullable=False),
    Column("payload", Text, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("not_before", UTCDateTime(), nullable=False),
    Column("status", String(8), nullable=False, server_default="pending"),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("error", Text),
    Column("sent_at", UTCDateTime()),
    Column("sent_message_id", String(128)),
    # Optional: a key that makes the same notice impossible to enqueue twice.
    Column("dedup_key", String(200), unique=True),
    Column("ticket_id", BigInteger),
    Column("purpose", String(16)),
    CheckConstraint("status IN ('pending', 'sent', 'failed')", name="status"),
    Index("ix_outbox_pending", "status", "not_before", "id"),
)
