"""Sending at a pace the messenger accepts. Telegram answers 429 above about 30 messages a
second overall, more than about one a second into one chat, or more than 20 a minute into one
group.

The clock and the sleep are injected, so the limits are tested with a fake clock."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable


class Pacer:
    """A token bucket for the whole bot, a minimum gap per chat and a sliding one-minute window
    per group. `delay` says how long until one more message may go; `wait` sleeps that long
    and counts the message."""

    def __init__(self, per_second: float = 30.0, per_chat_seconds: float = 1.0,
                 per_group_minute: int = 20, burst: int = 1, *,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self._rate = per_second
        self._capacity = float(burst)
        self._tokens = float(burst)
        self._clock = clock
        self._sleep = sleep
        self._stamp = clock()
        self._gap = per_chat_seconds
        self._group_limit = per_group_minute
        self._last: dict[str, float] = {}
        self._groups: dict[str, deque[float]] = {}
        self._lock = asyncio.Lock()

    def _refill(self, now: float) -> None:
        self._tokens = min(self._capacity, self._tokens + (now - self._stamp) * self._rate)
        self._stamp = now

    async def delay(self, chat_key: str, group: bool = False) -> float:
        return self.delay_now(chat_key, group)

    def delay_now(self, chat_key: str, group: bool = False) -> float:
        """Seconds until one more message may go to `chat_key` (0: now). Counts nothing."""
        now = self._clock()
        self._refill(now)
        waits = [0.0, self._last.get(chat_key, -1e18) + self._gap - now]
        if self._tokens < 1:
            waits.append((1 - self._tokens) / self._rate)
        if group:
            sent = self._groups.get(chat_key)
            if sent is not None:
                while sent and sent[0] <= now - 60:
                    sent.popleft()
                if len(sent) >= self._group_limit:
                    waits.append(sent[len(sent) - self._group_limit] + 60 - now)
        return max(waits)

    def take(self, chat_key: str, group: bool = False) -> None:
        """Count one message sent to `chat_key` now."""
        now = self._clock()
        self._refill(now)
        self._tokens -= 1
        self._last[chat_key] = now
        if group:
            self._groups.setdefault(chat_key, deque()).append(now)
        if len(self._last) > 10_000:  # forget chats idle for longer than any limit
            self._last = {c: s for c, s in self._last.items() if now - s < max(self._gap, 60)}
            self._groups = {c: q for c, q in self._groups.items() if q and now - q[-1] < 60}

    async def wait(self, chat_key: str, group: bool = False) -> None:
        async with self._lock:
            while (pause := self.delay_now(chat_key, group)) > 0:
                await self._sleep(max(pause, 0.001))
            self.take(chat_key, group)
