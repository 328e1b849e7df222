"""The intake pipeline end to end on message streams, against a real SQLite file."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from domain.intake.service import IntakeService, Outcome
from domain.kernel.model import (
    Coverage,
    Disposition,
    Kind,
    MediaKind,
    MediaNote,
    Platform,
    TicketStatus,
)
from domain.onboarding.service import add_client, add_staff, link_chat
from tests.conftest import T0, message, monthly_plan

CHAT = "-100500"


@pytest.fixture
def uow_factory(any_uow_factory):
    """Every intake rule is proven on SQLite and on PostgreSQL alike."""
    return any_uow_factory


@pytest.fixture
async def desk(uow_factory):
    async with uow_factory() as uow:
        client = await add_client(uow, "ООО Вектор", now=T0, plan=monthly_plan())
        await link_chat(uow, client, Platform.TELEGRAM, CHAT)
        await add_staff(uow, "Павел", telegram_id="900")
        await uow.commit()
    return client


async def feed(uow_factory, intake: IntakeService, *messages):
    results = []
    for msg in messages:
        async with uow_factory() as uow:
            results.append(await intake.process(uow, msg))
            await uow.commit()
    return results


async def tickets_of(uow_factory, client):
    async with uow_factory() as uow:
        return await uow.tickets.for_client(client.id)


async def test_request_becomes_a_draft_awaiting_confirmation_with_its_cost(uow_factory, intake, desk):
    [result] = await feed(uow_factory, intake, message("1", "У Марины не работает телефония"))
    assert result.outcome is Outcome.TICKET_CREATED
    [ticket] = await tickets_of(uow_factory, desk)
    assert (ticket.number, ticket.kind, ticket.status) == (
        1, Kind.TECHNICAL, TicketStatus.AWAITING_CONFIRMATION)
    assert ticket.coverage is Coverage.COVERED and ticket.message_ids == ["1"]
    assert "Не работает телефония" in result.reply or "не работает телефония" in result.reply
    assert "входит в ваш тариф" in result.reply and "Подтвердите" in result.reply


async def test_text_photo_and_see_screenshot_in_a_burst_are_one_request(uow_factory, intake, desk):
    results = await feed(
        uow_factory, intake,
        message("1", "Не работает телефония у Марины"),
        message("2", media=MediaKind.PHOTO, at=timedelta(seconds=20)),
        message("3", "вот скрин", at=timedelta(seconds=40)),
    )
    assert [r.outcome for r in results] == [
        Outcome.TICKET_CREATED, Outcome.JOINED_BURST, Outcome.JOINED_BURST]
    [ticket] = await tickets_of(uow_factory, desk)
    assert ticket.message_ids == ["1", "2", "3"]
    assert "вот скрин" in ticket.text


async def test_photo_sent_before_its_text_joins_the_request(uow_factory, intake, desk):
    results = await feed(
        uow_factory, intake,
        message("1", media=MediaKind.PHOTO),
        message("2", "Вот такая ошибка при входе", at=timedelta(seconds=30)),
    )
    assert [r.outcome for r in results] == [Outcome.PENDING, Outcome.TICKET_CREATED]
    [ticket] = await tickets_of(uow_factory, desk)
    assert ticket.message_ids == ["1", "2"]


async def test_message_after_the_burst_window_is_judged_on_its_own(uow_factory, intake, desk):
    results = await feed(
        uow_factory, intake,
        message("1", "Не работает телефония"),
        message("2", "Подскажите, как поставить задачу коллеге", at=timedelta(minutes=30)),
    )
    assert [r.outcome for r in results] == [Outcome.TICKET_CREATED, Outcome.TICKET_CREATED]
    assert [t.kind for t in await tickets_of(uow_factory, desk)] == [Kind.TECHNICAL,
                                                                    Kind.MANAGERIAL]


async def test_thanks_right_after_a_request_is_chatter_not_part_of_it(uow_factory, intake, desk):
    results = await feed(
        uow_factory, intake,
        message("1", "Не работает телефония"),
        message("2", "спасибо", at=timedelta(seconds=30)),
    )
    assert results[1].outcome is Outcome.IGNORED
    [ticket] = await tickets_of(uow_factory, desk)
    assert ticket.message_ids == ["1"]


async def test_repeated_question_joins_open_ticket(uow_factory, intake, desk):
    results = await feed(
        uow_factory, intake,
        message("1", "Подскажите, как выставить счёт из сделки?"),
        message("2", "подскажите как выставить счет из сделки, не нашёл", sender="102",
                name="Олег", at=timedelta(hours=2)),
    )
    assert results[1].outcome is Outcome.JOINED_REPEAT
    assert "№1" in results[1].reply
    [ticket] = await tickets_of(uow_factory, desk)
    assert ticket.repeats == 1 and ticket.message_ids == ["1", "2"]


async def test_piracy_is_refused_quoting_the_rule_and_never_ticketed(uow_factory, intake, desk):
    [result] = await feed(uow_factory, intake, message("1", "скиньте кряк для фотошопа"))
    assert result.outcome is Outcome.REFUSED and result.reason.value == "piracy"
    assert "лицензи" in result.reply
    assert await tickets_of(uow_factory, desk) == []
    async with uow_factory() as uow:
        stored = await uow.messages.get(Platform.TELEGRAM, CHAT, "1")
    assert stored.disposition is Disposition.REFUSED and stored.reason.value == "piracy"


async def test_personal_device_is_refused_as_not_part_of_support(uow_factory, intake, desk):
    [result] = await feed(uow_factory, intake, message("1", "дома на ноутбуке не ловит wifi"))
    assert result.outcome is Outcome.REFUSED and result.reason.value == "personal_device"
    assert "не входит в техническую поддержку" in result.reply


async def test_chatter_creates_nothing_and_posts_nothing(uow_factory, intake, desk):
    results = await feed(uow_factory, intake, message("1", "Доброе утро!"), message("2", "+"))
    assert [r.outcome for r in results] == [Outcome.IGNORED, Outcome.IGNORED]
    assert all(r.reply is None for r in results)
    assert await tickets_of(uow_factory, desk) == []


async def test_staff_messages_never_become_tickets(uow_factory, intake, desk):
    [result] = await feed(uow_factory, intake,
                          message("1", "Не работает телефония? Смотрим", sender="900"))
    assert result.outcome is Outcome.STAFF
    assert await tickets_of(uow_factory, desk) == []


async def test_redelivered_message_is_stored_once_and_changes_nothing(uow_factory, intake, desk):
    msg = message("1", "Не работает телефония")
    results = await feed(uow_factory, intake, msg, msg)
    assert [r.outcome for r in results] == [Outcome.TICKET_CREATED, Outcome.DUPLICATE]
    [ticket] = await tickets_of(uow_factory, desk)
    assert ticket.message_ids == ["1"]


async def test_message_from_unknown_chat_is_reported_and_stores_nothing(uow_factory, intake, desk):
    [result] = await feed(uow_factory, intake, message("1", "Не работает", chat="-999"))
    assert result.outcome is Outcome.UNKNOWN_CHAT
    async with uow_factory() as uow:
        assert not await uow.messages.exists(Platform.TELEGRAM, "-999", "1")


async def test_request_of_a_kind_outside_the_plan_is_offered_as_paid_one_off(
        uow_factory, intake, desk):
    [result] = await feed(uow_factory, intake,
                          message("1", "Какой менеджер не перезванивает клиентам?"))
    assert result.ticket.kind is Kind.CONTROL
    assert result.ticket.coverage is Coverage.PAID_ONE_OFF
    assert "2\u00a0500\u00a0₽" in result.reply


async def test_new_work_becomes_an_estimate_request(uow_factory, intake, desk):
    [result] = await feed(uow_factory, intake, message("1", "Нужна интеграция с сайтом"))
    assert result.ticket.coverage is Coverage.ESTIMATE
    assert "оценку" in result.reply


async def test_reply_to_a_ticket_message_joins_that_ticket(uow_factory, intake, desk):
    results = await feed(
        uow_factory, intake,
        message("1", "Не работает телефония"),
        message("2", "у меня тоже, и у Ольги", sender="102", name="Олег",
                at=timedelta(hours=1), reply_to="1"),
    )
    assert results[1].outcome is Outcome.JOINED_REPLY
    assert results[1].ticket.number == 1


async def test_empty_huge_and_control_character_messages_lose_nothing(uow_factory, intake, desk):
    huge = "Не работает выгрузка, лог: " + "x" * 100_000
    results = await feed(
        uow_factory, intake,
        message("1", ""),
        message("2", huge, at=timedelta(minutes=10)),
        message("3", "\x00\x01\x1b[31m", sender="102", at=timedelta(minutes=20)),
    )
    assert [r.outcome for r in results] == [Outcome.IGNORED, Outcome.TICKET_CREATED,
                                            Outcome.IGNORED]
    async with uow_factory() as uow:
        stored = [await uow.messages.get(Platform.TELEGRAM, CHAT, i) for i in "123"]
    assert [m is not None for m in stored] == [True, True, True]
    assert len(stored[1].text) == len(huge)
    assert stored[2].text == "[31m"
    assert len(results[1].ticket.title) <= 80


async def test_edit_of_an_unconfirmed_draft_updates_its_text_and_title(uow_factory, intake, desk):
    await feed(uow_factory, intake, message("1", "Не работает телефония"))
    async with uow_factory() as uow:
        result = await intake.edit(uow, Platform.TELEGRAM, CHAT, "1",
                                   "Не работает почта у Петрова")
        await uow.commit()
    assert result.ticket.title == "Не работает почта у Петрова"
    assert "почта у Петрова" in result.reply


async def test_ticket_numbers_count_per_client(uow_factory, intake, desk):
    async with uow_factory() as uow:
        other = await add_client(uow, "ООО Ромашка", now=T0, plan=monthly_plan())
        await link_chat(uow, other, Platform.TELEGRAM, "-100777")
        await uow.commit()
    results = await feed(
        uow_factory, intake,
        message("1", "Не работает телефония"),
        message("1", "Не работает почта", chat="-100777"),
        message("2", "Подскажите, как сделать отчёт", sender="102", at=timedelta(minutes=1)),
    )
    assert [r.ticket.number for r in results] == [1, 1, 2]


async def test_a_burst_is_counted_from_the_requests_first_message(uow_factory, intake, desk):
    """Someone writing every two minutes makes new requests, not one ever-growing draft."""
    results = await feed(
        uow_factory, intake,
        message("1", "Не работает телефония у Марины"),
        message("2", "и у Ольги тоже не работает", at=timedelta(minutes=2)),
        message("3", "Ошибка при проведении документа в 1С", at=timedelta(minutes=4)),
    )
    assert [r.outcome for r in results] == [Outcome.TICKET_CREATED, Outcome.JOINED_BURST,
                                            Outcome.TICKET_CREATED]


async def test_a_ticket_silent_for_over_a_month_is_not_matched_as_a_repeat(
        uow_factory, intake, desk):
    results = await feed(
        uow_factory, intake,
        message("1", "Подскажите, как выставить счёт из сделки?"),
        message("2", "подскажите как выставить счет из сделки", sender="102",
                at=timedelta(days=45)),
    )
    assert results[1].outcome is Outcome.TICKET_CREATED


async def test_a_client_is_found_by_its_name_in_any_case_cyrillic_included(uow_factory, desk):
    async with uow_factory() as uow:
        assert (await uow.clients.get_by_name("ооо вектор")).id == desk.id
        assert (await uow.clients.get_by_name("ООО ВЕКТОР")).id == desk.id
        assert await uow.clients.get_by_name("ООО Ромашка") is None


async def test_recording_the_drafts_message_id_never_undoes_a_confirmation(postgres):
    """The sender records a sent draft's message id outside the chat's order of updates; a
    confirmation committed while it does so must survive (a lost update otherwise)."""
    import uuid

    from domain.tickets.model import Actor
    from domain.tickets.service import Desk
    from storage.engine import make_engine, upgrade
    from storage.uow import SqlUnitOfWorkFactory
    from tests.conftest import KeywordClassifier
    from tests.postgres import create_database

    url = await create_database(postgres, f"race_{uuid.uuid4().hex[:10]}")
    await upgrade(url)
    factory = SqlUnitOfWorkFactory(make_engine(url))
    try:
        async with factory() as uow:
            client = await add_client(uow, "ООО Вектор", now=T0, plan=monthly_plan())
            await link_chat(uow, client, Platform.TELEGRAM, CHAT)
            result = await IntakeService(KeywordClassifier()).process(
                uow, message("1", "У Марины не работает телефония"))
            await uow.commit()
        read, go_on = asyncio.Event(), asyncio.Event()

        class Paused:
            """The sender's unit of work, paused right after it read the ticket."""

            def __call__(self):
                return self

            async def __aenter__(self):
                self.uow = await factory().__aenter__()
                real = self.uow.tickets.get

                async def get(*args, **kwargs):
                    found = await real(*args, **kwargs)
                    read.set()
                    await go_on.wait()
                    return found

                self.uow.tickets.get = get
                return self.uow

            async def __aexit__(self, *exc):
                return await self.uow.__aexit__(*exc)

        clock = type("Clock", (), {"now": staticmethod(lambda: T0)})()
        intake = IntakeService(KeywordClassifier())
        sender_desk, chat_desk = Desk(Paused(), intake, clock), Desk(factory, intake, clock)
        recording = asyncio.create_task(
            sender_desk.record_prompt(result.ticket.id, "777", "draft", "bot"))
        await read.wait()
        await chat_desk.confirm(result.ticket.id, Actor(Platform.TELEGRAM, "101", "Катя"))
        go_on.set()
        await recording
        async with factory() as uow:
            ticket = await uow.tickets.get(result.ticket.id)
        assert ticket.status is TicketStatus.ACCEPTED
        assert ticket.prompt_message_id == "777"
    finally:
        await factory.dispose()


