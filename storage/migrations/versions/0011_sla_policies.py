"""SLA: per-client working calendars, each open ticket's next reminder moment, status log

Revision ID: 0011_sla_policies
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_sla_policies"
down_revision = "0001"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "client_hours",
        sa.Column("client_id", ID, nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("work_days", sa.String(length=64), nullable=False),
        sa.Column("work_hours", sa.String(length=32), nullable=False),
        sa.Column("lunch_break", sa.String(length=32), server_default="", nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"], ondelete="CASCADE",
                                name=op.f("fk_client_hours_client_id_clients")),
        sa.PrimaryKeyConstraint("client_id", name=op.f("pk_client_hours")),
    )
    op.create_table(
        "ticket_reminders",
        sa.Column("ticket_id", ID, nullable=False),
        sa.Column("remind_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"], ondelete="CASCADE",
                                name=op.f("fk_ticket_reminders_ticket_id_tickets")),
        sa.PrimaryKeyConstraint("ticket_id", name=op.f("pk_ticket_reminders")),
    )
    op.create_index("ix_ticket_reminders_remind_at", "ticket_reminders", ["remind_at"])
    op.create_table(
        "ticket_status_log",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("ticket_id", ID, nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"], ondelete="CASCADE",
                                name=op.f("fk_ticket_status_log_ticket_id_tickets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_status_log")),
    )
    op.create_index("ix_ticket_status_log_ticket_at", "ticket_status_log", ["ticket_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_ticket_status_log_ticket_at", table_name="ticket_status_log")
    op.drop_table("ticket_status_log")
    op.drop_index("ix_ticket_reminders_remind_at", table_name="ticket_reminders")
    op.drop_table("ticket_reminders")
    op.drop_table("client_hours")
