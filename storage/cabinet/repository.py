"""The cabinet's repository: login links, preferences, people by account. It never commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import insert, select, update

from domain.cabinet.model import LoginGrant
from domain.kernel.model import Person, Platform
from storage.cabinet.tables import cabinet_logins as L
from storage.cabinet.tables import cabinet_prefs as P
from storage.kernel import tables as t
from storage.kernel.repository import _person, _Repo


class SqlCabinetRepository(_Repo):
    async def add_login(self, token_hash: str, grant: LoginGrant, created_at: datetime,
                        expires_at: datetime) -> None:
        await self._conn.execute(insert(L).values(
            token_hash=token_hash, person_id=grant.person_id, staff_id=grant.staff_id,
            created_at=created_at, expires_at=expires_at))

    async def redeem_login(self, token_hash: str, now: datetime) -> LoginGrant | None:
        # One statement decides: two browsers racing for one link cannot both win.
        row = (await self._conn.execute(
            update(L).where(L.c.token_hash == token_hash, L.c.used_at.is_(None),
                            L.c.expires_at > now)
            .values(used_at=now).returning(L.c.person_id, L.c.staff_id))).first()
        return LoginGrant(row.person_id, row.staff_id) if row else None

    async def people_of(self, platform: Platform, external_id: str) -> Sequence[Person]:
        rows = await self._conn.execute(select(t.people).where(
            t.people.c.platform == platform.value, t.people.c.external_id == external_id)
            .order_by(t.people.c.client_id))
        return [_person(r) for r in rows.mappings()]

    async def money_owner_only(self, client_id: int) -> bool:
        value = (await self._conn.execute(select(P.c.money_owner_only).where(
            P.c.client_id == client_id))).scalar()
        return bool(value)

    async def set_money_owner_only(self, client_id: int, on: bool) -> None:
        done = await self._conn.execute(
            update(P).where(P.c.client_id == client_id).values(money_owner_only=on))
        if done.rowcount == 0:
            await self._conn.execute(insert(P).values(client_id=client_id, money_owner_only=on))
