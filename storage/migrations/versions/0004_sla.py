"""SLA clock: stored deadlines per ticket, indexed for the sweep

Revision ID: 0004_sla
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_sla"
down_revision = "0001"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
METRICS = ("first_reaction", "next_reply", "progress_update", "resolution")


def upgrade() -> None:
    op.create_table(
        "ticket_sla",
        sa.Column("ticket_id", ID, nullable=False),
        sa.Column("policy", sa.String(length=64), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("paused_since", sa.DateTime(timezone=True), nullable=True),
        *(sa.Column(f"due_{m}", sa.DateTime(timezone=True), nullable=True) for m in METRICS),
        *(sa.Column(f"warned_{m}", sa.Boolean(), server_default="0", nullable=False)
          for m in METRICS),
        *(sa.Column(f"breached_{m}", sa.Boolean(), server_default="0", nullable=False)
          for m in METRICS),
        sa.Column("last_notice_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"], ondelete="CASCADE",
                                name=op.f("fk_ticket_sla_ticket_id_tickets")),
        sa.PrimaryKeyConstraint("ticket_id", name=op.f("pk_ticket_sla")),
    )
    for m in METRICS:
        op.create_index(f"ix_ticket_sla_warn_{m}", "ticket_sla", [f"warned_{m}", f"due_{m}"])
        op.create_index(f"ix_ticket_sla_breach_{m}", "ticket_sla", [f"breached_{m}", f"due_{m}"])


def downgrade() -> None:
    for m in METRICS:
        op.drop_index(f"ix_ticket_sla_breach_{m}", table_name="ticket_sla")
        op.drop_index(f"ix_ticket_sla_warn_{m}", table_name="ticket_sla")
    op.drop_table("ticket_sla")
