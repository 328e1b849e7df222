"""Intake's hot statements run on SQLite's cursor inside a group-commit batch
(`storage.sqlite_batch._Plan`): what they write and read must be exactly what SQLAlchemy
writes and reads, and their errors the ones SQLAlchemy raises."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from domain.kernel.model import (
    Coverage,
    Disposition,
    Kind,
    MediaKind,
    MediaNote,
    Message,
    Platform,
    RefusalReason,
    Ticket,
    TicketStatus,
)
from domain.onboarding.service import add_client, link_chat
from domain.outbox.model import NoticeType, Outbound
from storage import sqlite_batch
from storage.kernel import repository as kernel_sql
from storage.outbox import repository as outbox_sql
from tests.conftest import T0


def _message(chat_id: int, external_id: str, ticket_id: int | None = None) -> Message:
    return Message(
        id=None, platform=Platform.TELEGRAM, chat_external_id="-100500",
        external_id=external_id, chat_id=chat_id, sender_external_id="101",
        sender_name="Катя", sent_at=T0 + timedelta(microseconds=123_456),
        text="Не работает телефония", media=MediaKind.PHOTO, reply_to="7", album_id="a1",
        from_staff=False, ticket_id=ticket_id, disposition=Disposition.TICKET,
        kind=Kind.TECHNICAL, reason=RefusalReason.PIRACY, confidence=0.625,
        media_text="Ошибка 0x80070005", media_note=MediaNote.RECOGNIZED,
    )


async def _world(uow_factory):
    async with uow_factory() as uow:
        client = await add_client(uow, "ACME", now=T0)
        chat = await link_chat(uow, client, Platform.TELEGRAM, "-100500")
        await uow.commit()
    return client, chat


def _ticket(client_id: int, chat_id: int, number: int) -> Ticket:
    return Ticket(None, client_id, number, Kind.TECHNICAL, TicketStatus.AWAITING_CONFIRMATION,
                  "Телефония", "Не работает телефония", chat_id, None, Coverage.COVERED,
                  hourly_rate=250_000, confidence=0.8, created_at=T0, updated_at=T0,
                  last_client_message_at=T0)


async def test_hot_statements_in_a_batch_write_and_read_what_sqlalchemy_does(uow_factory):
    client, chat = await _world(uow_factory)
    async with uow_factory.batch() as batch:
        async with uow_factory() as uow:
            ticket = await uow.tickets.add(_ticket(client.id, chat.id, 1))
            ticket.status = TicketStatus.ACCEPTED
            ticket.confirmed_at = T0 + timedelta(minutes=1)
            ticket.updated_at = T0 + timedelta(minutes=1)
            await uow.tickets.update(ticket)
            read_in_batch = await uow.tickets.get(ticket.id, with_messages=False)
            stored = await uow.messages.add(_message(chat.id, "42", ticket.id))
            in_batch = await uow.messages.get(Platform.TELEGRAM, "-100500", "42")
            seen = await uow.messages.exists(Platform.TELEGRAM, "-100500", "42")
            unseen = await uow.messages.exists(Platform.TELEGRAM, "-100500", "43")
            open_in_batch = await uow.tickets.open_for_client(
                client.id, active_since=T0 - timedelta(days=1), limit=5)
            notice = Outbound("draft:1", NoticeType.DRAFT, Platform.TELEGRAM, "-100500",
                              "Записал заявку", T0, client_id=client.id, ticket_id=ticket.id)
            assert await uow.notices.record(notice) is True
            assert await uow.notices.record(replace(notice, id=None)) is False  # a duplicate
            await uow.notices.mark_sent(notice.id, "900", T0 + timedelta(seconds=2))
            await uow.commit()
        await batch.commit()
    # The statements above did run below SQLAlchemy: each has a plan.
    planned = {id(s) for s in (kernel_sql._MESSAGE_INSERT, kernel_sql._MESSAGE_GET,
                               kernel_sql._MESSAGE_EXISTS, kernel_sql._OPEN_RECENT,
                               kernel_sql._TICKET_UPDATE, kernel_sql._TICKET_INSERT,
                               kernel_sql._TICKET_GET, kernel_sql._STATUS_CHANGE_LOGGED,
                               outbox_sql._RECORD["sqlite"], outbox_sql._MARK_SENT)}
    assert planned <= {key[0] for key, plan in sqlite_batch._PLANS.items() if plan}
    # ... and SQLAlchemy reads back exactly what they wrote, and what they read.
    async with uow_factory() as uow:
        again = await uow.messages.get(Platform.TELEGRAM, "-100500", "42")
        open_now = await uow.tickets.open_for_client(
            client.id, active_since=T0 - timedelta(days=1), limit=5)
        sent = [n for n in await uow.notices.unsent()]
    assert stored.id is not None and in_batch == again == replace(_message(chat.id, "42",
                                                                            ticket.id),
                                                                   id=stored.id)
    assert again.sent_at == T0 + timedelta(microseconds=123_456) and again.sent_at.tzinfo
    assert (seen, unseen) == (True, False)
    assert open_in_batch == open_now and len(open_now) == 1
    assert read_in_batch == replace(open_now[0], message_ids=[])
    assert open_now[0].status is TicketStatus.ACCEPTED
    assert open_now[0].confirmed_at == T0 + timedelta(minutes=1)
    assert sent == []  # marked sent by the hot UPDATE


async def test_a_duplicate_on_the_hot_path_raises_sqlalchemys_integrity_error(uow_factory):
    client, chat = await _world(uow_factory)
    async with uow_factory.batch() as batch:
        async with uow_factory() as uow:
            await uow.messages.add(_message(chat.id, "42"))
            await uow.commit()
        with pytest.raises(IntegrityError):
            async with uow_factory() as uow:
                await uow.messages.add(_message(chat.id, "42"))
        await batch.commit()  # only the failed unit's savepoint was rolled back
    async with uow_factory() as uow:
        assert await uow.messages.exists(Platform.TELEGRAM, "-100500", "42")


async def test_the_inbox_claims_and_marks_a_batch_on_the_hot_path_as_sqlalchemy_would(
        uow_factory):
    from sqlalchemy import select

    from storage.reliability import repository as inbox_sql
    from storage.reliability.tables import inbox

    engine = uow_factory.engine
    await inbox_sql.inbox_put(engine, [("telegram", str(i), f'{{"n": {i}}}') for i in range(5)],
                              T0)
    done_at = T0 + timedelta(seconds=3, microseconds=250_000)
    async with uow_factory.batch() as batch:
        claimed = await inbox_sql.inbox_claim(batch.connection, 4)
        await inbox_sql.inbox_finish(batch.connection, [claimed[0].id, claimed[2].id],
                                     {claimed[1].id: "ValueError: bad"}, done_at)
        await batch.commit()
    planned = {id(inbox_sql._PENDING), id(inbox_sql._DONE)}
    assert planned <= {key[0] for key, plan in sqlite_batch._PLANS.items() if plan}
    assert [(r.key, r.payload, r.attempts) for r in claimed] == [
        (str(i), f'{{"n": {i}}}', 0) for i in range(4)]
    async with engine.connect() as conn:
        rows = (await conn.execute(select(inbox.c.key, inbox.c.status, inbox.c.attempts,
                                          inbox.c.processed_at).order_by(inbox.c.id))).all()
    assert [tuple(r) for r in rows] == [
        ("0", "done", 0, done_at), ("1", "pending", 1, None), ("2", "done", 0, done_at),
        ("3", "pending", 0, None), ("4", "pending", 0, None)]
    assert rows[0].processed_at.tzinfo is not None
    async with uow_factory.batch() as batch:  # what is done is never claimed again
        again = await inbox_sql.inbox_claim(batch.connection, 10)
    assert [r.key for r in again] == ["1", "3", "4"]


@pytest.mark.parametrize("stored", [None, "2026-11-02 09:00:00.123456", "2026-11-02 09:00:00",
                                    "2026-11-02", "2026-11-02 12:00:00.5+03:00"])
def test_a_utc_datetime_read_on_the_hot_path_is_what_sqlalchemy_makes_of_it(stored):
    from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite

    from storage.kernel.tables import UTCDateTime

    dialect = SQLiteDialect_pysqlite()
    fast = sqlite_batch._result_processor(dialect, UTCDateTime())
    assert fast is not UTCDateTime()._cached_result_processor(dialect, None)  # the one-call one
    expected = UTCDateTime()._cached_result_processor(dialect, None)(stored)
    got = fast(stored)
    assert got == expected and (got is None or got.tzinfo == expected.tzinfo)


async def test_hot_statements_store_datetimes_as_the_same_text_as_sqlalchemy(uow_factory):
    """SQLite compares datetimes as text: a row written on the hot path must hold the very
    text SQLAlchemy writes (naive UTC, six-digit fraction), or `sent_at >= :since` misjudges
    rows at the boundary (and a non-UTC offset would be compared as if it were UTC)."""
    from sqlalchemy import text

    client, chat = await _world(uow_factory)
    async with uow_factory.batch() as batch:
        async with uow_factory() as uow:  # the hot path
            await uow.messages.add(_message(chat.id, "hot"))
            await uow.tickets.add(_ticket(client.id, chat.id, 1))
            await uow.commit()
        await batch.commit()
    async with uow_factory() as uow:  # SQLAlchemy's own execution
        await uow.messages.add(_message(chat.id, "plain"))
        await uow.tickets.add(_ticket(client.id, chat.id, 2))
        await uow.commit()
    async with uow_factory.engine.connect() as conn:
        sent = dict((await conn.execute(text(
            "SELECT external_id, sent_at FROM messages"))).all())
        created = dict((await conn.execute(text(
            "SELECT number, created_at FROM tickets"))).all())
    assert sent["hot"] == sent["plain"] == "2026-11-12 06:00:00.123456"
    assert created[1] == created[2] == "2026-11-12 06:00:00.000000"


async def test_intakes_other_lookups_on_the_hot_path_read_and_write_what_sqlalchemy_does(
        uow_factory):
    """Chats, people, the burst's pending media, ticket numbers, the draft's prompt and the
    read cache's stamp: planned on the hot path in a batch, the same as SQLAlchemy outside."""
    from domain.kernel.model import Disposition, Person
    from storage.kernel import cache as cache_sql

    client, chat = await _world(uow_factory)
    pending = replace(_message(chat.id, "p1"), disposition=Disposition.PENDING)

    async def read(uow) -> tuple:  # noqa: ANN001
        return (await uow.chats.get(chat.id), await uow.chats.find(Platform.TELEGRAM, "-100500"),
                await uow.people.find(client.id, Platform.TELEGRAM, "101"),
                await uow.messages.pending_media(chat.id, "101", T0 - timedelta(hours=1)))

    async with uow_factory.batch() as batch:
        async with uow_factory() as uow:
            uow._cache.shared = None  # every lookup reads the database
            assert await uow.people.find(client.id, Platform.TELEGRAM, "101") is None
            person = await uow.people.add(Person(None, client.id, Platform.TELEGRAM, "101",
                                                 "Катя"))
            await uow.messages.add(pending)
            numbers = [await uow.clients.next_ticket_number(client.id) for _ in range(2)]
            ticket = await uow.tickets.add(_ticket(client.id, chat.id, numbers[-1]))
            await uow.tickets.set_prompt(ticket.id, "777")
            in_batch = await read(uow)
            await uow.commit()
        await batch.commit()
    async with uow_factory.batch(), uow_factory() as uow:  # a fresh batch reads the stamp
        assert await uow.clients.get(client.id) == client
    planned = {id(s) for s in (kernel_sql._CHAT_GET, kernel_sql._CHAT_FIND,
                               kernel_sql._PERSON_FIND, kernel_sql._PERSON_INSERT,
                               kernel_sql._PENDING_MEDIA, kernel_sql._NEXT_NUMBER,
                               kernel_sql._SET_PROMPT, cache_sql._STAMP)}
    assert planned <= {key[0] for key, plan in sqlite_batch._PLANS.items() if plan}
    async with uow_factory() as uow:
        uow._cache.shared = None
        outside = await read(uow)
        stored = await uow.tickets.get(ticket.id, with_messages=False)
        assert await uow.clients.next_ticket_number(client.id) == numbers[-1] + 1
    assert in_batch == outside
    assert outside[0] == outside[1] == chat
    assert outside[2] == person and person.id is not None
    assert [m.external_id for m in outside[3]] == ["p1"]
    assert numbers == [1, 2] and stored.prompt_message_id == "777"
