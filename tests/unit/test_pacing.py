"""The sender's pace, on a fake clock: Telegram's limits hold however fast messages are asked
for — about 30 a second overall, one a second per chat, 20 a minute per group."""

from __future__ import annotations

from scheduler.pacing import Pacer


class FakeTime:
    """A monotonic clock that moves only when someone sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


def most_in_any_window(times: list[float], window: float) -> int:
    times = sorted(times)
    return max(sum(1 for u in times if t <= u < t + window - 1e-9) for t in times)


async def test_one_chat_gets_at_most_one_message_a_second():
    clock = FakeTime()
    pacer = Pacer(clock=clock, sleep=clock.sleep)
    times = []
    for _ in range(10):
        await pacer.wait("telegram:42")
        times.append(clock.now)
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert min(gaps) >= 1.0 - 1e-9
    assert times[-1] - times[0] < 9.5  # and no slower than it must be


async def test_a_group_gets_at_most_twenty_messages_a_minute():
    clock = FakeTime()
    pacer = Pacer(clock=clock, sleep=clock.sleep)
    times = []
    for _ in range(45):
        await pacer.wait("telegram:-100", group=True)
        times.append(clock.now)
    assert most_in_any_window(times, 60.0) == 20
    assert times[19] - times[0] < 20  # the first twenty go at the per-chat pace
    assert times[20] - times[0] >= 60.0 - 1e-9  # the 21st waits for the window


async def test_all_chats_together_get_at_most_thirty_messages_a_second():
    clock = FakeTime()
    pacer = Pacer(clock=clock, sleep=clock.sleep)
    times = []
    for n in range(120):
        await pacer.wait(f"telegram:{n}")
        times.append(clock.now)
    assert most_in_any_window(times, 1.0) <= 30
    assert times[-1] - times[0] < 4.5  # 120 messages at 30/s: about four seconds


def test_delay_tells_how_long_a_busy_chat_must_wait_without_counting_anything():
    clock = FakeTime()
    pacer = Pacer(clock=clock, sleep=clock.sleep)
    assert pacer.delay_now("telegram:-5", group=True) == 0
    pacer.take("telegram:-5", group=True)
    assert 0.99 < pacer.delay_now("telegram:-5", group=True) <= 1.0
    assert pacer.delay_now("telegram:-5", group=True) <= 1.0  # asking twice counts nothing
    assert pacer.delay_now("telegram:-6") < 0.1  # another chat only waits for the global rate
