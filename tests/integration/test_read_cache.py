"""The process-wide read cache (storage/read_cache.py): chats, clients with plans, staff and
people are read once per process, yet never served stale — not after a change made by
another process, a rolled-back savepoint, or a use case that mutates what it was given."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from domain.kernel.model import Platform
from domain.onboarding.service import add_client, add_staff, link_chat
from storage.engine import make_engine
from storage.kernel.cache import shared_cache
from storage.uow import SqlUnitOfWorkFactory
from tests.conftest import T0, monthly_plan


@pytest.fixture
async def other_process(database_url):
    """A second engine on the same database: what another process (a CLI command, a second
    bot) would change, without sharing this process's cache."""
    engine = make_engine(database_url)
    try:
        yield SqlUnitOfWorkFactory(engine)
    finally:
        await engine.dispose()


def count_statements(factory: SqlUnitOfWorkFactory) -> list[str]:
    seen: list[str] = []

    @event.listens_for(factory.engine.sync_engine, "before_cursor_execute")
    def _count(conn, cursor, statement, *args):  # noqa: ANN001, ANN002
        seen.append(statement)

    return seen


async def test_lookups_of_rarely_changing_rows_are_served_from_the_process_cache(
        any_uow_factory):
    async with any_uow_factory() as uow:
        client = await add_client(uow, "Вектор", now=T0, plan=monthly_plan())
        await link_chat(uow, client, Platform.TELEGRAM, "-100")
        await add_staff(uow, "Павел", telegram_id="900")
        await uow.commit()
    async with any_uow_factory() as uow:  # reads and shares
        chat = await uow.chats.find(Platform.TELEGRAM, "-100")
        await uow.clients.get(chat.client_id)
        await uow.staff.find(Platform.TELEGRAM, "900")
        await uow.commit()
    statements = count_statements(any_uow_factory)
    async with any_uow_factory() as uow:
        chat = await uow.chats.find(Platform.TELEGRAM, "-100")
        found = await uow.clients.get(chat.client_id)
        staff = await uow.staff.find(Platform.TELEGRAM, "900")
    assert (found.name, found.plan, staff.name) == ("Вектор", monthly_plan(), "Павел")
    queries = [s for s in statements if not s.startswith("BEGIN")]
    assert len(queries) == 1 and "cache_generation" in queries[0]  # the stamp, nothing else


async def test_a_chat_linked_by_another_process_is_seen_by_the_next_transaction(
        database_url, any_uow_factory, other_process):
    async with any_uow_factory() as uow:
        assert await uow.chats.find(Platform.TELEGRAM, "-200") is None
        await uow.commit()
    assert ("chat", Platform.TELEGRAM, "-200") in shared_cache(any_uow_factory.engine).entries
    async with other_process() as uow:
        client = await add_client(uow, "Новый", now=T0)
        await link_chat(uow, client, Platform.TELEGRAM, "-200")
        await uow.commit()
    async with any_uow_factory() as uow:
        chat = await uow.chats.find(Platform.TELEGRAM, "-200")
    assert chat is not None and chat.client_id == client.id


async def test_a_plan_changed_by_another_process_is_not_served_from_the_cache(
        database_url, any_uow_factory, other_process):
    async with any_uow_factory() as uow:
        client = await add_client(uow, "Вектор", now=T0)
        await uow.commit()
    async with any_uow_factory() as uow:
        assert (await uow.clients.get(client.id)).plan is None
        await uow.commit()
    assert ("client", client.id) in shared_cache(any_uow_factory.engine).entries
    async with other_process() as uow:
        changed = await uow.clients.get(client.id)
        changed.plan = monthly_plan()
        await uow.clients.save_plan(changed)
        await uow.commit()
    async with any_uow_factory() as uow:
        assert (await uow.clients.get(client.id)).plan == monthly_plan()


