"""Group commit: units of work inside a batch are savepoints of one transaction."""

from __future__ import annotations

import pytest

from domain.onboarding.service import add_client
from tests.conftest import T0


async def _names(uow_factory) -> list[str]:
    async with uow_factory() as uow:
        return [c.name for c in await uow.clients.list()]


async def test_work_in_a_batch_is_durable_only_when_the_batch_commits(any_uow_factory):
    async with any_uow_factory.batch() as batch:
        async with any_uow_factory() as uow:
            await add_client(uow, "A", now=T0)
            await uow.commit()
        batch_names = await _names(any_uow_factory)  # inside the batch: sees its own work
        await batch.commit()
    assert batch_names == ["A"]
    assert await _names(any_uow_factory) == ["A"]


async def test_a_failing_unit_rolls_back_only_itself(any_uow_factory):
    async with any_uow_factory.batch() as batch:
        async with any_uow_factory() as uow:
            await add_client(uow, "kept", now=T0)
            await uow.commit()
        with pytest.raises(RuntimeError):
            async with any_uow_factory() as uow:
                await add_client(uow, "lost", now=T0)
                raise RuntimeError("handler failed")
        async with any_uow_factory() as uow:
            await add_client(uow, "also kept", now=T0)
            await uow.commit()
        await batch.commit()
    assert sorted(await _names(any_uow_factory)) == ["also kept", "kept"]


async def test_leaving_a_batch_without_commit_loses_nothing_that_was_durable(any_uow_factory):
    async with any_uow_factory() as uow:
        await add_client(uow, "before", now=T0)
        await uow.commit()
    async with any_uow_factory.batch():
        async with any_uow_factory() as uow:
            await add_client(uow, "uncommitted", now=T0)
            await uow.commit()
    assert await _names(any_uow_factory) == ["before"]


@pytest.mark.parametrize(("mode", "level"), [("full", 2), ("normal", 1)])
async def test_sqlite_synchronous_reaches_every_connection_the_desk_writes_with(tmp_path, mode,
                                                                               level):
    """SQLITE_SYNCHRONOUS is the promise about power cuts: the units of work's connections and
    the group-commit batch's own connection to the file must both keep it."""
    from sqlalchemy import text

    from bot.settings import load_settings
    from bot.wiring import build_app

    app = await build_app(load_settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'sync.sqlite3'}",
        sqlite_synchronous=mode))
    try:
        async with app.uow() as uow:
            assert (await uow._conn.execute(text("PRAGMA synchronous"))).scalar() == level
        async with app.uow.batch() as batch:
            assert (await batch.connection.execute(text("PRAGMA synchronous"))).scalar() == level
    finally:
        await app.close()


def test_an_unknown_sqlite_synchronous_is_refused_in_one_line():
    from bot.settings import SettingsError, load_settings

    with pytest.raises((SettingsError, ValueError)) as raised:
        load_settings(sqlite_synchronous="off")
    assert "sqlite_synchronous" in str(raised.value).lower()


async def test_work_after_a_batch_commit_is_its_own_transaction(any_uow_factory):
    """After `batch.commit()` the batch goes on in a new transaction: what follows is durable
    only with the next commit, and leaving without one rolls back only that."""
    async with any_uow_factory.batch() as batch:
        async with any_uow_factory() as uow:
            await add_client(uow, "first", now=T0)
            await uow.commit()
        await batch.commit()
        async with any_uow_factory() as uow:
            await add_client(uow, "second", now=T0)
            await uow.commit()
        assert await _names(any_uow_factory) == ["first", "second"]  # its own, uncommitted
        await batch.commit()
        async with any_uow_factory() as uow:
            await add_client(uow, "never committed", now=T0)
            await uow.commit()
    assert await _names(any_uow_factory) == ["first", "second"]


async def test_an_sqlite_batch_begins_its_next_transaction_only_with_its_next_statement(
        uow_factory):
    """A batch that commits and is then closed (the inbox worker's every batch) takes SQLite's
    write lock once, with its first statement: no BEGIN IMMEDIATE + ROLLBACK of an empty
    transaction after its commit."""
    from sqlalchemy import event

    from storage import sqlite_batch

    twin = sqlite_batch.batch_engine(uow_factory.engine)
    said: list[str] = []
    event.listen(twin, "begin", lambda _conn: said.append("begin"))
    event.listen(twin, "commit", lambda _conn: said.append("commit"))
    event.listen(twin, "rollback", lambda _conn: said.append("rollback"))
    async with uow_factory.batch() as batch:
        assert said == []  # nothing asked of the database yet
        async with uow_factory() as uow:
            await add_client(uow, "A", now=T0)
            await uow.commit()
        await batch.commit()
    assert said == ["begin", "commit"]
    assert await _names(uow_factory) == ["A"]