# -- voice notes and screenshots (what domain/media.py read from them) ------------------------

def _voice(message_id: str, words: str = "", **kw):
    note = MediaNote.TRANSCRIBED if words else MediaNote.NOT_TRANSCRIBED
    return message(message_id, media=MediaKind.VOICE, media_text=words, media_note=note, **kw)


def _screenshot(message_id: str, shown: str, text: str = "", **kw):
    return message(message_id, text, media=MediaKind.PHOTO, media_text=shown,
                   media_note=MediaNote.RECOGNIZED, **kw)


async def test_a_transcribed_voice_note_is_triaged_like_the_same_words_typed(
        uow_factory, intake, desk):
    [result] = await feed(uow_factory, intake,
                          _voice("1", "У Марины не работает телефония, звонки не доходят"))
    assert result.outcome is Outcome.TICKET_CREATED
    [ticket] = await tickets_of(uow_factory, desk)
    assert ticket.kind is Kind.TECHNICAL and "не работает телефония" in ticket.text
    async with uow_factory() as uow:
        stored = await uow.messages.get(Platform.TELEGRAM, CHAT, "1")
    assert stored.text == "" and stored.media_note is MediaNote.TRANSCRIBED
    assert stored.media_text == "У Марины не работает телефония, звонки не доходят"


