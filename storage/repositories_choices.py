"""The repository of numbered questions awaiting an answer. It never commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.engine import RowMapping

from domain.model import Platform
from domain.pending_choices import PendingChoice
from storage.repositories import _Repo
from storage.tables_choices import pending_choices as pc


def _choice(row: RowMapping) -> PendingChoice:
    return PendingChoice(
        id=row["id"],
        platform=Platform(row["platform"]),
        chat_external_id=row["chat_external_id"],
        prompt_message_id=row["prompt_message_id"],
        ticket_id=row["ticket_id"],
        asked_of=row["asked_of"],
        options=tuple(row["options"].split(",")) if row["options"] else (),
        created_at=row["created_at"],
        answered=row["answered"],
    )


class SqlPendingChoiceRepository(_Repo):
    async def add(self, choice: PendingChoice) -> PendingChoice:
        result = await self._conn.execute(insert(pc).values(
            platform=choice.platform.value,
            chat_external_id=choice.chat_external_id,
            prompt_message_id=choice.prompt_message_id,
            ticket_id=choice.ticket_id,
            asked_of=choice.asked_of,
            options=",".join(choice.options),
            created_at=choice.created_at,
            answered=choice.answered,
        ))
        choice.id = result.inserted_primary_key[0]
        return choice

    async def for_prompt(
        self, platform: Platform, chat_external_id: str, prompt_message_id: str
    ) -> PendingChoice | None:
        row = (await self._conn.execute(select(pc).where(
            pc.c.platform == platform.value,
            pc.c.chat_external_id == chat_external_id,
            pc.c.prompt_message_id == prompt_message_id,
        ))).mappings().first()
        return _choice(row) if row else None

    async def latest_open(
        self, platform: Platform, chat_external_id: str, asked_of: str, since: datetime
    ) -> PendingChoice | None:
        row = (await self._conn.execute(
            select(pc).where(
                pc.c.platform == platform.value,
                pc.c.chat_external_id == chat_external_id,
                pc.c.asked_of == asked_of,
                pc.c.answered.is_(False),
                pc.c.created_at >= since,
            ).order_by(pc.c.created_at.desc(), pc.c.id.desc()).limit(1)
        )).mappings().first()
        return _choice(row) if row else None

    async def close_for_ticket(self, ticket_id: int) -> None:
        await self._conn.execute(
            update(pc).where(pc.c.ticket_id == ticket_id, pc.c.answered.is_(False))
            .values(answered=True)
        )

    async def for_chat(
        self, platform: Platform, chat_external_id: str
    ) -> Sequence[PendingChoice]:
        rows = await self._conn.execute(
            select(pc).where(pc.c.platform == platform.value,
                             pc.c.chat_external_id == chat_external_id)
            .order_by(pc.c.created_at, pc.c.id)
        )
        return [_choice(r) for r in rows.mappings()]
