"""The outbox: a failed send is retried from its record, and two instances running the same
jobs at once send each notice once (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.clock import FixedClock
from bot.messengers import MessengerRegistry
from bot.scheduling import build_jobs
from bot.settings import load_settings
from domain.kernel.model import Kind
from scheduler.jobs import Jobs
from tests.integration.test_scheduler_month import Month, RecordingMessenger, msk


class FlakyMessenger(RecordingMessenger):
    def __init__(self, clock: FixedClock, failures: int) -> None:
        super().__init__(clock)
        self.failures = failures

    async def send_text(self, chat_id: str, text: str, **kw: object) -> str:
        if self.failures:
            self.failures -= 1
            raise ConnectionError("network down")
        return await super().send_text(chat_id, text)


def jobs(uow_factory, clock: FixedClock, messenger: RecordingMessenger) -> Jobs:
    settings = load_settings(staff_chat_id="-200", _env_file=None)
    return build_jobs(uow_factory, clock, settings, MessengerRegistry([messenger]))


async def test_a_failed_send_is_retried_from_its_record_and_sent_once(uow_factory):
    clock = FixedClock(msk(9, 9))
    month = Month(uow_factory, clock)
    await month.setup()
    clock.set(msk(9, 10))
    await month.confirmed(1, Kind.TECHNICAL, "Телефония не звонит")
    flaky = FlakyMessenger(clock, failures=1)
    scheduler = jobs(uow_factory, clock, flaky)
    clock.set(msk(9, 14))
    await scheduler.tick()
    assert flaky.sent == []  # the warning failed once
    clock.advance(timedelta(seconds=1))
    await scheduler.tick()
    assert flaky.sent == []  # it waits for its retry time (2 s), and is not decided again
    clock.advance(timedelta(seconds=2))
    await scheduler.tick()
    await scheduler.tick()
    assert [chat for _, chat, _ in flaky.sent] == ["-200"]
    async with uow_factory() as uow:
        (notice,) = await uow.notices.all()
    assert notice.attempts == 1 and notice.sent_at is not None


async def test_two_instances_running_the_same_jobs_at_once_send_each_notice_once(
        any_uow_factory):
    clock = FixedClock(msk(9, 9))
    month = Month(any_uow_factory, clock)
    await month.setup()
    clock.set(msk(9, 10))
    for number in (1, 2, 3):
        await month.confirmed(number, Kind.TECHNICAL, f"Проблема номер {number}")
    first, second = RecordingMessenger(clock), RecordingMessenger(clock)
    a, b = jobs(any_uow_factory, clock, first), jobs(any_uow_factory, clock, second)
    for at in (msk(9, 14), msk(9, 15), msk(10, 10)):
        clock.set(at)
        await asyncio.gather(a.tick(), b.tick(), a.tick(), b.tick())
    sent = first.sent + second.sent
    assert len(sent) == len(set(sent))
    # Per ticket: a warning, a breach and an untaken nudge, all to the staff chat.
    assert len(sent) == 9
