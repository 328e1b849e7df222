"""The repository of numbered questions awaiting an answer. It never commits."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import bindparam, func, insert, or_, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import RowMapping

from domain.kernel.model import Choice, Person, PersonRole, Platform
from domain.outbox.model import NoticeType, Outbound, PendingChoice
from storage.hot import hot
from storage.kernel.repository import _Repo
from storage.kernel.tables import UTCDateTime, messages, people, tickets
from storage.outbox.tables import notices as n
from storage.outbox.tables import pending_choices as pc
from storage.outbox.tables import scheduler_state as state


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


def _choices(raw: str | None) -> tuple[Choice, ...]:
    return tuple(Choice(key, label, row) for key, label, row in json.loads(raw)) if raw else ()


def _outbound(row: RowMapping) -> Outbound:
    return Outbound(
        key=row["key"], kind=NoticeType(row["kind"]), platform=Platform(row["platform"]),
        chat_id=row["chat_id"], text=row["text"], not_before=row["not_before"],
        client_id=row["client_id"], ticket_id=row["ticket_id"], chart=row["chart"],
        choices=_choices(row["choices"]), reply_to=row["reply_to"], edit_of=row["edit_of"],
        follow_up=row["follow_up"], media=row["media"], id=row["id"], attempts=row["attempts"],
        sent_at=row["sent_at"], message_id=row["message_id"], failed_at=row["failed_at"],
        last_error=row["last_error"],
    )


# Built once: a draft is recorded and marked sent for about every second client message, and
# building these per call cost more than running them. ON CONFLICT DO NOTHING: a concurrent
# duplicate is skipped, not an error that would abort the whole PostgreSQL transaction.
_RECORD = {
    name: hot(dialect.insert(n).on_conflict_do_nothing(index_elements=[n.c.key])
              .returning(n.c.id))
    for name, dialect in (("sqlite", sqlite), ("postgresql", postgresql))
}
_MARK_SENT = hot(update(n).where(n.c.id == bindparam("notice_key")).values(
    sent_at=bindparam("sent_key", type_=UTCDateTime()), message_id=bindparam("message_key"),
    claimed_until=None))


class SqlNoticeRepository(_Repo):
    def _insert(self, table):  # noqa: ANN001, ANN202
        # ON CONFLICT DO NOTHING: a concurrent duplicate is skipped, not an error that would
        # abort the whole PostgreSQL transaction.
        return (sqlite if self._conn.dialect.name == "sqlite" else postgresql).insert(table)

    async def try_lock(self, name: str) -> bool:
        """A transaction-level advisory lock on PostgreSQL, released at commit or rollback.
        SQLite has one writer at a time already, so there it always succeeds."""
        if self._conn.dialect.name != "postgresql":
            return True
        result = await self._conn.execute(
            text("SELECT pg_try_advisory_xact_lock(hashtext(:name))"), {"name": f"job:{name}"})
        return bool(result.scalar())

    async def record(self, notice: Outbound) -> bool:
        statement = _RECORD.get(self._conn.dialect.name)
        if statement is None:
            statement = self._insert(n).on_conflict_do_nothing(
                index_elements=[n.c.key]).returning(n.c.id)
        result = await self._conn.execute(statement, {
            "key": notice.key, "kind": notice.kind.value, "client_id": notice.client_id,
            "ticket_id": notice.ticket_id, "platform": notice.platform.value,
            "chat_id": notice.chat_id, "text": notice.text, "chart": notice.chart,
            "choices": json.dumps([[c.key, c.label, c.row] for c in notice.choices],
                                  ensure_ascii=False) if notice.choices else None,
            "reply_to": notice.reply_to, "edit_of": notice.edit_of,
            "follow_up": notice.follow_up, "media": notice.media,
            "not_before": notice.not_before, "created_at": notice.not_before,
        })
        row = result.first()
        if row is None:
            return False
        notice.id = row.id
        return True

    async def claim(self, now: datetime, until: datetime, limit: int) -> Sequence[Outbound]:
        free = or_(n.c.claimed_until.is_(None), n.c.claimed_until <= now)
        due = (select(n.c.id).where(n.c.sent_at.is_(None), n.c.failed_at.is_(None),
                                    n.c.not_before <= now, free)
               .order_by(n.c.not_before, n.c.id).limit(limit))
        # The WHERE is checked again on the locked row, so of two senders only one claims it.
        rows = (await self._conn.execute(
            update(n).where(n.c.id.in_(due.scalar_subquery()), n.c.sent_at.is_(None), free)
            .values(claimed_until=until).returning(*n.c))).mappings().all()
        return sorted((_outbound(r) for r in rows), key=lambda o: (o.not_before, o.id))

    async def mark_sent(self, notice_id: int, message_id: str | None, at: datetime) -> None:
        await self._conn.execute(_MARK_SENT, {"notice_key": notice_id, "sent_key": at,
                                              "message_key": message_id})

    async def mark_failed(self, notice_id: int, error: str, retry_at: datetime | None,
                          at: datetime) -> None:
        values: dict[str, object] = {"attempts": n.c.attempts + 1, "last_error": error,
                                     "claimed_until": None}
        if retry_at is None:
            values["failed_at"] = at
        else:
            values["not_before"] = retry_at
        await self._conn.execute(update(n).where(n.c.id == notice_id).values(**values))

    async def defer(self, notice_id: int, not_before: datetime) -> None:
        await self._conn.execute(update(n).where(n.c.id == notice_id).values(
            not_before=not_before, claimed_until=None))

    async def rekey_chat(self, platform: Platform, old_chat_id: str, new_chat_id: str) -> int:
        result = await self._conn.execute(update(n).where(
            n.c.platform == platform.value, n.c.chat_id == old_chat_id, n.c.sent_at.is_(None),
            n.c.failed_at.is_(None)).values(chat_id=new_chat_id))
        return result.rowcount or 0

    async def next_due(self) -> datetime | None:
        due = func.coalesce(n.c.claimed_until, n.c.not_before)
        if self._conn.dialect.name == "postgresql":
            due = func.greatest(n.c.not_before, due)
        else:
            due = func.max(n.c.not_before, due)
        return (await self._conn.execute(
            select(func.min(due, type_=UTCDateTime())).where(n.c.sent_at.is_(None), n.c.failed_at.is_(None))
        )).scalar()

    async def unsent(self, limit: int = 200) -> Sequence[Outbound]:
        pending = (await self._conn.execute(
            select(n).where(n.c.sent_at.is_(None), n.c.failed_at.is_(None))
            .order_by(n.c.not_before, n.c.id).limit(limit))).mappings().all()
        failed = (await self._conn.execute(
            select(n).where(n.c.failed_at.is_not(None)).order_by(n.c.failed_at.desc(),
                                                                  n.c.id.desc())
            .limit(limit))).mappings().all()
        return [_outbound(r) for r in (*pending, *failed)]

    async def all(self) -> Sequence[Outbound]:
        rows = (await self._conn.execute(select(n).order_by(n.c.id))).mappings().all()
        return [_outbound(r) for r in rows]

    async def watermark(self, job_id: str) -> tuple[datetime | None, int]:
        row = (await self._conn.execute(
            select(state).where(state.c.job_id == job_id))).mappings().first()
        return (None, 0) if row is None else (row["last_run_at"], row["watermark"])

    async def set_watermark(self, job_id: str, at: datetime, watermark: int) -> None:
        stmt = self._insert(state).values(job_id=job_id, last_run_at=at, watermark=watermark)
        await self._conn.execute(stmt.on_conflict_do_update(
            index_elements=[state.c.job_id],
            set_={"last_run_at": at, "watermark": watermark}))

    async def changed_tickets(self, since: datetime | None,
                              after_message_id: int) -> tuple[Sequence[int], int]:
        """Confirmed tickets updated at or after `since`, or with messages logged after
        `after_message_id` (staff answers do not touch the ticket row); and the newest
        message id, the next watermark. Both are index range scans."""
        updated = select(tickets.c.id).where(tickets.c.confirmed_at.is_not(None))
        if since is not None:
            updated = updated.where(tickets.c.updated_at >= since)
        ids = set((await self._conn.execute(updated)).scalars())
        rows = (await self._conn.execute(
            select(messages.c.ticket_id).where(messages.c.id > after_message_id,
                                               messages.c.ticket_id.is_not(None))
            .distinct())).scalars()
        ids.update(rows)
        newest = (await self._conn.execute(select(func.max(messages.c.id)))).scalar()
        return sorted(ids), max(newest or 0, after_message_id)

    async def owners(self, client_id: int) -> Sequence[Person]:
        rows = (await self._conn.execute(
            select(people).where(people.c.client_id == client_id,
                                 people.c.role == PersonRole.OWNER.value)
            .order_by(people.c.id))).mappings().all()
        return [Person(r["id"], r["client_id"], Platform(r["platform"]), r["external_id"],
                       r["name"], PersonRole(r["role"])) for r in rows]
