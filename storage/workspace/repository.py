"""The staff workspace's repository over SQLAlchemy Core. It never commits."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Float, Integer, column, func, insert, select, text, update
from sqlalchemy.engine import RowMapping

from domain.kernel.model import Ticket, TicketStatus
from domain.workspace.model import (
    Estimate,
    EstimateStatus,
    KbHit,
    Note,
    NoteKind,
    TimeCategory,
    TimeEntry,
)
from storage.kernel import tables as t
from storage.kernel.repository import _Repo, _ticket
from storage.workspace import tables as w

SNIPPET = 160


# Russian words change their endings ("телефония", "телефонии", "телефонию"); FTS5's unicode61
# tokenizer does not stem, so a long word is matched by its prefix without the last letters.
_STEM_FROM = 6


_WORD = re.compile(r"\w+", re.UNICODE)


def normalize(text_: str) -> str:
    return text_.lower().replace("ё", "е")


def fts5_query(words: Sequence[str], *, match_all: bool) -> str:
    """An FTS5 MATCH expression of quoted prefix terms: user input never becomes syntax."""
    terms = []
    for raw in words:
        for word in _WORD.findall(normalize(raw)):
            if len(word) < 3:
                continue
            stem = word[:-2] if len(word) >= _STEM_FROM else word
            terms.append(f'"{stem}"*')
    return (" AND " if match_all else " OR ").join(dict.fromkeys(terms))


def _note(row: RowMapping) -> Note:
    return Note(id=row["id"], ticket_id=row["ticket_id"], staff_id=row["staff_id"],
                kind=NoteKind(row["kind"]), text=row["text"], created_at=row["created_at"],
                media_chat_id=row["media_chat_id"], media_message_id=row["media_message_id"])


def _entry(row: RowMapping) -> TimeEntry:
    return TimeEntry(id=row["id"], ticket_id=row["ticket_id"], client_id=row["client_id"],
                     staff_id=row["staff_id"], minutes=row["minutes"],
                     category=TimeCategory(row["category"]), description=row["description"],
                     period=row["period"], idempotency_key=row["idempotency_key"],
                     created_at=row["created_at"], corrects_id=row["corrects_id"])


def _estimate(row: RowMapping) -> Estimate:
    return Estimate(id=row["id"], ticket_id=row["ticket_id"], minutes=row["minutes"],
                    price=row["price"], status=EstimateStatus(row["status"]),
                    proposed_by=row["proposed_by"], created_at=row["created_at"],
                    decided_by=row["decided_by"], decided_at=row["decided_at"])


class SqlWorkspaceRepository(_Repo):
    # -- who serves whom ------------------------------------------------------------------------

    async def serves(self, staff_id: int, client_id: int) -> bool:
        query = select(w.staff_clients.c.staff_id).where(
            w.staff_clients.c.staff_id == staff_id, w.staff_clients.c.client_id == client_id)
        return (await self._conn.execute(query)).first() is not None

    async def serve(self, staff_id: int, client_id: int) -> bool:
        if await self.serves(staff_id, client_id):
            return False
        await self._conn.execute(insert(w.staff_clients).values(staff_id=staff_id,
                                                                client_id=client_id))
        return True

    async def served_clients(self, staff_id: int) -> Sequence[int]:
        rows = await self._conn.execute(select(w.staff_clients.c.client_id).where(
            w.staff_clients.c.staff_id == staff_id).order_by(w.staff_clients.c.client_id))
        return list(rows.scalars())

    async def servers_of(self, client_id: int) -> Sequence[int]:
        rows = await self._conn.execute(select(w.staff_clients.c.staff_id).where(
            w.staff_clients.c.client_id == client_id).order_by(w.staff_clients.c.staff_id))
        return list(rows.scalars())

    async def tickets(self, client_ids: Sequence[int] | None,
                      statuses: Sequence[TicketStatus]) -> Sequence[Ticket]:
        query = select(t.tickets).where(t.tickets.c.status.in_([s.value for s in statuses]))
        if client_ids is not None:
            query = query.where(t.tickets.c.client_id.in_(list(client_ids)))
        rows = await self._conn.execute(query.order_by(t.tickets.c.created_at, t.tickets.c.id))
        return [_ticket(r) for r in rows.mappings()]

    # -- notes ----------------------------------------------------------------------------------

    async def add_note(self, note: Note) -> Note:
        result = await self._conn.execute(insert(w.ticket_notes).values(
            ticket_id=note.ticket_id, staff_id=note.staff_id, kind=note.kind.value,
            text=note.text, created_at=note.created_at, media_chat_id=note.media_chat_id,
            media_message_id=note.media_message_id))
        return Note(result.inserted_primary_key[0], note.ticket_id, note.staff_id, note.kind,
                    note.text, note.created_at, note.media_chat_id, note.media_message_id)

    async def notes(self, ticket_id: int) -> Sequence[Note]:
        rows = await self._conn.execute(select(w.ticket_notes).where(
            w.ticket_notes.c.ticket_id == ticket_id).order_by(w.ticket_notes.c.id))
        return [_note(r) for r in rows.mappings()]

    # -- time -----------------------------------------------------------------------------------

    async def add_time(self, entry: TimeEntry) -> TimeEntry:
        result = await self._conn.execute(insert(w.time_entries).values(
            ticket_id=entry.ticket_id, client_id=entry.client_id, staff_id=entry.staff_id,
            minutes=entry.minutes, category=entry.category.value, description=entry.description,
            period=entry.period, corrects_id=entry.corrects_id,
            idempotency_key=entry.idempotency_key, created_at=entry.created_at))
        return TimeEntry(result.inserted_primary_key[0], entry.ticket_id, entry.client_id,
                         entry.staff_id, entry.minutes, entry.category, entry.description,
                         entry.period, entry.idempotency_key, entry.created_at, entry.corrects_id)

    async def time_by_key(self, idempotency_key: str) -> Sequence[TimeEntry]:
        # One logging can make two entries (within and over an estimate): "key" and "key/over".
        rows = await self._conn.execute(select(w.time_entries).where(
            w.time_entries.c.idempotency_key.in_([idempotency_key, f"{idempotency_key}/over"]))
            .order_by(w.time_entries.c.id))
        return [_entry(r) for r in rows.mappings()]

    async def time_entry(self, entry_id: int) -> TimeEntry | None:
        row = (await self._conn.execute(select(w.time_entries).where(
            w.time_entries.c.id == entry_id))).mappings().first()
        return _entry(row) if row else None

    async def time_for_ticket(self, ticket_id: int) -> Sequence[TimeEntry]:
        rows = await self._conn.execute(select(w.time_entries).where(
            w.time_entries.c.ticket_id == ticket_id).order_by(w.time_entries.c.id))
        return [_entry(r) for r in rows.mappings()]

    # -- estimates ------------------------------------------------------------------------------

    async def add_estimate(self, estimate: Estimate) -> Estimate:
        result = await self._conn.execute(insert(w.estimates).values(
            ticket_id=estimate.ticket_id, minutes=estimate.minutes, price=estimate.price,
            status=estimate.status.value, proposed_by=estimate.proposed_by,
            created_at=estimate.created_at))
        estimate.id = result.inserted_primary_key[0]
        return estimate

    async def estimate(self, estimate_id: int) -> Estimate | None:
        row = (await self._conn.execute(select(w.estimates).where(
            w.estimates.c.id == estimate_id))).mappings().first()
        return _estimate(row) if row else None

    async def estimates_for(self, ticket_id: int) -> Sequence[Estimate]:
        rows = await self._conn.execute(select(w.estimates).where(
            w.estimates.c.ticket_id == ticket_id).order_by(w.estimates.c.id))
        return [_estimate(r) for r in rows.mappings()]

    async def decide_estimate(self, estimate: Estimate) -> None:
        await self._conn.execute(update(w.estimates).where(
            w.estimates.c.id == estimate.id,
            w.estimates.c.status == EstimateStatus.PROPOSED.value,
        ).values(status=estimate.status.value, decided_by=estimate.decided_by,
                 decided_at=estimate.decided_at))

    # -- knowledge base -------------------------------------------------------------------------

    @property
    def _sqlite(self) -> bool:
        return self._conn.dialect.name == "sqlite"

    async def kb_add(self, client_id: int, ticket_id: int, source: str, text_: str,
                     at: datetime) -> None:
        result = await self._conn.execute(insert(w.kb_entries).values(
            client_id=client_id, ticket_id=ticket_id, source=source, text=text_, created_at=at))
        if self._sqlite:  # external-content FTS5 is filled by hand, in the same transaction
            await self._conn.execute(text(f"INSERT INTO {w.KB_FTS}(rowid, text) VALUES (:i, :b)"),
                                     {"i": result.inserted_primary_key[0], "b": normalize(text_)})

    async def kb_search(self, client_ids: Sequence[int] | None, words: Sequence[str], *,
                        match_all: bool, limit: int) -> Sequence[KbHit]:
        kb = w.kb_entries
        if self._sqlite:
            expression = fts5_query(words, match_all=match_all)
            if not expression:
                return []
            fts = text(f"SELECT rowid AS id, bm25({w.KB_FTS}) AS rank FROM {w.KB_FTS} "
                       f"WHERE {w.KB_FTS} MATCH :q").columns(
                column("id", Integer), column("rank", Float)).subquery("fts")
            matched = select(kb, t.tickets.c.number, t.tickets.c.title).join(
                fts, fts.c.id == kb.c.id).order_by(fts.c.rank)
            params = {"q": expression}
        else:
            terms = [word for raw in words for word in _WORD.findall(normalize(raw))]
            if not terms:
                return []
            query = func.to_tsquery("russian", (" & " if match_all else " | ").join(
                f"{term}:*" for term in terms))
            vector = func.to_tsvector("russian", kb.c.text)
            matched = select(kb, t.tickets.c.number, t.tickets.c.title).where(
                vector.op("@@")(query)).order_by(func.ts_rank(vector, query).desc())
            params = {}
        matched = matched.join(t.tickets, t.tickets.c.id == kb.c.ticket_id)
        if client_ids is not None:
            matched = matched.where(kb.c.client_id.in_(list(client_ids)))
        rows = await self._conn.execute(matched.limit(limit * 3), params)
        hits: dict[int, KbHit] = {}
        for row in rows.mappings():
            if row["ticket_id"] not in hits:
                body = row["text"]
                hits[row["ticket_id"]] = KbHit(
                    row["ticket_id"], row["number"], row["title"],
                    body if len(body) <= SNIPPET else body[:SNIPPET - 1] + "…", row["source"])
        return list(hits.values())[:limit]
