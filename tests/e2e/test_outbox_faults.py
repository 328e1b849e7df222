"""The outbox against a misbehaving Telegram: real aiogram over real HTTP against the fake Bot
API, the real runtime (inbox worker + outbox sender), a real SQLite file.

429s, 5xx and slow answers delay messages but never lose or double them; a bot kicked from a
chat fails the message visibly (a failed row, `chatdesk outbox`, a word to the staff chat);
a group that became a supergroup gets the message at its new id."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import json

import pytest

from bot.commands.outbox import cmd_outbox
from domain.kernel.model import Platform
from domain.outbox.model import NoticeType
from tests.e2e.test_telegram_bot import GROUP, KATE, OLEG, STAFF, stack

STAFF_CHAT = -1009000000009
REQUESTS = {KATE: "Не работает телефония у Марины", OLEG: "Обмен с 1С упал, заказы не выгружаются",
            103: "Принтер в бухгалтерии не печатает"}


def _drafts(fake) -> list[dict]:  # noqa: ANN001
    return [m for m in fake.sent_to(GROUP) if "записал" in m.get("text", "")]


async def _rows(app):  # noqa: ANN001, ANN202
    async with app.uow() as uow:
        return await uow.notices.all()


async def test_429_5xx_slow_answers_and_duplicate_updates_deliver_every_draft_exactly_once(
        tmp_path):
    async with stack(tmp_path, link=True) as built:
        fake = built.fake
        fake.fail_next("sendMessage", status=429, retry_after=1)
        fake.fail_next("sendMessage", status=502)
        fake.fail_next("sendMessage", status=500)
        fake.set_delay("sendMessage", 0.3)
        await built.start(polling=True, polling_timeout=1)
        requests = {}
        for user, text in REQUESTS.items():
            update = fake.stamp(fake.group_message(GROUP, user, text, first_name=f"U{user}"))
            fake.push_update(update)
            requests[user] = update["message"]["message_id"]
        # Telegram delivers one of them again (the offset confirmation was lost).
        again = fake.stamp(fake.group_message(GROUP, 104, "Почта не отправляет письма",
                                              first_name="U104"))
        fake.push_update(again)
        await fake.wait_confirmed(again["update_id"])
        fake.push_update({**again, "update_id": again["update_id"] + 1})

        await fake.wait_until(lambda: len(_drafts(fake)) >= 4, timeout=30)
        await asyncio.sleep(1.0)  # anything doubled would have arrived by now
        drafts = _drafts(fake)
        answered = sorted(d["reply_to_message"]["message_id"] for d in drafts)
        assert answered == sorted([*requests.values(), again["message"]["message_id"]])
        failures = [c for c in fake.log if c.method == "sendMessage" and not c.ok]
        assert [c.status for c in failures] == [429, 502, 500]  # every fault was really hit
        rows = [r for r in await _rows(built.app) if r.kind is NoticeType.DRAFT]
        assert len(rows) == 4 and all(r.sent_at is not None for r in rows)
        assert sum(r.attempts for r in rows) == 2  # the 5xx count as attempts, the 429 not


async def test_a_bot_kicked_from_a_chat_fails_the_message_visibly_and_the_admins_hear(tmp_path):
    async with stack(tmp_path, link=True, staff_chat_id=str(STAFF_CHAT)) as built:
        fake, app = built.fake, built.app
        fake.add_chat(STAFF_CHAT, title="Вектор: сотрудники")
        fake.my_chat_member(GROUP, STAFF, "kicked")  # removed while a message was on its way
        runtime = await built.start(polling=False)
        await runtime.dispatcher["post"].send(Platform.TELEGRAM, GROUP, "Заявка №1 выполнена")

        alert = await fake.wait_sent(STAFF_CHAT, lambda m: "Не удалось" in m.get("text", ""))
        assert str(GROUP) in alert["text"] and "kicked" in alert["text"]
        assert "Заявка №1 выполнена" in alert["text"]
        (failed,) = [r for r in await _rows(app) if r.chat_id == str(GROUP)]
        assert failed.failed_at is not None and failed.sent_at is None
        assert failed.attempts == 1  # given up at once: retrying cannot help
        assert not fake.sent_to(GROUP)

        await runtime.stop()
        with contextlib.redirect_stdout(io.StringIO()) as out:  # `chatdesk outbox --failed`
            assert await cmd_outbox(argparse.Namespace(failed=True, limit=50, json=True),
                                    app.settings) == 0
        listed = json.loads(out.getvalue())
        assert [(r["state"], r["chat_id"]) for r in listed] == [("failed", str(GROUP))]
        assert "kicked" in listed[0]["error"]


async def test_a_message_to_a_group_that_became_a_supergroup_follows_it_to_the_new_id(tmp_path):
    new_id = -1001999999999
    async with stack(tmp_path, link=True) as built:
        fake, app = built.fake, built.app
        fake.migrate(GROUP, new_id, KATE)  # the bot has not heard of it yet
        runtime = await built.start(polling=False)
        post = runtime.dispatcher["post"]
        await post.send(Platform.TELEGRAM, GROUP, "Первое сообщение")
        await post.send(Platform.TELEGRAM, GROUP, "Второе сообщение")

        await fake.wait_sent(new_id, lambda m: m.get("text") == "Второе сообщение", timeout=10)
        assert [m["text"] for m in fake.sent_to(new_id)] == ["Первое сообщение",
                                                              "Второе сообщение"]
        async with app.uow() as uow:
            assert await uow.chats.find(Platform.TELEGRAM, str(new_id)) is not None
            assert await uow.chats.find(Platform.TELEGRAM, str(GROUP)) is None
        rows = await _rows(app)
        assert {r.chat_id for r in rows} == {str(new_id)}
        assert all(r.sent_at is not None and r.attempts == 0 for r in rows)


def test_chatdesk_outbox_lists_nothing_on_an_empty_outbox_and_refuses_a_bad_limit(
        tmp_path, monkeypatch, capsys):
    from bot.cli import main

    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'cli.sqlite3'}")
    monkeypatch.setenv("DEFAULT_LANGUAGE", "en")
    assert main(["outbox"]) == 0
    assert "everything was sent" in capsys.readouterr().out
    assert main(["outbox", "--limit", "0"]) == 2
    assert "--limit must be at least 1" in capsys.readouterr().err


async def test_whatsapp_gateway_refusals_are_permanent_and_outages_transient():
    from bot.messengers.green_api import GreenApiMessenger
    from domain.kernel.ports import PermanentSendError, TransientSendError
    from tests.fakes.green_api import FakeGreenAPI

    green = FakeGreenAPI()
    await green.start()
    wrong = GreenApiMessenger(green.base_url, green.instance_id, "not-the-token")
    down = GreenApiMessenger("http://127.0.0.1:9", green.instance_id, green.token, attempts=1)
    try:
        with pytest.raises(PermanentSendError):  # 401: retrying cannot help
            await wrong.send_text("120363000000000001@g.us", "Привет")
        with pytest.raises(TransientSendError):  # nobody listening: try again later
            await down.send_text("120363000000000001@g.us", "Привет")
    finally:
        await wrong.aclose()
        await down.aclose()
        await green.stop()
