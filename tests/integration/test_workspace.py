"""Workspace use cases against a real SQLite file: who sees what, time entries, the knowledge
base's full-text search."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from domain.kernel.model import MediaKind, MediaNote, Platform, StaffRole, TicketStatus
from domain.onboarding.service import add_client, add_staff, link_chat
from domain.tickets.model import Actor, DeskError
from domain.workspace.model import EstimateStatus, Given, TimeCategory, TimeEntry
from domain.workspace.service import QueueView, Workspace
from tests.conftest import T0, message, monthly_plan

PAVEL = Actor(Platform.TELEGRAM, "900", "Pavel")
ANNA = Actor(Platform.TELEGRAM, "901", "Anna")
IRINA = Actor(Platform.TELEGRAM, "903", "Irina")  # admin
KATE = Actor(Platform.TELEGRAM, "101", "Катя")


class Clock:
    def __init__(self) -> None:
        self.at = T0

    def now(self):
        return self.at


@pytest.fixture
def uow_factory(any_uow_factory):
    """The workspace rules, the knowledge base included, on SQLite and on PostgreSQL."""
    return any_uow_factory


@pytest.fixture
async def world(uow_factory, intake):
    async with uow_factory() as uow:
        acme = await add_client(uow, "ACME", now=T0, plan=monthly_plan())
        globex = await add_client(uow, "Globex", now=T0, plan=monthly_plan())
        await link_chat(uow, acme, Platform.TELEGRAM, "-100500")
        await link_chat(uow, globex, Platform.TELEGRAM, "-100600")
        pavel = await add_staff(uow, "Pavel", telegram_id="900")
        await add_staff(uow, "Anna", telegram_id="901")
        await add_staff(uow, "Irina", telegram_id="903", role=StaffRole.ADMIN)
        await uow.workspace.serve(pavel.id, acme.id)
        await uow.commit()
    clock = Clock()
    return Workspace(uow_factory, clock, reaction_hours=4), clock


async def _ticket(uow_factory, intake, text, *, chat="-100500", mid="1", confirm=True):
    async with uow_factory() as uow:
        result = await intake.process(uow, message(mid, text, chat=chat))
        if confirm:
            result.ticket.status, result.ticket.confirmed_at = TicketStatus.ACCEPTED, T0
            await uow.tickets.update(result.ticket)
        await uow.commit()
    return result.ticket


async def test_staff_act_only_on_clients_they_serve_and_admins_on_all(world, uow_factory,
                                                                      intake):
    ws, _ = world
    acme = await _ticket(uow_factory, intake, "Не работает телефония")
    globex = await _ticket(uow_factory, intake, "Не работает почта", chat="-100600")
    assert (await ws.card(acme.id, PAVEL)).ticket.number == 1
    with pytest.raises(DeskError, match="not_your_client"):
        await ws.take(globex.id, PAVEL)
    with pytest.raises(DeskError, match="not_your_client"):
        await ws.card(acme.id, ANNA)  # staff, but not serving ACME
    with pytest.raises(DeskError, match="staff_only"):
        await ws.log_time(acme.id, KATE, 20, TimeCategory.BILLABLE, "x", "k")
    assert {i.client.name for i in await ws.queue(IRINA)} == {"ACME", "Globex"}
    assert {i.client.name for i in await ws.queue(PAVEL)} == {"ACME"}
    with pytest.raises(DeskError, match="no_such_client"):
        await ws.queue(PAVEL, "Globex")


async def test_queue_filters_mine_unassigned_and_overdue(world, uow_factory, intake):
    ws, clock = world
    first = await _ticket(uow_factory, intake, "Не работает телефония", mid="1")
    await _ticket(uow_factory, intake, "Ошибка обмена с 1С", mid="2")
    await ws.take(first.id, PAVEL)
    assert [i.ticket.number for i in await ws.queue(PAVEL, QueueView.MINE)] == [1]
    assert [i.ticket.number for i in await ws.queue(PAVEL, QueueView.UNASSIGNED)] == [2]
    assert await ws.queue(PAVEL, QueueView.OVERDUE) == []
    clock.at = T0 + timedelta(hours=5)
    # only the ticket nobody reacted to is overdue
    assert [i.ticket.number for i in await ws.queue(PAVEL, QueueView.OVERDUE)] == [2]
    assert [i.ticket.number for i in await ws.queue(PAVEL, "acme")] == [1, 2]


async def test_logging_time_twice_with_one_key_makes_one_entry(world, uow_factory, intake):
    ws, _ = world
    tk = await _ticket(uow_factory, intake, "Не работает телефония")
    first = await ws.log_time(tk.id, PAVEL, 20, TimeCategory.BILLABLE,
                              "проверил телефонию в профиле Марины", "tg:900:55")
    again = await ws.log_time(tk.id, PAVEL, 20, TimeCategory.BILLABLE,
                              "проверил телефонию в профиле Марины", "tg:900:55")
    assert first == again and len(first) == 1 and first[0].period == "2026-11"
    with pytest.raises(DeskError, match="minutes"):
        await ws.log_time(tk.id, PAVEL, 0, TimeCategory.BILLABLE, "x", "tg:900:56")


async def test_an_entry_is_never_edited_a_correction_is_a_new_entry(world, uow_factory, intake):
    ws, _ = world
    tk = await _ticket(uow_factory, intake, "Не работает телефония")
    [entry] = await ws.log_time(tk.id, PAVEL, 60, TimeCategory.BILLABLE, "настройка", "k1")
    fix = await ws.correct_time(entry.id, PAVEL, -40, "на самом деле 20 минут", "k2")
    assert fix.corrects_id == entry.id and fix.minutes == -40
    with pytest.raises(DeskError, match="correction"):
        await ws.correct_time(entry.id, PAVEL, -30, "ещё меньше", "k3")  # below zero
    async with uow_factory() as uow:
        entries = await uow.workspace.time_for_ticket(tk.id)
    assert [e.minutes for e in entries] == [60, -40]
    assert (await ws.card(tk.id, PAVEL)).minutes == 20


async def test_the_database_refuses_negative_time_that_corrects_nothing(world, uow_factory,
                                                                        intake):
    tk = await _ticket(uow_factory, intake, "Не работает телефония")
    async with uow_factory() as uow:
        with pytest.raises(IntegrityError):
            await uow.workspace.add_time(TimeEntry(None, tk.id, tk.client_id, 1, -15,
                                                   TimeCategory.BILLABLE, "x", "2026-11", "n",
                                                   T0))


async def test_billable_time_over_an_approved_estimate_is_logged_as_over_the_estimate(
        world, uow_factory, intake):
    ws, _ = world
    tk = await _ticket(uow_factory, intake, "Нужна интеграция сайта с CRM")
    offer = await ws.propose_estimate(tk.id, PAVEL, 120, 600_000)
    assert offer.outgoing.chat.external_id == "-100500"
    async with uow_factory() as uow:  # Kate, the requester, is known to the client
        assert await uow.people.find(tk.client_id, Platform.TELEGRAM, "101") is not None
    decided = await ws.decide_estimate(offer.estimate.id, KATE, approve=True)
    assert decided.estimate.status is EstimateStatus.APPROVED
    entries = await ws.log_time(tk.id, PAVEL, 150, TimeCategory.BILLABLE, "интеграция", "e1")
    assert [(e.minutes, e.category) for e in entries] == [
        (120, TimeCategory.BILLABLE), (30, TimeCategory.OVER_ESTIMATE)]
    with pytest.raises(DeskError, match="estimate_decided"):
        await ws.decide_estimate(offer.estimate.id, KATE, approve=False)


async def test_the_knowledge_base_finds_earlier_answers_in_other_word_forms(world, uow_factory,
                                                                           intake):
    ws, _ = world
    tk = await _ticket(uow_factory, intake, "Не работает телефония у Марины")
    await ws.take(tk.id, PAVEL)
    await ws.change_status(tk.id, PAVEL, TicketStatus.DONE, Given(
        proof_note="проверили звонком",
        service_comment="Включил переадресацию в карточке сотрудника, модуль Телефония"))
    hits = await ws.kb(PAVEL, "переадресации")  # another form of the same word
    assert [(h.number, h.source) for h in hits] == [(1, "service_comment")]
    assert await ws.kb(PAVEL, "переадресация бухгалтерия") == []  # all words must match
    assert await ws.kb(PAVEL, 'AND "OR * (') == []  # search syntax in input is only text
    # The client's own chat sees its own base; another client's chat does not.
    assert await ws.kb(KATE, "телефония", platform=Platform.TELEGRAM, chat_id="-100500")
    assert await ws.kb(KATE, "телефония", platform=Platform.TELEGRAM, chat_id="-100600") == []


async def test_a_new_similar_request_is_shown_with_the_earlier_answer(world, uow_factory,
                                                                     intake):
    ws, _ = world
    old = await _ticket(uow_factory, intake, "Не работает телефония у Марины")
    await ws.service_comment(old.id, PAVEL, "Сбросил регистрацию SIP-линии в настройках АТС")
    new = await _ticket(uow_factory, intake, "Опять не работает телефония у Олега",
                        mid="9")
    card = await ws.card(new.id, PAVEL)
    assert [hit.number for hit in card.similar] == [old.number]


async def test_text_read_from_a_screenshot_is_found_in_the_knowledge_base(world, uow_factory,
                                                                         intake):
    ws, _ = world
    async with uow_factory() as uow:
        result = await intake.process(uow, message(
            "1", "Не проводится реализация", media=MediaKind.PHOTO,
            media_text="Ошибка при проведении документа\nНедостаточно товара на складе",
            media_note=MediaNote.RECOGNIZED))
        result.ticket.status, result.ticket.confirmed_at = TicketStatus.ACCEPTED, T0
        await uow.tickets.update(result.ticket)
        await uow.commit()
    tk = result.ticket
    await ws.take(tk.id, PAVEL)
    await ws.change_status(tk.id, PAVEL, TicketStatus.DONE, Given(
        proof_note="провели документ", service_comment="Оприходовали остатки на склад"))
    hits = await ws.kb(PAVEL, "недостаточно товара")  # words only the screenshot had
    assert [(h.number, h.source) for h in hits] == [(1, "ticket")]
    card = await ws.card(tk.id, PAVEL)
    assert card.media_notes == {MediaNote.RECOGNIZED: 1}
