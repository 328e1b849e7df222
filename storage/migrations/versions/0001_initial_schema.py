"""initial schema

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "clients",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("language", sa.String(length=2), server_default="ru", nullable=False),
        sa.Column("priority", sa.Integer(), server_default="0", nullable=False),
        sa.Column("link_code", sa.String(length=32), nullable=True),
        sa.Column("owner_code", sa.String(length=32), nullable=True),
        sa.Column("ticket_seq", sa.Integer(), server_default="0", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clients")),
        sa.UniqueConstraint("link_code", name=op.f("uq_clients_link_code")),
        sa.UniqueConstraint("owner_code", name=op.f("uq_clients_owner_code")),
        sa.UniqueConstraint("name", name=op.f("uq_clients_name")),
    )
    op.create_table(
        "staff",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=8), server_default="staff", nullable=False),
        sa.Column("telegram_id", sa.String(length=64), nullable=True),
        sa.Column("whatsapp_id", sa.String(length=64), nullable=True),
        sa.Column("language", sa.String(length=2), server_default="ru", nullable=False),
        sa.CheckConstraint("role IN ('staff', 'admin')", name=op.f("ck_staff_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
        sa.UniqueConstraint("telegram_id", name=op.f("uq_staff_telegram_id")),
        sa.UniqueConstraint("whatsapp_id", name=op.f("uq_staff_whatsapp_id")),
    )
    op.create_table(
        "chats",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("external_id", sa.String(length=128), nullable=False),
        sa.Column(
            "client_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("title", sa.String(length=255), server_default="", nullable=False),
        sa.Column("active", sa.Boolean(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_chats_client_id_clients")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chats")),
        sa.UniqueConstraint("platform", "external_id", name="uq_chats_platform_external"),
    )
    with op.batch_alter_table("chats", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chats_client_id"), ["client_id"], unique=False)

    op.create_table(
        "people",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "client_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("external_id", sa.String(length=128), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=16), server_default="employee", nullable=False),
        sa.CheckConstraint(
            "role IN ('employee', 'coordinator', 'owner')", name=op.f("ck_people_role")
        ),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_people_client_id_clients")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
        sa.UniqueConstraint("client_id", "platform", "external_id", name="uq_people_identity"),
    )
    op.create_table(
        "plans",
        sa.Column(
            "client_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("model", sa.String(length=32), nullable=False),
        sa.Column("hourly_rate", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("package_minutes", sa.Integer(), server_default="0", nullable=False),
        sa.Column("min_billable_minutes", sa.Integer(), server_default="0", nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("trial", sa.Boolean(), server_default="0", nullable=False),
        sa.CheckConstraint(
            "model IN ('monthly', 'package', 'time_and_materials')", name=op.f("ck_plans_model")
        ),
        sa.CheckConstraint(
            "hourly_rate >= 0 AND package_minutes >= 0 AND min_billable_minutes >= 0",
            name=op.f("ck_plans_non_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_plans_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("client_id", name=op.f("pk_plans")),
    )
    op.create_table(
        "plan_kinds",
        sa.Column(
            "client_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("mode", sa.String(length=8), nullable=False),
        sa.Column("monthly_fee", sa.BigInteger(), server_default="0", nullable=False),
        sa.CheckConstraint(
            "kind IN ('technical', 'managerial', 'control', 'strategic')",
            name=op.f("ck_plan_kinds_kind"),
        ),
        sa.CheckConstraint("mode IN ('passive', 'active')", name=op.f("ck_plan_kinds_mode")),
        sa.CheckConstraint("monthly_fee >= 0", name=op.f("ck_plan_kinds_fee")),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["plans.client_id"],
            name=op.f("fk_plan_kinds_client_id_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("client_id", "kind", name=op.f("pk_plan_kinds")),
    )
    op.create_table(
        "tickets",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "client_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("chat_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column(
            "requester_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("coverage", sa.String(length=16), nullable=False),
        sa.Column("hourly_rate", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("confidence", sa.Float(), server_default="0", nullable=False),
        sa.Column("source", sa.String(length=16), server_default="chat", nullable=False),
        sa.Column("repeats", sa.Integer(), server_default="0", nullable=False),
        sa.Column("prompt_message_id", sa.String(length=128), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_client_message_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "kind IN ('technical', 'managerial', 'control', 'strategic', 'new_work')",
            name=op.f("ck_tickets_kind"),
        ),
        sa.CheckConstraint(
            "status IN ('awaiting_confirmation', 'accepted', 'in_progress', 'needs_testing', 'testing', 'waiting_for_client', 'done', 'rejected', 'cancelled')",
            name=op.f("ck_tickets_status"),
        ),
        sa.CheckConstraint("number > 0", name=op.f("ck_tickets_number")),
        sa.ForeignKeyConstraint(["chat_id"], ["chats.id"], name=op.f("fk_tickets_chat_id_chats")),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_tickets_client_id_clients")
        ),
        sa.ForeignKeyConstraint(
            ["requester_id"], ["people.id"], name=op.f("fk_tickets_requester_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tickets")),
        sa.UniqueConstraint("client_id", "number", name="uq_tickets_client_number"),
    )
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.create_index(
            "ix_tickets_chat_requester_status", ["chat_id", "requester_id", "status"], unique=False
        )
        batch_op.create_index("ix_tickets_client_status", ["client_id", "status"], unique=False)

    op.create_table(
        "messages",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("chat_external_id", sa.String(length=128), nullable=False),
        sa.Column("external_id", sa.String(length=128), nullable=False),
        sa.Column("chat_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("sender_external_id", sa.String(length=128), nullable=False),
        sa.Column("sender_name", sa.String(length=255), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text(), server_default="", nullable=False),
        sa.Column("media", sa.String(length=16), nullable=True),
        sa.Column("reply_to", sa.String(length=128), nullable=True),
        sa.Column("album_id", sa.String(length=128), nullable=True),
        sa.Column("from_staff", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("ticket_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("disposition", sa.String(length=16), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.Column("reason", sa.String(length=16), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(["chat_id"], ["chats.id"], name=op.f("fk_messages_chat_id_chats")),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_messages_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_messages")),
        sa.UniqueConstraint(
            "platform", "chat_external_id", "external_id", name="uq_messages_source"
        ),
    )
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.create_index(
            "ix_messages_chat_sender_disposition",
            ["chat_id", "sender_external_id", "disposition"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_messages_ticket_id"), ["ticket_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_messages_ticket_id"))
        batch_op.drop_index("ix_messages_chat_sender_disposition")

    op.drop_table("messages")
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.drop_index("ix_tickets_client_status")
        batch_op.drop_index("ix_tickets_chat_requester_status")

    op.drop_table("tickets")
    op.drop_table("plan_kinds")
    op.drop_table("plans")
    op.drop_table("people")
    with op.batch_alter_table("chats", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chats_client_id"))

    op.drop_table("chats")
    op.drop_table("staff")
    op.drop_table("clients")
