"""The stamp of the process-wide read cache (storage/read_cache.py).

One row; every change to a cached table (clients, plans, chats, people, staff) adds one to
`value` in the same transaction, so every process sees that its cached rows may be stale.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Integer, Table

from storage.tables import metadata

cache_generation = Table(
    "cache_generation",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("value", BigInteger, nullable=False, server_default="0"),
)
