"""Several workers share one inbox on PostgreSQL without doing an update twice, and one chat's
updates go to one worker at a time, in order — so a burst is grouped exactly as one process
would group it."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

from aiogram.types import Update

from bot.inbox import chat_of
from storage.engine import make_engine, upgrade
from storage.reliability.repository import inbox_claim, inbox_finish, inbox_put
from tests.postgres import create_database

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def group_message(update_id: int, chat: int) -> dict:
    return {"update_id": update_id, "message": {
        "message_id": update_id, "date": 1_790_000_000, "text": f"m{update_id}",
        "chat": {"id": chat, "type": "supergroup", "title": "G"},
        "from": {"id": 5, "is_bot": False, "first_name": "A"}}}


def test_the_chat_of_an_update_is_found_in_raw_and_parsed_updates():
    message = group_message(1, -100)
    press = {"update_id": 2, "callback_query": {
        "id": "q", "chat_instance": "c", "data": "x",
        "from": {"id": 7, "is_bot": False, "first_name": "B"},
        "message": group_message(3, -200)["message"]}}
    inline = {"update_id": 4, "callback_query": {
        "id": "q", "chat_instance": "c", "data": "x", "inline_message_id": "i",
        "from": {"id": 7, "is_bot": False, "first_name": "B"}}}
    joined = {"update_id": 5, "my_chat_member": {
        "chat": {"id": -300, "type": "group", "title": "G"},
        "from": {"id": 7, "is_bot": False, "first_name": "B"}, "date": 1,
        "old_chat_member": {"status": "left", "user": {"id": 1, "is_bot": True,
                                                       "first_name": "bot"}},
        "new_chat_member": {"status": "member", "user": {"id": 1, "is_bot": True,
                                                         "first_name": "bot"}}}}
    expected = ["-100", "-200", "user:7", "-300", None]
    raw = [message, press, inline, joined, {"update_id": 6}]
    assert [chat_of(u) for u in raw] == expected
    assert [chat_of(Update.model_validate(u)) for u in raw] == expected


async def test_one_chat_is_taken_by_one_worker_at_a_time_in_order(postgres):
    url = await create_database(postgres, f"inbox_{uuid.uuid4().hex[:10]}")
    await upgrade(url)
    engine = make_engine(url)
    try:
        rows = [("telegram", str(i), json.dumps(group_message(i, chat)), str(chat))
                for i, chat in enumerate([-1, -1, -2, -1, -2, -3], start=1)]
        rows.append(("telegram", "7", "{}", None))  # no chat: any worker may take it
        await inbox_put(engine, rows, NOW)
        async with engine.connect() as a, engine.connect() as b:
            await a.begin()
            await b.begin()
            taken_a = [r.key for r in await inbox_claim(a, 3)]
            taken_b = [r.key for r in await inbox_claim(b, 10)]
            # A holds the chats among the three oldest rows (-1, -2): all their rows, in order.
            assert taken_a == ["1", "2", "3"]
            # B gets only what A's chats do not own: chat -3 and the chatless row — never
            # row 4 of chat -1 while A is still working on that chat's earlier rows.
            assert taken_b == ["6", "7"]
            await inbox_finish(a, [1, 2, 3], {}, NOW)
            await a.commit()
            await b.rollback()
            await b.begin()
            assert [r.key for r in await inbox_claim(b, 10)] == ["4", "5", "6", "7"]
            await b.rollback()
    finally:
        await engine.dispose()
