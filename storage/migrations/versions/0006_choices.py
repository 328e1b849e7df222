"""pending choices: numbered questions awaiting a typed answer (WhatsApp)

Revision ID: 0006_choices
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_choices"
down_revision = "0001"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "pending_choices",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("chat_external_id", sa.String(128), nullable=False),
        sa.Column("prompt_message_id", sa.String(128), nullable=False),
        sa.Column("ticket_id", ID, nullable=False),
        sa.Column("asked_of", sa.String(128), nullable=False),
        sa.Column("options", sa.String(500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"],
                                name="fk_pending_choices_ticket_id_tickets"),
        sa.PrimaryKeyConstraint("id", name="pk_pending_choices"),
        sa.UniqueConstraint("platform", "chat_external_id", "prompt_message_id",
                            name="uq_pending_choices_prompt"),
    )
    op.create_index("ix_pending_choices_ticket_id", "pending_choices", ["ticket_id"])
    op.create_index("ix_pending_choices_open", "pending_choices",
                    ["platform", "chat_external_id", "asked_of", "answered"])


def downgrade() -> None:
    op.drop_index("ix_pending_choices_open", "pending_choices")
    op.drop_index("ix_pending_choices_ticket_id", "pending_choices")
    op.drop_table("pending_choices")
