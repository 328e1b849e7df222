"""Client cabinet: one-time login links and per-client cabinet preferences

Revision ID: 0009_cabinet
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_cabinet"
down_revision = "0001"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "cabinet_logins",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("person_id", ID, nullable=True),
        sa.Column("staff_id", ID, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("(person_id IS NULL) <> (staff_id IS NULL)",
                           name=op.f("ck_cabinet_logins_one_grantee")),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE",
                                name=op.f("fk_cabinet_logins_person_id_people")),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], ondelete="CASCADE",
                                name=op.f("fk_cabinet_logins_staff_id_staff")),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_cabinet_logins")),
    )
    op.create_table(
        "cabinet_prefs",
        sa.Column("client_id", ID, nullable=False),
        sa.Column("money_owner_only", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"], ondelete="CASCADE",
                                name=op.f("fk_cabinet_prefs_client_id_clients")),
        sa.PrimaryKeyConstraint("client_id", name=op.f("pk_cabinet_prefs")),
    )


def downgrade() -> None:
    op.drop_table("cabinet_prefs")
    op.drop_table("cabinet_logins")
