"""Sending at a pace the messenger accepts: Telegram answers 429 above about 30 messages a
second overall, or more than about one a second into one chat."""

from __future__ import annotations

import asyncio
import time


class Pacer:
    """A token bucket for the whole bot plus a minimum gap per chat; `wait` sleeps as needed."""

    def __init__(self, per_second: float = 30.0, per_chat_seconds: float = 1.0,
                 burst: int = 1) -> None:
        self._rate = per_second
        self._capacity = float(burst)
        self._tokens = float(burst)
        self._stamp = time.monotonic()
        self._gap = per_chat_seconds
        self._last: dict[str, float] = {}
        self._lock = asyncio.Lock()

    async def wait(self, chat_id: str) -> None:
        async with self._lock:
            while True:
                now = time.monotonic()
                self._tokens = min(self._capacity, self._tokens + (now - self._stamp) * self._rate)
                self._stamp = now
                chat_ready = self._last.get(chat_id, -1e9) + self._gap
                if self._tokens >= 1 and now >= chat_ready:
                    self._tokens -= 1
                    self._last[chat_id] = now
                    if len(self._last) > 10_000:  # forget chats idle for longer than the gap
                        self._last = {c: t for c, t in self._last.items() if now - t < self._gap}
                    return
                await asyncio.sleep(max((1 - self._tokens) / self._rate, chat_ready - now, 0.001))
