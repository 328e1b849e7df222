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
