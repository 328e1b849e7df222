"""Alembic migrations create exactly the schema the code declares, and go down again."""

from sqlalchemy import create_engine

from storage.engine import _alembic_config, upgrade
from storage.kernel.tables import load_all_tables, metadata


async def test_migrations_match_the_declared_schema(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    url = f"sqlite+aiosqlite:///{tmp_path / 'm.sqlite3'}"
    await upgrade(url)
    load_all_tables()
    engine = create_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    with engine.connect() as conn:
        # Dialect-specific objects SQLAlchemy cannot declare (full-text indexes) are listed in
        # metadata.info["unmanaged"] by the table module that owns them.
        diff = compare_metadata(MigrationContext.configure(conn, opts={"include_name": lambda name, _type, _parent: name not in metadata.info.get("unmanaged", ())}), metadata)
    engine.dispose()
    assert diff == []


async def test_upgrade_is_idempotent_and_downgrade_empties_the_database(tmp_path):
    import asyncio

    from alembic import command

    url = f"sqlite+aiosqlite:///{tmp_path / 'm.sqlite3'}"
    await upgrade(url)
    await upgrade(url)
    await asyncio.to_thread(command.downgrade, _alembic_config(url), "base")
    engine = create_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    with engine.connect() as conn:
        tables = {r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type='table'")}
    engine.dispose()
    assert tables <= {"alembic_version"}
