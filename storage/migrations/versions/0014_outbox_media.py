"""outbox media: a row may carry a file the messenger already holds (a Telegram file id)

Revision ID: 0014_outbox_media
Revises: 0010_outbox
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_outbox_media"
down_revision = "0010_outbox"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("notices") as batch:
        batch.add_column(sa.Column("media", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("notices") as batch:
        batch.drop_column("media")
