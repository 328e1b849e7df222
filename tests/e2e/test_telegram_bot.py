"""The live bot end to end: real aiogram over real HTTP against a fake Bot API on 127.0.0.1,
a real SQLite file, the built-in classifier."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
from aiogram import Bot
from aiohttp.test_utils import TestServer

from bot.inbox import InboxWorker, InboxWriter
from bot.settings import load_settings
from bot.telegram import WEBHOOK_PATH, TelegramRuntime, build_bot, build_dispatcher, check_bot
from bot.wiring import App, build_app
from domain.kernel.model import Client, Kind, Platform, TicketStatus
from domain.onboarding.service import add_client, add_staff, link_chat
from domain.outbox.model import NoticeType
from tests.conftest import T0, monthly_plan
from tests.fakes.bot_api import FakeBotAPI

GROUP = -1001000000001
STAFF = 900
KATE, OLEG, STRANGER = 101, 102, 666


@dataclass
class Live:
    fake: FakeBotAPI
    app: App
    link_code: str

    def push(self, update: dict) -> int:
        return self.fake.push_update(update)

    def say(self, user_id: int, text: str | None = None, **kw) -> dict:
        update = self.fake.group_message(GROUP, user_id, text, first_name=kw.pop("name", "Kate"),
                                         **kw)
        self.push(update)
        return update["message"]

    async def tickets(self):
        async with self.app.uow() as uow:
            client = await uow.clients.get_by_name("ACME")
            return await uow.tickets.for_client(client.id)

    async def app_idle(self) -> None:
        """Give the worker a moment to send anything else it would (e.g. a second draft)."""
        await asyncio.sleep(0.3)

    async def linked(self) -> None:
        self.say(STAFF, f"/link {self.link_code}", name="Pavel")
        await self.fake.wait_sent(GROUP, lambda m: "бот поддержки" in m.get("text", ""))


def _buttons(message: dict) -> list[str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [button["callback_data"] for row in rows for button in row]


@dataclass
class Stack:
    """A fake Telegram, a migrated SQLite file with client ACME and staff member Pavel, and
    — once `start` is called — the real runtime of the bot."""

    fake: FakeBotAPI
    app: App
    client: Client
    bot: Bot | None = None
    runtime: TelegramRuntime | None = None

    async def start(self, **options) -> TelegramRuntime:
        self.bot = build_bot(self.app.settings)
        self.runtime = TelegramRuntime(self.app, self.bot)
        await self.runtime.start(**options)
        return self.runtime


@contextlib.asynccontextmanager
async def stack(tmp_path: Path, *, link: bool = False, **options) -> AsyncIterator[Stack]:
    """`options`: more settings (e.g. staff_chat_id)."""
    fake = FakeBotAPI()
    await fake.start()
    settings = load_settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}",
        telegram_bot_token=fake.token, telegram_api_url=fake.base_url,
        integrator_name="Вектор Интеграция", default_language="ru", **options,
    )
    app = await build_app(settings)
    async with app.uow() as uow:
        client = await add_client(uow, "ACME", now=T0, plan=monthly_plan())
        await add_staff(uow, "Pavel", telegram_id=str(STAFF))
        if link:
            await link_chat(uow, client, Platform.TELEGRAM, str(GROUP))
        await uow.commit()
    built = Stack(fake, app, client)
    try:
        yield built
    finally:
        if built.runtime is not None:
            await built.runtime.stop()
        if built.bot is not None:
            await built.bot.session.close()
        await app.close()
        await fake.stop()


@pytest.fixture
async def live(tmp_path: Path):
    async with stack(tmp_path) as built:
        await built.start(polling=True, polling_timeout=1)
        yield Live(built.fake, built.app, built.client.link_code)


async def test_request_is_drafted_with_buttons_and_confirmed_by_its_author(live):
    await live.linked()
    request = live.say(KATE, "У Марины не работает телефония, входящие не доходят")
    draft = await live.fake.wait_sent(GROUP, lambda m: "записал вашу заявку" in m.get("text", ""))
    assert draft["reply_to_message"]["message_id"] == request["message_id"]
    assert "техническая поддержка" in draft["text"] and "входит в ваш тариф" in draft["text"]
    confirm = _buttons(draft)[0]
    assert all(len(data.encode()) <= 64 for data in _buttons(draft))

    live.push(live.fake.callback(GROUP, KATE, draft["message_id"], confirm))
    await live.fake.wait_for("answerCallbackQuery")
    await live.fake.wait_until(
        lambda: "принята" in live.fake.message(GROUP, draft["message_id"]).get("text", ""))
    accepted = live.fake.message(GROUP, draft["message_id"])
    assert "Заявка №1 принята" in accepted["text"] and "4 рабочих часов" in accepted["text"]
    assert not _buttons(accepted)
    [ticket] = await live.tickets()
    assert ticket.status is TicketStatus.ACCEPTED and ticket.confirmed_at is not None


async def test_stranger_pressing_confirm_gets_an_alert_and_changes_nothing(live):
    await live.linked()
    live.say(KATE, "Не работает обмен с 1С, счета не выгружаются")
    draft = await live.fake.wait_sent(GROUP, lambda m: "записал" in m.get("text", ""))
    live.push(live.fake.callback(GROUP, STRANGER, draft["message_id"], _buttons(draft)[0],
                                 first_name="Mallory"))
    _, answer = await live.fake.wait_for("answerCallbackQuery")
    assert answer.get("show_alert") is True and "автор заявки" in answer["text"]
    [ticket] = await live.tickets()
    assert ticket.status is TicketStatus.AWAITING_CONFIRMATION


async def test_requester_can_change_the_kind_and_the_price_follows_the_plan(live):
    await live.linked()
    live.say(KATE, "Не работает обмен с 1С, счета не выгружаются")
    draft = await live.fake.wait_sent(GROUP, lambda m: "записал" in m.get("text", ""))
    live.push(live.fake.callback(GROUP, KATE, draft["message_id"], _buttons(draft)[1]))
    await live.fake.wait_until(lambda: len(_buttons(live.fake.message(GROUP, draft["message_id"])))
                               > 3)
    kinds = _buttons(live.fake.message(GROUP, draft["message_id"]))
    control = next(data for data in kinds if data.endswith(":control"))
    live.push(live.fake.callback(GROUP, KATE, draft["message_id"], control))
    await live.fake.wait_until(
        lambda: "разовую" in live.fake.message(GROUP, draft["message_id"]).get("text", ""))
    [ticket] = await live.tickets()
    assert ticket.kind is Kind.CONTROL and ticket.status is TicketStatus.AWAITING_CONFIRMATION


async def test_an_unsure_kind_is_said_and_the_requester_picks_it_from_the_draft(live):
    await live.linked()
    live.say(KATE, "что-то с карточками не то")
    draft = await live.fake.wait_sent(GROUP, lambda m: "записал" in m.get("text", ""))
    assert "не уверен" in draft["text"]
    buttons = _buttons(draft)
    technical = next(data for data in buttons if data.endswith(":technical"))
    assert len(buttons) == 7  # confirm, the five kinds, not a request

    live.push(live.fake.callback(GROUP, KATE, draft["message_id"], technical))
    await live.fake.wait_until(
        lambda: "не уверен" not in live.fake.message(GROUP, draft["message_id"]).get("text", ""))
    redrawn = live.fake.message(GROUP, draft["message_id"])
    assert "техническая поддержка" in redrawn["text"] and len(_buttons(redrawn)) == 3
    [ticket] = await live.tickets()
    assert (ticket.kind, ticket.confidence) == (Kind.TECHNICAL, 1.0)


async def test_not_a_request_cancels_the_draft(live):
    await live.linked()
    live.say(KATE, "Не работает обмен с 1С, счета не выгружаются")
    draft = await live.fake.wait_sent(GROUP, lambda m: "записал" in m.get("text", ""))
    live.push(live.fake.callback(GROUP, KATE, draft["message_id"], _buttons(draft)[2]))
    await live.fake.wait_until(
        lambda: "не заявка" in live.fake.message(GROUP, draft["message_id"]).get("text", ""))
    [ticket] = await live.tickets()
    assert ticket.status is TicketStatus.CANCELLED


async def test_piracy_gets_a_polite_refusal_quoting_the_rule(live):
    await live.linked()
    live.say(OLEG, "скиньте кряк для фотошопа, лицензия закончилась", name="Oleg")
    refusal = await live.fake.wait_sent(GROUP, lambda m: "лицензи" in m.get("text", ""))
    assert "нелицензионные" in refusal["text"] and not _buttons(refusal)
    assert await live.tickets() == []


async def test_chatter_gets_silence(live):
    await live.linked()
    sent_before = len(live.fake.sent)
    ids = [live.fake.push_update(live.fake.group_message(GROUP, KATE, text))
           for text in ("Доброе утро!", "спасибо", "+")]
    await live.fake.wait_confirmed(ids[-1])
    assert len(live.fake.sent) == sent_before
    assert await live.tickets() == []


async def test_album_is_one_request(live):
    await live.linked()
    live.say(KATE, photo=True, caption="Ошибка при проведении документа в 1С, см. фото",
             media_group_id="album1")
    live.say(KATE, photo=True, media_group_id="album1")
    last = live.say(KATE, photo=True, media_group_id="album1")
    await live.fake.wait_sent(GROUP, lambda m: "записал" in m.get("text", ""))
    await live.fake.wait_until(lambda: live.fake.confirmed_offset > 0)
    await asyncio.sleep(0.3)
    [ticket] = await live.tickets()
    assert str(last["message_id"]) in ticket.message_ids and len(ticket.message_ids) == 3


async def test_edit_of_an_unconfirmed_request_updates_the_draft(live):
    await live.linked()
    original = live.say(KATE, "Не работает телефония у Марины")
    draft = await live.fake.wait_sent(GROUP, lambda m: "записал" in m.get("text", ""))
    live.push(live.fake.edited_message(GROUP, original["message_id"],
                                       "Не работает почта у Петрова, ошибка IMAP"))
    await live.fake.wait_until(
        lambda: "почта у Петрова" in live.fake.message(GROUP, draft["message_id"])["text"])
    [ticket] = await live.tickets()
    assert ticket.title.startswith("Не работает почта у Петрова")


async def test_group_migrated_to_supergroup_keeps_its_client_and_history(live):
    old_group = -4000001
    live.push(live.fake.group_message(old_group, STAFF, f"/link {live.link_code}",
                                      chat_type="group"))
    await live.fake.wait_sent(old_group)
    for update in live.fake.migrate(old_group, GROUP, STAFF):
        live.push(update)
    live.say(KATE, "Не работает телефония у Марины")
    await live.fake.wait_sent(GROUP, lambda m: "записал" in m.get("text", ""))
    async with live.app.uow() as uow:
        assert await uow.chats.find(Platform.TELEGRAM, str(old_group)) is None
        chat = await uow.chats.find(Platform.TELEGRAM, str(GROUP))
        assert (await uow.clients.get(chat.client_id)).name == "ACME"


async def test_the_same_update_delivered_twice_makes_one_ticket(live):
    await live.linked()
    update = live.fake.group_message(GROUP, KATE, "Не работает телефония у Марины")
    live.push(dict(update))
    second = live.push(dict(update))  # the same message under a new update_id
    await live.fake.wait_confirmed(second)
    await live.fake.wait_sent(GROUP, lambda m: "записал" in m.get("text", ""))
    await live.app_idle()
    assert len(await live.tickets()) == 1
    drafts = [m for m in live.fake.sent_to(GROUP) if "записал" in m.get("text", "")]
    assert len(drafts) == 1


async def test_flood_control_429_is_waited_out_and_the_draft_still_arrives(live):
    await live.linked()
    live.fake.fail_next("sendMessage", status=429, retry_after=1)
    live.say(KATE, "Не работает телефония у Марины")
    draft = await live.fake.wait_sent(GROUP, lambda m: "записал" in m.get("text", ""),
                                      timeout=8)
    failed = [call for call in live.fake.calls if call[0] == "sendMessage"]
    assert len(failed) >= 2 and draft["text"]


async def test_unlinked_chat_hears_once_how_to_link_and_nothing_is_stored(live):
    other = -1009999
    live.push(live.fake.my_chat_member(other, STAFF, "member", old_status="left",
                                       chat_title="Someone"))
    hint = await live.fake.wait_sent(other)
    assert "/link" in hint["text"]
    last = live.fake.push_update(live.fake.group_message(other, KATE, "Не работает телефония"))
    await live.fake.wait_confirmed(last)
    assert len(live.fake.sent_to(other)) == 1
    async with live.app.uow() as uow:
        assert not await uow.messages.exists(Platform.TELEGRAM, str(other), "1")
        assert await uow.chats.find(Platform.TELEGRAM, str(other)) is None


async def test_link_needs_staff_and_a_valid_code(live):
    live.say(KATE, f"/link {live.link_code}")
    refusal = await live.fake.wait_sent(GROUP)
    assert "сотрудники поддержки" in refusal["text"]
    live.say(STAFF, "/link WRONGCODE1", name="Pavel")
    wrong = await live.fake.wait_sent(GROUP, lambda m: "Код не подошёл" in m.get("text", ""))
    assert wrong


async def test_owner_deep_link_binds_the_owner_once(live):
    await live.linked()
    live.say(STAFF, "/owner", name="Pavel")
    answer = await live.fake.wait_sent(GROUP, lambda m: "t.me/" in m.get("text", ""))
    payload = answer["text"].split("?start=")[1].split()[0]
    live.push(live.fake.private_message(555, f"/start {payload}", first_name="Irina"))
    bound = await live.fake.wait_sent(555)
    assert "руководителем «ACME»" in bound["text"]
    live.push(live.fake.private_message(556, f"/start {payload}", first_name="Eve"))
    reused = await live.fake.wait_sent(556)
    assert "не подошла" in reused["text"]


async def test_tickets_and_ticket_commands_show_the_clients_queue(live):
    await live.linked()
    live.say(KATE, "Не работает телефония у Марины")
    draft = await live.fake.wait_sent(GROUP, lambda m: "записал" in m.get("text", ""))
    live.push(live.fake.callback(GROUP, KATE, draft["message_id"], _buttons(draft)[0]))
    await live.fake.wait_for("answerCallbackQuery")
    live.say(KATE, "/tickets")
    listing = await live.fake.wait_sent(GROUP, lambda m: "Открытые заявки" in m.get("text", ""))
    assert "№1" in listing["text"]
    live.say(KATE, "/ticket 1")
    details = await live.fake.wait_sent(GROUP, lambda m: "Заявка №1:" in m.get("text", ""))
    assert "Статус: принята в очередь" in details["text"]
    live.say(KATE, "/ticket 42")
    missing = await live.fake.wait_sent(GROUP, lambda m: "Заявки №42 нет" in m.get("text", ""))
    assert missing


async def test_bot_removed_from_the_chat_stops_listening_there(live):
    await live.linked()
    live.push(live.fake.my_chat_member(GROUP, STAFF, "kicked", old_status="member"))
    last = live.fake.push_update(live.fake.group_message(GROUP, KATE, "Не работает почта"))
    await live.fake.wait_confirmed(last)
    assert await live.tickets() == []


async def test_webhook_rejects_a_forged_secret_and_stores_nothing(tmp_path):
    async with stack(tmp_path) as built:
        fake, app = built.fake, built.app
        runtime = await built.start(polling=False)
        async with TestServer(runtime.web_app("s3cret"), host="127.0.0.1") as server:
            url = str(server.make_url(WEBHOOK_PATH))
            update = fake.group_message(GROUP, KATE, "Не работает телефония")
            assert await fake.post_webhook(url, update, secret_token="forged") == 401
            assert await fake.post_webhook(url, update) == 401
            async with aiohttp.ClientSession() as http:
                bad = await http.post(url, data=b"{not json", headers={
                    "X-Telegram-Bot-Api-Secret-Token": "s3cret",
                    "Content-Type": "application/json"})
                assert bad.status >= 400
            assert await fake.post_webhook(url, {"message": update["message"]},
                                           secret_token="s3cret") == 200
        await runtime.worker.drain()
        async with app.uow() as uow:
            # the chat is not linked, so even the genuine update stores nothing
            assert not await uow.messages.exists(Platform.TELEGRAM, str(GROUP), "1")


async def test_updates_are_confirmed_to_telegram_only_after_they_are_in_the_inbox(live):
    from storage.reliability.repository import inbox_counts

    await live.linked()
    last = live.fake.push_update(live.fake.group_message(GROUP, KATE, "Не работает почта"))
    await live.fake.wait_confirmed(last)
    counts = await inbox_counts(live.app.uow.engine)
    assert sum(counts.values()) >= 2  # the /link command and the request, both kept


async def test_updates_left_in_the_inbox_by_a_crash_are_handled_after_restart(tmp_path):
    """The inbox is written, the process dies before handling: a new process handles them."""
    async with stack(tmp_path) as built:
        fake, app, client = built.fake, built.app, built.client
        writer = InboxWriter(app.uow)
        updates = [fake.stamp(fake.group_message(GROUP, STAFF, f"/link {client.link_code}")),
                   fake.stamp(fake.group_message(GROUP, KATE, "Не работает телефония у Марины"))]
        await writer.put_many([("telegram", str(u["update_id"]), json.dumps(u))
                               for u in updates])
        await writer.close()  # "crash": stored, never handled
        await built.start(polling=False)
        await fake.wait_sent(GROUP, lambda m: "записал" in m.get("text", ""))
        async with app.uow() as uow:
            assert len(await uow.tickets.for_client(client.id)) == 1


async def test_a_draft_committed_but_not_sent_before_a_crash_is_sent_once_on_restart(tmp_path):
    """The batch commits the ticket and its draft's outbox row; the process dies before the
    sender runs. The next process sends the draft, once, and remembers its message id."""
    async with stack(tmp_path, link=True) as built:
        fake, app = built.fake, built.app
        bot = build_bot(app.settings)
        try:
            dispatcher = build_dispatcher(app, await check_bot(bot))
            worker = InboxWorker(app.uow, dispatcher, bot)  # no sender: the "crash" comes next
            update = fake.stamp(fake.group_message(GROUP, KATE, "Не работает телефония у Марины"))
            writer = InboxWriter(app.uow)
            await writer.put("telegram", str(update["update_id"]), json.dumps(update))
            await writer.close()
            assert await worker.drain() == 1
        finally:
            await bot.session.close()
        async with app.uow() as uow:
            (row,) = [n for n in await uow.notices.all() if n.kind is NoticeType.DRAFT]
        assert row.sent_at is None and not fake.sent_to(GROUP)  # committed, never sent

        await built.start(polling=False)
        draft = await fake.wait_sent(GROUP, lambda m: "записал" in m.get("text", ""))
        assert draft["reply_to_message"]["message_id"] == update["message"]["message_id"]
        (ticket,) = await Live(fake, app, "").tickets()
        await asyncio.sleep(0.3)  # sent once, not again on the sender's next round
        assert len([m for m in fake.sent_to(GROUP) if "записал" in m.get("text", "")]) == 1
        async with app.uow() as uow:
            ticket = await uow.tickets.get(ticket.id)
            (row,) = [n for n in await uow.notices.all() if n.kind is NoticeType.DRAFT]
        assert ticket.prompt_message_id == str(draft["message_id"])
        assert row.sent_at is not None and row.message_id == str(draft["message_id"])


async def test_balance_is_answered_in_the_group_by_the_running_bot(live):
    await live.linked()
    sent_before = len(live.fake.sent_to(GROUP))
    live.say(KATE, "/balance")
    await live.fake.wait_until(lambda: len(live.fake.sent_to(GROUP)) > sent_before)
    reply = live.fake.sent_to(GROUP)[-1]["text"]
    assert "ACME" in reply and "не доступен" not in reply
