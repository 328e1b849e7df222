"""Ledger: append-only entries with idempotency keys, closed months, disputes, notices

Revision ID: 0005_ledger
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_ledger"
down_revision = "0001"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
ENTRY_TYPES = ("payment", "fee", "package_grant", "time_debit", "overage", "burn", "reversal",
               "adjustment")
EFFECTS = (
    "(type <> 'payment' OR (amount > 0 AND package_minutes = 0))"
    " AND (type <> 'fee' OR (amount < 0 AND package_minutes = 0))"
    " AND (type <> 'package_grant' OR (amount = 0 AND package_minutes > 0))"
    " AND (type <> 'time_debit' OR (amount <= 0 AND package_minutes <= 0))"
    " AND (type <> 'overage' OR (amount < 0 AND package_minutes = 0))"
    " AND (type <> 'burn' OR (amount = 0 AND package_minutes < 0))"
    " AND (type <> 'reversal' OR (amount >= 0 AND package_minutes >= 0))"
)


def upgrade() -> None:
    op.create_table(
        "ledger_locks",
        sa.Column("client_id", ID, nullable=False),
        sa.Column("version", sa.BigInteger(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"], ondelete="CASCADE",
                                name=op.f("fk_ledger_locks_client_id_clients")),
        sa.PrimaryKeyConstraint("client_id", name=op.f("pk_ledger_locks")),
    )
    op.create_table(
        "ledger_entries",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("client_id", ID, nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("amount", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("package_minutes", sa.Integer(), server_default="0", nullable=False),
        sa.Column("minutes", sa.Integer(), server_default="0", nullable=False),
        sa.Column("worked_minutes", sa.Integer(), server_default="0", nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.Column("category", sa.String(length=32), nullable=True),
        sa.Column("ticket_id", ID, nullable=True),
        sa.Column("staff_id", ID, nullable=True),
        sa.Column("reverses_id", ID, nullable=True),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.CheckConstraint("type IN (" + ", ".join(f"'{t}'" for t in ENTRY_TYPES) + ")",
                           name=op.f("ck_ledger_entries_type")),
        sa.CheckConstraint("length(period) = 7", name=op.f("ck_ledger_entries_period")),
        sa.CheckConstraint("minutes >= 0 AND worked_minutes >= 0",
                           name=op.f("ck_ledger_entries_minutes")),
        sa.CheckConstraint("(type = 'reversal') = (reverses_id IS NOT NULL)",
                           name=op.f("ck_ledger_entries_reversal_target")),
        sa.CheckConstraint(EFFECTS, name=op.f("ck_ledger_entries_effects")),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"],
                                name=op.f("fk_ledger_entries_client_id_clients")),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"],
                                name=op.f("fk_ledger_entries_ticket_id_tickets")),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"],
                                name=op.f("fk_ledger_entries_staff_id_staff")),
        sa.ForeignKeyConstraint(["reverses_id"], ["ledger_entries.id"],
                                name=op.f("fk_ledger_entries_reverses_id_ledger_entries")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_entries")),
        sa.UniqueConstraint("key", name=op.f("uq_ledger_entries_key")),
    )
    op.create_index("ix_ledger_entries_client_period", "ledger_entries",
                    ["client_id", "period"])
    op.create_index("ix_ledger_entries_period", "ledger_entries", ["period"])
    op.create_index("ix_ledger_entries_reverses_id", "ledger_entries", ["reverses_id"])
    op.create_table(
        "closed_periods",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("client_id", ID, nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"],
                                name=op.f("fk_closed_periods_client_id_clients")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_closed_periods")),
        sa.UniqueConstraint("client_id", "period", name="uq_closed_periods_client_period"),
    )
    op.create_table(
        "disputes",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("client_id", ID, nullable=False),
        sa.Column("entry_id", ID, nullable=False),
        sa.Column("reason", sa.Text(), server_default="", nullable=False),
        sa.Column("opened_by", sa.String(length=255), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), server_default="open", nullable=False),
        sa.Column("answer", sa.Text(), server_default="", nullable=False),
        sa.Column("resolved_by", ID, nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reversal_id", ID, nullable=True),
        sa.CheckConstraint("status IN ('open', 'confirmed', 'reversed')",
                           name=op.f("ck_disputes_status")),
        sa.CheckConstraint("(status = 'reversed') = (reversal_id IS NOT NULL)",
                           name=op.f("ck_disputes_reversal")),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"],
                                name=op.f("fk_disputes_client_id_clients")),
        sa.ForeignKeyConstraint(["entry_id"], ["ledger_entries.id"],
                                name=op.f("fk_disputes_entry_id_ledger_entries")),
        sa.ForeignKeyConstraint(["resolved_by"], ["staff.id"],
                                name=op.f("fk_disputes_resolved_by_staff")),
        sa.ForeignKeyConstraint(["reversal_id"], ["ledger_entries.id"],
                                name=op.f("fk_disputes_reversal_id_ledger_entries")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disputes")),
        sa.UniqueConstraint("reversal_id", name=op.f("uq_disputes_reversal_id")),
    )
    op.create_index("ix_disputes_entry_id", "disputes", ["entry_id"])
    op.create_index("ix_disputes_client_status", "disputes", ["client_id", "status"])
    op.create_table(
        "billing_notices",
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_billing_notices")),
    )


def downgrade() -> None:
    op.drop_table("billing_notices")
    op.drop_index("ix_disputes_client_status", table_name="disputes")
    op.drop_index("ix_disputes_entry_id", table_name="disputes")
    op.drop_table("disputes")
    op.drop_table("closed_periods")
    op.drop_index("ix_ledger_entries_reverses_id", table_name="ledger_entries")
    op.drop_index("ix_ledger_entries_period", table_name="ledger_entries")
    op.drop_index("ix_ledger_entries_client_period", table_name="ledger_entries")
    op.drop_table("ledger_entries")
    op.drop_table("ledger_locks")