async def test_an_untranscribed_voice_note_waits_for_its_burst_and_keeps_its_flag(
        uow_factory, intake, desk):
    results = await feed(uow_factory, intake, _voice("1"),
                         message("2", "Не работает обмен с 1С", at=timedelta(seconds=30)))
    assert [r.outcome for r in results] == [Outcome.PENDING, Outcome.TICKET_CREATED]
    [ticket] = await tickets_of(uow_factory, desk)
    async with uow_factory() as uow:
        [voice, _] = await uow.messages.for_ticket(ticket.id)
    assert voice.media_note is MediaNote.NOT_TRANSCRIBED and voice.ticket_id == ticket.id


async def test_an_error_on_a_screenshot_makes_a_how_to_question_technical(
        uow_factory, intake, desk):
    [result] = await feed(uow_factory, intake, _screenshot(
        "1", "Ошибка при проведении документа\nНедостаточно товара на складе",
        "Как провести реализацию в 1С?"))
    assert result.outcome is Outcome.TICKET_CREATED
    [ticket] = await tickets_of(uow_factory, desk)
    assert ticket.kind is Kind.TECHNICAL and "Недостаточно товара" in ticket.text


async def test_an_error_screenshot_joining_a_draft_turns_it_technical(uow_factory, intake, desk):
    results = await feed(
        uow_factory, intake,
        message("1", "Как провести реализацию в 1С?"),
        _screenshot("2", "Ошибка при проведении документа", at=timedelta(seconds=20)),
    )
    assert [r.outcome for r in results] == [Outcome.TICKET_CREATED, Outcome.JOINED_BURST]
    [ticket] = await tickets_of(uow_factory, desk)
    assert results[0].ticket.kind is not Kind.TECHNICAL  # what the words alone said
    assert ticket.kind is Kind.TECHNICAL and "Ошибка при проведении" in ticket.text


async def test_a_picture_without_an_error_waits_and_its_text_joins_the_request(
        uow_factory, intake, desk):
    results = await feed(
        uow_factory, intake,
        _screenshot("1", "Входящие: 120\nПропущенные: 7"),
        message("2", "Почему менеджеры не перезванивают клиентам?", at=timedelta(seconds=30)),
    )
    assert [r.outcome for r in results] == [Outcome.PENDING, Outcome.TICKET_CREATED]
    [ticket] = await tickets_of(uow_factory, desk)
    assert ticket.text.startswith("Почему менеджеры") and "Пропущенные: 7" in ticket.text
    assert ticket.title.startswith("Почему менеджеры")


async def test_editing_the_caption_of_a_screenshot_keeps_its_text_in_the_draft(
        uow_factory, intake, desk):
    await feed(uow_factory, intake,
               _screenshot("1", "Ошибка при проведении документа", "Не проводится"))
    async with uow_factory() as uow:
        await intake.edit(uow, Platform.TELEGRAM, CHAT, "1", "Не проводится реализация")
        await uow.commit()
    [ticket] = await tickets_of(uow_factory, desk)
    assert ticket.text == "Не проводится реализация\nОшибка при проведении документа"
