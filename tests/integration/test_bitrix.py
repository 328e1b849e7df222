"""The Bitrix24 mirror's use case on both databases (SQLite and PostgreSQL), with an in-memory
tracker standing in for the portal: what is due, what is posted once, what comes back."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pytest

from bot.clock import FixedClock
from domain.bitrix.model import (
    BitrixError,
    Failure,
    NewTask,
    RemoteComment,
    RemoteTask,
)
from domain.bitrix.ports import TaskTracker
from domain.bitrix.service import BitrixSync
from domain.kernel.model import Disposition, Message, Platform, StaffRole, TicketStatus
from domain.onboarding.service import add_client, add_staff, link_chat
from tests.conftest import message, monthly_plan

NOW = datetime(2026, 11, 12, 7, 0, tzinfo=UTC)
HOOK = "https://acme.bitrix24.ru/rest/1/abc123/"


class MemoryTracker(TaskTracker):
    def __init__(self) -> None:
        self.made: dict[str, dict] = {}
        self.failing: BitrixError | None = None

    def _gate(self) -> None:
        if self.failing is not None:
            raise self.failing

    async def check(self, webhook: str) -> None:
        self._gate()

    async def add_task(self, webhook: str, task: NewTask) -> str:
        self._gate()
        task_id = str(100 + len(self.made))
        self.made[task_id] = {"task": task, "status": 2, "comments": []}
        return task_id

    async def find_task(self, webhook: str, xml_id: str) -> str | None:
        self._gate()
        return next((i for i, t in self.made.items() if t["task"].xml_id == xml_id), None)

    async def task_status(self, webhook: str, task_id: str) -> int:
        self._gate()
        return self.made[task_id]["status"]

    async def tasks(self, webhook: str, task_ids: Sequence[str]) -> Sequence[RemoteTask]:
        self._gate()
        return [RemoteTask(i, self.made[i]["status"], len(self.made[i]["comments"]))
                for i in task_ids if i in self.made]

    async def complete(self, webhook: str, task_id: str) -> None:
        self._gate()
        self.made[task_id]["status"] = 5

    async def renew(self, webhook: str, task_id: str) -> None:
        self._gate()
        self.made[task_id]["status"] = 2

    async def add_comment(self, webhook: str, task_id: str, text: str) -> int:
        self._gate()
        comments = self.made[task_id]["comments"]
        comments.append(RemoteComment(1000 + len(comments), "chatdesk", text))
        return comments[-1].id

    async def comments(self, webhook: str, task_id: str,
                       after_id: int) -> Sequence[RemoteComment]:
        self._gate()
        return [c for c in self.made[task_id]["comments"] if c.id > after_id]


@pytest.fixture
async def world(any_uow_factory, intake):
    clock, tracker = FixedClock(NOW), MemoryTracker()
    async with any_uow_factory() as uow:
        acme = await add_client(uow, "ACME", now=NOW, plan=monthly_plan())
        chat = await link_chat(uow, acme, Platform.TELEGRAM, "-100500")
        await add_staff(uow, "Irina", telegram_id="903", role=StaffRole.ADMIN)
        result = await intake.process(uow, message("1", "Не работает телефония у Марины"))
        await uow.commit()
    sync = BitrixSync(any_uow_factory, clock, tracker, default_responsible=3)
    return sync, tracker, clock, result.ticket, chat


async def _confirm(uow_factory, ticket, at: datetime) -> None:
    async with uow_factory() as uow:
        ticket = await uow.tickets.get(ticket.id)
        ticket.status, ticket.confirmed_at, ticket.updated_at = TicketStatus.ACCEPTED, at, at
        await uow.tickets.update(ticket)
        await uow.commit()


async def _log(uow_factory, ticket, chat, external_id: str, text: str, sender: str) -> None:
    async with uow_factory() as uow:
        await uow.messages.add(Message(
            id=None, platform=Platform.TELEGRAM, chat_external_id=chat.external_id,
            external_id=external_id, chat_id=chat.id, sender_external_id="bot-id",
            sender_name=sender, sent_at=NOW, text=text, from_staff=True, ticket_id=ticket.id,
            disposition=Disposition.OUTGOING))
        await uow.commit()


async def test_a_confirmed_ticket_is_mirrored_with_staff_answers_but_not_bot_notices(
        world, any_uow_factory):
    sync, tracker, clock, ticket, chat = world
    await sync.link("ACME", HOOK, None)
    await _confirm(any_uow_factory, ticket, NOW + timedelta(minutes=1))
    await _log(any_uow_factory, ticket, chat, "50", "Заявка №1 принята", "bot")
    await _log(any_uow_factory, ticket, chat, "51", "Проверьте ещё раз\n— Pavel", "Павел")
    report = await sync.run()
    assert (report.created, report.comments) == (1, 1)
    [task] = tracker.made.values()
    assert task["task"].responsible_id == 3 and task["task"].xml_id == f"chatdesk-{ticket.id}"
    assert [c.text.splitlines()[1] for c in task["comments"]] == ["Проверьте ещё раз"]
    assert (await sync.run()).comments == 0  # nothing new: nothing posted


async def test_closing_and_reopening_follow_the_ticket_and_bitrix_changes_come_back(
        world, any_uow_factory):
    sync, tracker, clock, ticket, chat = world
    await sync.link("ACME", HOOK, 7)
    await _confirm(any_uow_factory, ticket, NOW)
    await sync.run()
    [(task_id, task)] = tracker.made.items()
    async with any_uow_factory() as uow:
        current = await uow.tickets.get(ticket.id)
        current.status = TicketStatus.CANCELLED
        await uow.tickets.update(current)
        await uow.commit()
    assert (await sync.run()).closed == 1 and task["status"] == 5

    task["status"] = 3  # taken up again in Bitrix24: a cancelled ticket stays cancelled
    assert (await sync.run()).changed == 0
    task["comments"].append(RemoteComment(7, "Ольга", "Отменили по ошибке?"))
    assert (await sync.run()).notes == 1
    async with any_uow_factory() as uow:
        assert (await uow.tickets.get(ticket.id)).status is TicketStatus.CANCELLED
        assert not await uow.bitrix.add_note(ticket.id, 7, "Ольга", "again", NOW)
    assert task_id in tracker.made


async def test_a_transient_failure_backs_off_and_gives_up_after_the_last_attempt(
        world, any_uow_factory):
    sync, tracker, clock, ticket, chat = world
    await sync.link("ACME", HOOK, None)
    await _confirm(any_uow_factory, ticket, NOW)
    tracker.failing = BitrixError(Failure.TRANSIENT, "NETWORK", "timeout")
    pauses = []
    for _ in range(10):
        await sync.run()
        async with any_uow_factory() as uow:
            mirror = await uow.bitrix.get(ticket.id)
        if mirror.next_at is not None:
            pauses.append(mirror.next_at - clock.now())
            clock.advance(mirror.next_at - clock.now())
    assert pauses[:3] == [timedelta(seconds=30), timedelta(minutes=1), timedelta(minutes=2)]
    assert mirror.failed_at is not None and mirror.attempts == 10
    state = await sync.state("ACME")
    assert state.failed == ((1, "NETWORK: timeout"),)
    async with any_uow_factory() as uow:
        alerts = [n for n in await uow.notices.all() if n.key.startswith("bitrix:failed")]
    assert [a.chat_id for a in alerts] == ["903"]


async def test_a_task_completed_in_bitrix24_closes_only_what_the_workflow_may_close(
        world, any_uow_factory):
    """A ticket waiting for its test may not jump to done (the workflow's own transitions):
    completing its task in Bitrix24 leaves it where it is."""
    sync, tracker, clock, ticket, chat = world
    await sync.link("ACME", HOOK, 7)
    await _confirm(any_uow_factory, ticket, NOW)
    await sync.run()
    [task] = tracker.made.values()
    async with any_uow_factory() as uow:
        current = await uow.tickets.get(ticket.id)
        current.status = TicketStatus.NEEDS_TESTING
        await uow.tickets.update(current)
        await uow.commit()
    await sync.run()
    task["status"] = 5  # completed in Bitrix24
    assert (await sync.run()).changed == 0
    async with any_uow_factory() as uow:
        assert (await uow.tickets.get(ticket.id)).status is TicketStatus.NEEDS_TESTING
