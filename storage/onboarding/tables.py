"""Administration: every plan a client has had, so an admin can answer "what did they pay
for in March?" after the plan changed."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, String, Table, Text

from storage.kernel.tables import Id, UTCDateTime, metadata

plan_changes = Table(
    "plan_changes",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("client_id", Id, ForeignKey("clients.id", ondelete="CASCADE"), nullable=False),
    Column("changed_at", UTCDateTime(), nullable=False),
    Column("changed_by", String(200), nullable=False, server_default=""),
    Column("plan", Text),  # JSON of the plan from then on; NULL when the plan was removed
    Index("ix_plan_changes_client", "client_id", "changed_at"),
)
