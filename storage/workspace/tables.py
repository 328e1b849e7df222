"""Tables of the staff workspace: who serves which client, notes on tickets (test cases, proof,
service comments, reasons), time entries, estimates and the knowledge base."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from storage.kernel.tables import Id, UTCDateTime, metadata

staff_clients = Table(
    "staff_clients",
    metadata,
    Column("staff_id", Id, ForeignKey("staff.id", ondelete="CASCADE"), primary_key=True),
    Column("client_id", Id, ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True,
           index=True),
)


ticket_notes = Table(
    "ticket_notes",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("ticket_id", Id, ForeignKey("tickets.id"), nullable=False, index=True),
    Column("staff_id", Id, ForeignKey("staff.id"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("text", Text, nullable=False, server_default=""),
    # Proof of a fix is the staff member's own photo or video message, kept where it was sent.
    Column("media_chat_id", String(128)),
    Column("media_message_id", String(128)),
    Column("created_at", UTCDateTime(), nullable=False),
    CheckConstraint("kind IN ('test_case', 'proof', 'service_comment', 'reason')", name="kind"),
)


# Append-only: rows are never updated or deleted; a correction is a new row pointing at the
# entry it corrects, so what a client was shown once can always be explained.
time_entries = Table(
    "time_entries",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("ticket_id", Id, ForeignKey("tickets.id"), nullable=False, index=True),
    Column("client_id", Id, ForeignKey("clients.id"), nullable=False),
    Column("staff_id", Id, ForeignKey("staff.id"), nullable=False),
    Column("minutes", Integer, nullable=False),
    Column("category", String(24), nullable=False),
    Column("description", Text, nullable=False, server_default=""),
    Column("period", String(7), nullable=False),
    Column("corrects_id", Id, ForeignKey("time_entries.id")),
    Column("idempotency_key", String(128), nullable=False, unique=True),
    Column("created_at", UTCDateTime(), nullable=False),
    CheckConstraint("minutes <> 0 AND (minutes > 0 OR corrects_id IS NOT NULL)", name="minutes"),
    CheckConstraint(
        "category IN ('billable', 'helping_colleague', 'learning', 'infrastructure', "
        "'our_mistake', 'over_estimate')",
        name="category",
    ),
    Index("ix_time_entries_client_period", "client_id", "period"),
)


estimates = Table(
    "estimates",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("ticket_id", Id, ForeignKey("tickets.id"), nullable=False, index=True),
    Column("minutes", Integer, nullable=False),
    Column("price", BigInteger, nullable=False),
    Column("status", String(16), nullable=False),
    Column("proposed_by", Id, ForeignKey("staff.id"), nullable=False),
    Column("decided_by", Id, ForeignKey("people.id")),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("decided_at", UTCDateTime()),
    CheckConstraint("status IN ('proposed', 'approved', 'declined')", name="status"),
    CheckConstraint("minutes > 0 AND price >= 0", name="amounts"),
)


kb_entries = Table(
    "kb_entries",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("client_id", Id, ForeignKey("clients.id"), nullable=False, index=True),
    Column("ticket_id", Id, ForeignKey("tickets.id"), nullable=False),
    Column("source", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    CheckConstraint("source IN ('service_comment', 'ticket')", name="source"),
)


# The full-text index over kb_entries is dialect-specific DDL that SQLAlchemy cannot declare:
# an FTS5 virtual table (and the shadow tables SQLite makes for it) on SQLite, a GIN index on
# PostgreSQL. Schema comparisons skip these names.
KB_FTS = "kb_fts"


KB_GIN = "ix_kb_entries_fts"


metadata.info.setdefault("unmanaged", set()).update(
    {KB_FTS, *(f"{KB_FTS}_{part}" for part in ("data", "idx", "content", "docsize", "config")),
     KB_GIN}
)
