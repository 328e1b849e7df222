"""outbox: the notices table carries any outgoing message (buttons, reply, edit, follow-up)

Revision ID: 0010_outbox
Revises: 0008_notices
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_outbox"
down_revision = "0008_notices"
branch_labels = None
depends_on = None

COLUMNS = (("choices", sa.Text()), ("reply_to", sa.String(64)), ("edit_of", sa.String(64)),
           ("follow_up", sa.Text()))


def upgrade() -> None:
    with op.batch_alter_table("notices") as batch:
        for name, type_ in COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("notices") as batch:
        for name, _ in reversed(COLUMNS):
            batch.drop_column(name)
