"""The inbox: every update is committed before it is acknowledged. (Outgoing notices have
their own outbox, `notices`, in tables_notices.py.)"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from storage.kernel.tables import Id, UTCDateTime, metadata

inbox = Table(
    "inbox",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("platform", String(16), nullable=False),
    # Telegram: the update_id; WhatsApp: the message id. Redelivery hits the unique key.
    Column("key", String(128), nullable=False),
    Column("payload", Text, nullable=False),
    # The chat the update belongs to: with several processes one chat's updates are handled
    # by one process at a time, in order (see storage/reliability.py inbox_claim).
    Column("chat", String(64)),
    Column("received_at", UTCDateTime(), nullable=False),
    Column("status", String(8), nullable=False, server_default="pending"),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("error", Text),
    Column("processed_at", UTCDateTime()),
    UniqueConstraint("platform", "key", name="uq_inbox_platform_key"),
    CheckConstraint("status IN ('pending', 'done', 'failed')", name="status"),
    Index("ix_inbox_pending", "status", "id"),
)
