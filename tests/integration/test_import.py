"""Chat history import on real SQLite files: exports go through the live intake pipeline."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from bot.importers.synthetic import write_telegram_export
from bot.importing import history, plan_for, scan_export
from domain.intake.importing import ChatImport, ImportRefused, ImportReport
from domain.intake.service import IntakeService
from domain.kernel.model import Language, Platform
from domain.onboarding.service import add_client, link_chat
from domain.triage import default_classifier
from storage.engine import make_engine, upgrade
from storage.kernel import tables as tables
from storage.uow import SqlUnitOfWorkFactory
from storage.uow_import import InlineSqliteUnitOfWorkFactory

DATA = Path(__file__).parents[1] / "data" / "exports"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
MSK = ZoneInfo("Europe/Moscow")
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


async def run_import(uow_factory, path: Path, *, client: str | None = "ООО Ромашка",
                     staff: tuple[str, ...] = (), dry_run: bool = False,
                     chat: str | None = None) -> ImportReport:
    scan = scan_export(path, tz=MSK, chat=chat, staff=staff)
    importer = ChatImport(IntakeService(default_classifier()), uow_factory, batch_size=3)
    return await importer.run(plan_for(scan, client, Language.RU), history(scan), now=NOW,
                              dry_run=dry_run)


async def counts(uow_factory) -> dict[str, int]:
    async with uow_factory() as uow:
        conn = uow.messages._conn
        return {
            table.name: (await conn.execute(select(func.count()).select_from(table))).scalar_one()
            for table in (tables.clients, tables.chats, tables.people, tables.messages,
                          tables.tickets)
        }


def shape(report: ImportReport) -> dict:
    return {
        "tickets": [(tk.kind.value, tk.message_ids) for tk in report.tickets],
        "refused": [(mid, r.value) for mid, r in report.refused],
        "ignored": report.ignored,
    }


# -- the shared samples: what importing each should produce ----------------------------------


def _expected() -> dict:
    path = SHARED / "export_samples_expected.json"
    if not path.is_file():
        pytest.skip("../shared/data is not here")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["telegram_export_sample.json",
                                  "whatsapp_export_sample_android_ru.txt",
                                  "whatsapp_export_sample_ios_en.txt"])
async def test_shared_samples_become_exactly_the_expected_tickets_and_refusals(uow_factory, name):
    expected = _expected()[name]
    report = await run_import(uow_factory, SHARED / name, staff=tuple(expected["staff"]))

    assert [(tk.kind.value, tk.message_ids) for tk in report.tickets] == [
        (tk["kind"], tk["message_ids"]) for tk in expected["tickets"]]
    assert [{"message_id": m, "reason": r.value} for m, r in report.refused] == expected["refused"]
    ticketed = {m for tk in report.tickets for m in tk.message_ids}
    refused = {m for m, _ in report.refused}
    assert not set(expected["no_ticket"]) & (ticketed | refused)
    assert set(report.ignored) <= set(expected["no_ticket"])


# -- the rules ---------------------------------------------------------------------------


async def test_importing_the_same_file_twice_adds_nothing_and_reports_the_same(uow_factory):
    path = DATA / "whatsapp_android_ru.txt"
    first = await run_import(uow_factory, path, staff=("Павел | Поддержка",))
    before = await counts(uow_factory)
    second = await run_import(uow_factory, path, staff=("Павел | Поддержка",))

    assert await counts(uow_factory) == before
    assert shape(second) == shape(first)
    assert (first.stored, second.stored) == (first.messages - first.deleted, 0)


async def test_dry_run_writes_nothing_yet_reports_what_a_real_import_would(uow_factory):
    path = DATA / "telegram_single_chat.json"
    empty = await counts(uow_factory)
    dry = await run_import(uow_factory, path, staff=("user900",), dry_run=True)

    assert await counts(uow_factory) == empty
    real = await run_import(uow_factory, path, staff=("user900",))
    assert shape(dry) == shape(real) and real.tickets


async def test_staff_messages_never_become_tickets_but_a_staff_reply_stays_on_its_ticket(
        uow_factory):
    report = await run_import(uow_factory, DATA / "telegram_single_chat.json",
                              staff=("Павел | Поддержка",))
    assert "5" in report.ignored  # Павел's "Катя, смотрим", a reply to message 3
    ticket = next(tk for tk in report.tickets if "3" in tk.message_ids)
    async with uow_factory() as uow:
        reply = await uow.messages.get(Platform.TELEGRAM, "-1001001234567890", "5")
    assert reply.from_staff and reply.ticket_id == ticket.id


async def test_without_staff_the_integrators_people_are_judged_like_clients(uow_factory):
    report = await run_import(uow_factory, DATA / "whatsapp_ios_en.txt", client="Vector")
    async with uow_factory() as uow:
        chat = (await uow.chats.for_client((await uow.clients.get_by_name("Vector")).id))[0]
        pavel = [m for m in await uow.messages.for_chat(chat.id) if m.external_id == "14"]
    assert report.messages == 13 and not pavel[0].from_staff


async def test_a_deleted_message_is_counted_but_never_stored_or_judged(uow_factory):
    report = await run_import(uow_factory, DATA / "whatsapp_android_ru.txt",
                              staff=("Павел | Поддержка",))
    assert report.deleted == 2 and {"14", "15"} <= set(report.ignored)
    async with uow_factory() as uow:
        assert await uow.messages.get(Platform.WHATSAPP, report_chat(report), "14") is None


def report_chat(report: ImportReport) -> str:
    from bot.importing import whatsapp_chat_id

    return whatsapp_chat_id(report.client, "whatsapp_android_ru")


async def test_imported_tickets_keep_the_original_time_and_say_they_came_from_an_import(
        uow_factory):
    report = await run_import(uow_factory, DATA / "telegram_single_chat.json", staff=("user900",))
    first = report.tickets[0]
    async with uow_factory() as uow:
        stored = await uow.tickets.get(first.id)
    assert stored.source == "import"
    assert stored.created_at == datetime(2026, 11, 12, 6, 13, tzinfo=UTC)


async def test_a_client_that_does_not_exist_is_created_and_one_that_does_is_reused(
        uow_factory):
    created = await run_import(uow_factory, DATA / "whatsapp_ios_en.txt", client="Vector")
    again = await run_import(uow_factory, DATA / "whatsapp_android_ru.txt", client="vector")
    assert (created.client_created, again.client_created) == (True, False)
    assert again.client == "Vector"


async def test_without_client_the_chat_title_names_the_client(uow_factory):
    report = await run_import(uow_factory, DATA / "telegram_single_chat.json", client=None)
    assert report.client == "ООО Ромашка — поддержка" and report.client_created


async def test_history_lands_on_the_chat_the_live_bot_already_linked(uow_factory):
    async with uow_factory() as uow:
        client = await add_client(uow, "Ромашка", now=NOW)
        live = await link_chat(uow, client, Platform.TELEGRAM, "-1001001234567890")
        await uow.commit()
    report = await run_import(uow_factory, DATA / "telegram_single_chat.json", client=None)
    async with uow_factory() as uow:
        chats = await uow.chats.for_client(client.id)
    assert report.client == "Ромашка" and [c.id for c in chats] == [live.id]


async def test_a_chat_linked_to_another_client_is_refused_and_nothing_is_written(uow_factory):
    await run_import(uow_factory, DATA / "telegram_single_chat.json", client="Ромашка")
    before = await counts(uow_factory)
    with pytest.raises(ImportRefused) as info:
        await run_import(uow_factory, DATA / "telegram_single_chat.json", client="Вектор")
    assert info.value.params == {"linked": "Ромашка", "client": "Вектор"}
    assert await counts(uow_factory) == before


async def test_messages_out_of_time_order_are_judged_in_time_order(uow_factory, tmp_path):
    # The later question comes first in the file: judged in file order it would open the
    # ticket itself; in time order the 09:00 question opens it and the 10:00 one repeats it.
    lines = [
        "12.11.2026, 10:00 - Катя: Опять не работает телефония у Марины, входящие не доходят",
        "12.11.2026, 09:00 - Катя: Не работает телефония у Марины, входящие не доходят",
    ]
    path = tmp_path / "chat.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = await run_import(uow_factory, path)
    [ticket] = report.tickets
    assert ticket.title == "Не работает телефония у Марины, входящие не доходят"
    assert ticket.created_at == datetime(2026, 11, 12, 6, 0, tzinfo=UTC)
    assert (ticket.message_ids, ticket.repeats) == (["2", "1"], 1)


async def test_inline_sqlite_units_of_work_see_the_same_data_as_the_async_ones(
        sqlite_url, uow_factory):
    inline = InlineSqliteUnitOfWorkFactory(sqlite_url)
    try:
        report = await run_import(inline, DATA / "whatsapp_ios_en.txt", client="Vector")
    finally:
        await inline.dispose()
    async with uow_factory() as uow:
        client = await uow.clients.get_by_name("Vector")
        tickets = await uow.tickets.for_client(client.id)
    assert [(tk.number, tk.message_ids) for tk in tickets] == [
        (tk.number, tk.message_ids) for tk in report.tickets]


async def test_a_question_repeated_next_day_joins_its_open_ticket_on_import(uow_factory, tmp_path):
    # The same person asks again the next day, in other words and word order, while the
    # first ticket is still open: one ticket with a repeat, not two tickets.
    lines = [
        "12.11.2026, 10:15 - Ольга: Подскажите, как выставить счёт из сделки клиенту? "
        "Не могу найти, где это делается",
        "12.11.2026, 10:20 - Катя: Доброе утро всем",
        "13.11.2026, 11:40 - Ольга: Так как выставить счет из сделки и отправить на почту?",
    ]
    path = tmp_path / "chat.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = await run_import(uow_factory, path)
    [ticket] = report.tickets
    assert (ticket.message_ids, ticket.repeats) == (["1", "3"], 1)


async def _rows(url: str) -> dict[str, list[tuple]]:
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            tickets = (await conn.execute(
                select(tables.tickets).order_by(tables.tickets.c.number))).all()
            messages = (await conn.execute(
                select(tables.messages).order_by(tables.messages.c.id))).all()
    finally:
        await engine.dispose()
    # Row ids aside (an executemany numbers rows the same way, but that is not the point).
    return {"tickets": [tuple(r)[1:] for r in tickets],
            "messages": [tuple(r)[1:] for r in messages]}


async def test_an_exclusive_import_stores_exactly_what_reading_everything_back_stores(tmp_path):
    # Many repeats, replies and bursts over several batches: the in-memory open tickets, the
    # batched inserts and the once-per-batch ticket writes must leave the very same rows.
    path = tmp_path / "result.json"
    write_telegram_export(path, 1500, 7)
    urls = {name: f"sqlite+aiosqlite:///{tmp_path / f'{name}.sqlite3'}"
            for name in ("exclusive", "plain")}
    reports = {}
    for name, url in urls.items():
        await upgrade(url)
        scan = scan_export(path, tz=MSK, chat=None, staff=("user900",))
        if name == "exclusive":
            factory = InlineSqliteUnitOfWorkFactory(url)
            importer = ChatImport(IntakeService(default_classifier()), factory, batch_size=97,
                                  exclusive=True)
        else:
            engine = make_engine(url)
            factory = SqlUnitOfWorkFactory(engine)
            importer = ChatImport(IntakeService(default_classifier()), factory, batch_size=97)
        try:
            reports[name] = await importer.run(plan_for(scan, "Vector", Language.RU),
                                               history(scan), now=NOW)
        finally:
            await (factory.dispose() if name == "exclusive" else engine.dispose())
    assert shape(reports["exclusive"]) == shape(reports["plain"])
    assert len(reports["plain"].tickets) >= 5
    assert sum(tk.repeats for tk in reports["plain"].tickets) > 0
    exclusive, plain = await _rows(urls["exclusive"]), await _rows(urls["plain"])
    assert len(plain["messages"]) == 1499
    assert exclusive == plain