async def test_a_change_made_in_this_process_empties_the_cache_on_commit(any_uow_factory):
    async with any_uow_factory() as uow:
        client = await add_client(uow, "Вектор", now=T0)
        chat = await link_chat(uow, client, Platform.TELEGRAM, "-300")
        await uow.commit()
    async with any_uow_factory() as uow:
        assert (await uow.chats.find(Platform.TELEGRAM, "-300")).active
        await uow.commit()
    async with any_uow_factory() as uow:
        await uow.chats.set_active(chat.id, False)
        await uow.commit()
    async with any_uow_factory() as uow:
        assert not (await uow.chats.find(Platform.TELEGRAM, "-300")).active


async def test_a_person_added_in_a_rolled_back_savepoint_is_never_shared(any_uow_factory):
    from domain.kernel.model import Person

    async with any_uow_factory() as uow:
        client = await add_client(uow, "Вектор", now=T0)
        await uow.commit()
    async with any_uow_factory.batch() as batch:
        with pytest.raises(RuntimeError):
            async with any_uow_factory() as uow:
                assert await uow.people.find(client.id, Platform.TELEGRAM, "42") is None
                await uow.people.add(Person(None, client.id, Platform.TELEGRAM, "42", "Иван"))
                raise RuntimeError("handler failed")
        await batch.commit()
    async with any_uow_factory() as uow:
        assert await uow.people.find(client.id, Platform.TELEGRAM, "42") is None


async def test_a_use_case_mutating_a_cached_row_does_not_change_what_others_read(
        any_uow_factory):
    async with any_uow_factory() as uow:
        client = await add_client(uow, "Вектор", now=T0, plan=monthly_plan())
        await uow.commit()
    async with any_uow_factory() as uow:
        await uow.clients.get(client.id)
        await uow.commit()
    async with any_uow_factory() as uow:
        got = await uow.clients.get(client.id)
        got.name = "changed in memory only"
        got.plan.hourly_rate = 1
    async with any_uow_factory() as uow:
        again = await uow.clients.get(client.id)
    assert (again.name, again.plan.hourly_rate) == ("Вектор", monthly_plan().hourly_rate)


async def test_a_priority_set_by_another_process_is_seen_at_once(any_uow_factory,
                                                                 other_process):
    async with any_uow_factory() as uow:
        client = await add_client(uow, "Вектор", now=T0, plan=monthly_plan())
        await uow.commit()
    async with any_uow_factory() as uow:  # the bot has the client cached
        assert (await uow.clients.get(client.id)).priority == 0
        await uow.commit()
    async with other_process() as uow:  # `chatdesk clients priority` in another process
        await uow.clients.set_priority(client.id, 3)
        await uow.commit()
    async with any_uow_factory() as uow:
        assert (await uow.clients.get(client.id)).priority == 3


def test_the_caches_copy_of_a_row_is_copy_copys():
    """The read cache hands out copies (a use case may mutate what it got): its faster copy of
    the slotted domain rows must be exactly copy.copy's, and anything else is copy.copy's."""
    import copy
    from datetime import date

    from domain.kernel.model import (
        Chat,
        Client,
        Kind,
        KindTerms,
        Language,
        Mode,
        Person,
        PersonRole,
        Staff,
        StaffRole,
    )
    from storage.kernel.cache import _clone, _copy

    rows = [Chat(1, Platform.TELEGRAM, "-300", 2, "Вектор", True),
            Client(2, "Вектор", Language.RU, 1, "code", None, monthly_plan(), T0, None),
            Person(3, 2, Platform.TELEGRAM, "42", "Иван", PersonRole.OWNER),
            Staff(4, "Павел", StaffRole.ADMIN, "900", None, Language.EN, None),
            KindTerms(Kind.TECHNICAL, Mode.PASSIVE, 0),
            {"a": [1]}, date(2026, 1, 1)]
    for row in rows:
        clone = _copy(row)
        assert clone == copy.copy(row) and type(clone) is type(row)
        if not isinstance(row, (date, KindTerms)):
            assert clone is not row
    client = _clone(rows[1])
    client.plan.hourly_rate = 1
    assert rows[1].plan.hourly_rate == monthly_plan().hourly_rate
