"""inbox rows name their chat, so several processes take one chat's updates in order

Revision ID: 0013_inbox_chat
Revises: 0007_reliability
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_inbox_chat"
down_revision = "0007_reliability"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("inbox") as batch:
        batch.add_column(sa.Column("chat", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("inbox") as batch:
        batch.drop_column("chat")
