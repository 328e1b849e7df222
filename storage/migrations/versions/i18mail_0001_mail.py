"""e-mail as a channel: kept mails, their attachments, how far each mailbox was read

Revision ID: i18mail_0001
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "i18mail_0001"
down_revision = "0001"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "mails",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("message_id", sa.String(128), nullable=False),
        sa.Column("sender", sa.String(255), server_default="", nullable=False),
        sa.Column("sender_name", sa.String(255), server_default="", nullable=False),
        sa.Column("subject", sa.Text(), server_default="", nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("uid", _ID, nullable=True),
        sa.Column("size", _ID, server_default="0", nullable=False),
        sa.Column("in_reply_to", sa.String(128), nullable=True),
        sa.Column("refs", sa.Text(), server_default="", nullable=False),
        sa.Column("chat_key", sa.String(128), nullable=True),
        sa.Column("error", sa.Text(), server_default="", nullable=False),
        sa.Column("raw", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mails")),
        sa.UniqueConstraint("message_id", name=op.f("uq_mails_message_id")),
    )
    op.create_table(
        "mail_attachments",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("mail_id", _ID, nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("mime_type", sa.String(128), nullable=False),
        sa.Column("size", _ID, nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(["mail_id"], ["mails.id"],
                                name=op.f("fk_mail_attachments_mail_id_mails")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_attachments")),
    )
    op.create_index(op.f("ix_mail_attachments_mail_id"), "mail_attachments", ["mail_id"])
    op.create_table(
        "mail_cursors",
        sa.Column("mailbox", sa.String(255), nullable=False),
        sa.Column("uid_validity", _ID, nullable=False),
        sa.Column("last_uid", _ID, nullable=False),
        sa.PrimaryKeyConstraint("mailbox", name=op.f("pk_mail_cursors")),
    )


def downgrade() -> None:
    op.drop_table("mail_cursors")
    op.drop_index(op.f("ix_mail_attachments_mail_id"), table_name="mail_attachments")
    op.drop_table("mail_attachments")
    op.drop_table("mails")
