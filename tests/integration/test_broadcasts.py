"""Broadcasts against a real SQLite file: who hears an announcement, the outbox sends it with
the scheduler's jobs, and the admin gets one report of delivered and failed."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import FixedClock
from bot.messengers import MessengerRegistry
from bot.scheduling import build_jobs
from bot.settings import load_settings
from domain.broadcasts.rules import parse_audience, row_prefix
from domain.broadcasts.service import Broadcasts
from domain.kernel.model import BillingModel, Plan, Platform, StaffRole
from domain.kernel.ports import PermanentSendError
from domain.onboarding.service import add_client, add_staff, link_chat
from domain.tickets.model import Actor, DeskError
from tests.conftest import T0, monthly_plan
from tests.integration.test_scheduler_month import RecordingMessenger

BLOCKED = "-300"  # the bot was kicked from this chat


class KickedFromOneChat(RecordingMessenger):
    async def send_text(self, chat_id: str, text: str, **kw: object) -> str:
        if chat_id == BLOCKED:
            raise PermanentSendError("Forbidden: bot was kicked from the group chat")
        return await super().send_text(chat_id, text)


@pytest.fixture
async def world(uow_factory):
    clock = FixedClock(T0)
    async with uow_factory() as uow:
        acme = await add_client(uow, "ACME", now=T0, plan=monthly_plan())
        globex = await add_client(uow, "Globex", now=T0,
                                  plan=Plan(BillingModel.PACKAGE, package_minutes=600))
        initech = await add_client(uow, "Initech", now=T0)  # no plan yet
        await link_chat(uow, acme, Platform.TELEGRAM, "-100")
        await link_chat(uow, acme, Platform.TELEGRAM, BLOCKED)
        await link_chat(uow, globex, Platform.TELEGRAM, "-200")
        gone = await link_chat(uow, initech, Platform.TELEGRAM, "-400")
        await uow.chats.set_active(gone.id, False)  # the bot left it: not announced to
        await add_staff(uow, "Irina", telegram_id="903", role=StaffRole.ADMIN)
        await add_staff(uow, "Pavel", telegram_id="900")
        await uow.commit()
    return Broadcasts(uow_factory, clock), clock


async def test_the_preview_names_the_chats_of_everyone_or_of_the_filtered_clients(world):
    broadcasts, _ = world
    everyone = await broadcasts.preview("Плановые работы в субботу")
    assert sorted(chat.external_id for _, chat in everyone.chats) == ["-100", "-200", BLOCKED]
    assert everyone.clients == 2
    package = await broadcasts.preview("x", parse_audience(["model=package"]))
    assert [chat.external_id for _, chat in package.chats] == ["-200"]
    named = await broadcasts.preview("x", parse_audience(["clients=acme"]))
    assert sorted(chat.external_id for _, chat in named.chats) == ["-100", BLOCKED]
    with pytest.raises(DeskError) as unknown:
        await broadcasts.preview("x", parse_audience(["clients=Umbrella"]))
    assert unknown.value.key == "bc.unknown_client"
    with pytest.raises(DeskError):
        await broadcasts.preview("   ")


async def test_only_admins_announce(world):
    broadcasts, _ = world
    assert (await broadcasts.admin(Actor(Platform.TELEGRAM, "903"))).name == "Irina"
    for stranger in ("900", "101"):
        with pytest.raises(DeskError) as refused:
            await broadcasts.admin(Actor(Platform.TELEGRAM, stranger))
        assert refused.value.key == "bc.admins_only"


async def test_a_broadcast_goes_through_the_outbox_and_its_report_tells_delivered_and_failed(
        world, uow_factory):
    broadcasts, clock = world
    sent = await broadcasts.send("Завтра с 10 до 12 Битрикс24 недоступен", parse_audience([]),
                                 by="Irina", report_to="903")
    assert sent.chats == 3
    report = await broadcasts.status(sent.id)
    assert (report.delivered, report.failed, report.pending) == (0, 0, 3)
    assert await broadcasts.report_finished() == 0  # nothing is out yet: no report

    messenger = KickedFromOneChat(clock)
    jobs = build_jobs(uow_factory, clock, load_settings(_env_file=None),
                      MessengerRegistry([messenger]))
    await jobs.send()
    clock.advance(timedelta(seconds=5))
    await jobs.send()
    announced = sorted(chat for _, chat, text in messenger.sent
                       if "Битрикс24" in text and chat.startswith("-"))
    assert announced == ["-100", "-200"]  # the admin also hears of the chat that failed
    report = await broadcasts.status(sent.id)
    assert (report.delivered, report.failed, report.pending) == (2, 1, 0)

    await jobs.broadcast_reports()
    await jobs.broadcast_reports()  # reported once
    await jobs.send()
    reports = [(chat, text) for _, chat, text in messenger.sent if "№1" in text]
    assert reports == [("903", reports[0][1])]
    assert "доставлено 2 из 3" in reports[0][1] and "не доставлено 1" in reports[0][1]
    async with uow_factory() as uow:
        rows = [n for n in await uow.notices.all() if n.key.startswith(row_prefix(sent.id))]
    assert len(rows) == 3


async def test_a_broadcast_from_the_command_line_is_reported_to_every_admin(world, uow_factory):
    broadcasts, clock = world
    sent = await broadcasts.send("Обновление", parse_audience(["model=package"]), by="cli")
    messenger = RecordingMessenger(clock)
    jobs = build_jobs(uow_factory, clock, load_settings(_env_file=None),
                      MessengerRegistry([messenger]))
    await jobs.send()
    await jobs.broadcast_reports()
    await jobs.send()
    assert [chat for _, chat, text in messenger.sent if f"№{sent.id}" in text] == ["903"]
