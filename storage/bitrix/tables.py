"""Tables of the Bitrix24 mirror: each client's portal (incoming webhook), each mirrored
ticket's task and how far the mirror has got, and comments taken from Bitrix24."""

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

from storage.kernel.tables import Id, UTCDateTime, metadata

bitrix_portals = Table(
    "bitrix_portals",
    metadata,
    Column("client_id", Id, ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True),
    Column("webhook", String(500), nullable=False),  # a secret: shown masked
    Column("responsible_id", Integer),
    Column("enabled_at", UTCDateTime(), nullable=False),
    Column("broken_at", UTCDateTime()),
    Column("last_error", String(500)),
)


bitrix_tasks = Table(
    "bitrix_tasks",
    metadata,
    Column("ticket_id", Id, ForeignKey("tickets.id", ondelete="CASCADE"), primary_key=True),
    Column("client_id", Id, ForeignKey("clients.id"), nullable=False),
    Column("task_id", String(32)),
    Column("closed", Boolean, nullable=False, server_default="0"),
    Column("seen_status", Integer),
    Column("seen_comments", Integer, nullable=False, server_default="0"),
    Column("comments_after", BigInteger, nullable=False, server_default="0"),
    Column("seen_comment_id", BigInteger, nullable=False, server_default="0"),
    Column("in_flight", Boolean, nullable=False, server_default="0"),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_at", UTCDateTime()),
    Column("last_error", String(500)),
    Column("failed_at", UTCDateTime()),
    Index("ix_bitrix_tasks_client", "client_id", "failed_at"),
)


# Comments written in Bitrix24 on a mirrored task: kept with the ticket, once each.
bitrix_notes = Table(
    "bitrix_notes",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("ticket_id", Id, ForeignKey("tickets.id", ondelete="CASCADE"), nullable=False),
    Column("comment_id", BigInteger, nullable=False),
    Column("author", String(255), nullable=False, server_default=""),
    Column("text", Text, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    UniqueConstraint("ticket_id", "comment_id", name="uq_bitrix_notes_comment"),
)
