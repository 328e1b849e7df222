"""Alembic environment: runs migrations through the same async drivers the app uses."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy import text
from sqlalchemy.engine import Connection

from storage.engine import make_engine
from storage.kernel.tables import load_all_tables, metadata

config = context.config
load_all_tables()
target_metadata = metadata


def _run(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        # Several processes starting at once on a fresh database: one migrates, the others wait
        # here and then find the schema up to date. Taken before Alembic looks at its version
        # table; held until the migration's transaction ends.
        connection.execute(text("SELECT pg_advisory_xact_lock(hashtext('chatdesk:migrate'))"))
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=lambda name, _type, _parent: name not in metadata.info.get("unmanaged", ()),
    )
    with context.begin_transaction():
        context.run_migrations()


async def _online() -> None:
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_run)
            await connection.commit()
    finally:
        await engine.dispose()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=metadata,
                      literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(_online())
