"""Administration's writes: renaming and archiving clients, staff roles and removal, and the
history of plans. Every write to a cached table (clients, staff) moves the read cache's stamp."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import insert, select, update

from domain.kernel.model import BillingModel, Kind, KindTerms, Mode, Plan, Platform, Staff
from domain.onboarding.model import PlanChange
from storage.kernel import tables as t
from storage.kernel.repository import _Repo, _staff
from storage.onboarding.tables import plan_changes


def _plan_json(plan: Plan | None) -> str | None:
    if plan is None:
        return None
    return json.dumps({
        "model": plan.model.value,
        "kinds": [[k.kind.value, k.mode.value, k.monthly_fee] for k in plan.kinds],
        "hourly_rate": plan.hourly_rate, "package_minutes": plan.package_minutes,
        "min_billable_minutes": plan.min_billable_minutes,
        "starts_on": plan.starts_on.isoformat() if plan.starts_on else None,
        "trial": plan.trial,
    })


def _plan(text: str | None) -> Plan | None:
    if text is None:
        return None
    data = json.loads(text)
    return Plan(
        model=BillingModel(data["model"]),
        kinds=tuple(KindTerms(Kind(k), Mode(m), fee) for k, m, fee in data["kinds"]),
        hourly_rate=data["hourly_rate"], package_minutes=data["package_minutes"],
        min_billable_minutes=data["min_billable_minutes"],
        starts_on=date.fromisoformat(data["starts_on"]) if data["starts_on"] else None,
        trial=data["trial"],
    )


class SqlAdminRepository(_Repo):
    async def rename_client(self, client_id: int, name: str) -> None:
        await self._conn.execute(
            update(t.clients).where(t.clients.c.id == client_id).values(name=name))
        await self._client_changed(client_id)

    async def set_archived(self, client_id: int, at: datetime | None) -> None:
        await self._conn.execute(
            update(t.clients).where(t.clients.c.id == client_id).values(archived_at=at))
        await self._client_changed(client_id)

    async def _client_changed(self, client_id: int) -> None:
        await self._changed()
        self._cache.pop(("client", client_id), None)

    async def update_staff(self, staff: Staff) -> None:
        await self._conn.execute(update(t.staff).where(t.staff.c.id == staff.id).values(
            name=staff.name, role=staff.role.value, language=staff.language.value,
            telegram_id=staff.telegram_id, whatsapp_id=staff.whatsapp_id,
            removed_at=staff.removed_at))
        await self._changed()
        self._cache.pop("staff_index", None)

    async def find_staff(self, platform: Platform, external_id: str) -> Staff | None:
        column = t.staff.c.telegram_id if platform is Platform.TELEGRAM else t.staff.c.whatsapp_id
        row = (await self._conn.execute(
            select(t.staff).where(column == external_id))).mappings().first()
        return _staff(row) if row else None

    async def log_plan(self, client_id: int, plan: Plan | None, at: datetime, by: str) -> None:
        await self._conn.execute(insert(plan_changes).values(
            client_id=client_id, changed_at=at, changed_by=by, plan=_plan_json(plan)))

    async def plan_history(self, client_id: int) -> Sequence[PlanChange]:
        rows = await self._conn.execute(
            select(plan_changes).where(plan_changes.c.client_id == client_id)
            .order_by(plan_changes.c.changed_at, plan_changes.c.id))
        return [PlanChange(r["changed_at"], r["changed_by"], _plan(r["plan"]))
                for r in rows.mappings()]
