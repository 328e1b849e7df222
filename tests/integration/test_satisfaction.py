"""Customer satisfaction against a real SQLite file: when the requester is asked, who may vote,
where a 👎 goes, and where the scores show up (summary, digest, economics)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.calendars import russian_calendar
from bot.clock import FixedClock
from domain.billing.model import Period
from domain.billing.service import Billing
from domain.kernel.calendar import parse_week
from domain.kernel.model import Platform, StaffRole, TicketStatus
from domain.onboarding.service import add_client, add_staff, link_chat
from domain.outbox.model import NoticeType
from domain.reports.service import SummaryService, digest_text, summary_text
from domain.satisfaction.model import CsatPolicy, Score
from domain.satisfaction.service import Satisfaction
from domain.sla.model import SlaSetup
from domain.sla.service import SlaService
from domain.tickets.model import Actor, DeskError
from domain.workspace.model import Given
from domain.workspace.service import Workspace
from tests.conftest import message, monthly_plan

CAL = russian_calendar("Europe/Moscow", parse_week("mon-fri", "09:00-18:00", "13:00-14:00"))
THURSDAY_10 = datetime(2026, 11, 12, 7, 0, tzinfo=UTC)  # 10:00 in Moscow
THURSDAY_19 = datetime(2026, 11, 12, 16, 0, tzinfo=UTC)  # 19:00 in Moscow, after hours
FRIDAY_9 = datetime(2026, 11, 13, 6, 0, tzinfo=UTC)
PAVEL = Actor(Platform.TELEGRAM, "900", "Pavel")
KATE = Actor(Platform.TELEGRAM, "101", "Катя")
STRANGER = Actor(Platform.TELEGRAM, "555", "Гость")
DONE = Given(proof_note="работает", service_comment="включил переадресацию")


@pytest.fixture
async def world(uow_factory, intake):
    clock = FixedClock(THURSDAY_10)
    async with uow_factory() as uow:
        acme = await add_client(uow, "ACME", now=THURSDAY_10, plan=monthly_plan())
        await link_chat(uow, acme, Platform.TELEGRAM, "-100500")
        pavel = await add_staff(uow, "Pavel", telegram_id="900")
        await add_staff(uow, "Irina", telegram_id="903", role=StaffRole.ADMIN)
        await add_staff(uow, "Bob", telegram_id="904")  # serves nobody: never told
        await uow.workspace.serve(pavel.id, acme.id)
        await uow.commit()
    sla = SlaService(uow_factory, clock, SlaSetup(CAL, ()))
    return (Workspace(uow_factory, clock), Satisfaction(uow_factory, clock, sla,
                                                        policy=CsatPolicy(timedelta(minutes=30))),
            clock, sla)


TEXTS = {"1": "Не работает телефония у Марины",
         "2": "Не выгружаются счета в 1С, обмен падает с ошибкой"}


async def _ticket(uow_factory, intake, clock, mid="1"):
    async with uow_factory() as uow:
        result = await intake.process(uow, message(mid, TEXTS[mid], at=timedelta(hours=int(mid))))
        result.ticket.status, result.ticket.confirmed_at = TicketStatus.ACCEPTED, clock.now()
        await uow.tickets.update(result.ticket)
        await uow.commit()
    return result.ticket


async def _questions(uow_factory):
    async with uow_factory() as uow:
        return [n for n in await uow.notices.all() if n.kind is NoticeType.CSAT]


async def test_a_done_ticket_is_asked_once_after_the_delay_with_two_buttons(
        world, uow_factory, intake):
    workspace, csat, clock, _ = world
    ticket = await _ticket(uow_factory, intake, clock)
    await workspace.change_status(ticket.id, PAVEL, TicketStatus.DONE, DONE)
    assert await csat.ask_due() == 0  # too soon: a quick reopen is never asked
    clock.advance(timedelta(minutes=31))
    assert await csat.ask_due() == 1
    assert await csat.ask_due() == 0  # once per ticket
    [question] = await _questions(uow_factory)
    assert question.chat_id == "-100500" and question.reply_to == "1"
    assert [c.label for c in question.choices] == ["👍", "👎"]
    assert "Катя" in question.text and question.not_before == clock.now()


async def test_a_ticket_closed_after_hours_is_asked_the_next_working_morning(
        world, uow_factory, intake):
    workspace, csat, clock, _ = world
    ticket = await _ticket(uow_factory, intake, clock)
    clock.advance(THURSDAY_19 - clock.now())
    await workspace.change_status(ticket.id, PAVEL, TicketStatus.DONE, DONE)
    clock.advance(timedelta(hours=1))
    await csat.ask_due()
    [question] = await _questions(uow_factory)
    assert question.not_before == FRIDAY_9


async def test_rejected_cancelled_and_reopened_tickets_are_never_asked(
        world, uow_factory, intake):
    workspace, csat, clock, _ = world
    rejected = await _ticket(uow_factory, intake, clock, "1")
    await workspace.change_status(rejected.id, PAVEL, TicketStatus.REJECTED,
                                  Given(reason="не наш вопрос"))
    reopened = await _ticket(uow_factory, intake, clock, "2")
    await workspace.change_status(reopened.id, PAVEL, TicketStatus.DONE, DONE)
    await workspace.change_status(reopened.id, PAVEL, TicketStatus.IN_PROGRESS)
    clock.advance(timedelta(hours=2))
    assert await csat.ask_due() == 0
    assert await _questions(uow_factory) == []


async def test_only_the_requester_votes_once_and_a_thumbs_down_reaches_the_leads(
        world, uow_factory, intake):
    workspace, csat, clock, _ = world
    ticket = await _ticket(uow_factory, intake, clock)
    await workspace.take(ticket.id, PAVEL)
    await workspace.change_status(ticket.id, PAVEL, TicketStatus.DONE, DONE)
    clock.advance(timedelta(hours=1))
    await csat.ask_due()
    await csat.asked(ticket.id, "77")  # the question went out as message 77

    with pytest.raises(DeskError) as refused:
        await csat.vote(ticket.id, STRANGER, Score.UP)
    assert refused.value.key == "csat.not_yours"
    async with uow_factory() as uow:
        assert (await uow.satisfaction.get(ticket.id)).score is None

    voted = await csat.vote(ticket.id, KATE, Score.DOWN)
    assert voted.score is Score.DOWN
    with pytest.raises(DeskError) as again:
        await csat.vote(ticket.id, KATE, Score.UP)
    assert again.value.key == "csat.already"

    # Her word, in reply to the question, goes to the leads too; a stranger's reply does not.
    assert await csat.word(Platform.TELEGRAM, "-100500", "77", STRANGER, "всё плохо") is None
    worded = await csat.word(Platform.TELEGRAM, "-100500", "77", KATE, "Звонки опять теряются")
    assert worded is not None
    async with uow_factory() as uow:
        state = await uow.satisfaction.get(ticket.id)
        told = [n for n in await uow.notices.all() if n.kind is NoticeType.MESSAGE]
    assert state.score is Score.DOWN and state.comment == "Звонки опять теряются"
    assert {n.chat_id for n in told} == {"900", "903"}  # Pavel serves ACME, Irina is admin
    words = [n for n in told if "Звонки опять теряются" in n.text]
    assert len(words) == 2 and all("Pavel" in n.text for n in words)


async def test_votes_show_in_the_owners_summary_the_digest_and_economics(
        world, uow_factory, intake):
    workspace, csat, clock, sla = world
    first = await _ticket(uow_factory, intake, clock, "1")
    second = await _ticket(uow_factory, intake, clock, "2")
    for ticket in (first, second):
        await workspace.change_status(ticket.id, PAVEL, TicketStatus.DONE, DONE)
    clock.advance(timedelta(hours=1))
    await csat.ask_due()
    await csat.vote(first.id, KATE, Score.UP)
    await csat.vote(second.id, KATE, Score.DOWN)

    summary = await SummaryService(uow_factory, clock, sla).summary(first.client_id,
                                                                    Period(2026, 11))
    assert (summary.csat.up, summary.csat.down, summary.csat.percent) == (1, 1, 50)
    assert "👍 1 · 👎 1 (50% довольны)" in summary_text("ru", summary)
    assert "👍 1 · 👎 1" in digest_text("ru", Period(2026, 11), [summary])
    economics = await Billing(uow_factory, clock).economics(Period(2026, 11))
    assert economics.satisfaction == (("ACME", 1, 1),)
    october = await SummaryService(uow_factory, clock, sla).summary(first.client_id,
                                                                    Period(2026, 10))
    assert october.csat.total == 0
