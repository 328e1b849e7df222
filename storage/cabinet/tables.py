"""Tables of the client cabinet: one-time login links and each client's cabinet preferences."""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, Column, ForeignKey, String, Table

from storage.kernel.tables import Id, UTCDateTime, metadata

# Only the SHA-256 of a link's token is kept: reading this table logs nobody in.
cabinet_logins = Table(
    "cabinet_logins",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("person_id", Id, ForeignKey("people.id", ondelete="CASCADE")),
    Column("staff_id", Id, ForeignKey("staff.id", ondelete="CASCADE")),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("expires_at", UTCDateTime(), nullable=False),
    Column("used_at", UTCDateTime()),
    CheckConstraint("(person_id IS NULL) <> (staff_id IS NULL)", name="one_grantee"),
)


cabinet_prefs = Table(
    "cabinet_prefs",
    metadata,
    Column("client_id", Id, ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True),
    # The client's wish that only its owner sees hours, money and statements.
    Column("money_owner_only", Boolean, nullable=False, server_default="0"),
)
