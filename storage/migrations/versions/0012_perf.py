"""read cache stamp: one row, bumped by every change to clients, plans, chats, people, staff

Revision ID: 0012_perf
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_perf"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "cache_generation",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("value", sa.BigInteger(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cache_generation")),
    )
    op.bulk_insert(table, [{"id": 1, "value": 0}])


def downgrade() -> None:
    op.drop_table("cache_generation")
