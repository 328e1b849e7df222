"""Alembic migrations create exactly the schema the code declares, and go down again."""

import asyncio

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


def test_the_heads_read_from_the_files_are_alembics_own():
    from alembic.script import ScriptDirectory

    from storage.engine import migration_heads

    script = ScriptDirectory.from_config(_alembic_config("sqlite://"))
    assert migration_heads() == frozenset(script.get_heads())


def test_a_database_at_every_head_starts_without_loading_alembic(tmp_path):
    """A restart skips Alembic (and the memory it keeps); a database one head behind still
    gets its migration."""
    import subprocess
    import sys

    url = f"sqlite+aiosqlite:///{tmp_path / 'heads.sqlite3'}"
    asyncio.run(upgrade(url))
    probe = ("import asyncio, sys; from storage.engine import upgrade; "
             f"asyncio.run(upgrade({url!r})); print('alembic' in sys.modules)")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True).stdout.strip()
    assert loaded == "False"

    import sqlite3

    with sqlite3.connect(tmp_path / "heads.sqlite3") as db:  # as if one branch were new
        db.execute("DELETE FROM alembic_version WHERE version_num = 'i21_0001_money_bounds'")
        db.execute("INSERT INTO alembic_version VALUES ('0005_ledger')")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True).stdout.strip()
    assert loaded == "True"
    with sqlite3.connect(tmp_path / "heads.sqlite3") as db:
        versions = {row[0] for row in db.execute("SELECT version_num FROM alembic_version")}
    assert "i21_0001_money_bounds" in versions and "0005_ledger" not in versions


def test_datetimes_stored_as_aware_text_are_rewritten_as_naive_utc(tmp_path):
    """The SQLite hot path once stored aware datetimes as "...+00:00" text; the i16 migration
    rewrites them as SQLAlchemy writes them and leaves everything else alone."""
    import sqlite3

    from alembic import command

    path = tmp_path / "old.sqlite3"
    url = f"sqlite+aiosqlite:///{path}"
    asyncio.run(upgrade(url))
    with sqlite3.connect(path) as db:  # as it was before the fix
        db.execute("UPDATE alembic_version SET version_num = '0013_inbox_chat' "
                   "WHERE version_num = 'i16_0001_utc_text'")
        db.execute("CREATE TABLE probe (id INTEGER PRIMARY KEY, at DATETIME, note TEXT)")
        db.executemany("INSERT INTO probe (id, at, note) VALUES (?, ?, ?)", [
            (1, "2026-12-08 06:00:00.123456+00:00", "aware"),
            (2, "2026-12-08 06:00:00+00:00", "aware, no fraction"),
            (3, "2026-12-08 09:30:00.000001+03:00", "another offset"),
            (4, "2026-12-08 06:00:00.123456", "as SQLAlchemy writes it"),
            (5, None, "null"),
            (6, "not a date at all, but long enough to look at", "foreign text"),
        ])
    command.upgrade(_alembic_config(url), "heads")
    with sqlite3.connect(path) as db:
        got = dict(db.execute("SELECT id, at FROM probe"))
    assert got == {
        1: "2026-12-08 06:00:00.123456",
        2: "2026-12-08 06:00:00.000000",
        3: "2026-12-08 06:30:00.000001",
        4: "2026-12-08 06:00:00.123456",
        5: None,
        6: "not a date at all, but long enough to look at",
    }
