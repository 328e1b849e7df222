"""The ledger's tables: append-only entries, closed months, disputes, sent notices.

The database enforces what a single row can show: one entry per idempotency key, one burn
per client and month (its key), one close per client and month, the sign of each entry type's
effects, and that only a reversal points at another entry.
"""

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
    UniqueConstraint,
)

from storage.kernel.tables import Id, UTCDateTime, metadata

ENTRY_TYPES = ("payment", "fee", "package_grant", "time_debit", "overage", "burn", "reversal",
               "adjustment")


# One row per client, updated by every posting: on PostgreSQL its row lock (and on SQLite the
# write lock it takes) serialises one client's writers, so the checks before an insert hold.
ledger_locks = Table(
    "ledger_locks",
    metadata,
    Column("client_id", Id, ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True),
    Column("version", BigInteger, nullable=False, server_default="0"),
)


ledger_entries = Table(
    "ledger_entries",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("client_id", Id, ForeignKey("clients.id"), nullable=False),
    Column("period", String(7), nullable=False),  # YYYY-MM
    Column("type", String(16), nullable=False),
    Column("key", String(200), nullable=False, unique=True),
    Column("at", UTCDateTime(), nullable=False),
    Column("amount", BigInteger, nullable=False, server_default="0"),
    Column("package_minutes", Integer, nullable=False, server_default="0"),
    Column("minutes", Integer, nullable=False, server_default="0"),
    Column("worked_minutes", Integer, nullable=False, server_default="0"),
    Column("kind", String(16)),
    Column("category", String(32)),
    Column("ticket_id", Id, ForeignKey("tickets.id")),
    Column("staff_id", Id, ForeignKey("staff.id")),
    Column("reverses_id", Id, ForeignKey("ledger_entries.id")),
    Column("note", Text, nullable=False, server_default=""),
    CheckConstraint("type IN (" + ", ".join(f"'{t}'" for t in ENTRY_TYPES) + ")", name="type"),
    CheckConstraint("length(period) = 7", name="period"),
    CheckConstraint("minutes >= 0 AND worked_minutes >= 0", name="minutes"),
    # domain.ledger.MAX_ENTRY_KOPECKS: no single entry beyond 100 million roubles
    CheckConstraint("amount BETWEEN -10000000000 AND 10000000000", name="amount_bounds"),
    CheckConstraint("(type = 'reversal') = (reverses_id IS NOT NULL)", name="reversal_target"),
    CheckConstraint(
        "(type <> 'payment' OR (amount > 0 AND package_minutes = 0))"
        " AND (type <> 'fee' OR (amount < 0 AND package_minutes = 0))"
        " AND (type <> 'package_grant' OR (amount = 0 AND package_minutes > 0))"
        " AND (type <> 'time_debit' OR (amount <= 0 AND package_minutes <= 0))"
        " AND (type <> 'overage' OR (amount < 0 AND package_minutes = 0))"
        " AND (type <> 'burn' OR (amount = 0 AND package_minutes < 0))"
        " AND (type <> 'reversal' OR (amount >= 0 AND package_minutes >= 0))",
        name="effects",
    ),
    Index("ix_ledger_entries_client_period", "client_id", "period"),
    Index("ix_ledger_entries_period", "period"),
    Index("ix_ledger_entries_reverses_id", "reverses_id"),
)


closed_periods = Table(
    "closed_periods",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("client_id", Id, ForeignKey("clients.id"), nullable=False),
    Column("period", String(7), nullable=False),
    Column("closed_at", UTCDateTime(), nullable=False),
    UniqueConstraint("client_id", "period", name="uq_closed_periods_client_period"),
)


disputes = Table(
    "disputes",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("client_id", Id, ForeignKey("clients.id"), nullable=False),
    Column("entry_id", Id, ForeignKey("ledger_entries.id"), nullable=False, index=True),
    Column("reason", Text, nullable=False, server_default=""),
    Column("opened_by", String(255), nullable=False),
    Column("opened_at", UTCDateTime(), nullable=False),
    Column("status", String(16), nullable=False, server_default="open"),
    Column("answer", Text, nullable=False, server_default=""),
    Column("resolved_by", Id, ForeignKey("staff.id")),
    Column("resolved_at", UTCDateTime()),
    Column("reversal_id", Id, ForeignKey("ledger_entries.id"), unique=True),
    CheckConstraint("status IN ('open', 'confirmed', 'reversed')", name="status"),
    CheckConstraint("(status = 'reversed') = (reversal_id IS NOT NULL)", name="reversal"),
    Index("ix_disputes_client_status", "client_id", "status"),
)


billing_notices = Table(
    "billing_notices",
    metadata,
    Column("key", String(120), primary_key=True),  # client:YYYY-MM:type
    Column("sent_at", UTCDateTime(), nullable=False),
)
