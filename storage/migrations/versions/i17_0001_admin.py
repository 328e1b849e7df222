"""administration: archived clients, removed staff, the history of plans

Revision ID: i17_0001
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "i17_0001"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("clients") as batch:
        batch.add_column(sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("staff") as batch:
        batch.add_column(sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "plan_changes",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False,
                  autoincrement=True),
        sa.Column("client_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                  nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed_by", sa.String(length=200), server_default="", nullable=False),
        sa.Column("plan", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"], ondelete="CASCADE",
                                name="fk_plan_changes_client_id_clients"),
        sa.PrimaryKeyConstraint("id", name="pk_plan_changes"),
    )
    op.create_index("ix_plan_changes_client", "plan_changes", ["client_id", "changed_at"])


def downgrade() -> None:
    op.drop_index("ix_plan_changes_client", table_name="plan_changes")
    op.drop_table("plan_changes")
    with op.batch_alter_table("staff") as batch:
        batch.drop_column("removed_at")
    with op.batch_alter_table("clients") as batch:
        batch.drop_column("archived_at")
