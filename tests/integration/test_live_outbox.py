"""The outbox carrying live messages, on a fake clock: pacing per chat and per group holds
through the sender, two senders (SQLite and PostgreSQL) never send the same row, and a
draft's follow-up remembers its message id (or sends nothing once the draft is decided)."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from bot.clock import FixedClock
from bot.messengers import MessengerRegistry
from domain.kernel.model import Choice, MediaKind, Platform
from domain.kernel.ports import Capabilities
from domain.onboarding.service import add_client, link_chat
from domain.outbox.choices import DeskFollowUps
from domain.outbox.model import NoticeType
from domain.outbox.service import Outbox, Post, draft_follow_up
from domain.tickets.model import Actor
from domain.tickets.service import Desk
from domain.workspace.service import Workspace
from scheduler.pacing import Pacer
from tests import conftest

T0 = datetime(2026, 11, 9, 9, 0, tzinfo=UTC)


class Recorder:
    """The Messenger port, remembering when (on the fake clock) each message went where."""

    platform = Platform.TELEGRAM
    capabilities = Capabilities(buttons=True, max_buttons=20, edit=True, max_text=4096)

    def __init__(self, clock: FixedClock, *, pause: bool = False) -> None:
        self.clock = clock
        self.pause = pause
        self.sent: list[tuple[datetime, str, str]] = []

    async def send_text(self, chat_id: str, text: str, *, reply_to: str | None = None,
                        thread_id: str | None = None) -> str:
        if self.pause:
            await asyncio.sleep(0.001)  # let another sender run in between
        self.sent.append((self.clock.now(), chat_id, text))
        return str(1000 + len(self.sent))

    async def ask_choice(self, chat_id: str, text: str, choices: Sequence[Choice], *,
                         reply_to: str | None = None) -> str:
        return await self.send_text(chat_id, text, reply_to=reply_to)

    async def send_media(self, chat_id: str, kind: MediaKind, content: bytes | str, *,
                         caption: str = "", filename: str | None = None,
                         reply_to: str | None = None) -> str:
        raise AssertionError("no media here")

    async def edit_text(self, chat_id: str, message_id: str, text: str,
                        choices: Sequence[Choice] | None = None) -> bool:
        raise AssertionError("no edits here")


def fake_pacer(clock: FixedClock) -> Pacer:
    async def sleep(seconds: float) -> None:
        clock.advance(timedelta(seconds=seconds))

    return Pacer(clock=lambda: clock.now().timestamp(), sleep=sleep)


async def record(uow_factory, clock: FixedClock, plan: dict[str, int]) -> int:  # noqa: ANN001
    post = Post(uow_factory, clock)
    for chat, count in plan.items():
        for n in range(count):
            await post.send(Platform.TELEGRAM, chat, f"{chat} #{n}")
    return sum(plan.values())


async def test_the_sender_keeps_one_message_a_second_per_chat_and_twenty_a_minute_per_group(
        uow_factory):
    clock = FixedClock(T0)
    plan = {"-1001": 45, "-1002": 4, "777": 6}  # two groups and a private chat
    total = await record(uow_factory, clock, plan)
    recorder = Recorder(clock)
    outbox = Outbox(uow_factory, clock, MessengerRegistry([recorder]), pacer=fake_pacer(clock))
    for _ in range(500):
        await outbox.dispatch()
        due = await outbox.next_due()
        if due is None:
            break
        clock.set(max(due, clock.now()))  # nothing happens until the next row is due
    assert len(recorder.sent) == total
    by_chat: dict[str, list[tuple[datetime, str]]] = defaultdict(list)
    for at, chat, text in recorder.sent:
        by_chat[chat].append((at, text))
    for chat, sent in by_chat.items():
        assert [text for _, text in sent] == [f"{chat} #{n}" for n in range(plan[chat])]  # order
        times = [at.timestamp() for at, _ in sent]
        assert min(b - a for a, b in zip(times, times[1:], strict=False)) >= 1.0 - 1e-6
    group = sorted(at.timestamp() for at, _ in by_chat["-1001"])
    assert max(sum(1 for u in group if t <= u < t + 60 - 1e-6) for t in group) == 20
    # The busy group never held the others up: they were done within their own pace.
    assert max(at for at, _ in by_chat["777"]) - T0 < timedelta(seconds=10)


async def test_two_senders_at_once_never_send_the_same_row(any_uow_factory):
    clock = FixedClock(T0)
    total = await record(any_uow_factory, clock, {str(-1000 - n): 6 for n in range(25)})
    first, second = Recorder(clock, pause=True), Recorder(clock, pause=True)
    a = Outbox(any_uow_factory, clock, MessengerRegistry([first]), batch=5)
    b = Outbox(any_uow_factory, clock, MessengerRegistry([second]), batch=5)
    await asyncio.gather(a.dispatch(), b.dispatch(), a.dispatch(), b.dispatch())
    sent = [(chat, text) for _, chat, text in first.sent + second.sent]
    assert len(sent) == len(set(sent)) == total  # every row once: none lost, none doubled
    async with any_uow_factory() as uow:
        assert all(row.sent_at is not None for row in await uow.notices.all())


async def _draft_world(uow_factory, intake):  # noqa: ANN001, ANN202
    clock = FixedClock(conftest.T0)
    async with uow_factory() as uow:
        client = await add_client(uow, "ACME", now=conftest.T0, plan=conftest.monthly_plan())
        await link_chat(uow, client, Platform.TELEGRAM, "-100500")
        await uow.commit()
    desk = Desk(uow_factory, intake, clock)
    result = await desk.receive(conftest.message("1", "У Марины не работает телефония"))
    await Post(uow_factory, clock).send(
        Platform.TELEGRAM, "-100500", result.reply, reply_to="1", kind=NoticeType.DRAFT,
        key=f"draft:{result.ticket.id}", ticket_id=result.ticket.id,
        follow_up=draft_follow_up(result.ticket.id, "42"))
    recorder = Recorder(clock)
    outbox = Outbox(uow_factory, clock, MessengerRegistry([recorder]),
                    follow_ups=DeskFollowUps(desk, Workspace(uow_factory, clock)))
    return desk, result.ticket, recorder, outbox, Actor(Platform.TELEGRAM, "101", "Катя")


async def test_a_sent_draft_remembers_its_message_id_so_the_burst_can_edit_it(uow_factory, intake):
    desk, ticket, recorder, outbox, _ = await _draft_world(uow_factory, intake)
    assert (await outbox.dispatch()).sent == 1
    [(_, chat, text)] = recorder.sent
    async with uow_factory() as uow:
        stored = await uow.tickets.get(ticket.id)
        prompt = await uow.messages.get(Platform.TELEGRAM, "-100500", "1001")
    assert chat == "-100500" and "Подтвердите" in text
    assert stored.prompt_message_id == "1001"  # the id the messenger gave the draft
    assert prompt.ticket_id == ticket.id and prompt.from_staff  # a reply to it joins the ticket


async def test_a_draft_confirmed_before_it_went_out_is_not_sent_at_all(uow_factory, intake):
    desk, ticket, recorder, outbox, kate = await _draft_world(uow_factory, intake)
    await desk.confirm(ticket.id, kate)  # e.g. by staff, from another chat, in the meantime
    result = await outbox.dispatch()
    assert result.sent == 1 and recorder.sent == []  # done with, nothing posted
    async with uow_factory() as uow:
        [row] = await uow.notices.all()
    assert row.sent_at is not None and row.message_id is None


async def test_a_stopping_sender_releases_what_it_claimed_so_the_next_start_sends_it_at_once(
        uow_factory):
    clock = FixedClock(T0)
    total = await record(uow_factory, clock, {str(n): 1 for n in range(10)})
    first, second = Recorder(clock), Recorder(clock)
    stopping = Outbox(uow_factory, clock, MessengerRegistry([first]))
    await stopping.dispatch(stopping=lambda: len(first.sent) >= 3)
    assert len(first.sent) == 3
    # No waiting for the claim to expire: the next process sends the other seven now.
    await Outbox(uow_factory, clock, MessengerRegistry([second])).dispatch()
    assert len(second.sent) == total - 3
    assert {c for _, c, _ in first.sent} & {c for _, c, _ in second.sent} == set()
