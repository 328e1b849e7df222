"""Broadcasts: an admin's announcement to client chats (domain/broadcasts.py). Each chat's copy
is an outbox row (tables_notices) keyed `broadcast:<id>:…`; delivered and failed counts are
read from those rows."""

from __future__ import annotations

from sqlalchemy import Column, Integer, String, Table, Text

from storage.kernel.tables import Id, UTCDateTime, metadata

broadcasts = Table(
    "broadcasts",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("text", Text, nullable=False),
    Column("audience", String(1000), nullable=False, server_default=""),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("created_by", String(255), nullable=False),
    Column("report_to", String(128)),  # a Telegram chat; NULL: every admin
    Column("language", String(2), nullable=False, server_default="ru"),
    Column("chats", Integer, nullable=False, server_default="0"),
    Column("reported_at", UTCDateTime()),
)
