"""Telegram's limits are per bot: with several processes the sending budget is kept in Redis
(bot/pacing_redis.py), so two senders together keep to it. Runs on a real redis-server."""

from __future__ import annotations

import asyncio
import time

from redis.asyncio import Redis

from bot.pacing_redis import SharedPacer, build_pacer
from scheduler.pacing import Pacer


def pacer(url: str, **limits) -> SharedPacer:
    return SharedPacer(Redis.from_url(url), **limits)


async def test_two_processes_share_one_chat_gap(redis_url):
    a, b = pacer(redis_url, per_chat_seconds=5), pacer(redis_url, per_chat_seconds=5)
    try:
        assert await a.delay("telegram:-1", group=True) == 0
        await a.wait("telegram:-1", group=True)
        # B never sent anything, yet it must wait for A's message into the same chat.
        assert 4.0 < await b.delay("telegram:-1", group=True) <= 5.0
        assert await b.delay("telegram:-2", group=True) < 0.1  # another chat is free
    finally:
        await a.close()
        await b.close()


async def test_asking_counts_nothing_waiting_counts_once(redis_url):
    a = pacer(redis_url, per_chat_seconds=5)
    try:
        for _ in range(3):
            assert await a.delay("telegram:7") == 0
        await a.wait("telegram:7")
        assert await a.delay("telegram:7") > 4.0
    finally:
        await a.close()


async def test_a_group_gets_at_most_its_messages_a_minute_from_all_processes(redis_url):
    a = pacer(redis_url, per_chat_seconds=0, per_group_minute=3)
    b = pacer(redis_url, per_chat_seconds=0, per_group_minute=3)
    try:
        await a.wait("telegram:-5", group=True)
        await b.wait("telegram:-5", group=True)
        await a.wait("telegram:-5", group=True)
        # Three in this minute, from two processes: the fourth waits about a minute.
        assert 55 < await b.delay("telegram:-5", group=True) <= 60
        assert await b.delay("telegram:5") < 0.1  # a private chat has no group limit
    finally:
        await a.close()
        await b.close()


async def test_two_processes_together_keep_the_overall_rate(redis_url):
    a = pacer(redis_url, per_second=20, per_chat_seconds=0)
    b = pacer(redis_url, per_second=20, per_chat_seconds=0)
    try:
        started = time.monotonic()

        async def send(p: SharedPacer, n: int, tag: str) -> None:
            for i in range(n):
                await p.wait(f"telegram:{tag}{i}")

        await asyncio.gather(send(a, 10, "a"), send(b, 10, "b"))
        # 20 messages at 20 a second overall: the last goes ~0.95 s after the first. Each
        # process alone would have sent its 10 in ~0.45 s.
        assert time.monotonic() - started >= 0.9
    finally:
        await a.close()
        await b.close()


def test_without_redis_the_budget_is_kept_in_memory():
    assert isinstance(build_pacer(None, per_second=30, per_chat_seconds=1,
                                  per_group_minute=20), Pacer)
