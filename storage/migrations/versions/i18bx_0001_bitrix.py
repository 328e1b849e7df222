"""the Bitrix24 mirror: portals, mirrored tasks, comments taken from Bitrix24

Revision ID: i18bx_0001
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "i18bx_0001"
down_revision = "0001"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "bitrix_portals",
        sa.Column("client_id", _ID, nullable=False),
        sa.Column("webhook", sa.String(500), nullable=False),
        sa.Column("responsible_id", sa.Integer(), nullable=True),
        sa.Column("enabled_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("broken_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(500), nullable=True),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"], ondelete="CASCADE",
                                name=op.f("fk_bitrix_portals_client_id_clients")),
        sa.PrimaryKeyConstraint("client_id", name=op.f("pk_bitrix_portals")),
    )
    op.create_table(
        "bitrix_tasks",
        sa.Column("ticket_id", _ID, nullable=False),
        sa.Column("client_id", _ID, nullable=False),
        sa.Column("task_id", sa.String(32), nullable=True),
        sa.Column("closed", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("seen_status", sa.Integer(), nullable=True),
        sa.Column("seen_comments", sa.Integer(), server_default="0", nullable=False),
        sa.Column("comments_after", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("seen_comment_id", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("in_flight", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("next_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(500), nullable=True),
        sa.Column("failed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"], ondelete="CASCADE",
                                name=op.f("fk_bitrix_tasks_ticket_id_tickets")),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"],
                                name=op.f("fk_bitrix_tasks_client_id_clients")),
        sa.PrimaryKeyConstraint("ticket_id", name=op.f("pk_bitrix_tasks")),
    )
    op.create_index("ix_bitrix_tasks_client", "bitrix_tasks", ["client_id", "failed_at"])
    op.create_table(
        "bitrix_notes",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("ticket_id", _ID, nullable=False),
        sa.Column("comment_id", sa.BigInteger(), nullable=False),
        sa.Column("author", sa.String(255), server_default="", nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"], ondelete="CASCADE",
                                name=op.f("fk_bitrix_notes_ticket_id_tickets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bitrix_notes")),
        sa.UniqueConstraint("ticket_id", "comment_id", name="uq_bitrix_notes_comment"),
    )


def downgrade() -> None:
    op.drop_table("bitrix_notes")
    op.drop_index("ix_bitrix_tasks_client", table_name="bitrix_tasks")
    op.drop_table("bitrix_tasks")
    op.drop_table("bitrix_portals")
