"""Telegram's limits are per bot, not per process: with several processes (REDIS_URL set) the
sending budget lives in Redis, so two senders together still keep to ~30 messages a second,
one a second into a chat and twenty a minute into a group.

One Lua script decides atomically, on Redis's own clock (so processes on machines whose clocks
differ agree), whether one more message may go now and, if asked, counts it:
- overall: the earliest moment the next message may go, pushed 1/rate ahead by each message;
- per chat: the moment of the last message into it;
- per group: a sorted set of the last minute's sends.
"""

from __future__ import annotations

import asyncio
import math

from redis.asyncio import Redis

from scheduler.pacing import Pacer

_SCRIPT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local gap = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local is_group = ARGV[4] == '1'
local take = ARGV[5] == '1'
local next_any = tonumber(redis.call('GET', KEYS[1]) or '0')
local wait = next_any - now
local last = redis.call('GET', KEYS[2])
if last then wait = math.max(wait, tonumber(last) + gap - now) end
if is_group then
  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - 60000)
  local n = redis.call('ZCARD', KEYS[3])
  if n >= limit then
    local oldest = redis.call('ZRANGE', KEYS[3], n - limit, n - limit, 'WITHSCORES')
    wait = math.max(wait, tonumber(oldest[2]) + 60000 - now)
  end
end
if wait > 0 or not take then return math.max(wait, 0) end
redis.call('SET', KEYS[1], math.max(next_any, now) + interval, 'PX', 60000)
redis.call('SET', KEYS[2], now, 'PX', gap + 1000)
if is_group then
  redis.call('ZADD', KEYS[3], now, now .. ':' .. redis.call('INCR', KEYS[4]))
  redis.call('PEXPIRE', KEYS[3], 61000)
end
return 0
"""


class SharedPacer:
    """The `domain.outbox.Pacer` of several processes: the same limits as
    `scheduler.pacing.Pacer`, counted in Redis."""

    def __init__(self, redis: Redis, *, per_second: float = 30.0, per_chat_seconds: float = 1.0,
                 per_group_minute: int = 20, prefix: str = "chatdesk:pace") -> None:
        self._redis = redis
        self._script = redis.register_script(_SCRIPT)
        self._interval = math.ceil(1000 / per_second)
        self._gap = round(per_chat_seconds * 1000)
        self._limit = per_group_minute
        self._prefix = prefix

    async def _ask(self, chat_key: str, group: bool, take: bool) -> float:
        keys = [f"{self._prefix}:all", f"{self._prefix}:chat:{chat_key}",
                f"{self._prefix}:group:{chat_key}", f"{self._prefix}:seq"]
        args = [self._interval, self._gap, self._limit, int(group), int(take)]
        return int(await self._script(keys=keys, args=args)) / 1000

    async def delay(self, chat_key: str, group: bool = False) -> float:
        """Seconds until one more message may go to `chat_key` (0: now). Counts nothing."""
        return await self._ask(chat_key, group, take=False)

    async def wait(self, chat_key: str, group: bool = False) -> None:
        """Sleep until one more message may go, and count it — atomically across processes."""
        while (pause := await self._ask(chat_key, group, take=True)) > 0:  # noqa: ASYNC110
            await asyncio.sleep(max(pause, 0.001))  # the wait is decided in Redis, not here

    async def close(self) -> None:
        await self._redis.aclose()


def build_pacer(redis_url: str | None, *, per_second: float, per_chat_seconds: float,
                per_group_minute: int) -> Pacer | SharedPacer:
    """In one process the budget is kept in memory; with Redis it is shared."""
    if not redis_url:
        return Pacer(per_second, per_chat_seconds, per_group_minute)
    return SharedPacer(Redis.from_url(redis_url), per_second=per_second,
                       per_chat_seconds=per_chat_seconds, per_group_minute=per_group_minute)
