"""Administration's use cases on a real SQLite file: what archiving a client and removing a
staff member change for the rest of the desk."""

from __future__ import annotations

import pytest

from domain.billing.chat import BillingChat
from domain.kernel.model import Platform, StaffRole
from domain.onboarding.service import Administration
from domain.tickets.model import Actor, DeskError
from tests.conftest import T0, monthly_plan


class Clock:
    def __init__(self, at) -> None:  # noqa: ANN001
        self.at = at

    def now(self):  # noqa: ANN201
        return self.at


async def test_an_archived_client_is_charged_and_reported_to_no_more(uow_factory):
    clock = Clock(T0)
    admin = Administration(uow_factory, clock)
    for name in ("ACME", "Old Co"):
        await admin.add_client(name)
        await admin.set_plan(name, monthly_plan())
    await admin.archive_client("Old Co")

    clock.at = T0.replace(month=12, day=1, hour=3)
    await BillingChat(uow_factory, clock).month_close()
    async with uow_factory() as uow:
        acme, old = [await uow.clients.get_by_name(n) for n in ("ACME", "Old Co")]
        fees = {c.name: [e for e in await uow.ledger.entries(c.id) if e.amount]
                for c in (acme, old)}
    assert fees["ACME"] and fees["Old Co"] == []
    # …and its past stays readable: it is still there for the admin.
    assert (await admin.client("Old Co")).client.archived_at == T0


async def test_a_removed_staff_member_loses_access_at_once_but_keeps_their_name(uow_factory):
    admin = Administration(uow_factory, Clock(T0))
    anna = await admin.add_staff("Anna", telegram_id="100", role=StaffRole.ADMIN)
    pavel = await admin.add_staff("Pavel", telegram_id="200", role=StaffRole.ADMIN)
    await admin.remove_staff(anna.id, by=Actor(Platform.TELEGRAM, "200", "Pavel"))
    with pytest.raises(DeskError) as refused:
        await admin.clients(by=Actor(Platform.TELEGRAM, "100", "Anna"))
    assert refused.value.key == "admin.err.admins_only"
    async with uow_factory() as uow:
        assert await uow.staff.find(Platform.TELEGRAM, "100") is None
        assert [m.name for m in await uow.staff.list(include_removed=True)] == ["Anna", "Pavel"]
    assert pavel.is_admin
