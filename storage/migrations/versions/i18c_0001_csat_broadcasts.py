"""customer satisfaction on tickets; broadcasts to client chats

Revision ID: i18c_0001
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "i18c_0001"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("csat_done_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("csat_asked_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("csat_prompt_id", sa.String(64), nullable=True))
        batch.add_column(sa.Column("csat_score", sa.String(8), nullable=True))
        batch.add_column(sa.Column("csat_comment", sa.Text(), nullable=True))
        batch.add_column(sa.Column("csat_voted_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_check_constraint(op.f("ck_tickets_csat_score"), "csat_score IN ('up', 'down')")
        batch.create_index("ix_tickets_csat_due", ["csat_done_at"])
        batch.create_index("ix_tickets_csat_voted", ["csat_voted_at"])
    op.create_table(
        "broadcasts",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                  autoincrement=True, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("audience", sa.String(1000), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(255), nullable=False),
        sa.Column("report_to", sa.String(128), nullable=True),
        sa.Column("language", sa.String(2), server_default="ru", nullable=False),
        sa.Column("chats", sa.Integer(), server_default="0", nullable=False),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_broadcasts")),
    )


def downgrade() -> None:
    op.drop_table("broadcasts")
    with op.batch_alter_table("tickets") as batch:
        batch.drop_index("ix_tickets_csat_voted")
        batch.drop_index("ix_tickets_csat_due")
        batch.drop_constraint(op.f("ck_tickets_csat_score"), type_="check")
        for column in ("csat_voted_at", "csat_comment", "csat_score", "csat_prompt_id",
                       "csat_asked_at", "csat_done_at"):
            batch.drop_column(column)
