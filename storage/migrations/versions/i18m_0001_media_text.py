"""messages keep what was heard in a voice note or read in a screenshot

Revision ID: i18m_0001
Revises: 0014_outbox_media
"""

import sqlalchemy as sa
from alembic import op

revision = "i18m_0001"
down_revision = "0014_outbox_media"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("messages") as batch:
        batch.add_column(sa.Column("media_text", sa.Text(), nullable=True))
        batch.add_column(sa.Column("media_note", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("messages") as batch:
        batch.drop_column("media_note")
        batch.drop_column("media_text")
