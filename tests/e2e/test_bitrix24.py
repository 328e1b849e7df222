"""The Bitrix24 mirror end to end: real aiogram over real HTTP against the fake Bot API, a
real SQLite file, the outbox's own sender, the real REST adapter against a fake Bitrix24
portal on 127.0.0.1 (tests/fakes/bitrix24.py) and the `bitrix_sync` job's use case run the
way the scheduler runs it. The clock stands on a working morning and jumps ahead for retries.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from bot.adapters.bitrix24 import Bitrix24Rest
from domain.bitrix.service import BitrixSync
from domain.kernel.model import Platform, TicketStatus
from domain.tickets.model import Actor
from domain.workspace.model import Given
from domain.workspace.service import Workspace
from tests.e2e.staffed_desk import GROUP, IRINA, KATE, PAVEL, StaffedDesk, staffed_desk
from tests.fakes.bitrix24 import FakeBitrix24
from tests.fakes.bot_api import FakeBotAPI

PAVEL_ACTOR = Actor(Platform.TELEGRAM, str(PAVEL), "Pavel")


@dataclass
class Desk(StaffedDesk):
    portal: FakeBitrix24 | None = None
    sync: BitrixSync | None = None

    async def confirmed(self, text: str) -> dict:
        """Kate's request, confirmed by her press; returns the draft."""
        self.say(KATE, text)
        draft = await self.fake.wait_sent(GROUP, lambda m: "записал" in m.get("text", "")
                                          and text[:20] in m.get("text", ""))
        confirm = draft["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
        self.fake.push_update(self.fake.callback(GROUP, KATE, draft["message_id"], confirm,
                                                 strict=False))
        await self.fake.wait_until(lambda: "принята" in self.fake.message(
            GROUP, draft["message_id"]).get("text", ""))
        return draft

    async def answer(self, number: int, text: str) -> None:
        """Pavel answers through his card; returns once the answer is logged on the ticket."""
        ticket = await self.ticket(number)
        card = await self.fake.wait_sent(PAVEL, lambda m: f"№{number} ·" in m.get("text", ""))
        self.private(PAVEL, text, reply_to=card["message_id"])
        await self.fake.wait_sent(GROUP, lambda m: text in m.get("text", ""))
        for _ in range(500):  # the sender logs it right after the Bot API answers
            async with self.app.uow() as uow:
                mirror_answers = await uow.bitrix.answers(ticket.id, 0)
            if any(text in a.text for a in mirror_answers):
                return
            await asyncio.sleep(0.01)
        raise AssertionError("the staff answer was never logged on the ticket")

    async def mirror(self, number: int = 1):
        ticket = await self.ticket(number)
        async with self.app.uow() as uow:
            return await uow.bitrix.get(ticket.id)


@pytest.fixture
async def desk(tmp_path: Path):
    fake, portal = FakeBotAPI(), FakeBitrix24()
    await fake.start()
    await portal.start()

    def make(**world) -> Desk:
        sync = BitrixSync(world["app"].uow, world["clock"], Bitrix24Rest(timeout=5))
        return Desk(**world, portal=portal, sync=sync)

    try:
        async with staffed_desk(tmp_path, fake, make=make) as live:
            yield live
    finally:
        await fake.stop()
        await portal.stop()


async def test_a_confirmed_ticket_lives_as_a_bitrix24_task_both_ways(desk):
    await desk.sync.link("ACME", desk.portal.webhook, 5)  # checked against the portal
    assert desk.portal.tasks == {}

    await desk.confirmed("У Марины не работает телефония, входящие не доходят")
    report = await desk.sync.run()
    assert report.created == 1
    task = desk.portal.only_task()
    assert task.title == "ACME: заявка №1 — У Марины не работает телефония, входящие не доходят"
    assert "Клиент: ACME" in task.description and task.responsible_id == 5
    assert (await desk.mirror()).task_id == str(task.id)

    # A staff answer in the client's chat becomes a comment, once.
    await desk.answer(1, "Проверьте, пожалуйста, ещё раз")
    await desk.sync.run()
    await desk.sync.run()
    [comment] = task.comments
    assert comment["POST_MESSAGE"].startswith("Ответ клиенту в чате:")
    assert "— Pavel" in comment["POST_MESSAGE"]
    assert "Проверьте, пожалуйста, ещё раз" in comment["POST_MESSAGE"]

    # Done in the desk: the task is completed.
    ticket = await desk.ticket()
    workspace = Workspace(desk.app.uow, desk.clock)
    await workspace.take(ticket.id, PAVEL_ACTOR)
    await workspace.change_status(ticket.id, PAVEL_ACTOR, TicketStatus.DONE,
                                  Given(proof_note="звонок проходит",
                                        service_comment="включил переадресацию"))
    assert (await desk.sync.run()).closed == 1
    assert task.status == 5

    # Renewed in Bitrix24: the ticket is back in progress, and Pavel hears of it.
    desk.portal.set_status(task.id, 2)
    assert (await desk.sync.run()).changed == 1
    assert (await desk.ticket()).status is TicketStatus.IN_PROGRESS
    desk.wake_sender()
    await desk.fake.wait_sent(PAVEL, lambda m: "снова" in m.get("text", "")
                              or "в работе" in m.get("text", ""))

    # A comment written in Bitrix24 reaches Pavel and is kept with the ticket; ours is not
    # taken back.
    desk.portal.comment(task.id, "АТС перезагрузили, проверьте ещё раз")
    assert (await desk.sync.run()).notes == 1
    desk.wake_sender()
    told = await desk.fake.wait_sent(PAVEL, lambda m: "АТС перезагрузили" in m.get("text", ""))
    assert "Битрикс24" in told["text"] and "Ольга Контролёр" in told["text"]
    assert (await desk.sync.run()).notes == 0

    # Completed in Bitrix24: the ticket is done (and its requester will be asked 👍/👎).
    desk.portal.set_status(task.id, 5)
    await desk.sync.run()
    assert (await desk.ticket()).status is TicketStatus.DONE
    async with desk.app.uow() as uow:
        assert (await uow.satisfaction.get(ticket.id)).done_at is not None
    assert len(desk.portal.tasks) == 1 and task.status == 5


async def test_an_outage_is_retried_later_and_nothing_is_posted_twice(desk):
    await desk.sync.link("ACME", desk.portal.webhook, None)
    await desk.confirmed("Не выгружаются счета в 1С, обмен падает с ошибкой")

    desk.portal.outage = True
    assert (await desk.sync.run()).created == 0
    mirror = await desk.mirror()
    assert mirror.task_id is None and mirror.attempts == 1 and "INTERNAL_SERVER_ERROR" in (
        mirror.last_error or "")
    desk.portal.outage = False
    calls = len(desk.portal.calls)
    await desk.sync.run()  # not yet: it waits for its retry moment
    assert len(desk.portal.calls) == calls and desk.portal.tasks == {}
    desk.clock.advance(timedelta(minutes=1))
    assert (await desk.sync.run()).created == 1
    assert desk.portal.only_task().responsible_id == 1  # BITRIX_RESPONSIBLE_ID's default

    # The portal makes the next task but the answer is lost: the retry finds it by XML_ID.
    await desk.confirmed("Сломалась форма заявки на сайте, письма не приходят")
    desk.portal.lose_answers(1)
    await desk.sync.run()
    assert len(desk.portal.tasks) == 2 and (await desk.mirror(2)).task_id is None
    desk.clock.advance(timedelta(minutes=1))
    await desk.sync.run()
    assert len(desk.portal.tasks) == 2
    assert (await desk.mirror(2)).task_id == str(max(desk.portal.tasks))

    # The same for a comment: posted once however its answer went.
    await desk.answer(2, "Форму починили, проверьте")
    desk.portal.lose_answers(1)
    await desk.sync.run()
    desk.clock.advance(timedelta(minutes=1))
    await desk.sync.run()
    assert len(desk.portal.tasks[max(desk.portal.tasks)].comments) == 1

    # QUERY_LIMIT_EXCEEDED: backed off, not counted as a failure.
    await desk.confirmed("Не приходят уведомления о новых лидах в Битрикс24")
    desk.portal.throttle(1)
    await desk.sync.run()
    mirror = await desk.mirror(3)
    assert mirror.task_id is None and mirror.attempts == 0 and mirror.next_at is not None
    desk.clock.advance(timedelta(minutes=1))
    await desk.sync.run()
    assert len(desk.portal.tasks) == 3


async def test_a_refused_webhook_stops_the_client_and_tells_the_admin_once(desk):
    bad = desk.portal.webhook.replace("k3y7fake0webhook", "revoked0key")
    await desk.sync.link("ACME", bad, None, check=False)
    await desk.confirmed("У Марины не работает телефония, входящие не доходят")
    await desk.sync.run()
    desk.wake_sender()
    alert = await desk.fake.wait_sent(IRINA, lambda m: "отказал вебхуку" in m.get("text", ""))
    assert "NO_AUTH_FOUND" in alert["text"] and "revoked0key" not in alert["text"]
    calls = len(desk.portal.calls)
    await desk.sync.run()  # a broken portal is left alone until it is fixed
    assert len(desk.portal.calls) == calls
    state = await desk.sync.state("ACME")
    assert state.portal.broken_at is not None and state.pending == 1

    await desk.sync.link("ACME", desk.portal.webhook, None)  # the admin fixes it
    assert (await desk.sync.run()).created == 1
    alerts = [m for m in desk.fake.sent_to(IRINA) if "отказал вебхуку" in m.get("text", "")]
    assert len(alerts) == 1


async def test_bounded_retries_give_up_visibly_and_retry_resumes(desk):
    await desk.sync.link("ACME", desk.portal.webhook, None)
    await desk.confirmed("У Марины не работает телефония, входящие не доходят")
    desk.portal.outage = True
    for _ in range(10):
        await desk.sync.run()
        desk.clock.advance(timedelta(hours=1))
    state = await desk.sync.state("ACME")
    assert [number for number, _ in state.failed] == [1]
    desk.wake_sender()
    await desk.fake.wait_sent(IRINA, lambda m: "не удалось перенести" in m.get("text", ""))
    desk.portal.outage = False
    await desk.sync.run()
    assert desk.portal.tasks == {}  # given up: only an admin's --retry resumes it
    assert await desk.sync.retry("ACME") == 1
    assert (await desk.sync.run()).created == 1


async def test_tickets_confirmed_before_the_link_are_not_mirrored(desk):
    await desk.confirmed("У Марины не работает телефония, входящие не доходят")
    desk.clock.advance(timedelta(seconds=1))
    await desk.sync.link("ACME", desk.portal.webhook, None)
    await desk.sync.run()
    assert desk.portal.tasks == {}
