"""The fake Bot API must behave like Telegram as seen through the real aiogram stack.

Every test talks HTTP to the fake through aiogram's own AiohttpSession, so a shape the fake
gets wrong fails aiogram's pydantic validation here rather than in a chatdesk test.
"""

from __future__ import annotations

import asyncio
import time

import aiohttp
import pytest
from aiogram import Bot, Dispatcher, F, Router
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramUnauthorizedError,
)
from aiogram.filters import Command
from aiogram.methods import SendMessage
from aiogram.types import (
    BotCommand,
    BufferedInputFile,
    CallbackQuery,
    ChatFullInfo,
    ChatMemberAdministrator,
    ChatMemberOwner,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    ReplyParameters,
    Update,
)
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web

from tests.fakes.bot_api import FakeBotAPI
from tests.fakes.harness import make_bot, polling

# Fixtures come from the plugin so this file works before conftest.py enables it.
pytest_plugins = ["tests.fakes.fixtures"]

GROUP = -1001234567890
KATE = 1001
ADMIN = 2002


async def test_get_me_has_bot_capabilities(fake_bot: Bot) -> None:
    me = await fake_bot.get_me()
    assert (me.id, me.is_bot, me.username) == (123456, True, "chatdesk_test_bot")
    assert me.can_join_groups is True
    assert me.can_read_all_group_messages is True
    assert me.supports_inline_queries is False


async def test_wrong_token_is_401_and_unknown_method_is_404(fake_bot_api: FakeBotAPI) -> None:
    intruder = make_bot(fake_bot_api, token="42:WRONG")
    try:
        with pytest.raises(TelegramUnauthorizedError):
            await intruder.get_me()
    finally:
        await intruder.session.close()
    assert fake_bot_api.unauthorized == [("42:WRONG", "getMe")]
    assert fake_bot_api.calls == []

    url = f"{fake_bot_api.base_url}/bot{fake_bot_api.token}/sendTelepathy"
    async with aiohttp.ClientSession() as http, http.post(url, json={"chat_id": 1}) as resp:
        assert resp.status == 404
        assert await resp.json() == {
            "ok": False,
            "error_code": 404,
            "description": "Not Found: method not found",
        }
    assert fake_bot_api.calls == [("sendTelepathy", {"chat_id": 1})]


async def test_group_message_reaches_handler_via_polling(
    fake_bot_api: FakeBotAPI, fake_bot: Bot
) -> None:
    router = Router()

    @router.message(F.text)
    async def echo(message: Message) -> None:
        await message.answer(f"got: {message.text}")
        await message.reply("replying")

    dp = Dispatcher()
    dp.include_router(router)
    incoming = fake_bot_api.group_message(GROUP, KATE, "printer is down", thread_id=7)
    user_msg_id = incoming["message"]["message_id"]
    async with polling(dp, fake_bot, fake_bot_api):
        update_id = fake_bot_api.push_update(incoming)
        first = await fake_bot_api.wait_sent(GROUP)
        second = await fake_bot_api.wait_sent(GROUP, lambda m: "reply_to_message" in m)
        await fake_bot_api.wait_confirmed(update_id)

    assert first["text"] == "got: printer is down"
    assert first["from"]["id"] == fake_bot_api.bot_id
    assert first["chat"] == {
        "id": GROUP,
        "type": "supergroup",
        "title": "ACME support",
        "is_forum": True,
    }
    # message ids are per chat and continue after the user's message
    assert [first["message_id"], second["message_id"]] == [user_msg_id + 1, user_msg_id + 2]
    # aiogram's answer()/reply() keep the forum topic
    assert first["message_thread_id"] == second["message_thread_id"] == 7
    assert second["reply_to_message"]["message_id"] == user_msg_id
    # aiogram asked only for the update types its handlers use
    get_updates = fake_bot_api.calls_of("getUpdates")
    assert get_updates[0]["allowed_updates"] == ["message"]
    assert fake_bot_api.pending_updates == []


async def test_inline_keyboard_and_callback_round_trip(
    fake_bot_api: FakeBotAPI, fake_bot: Bot
) -> None:
    router = Router()

    @router.message(Command("ticket"))
    async def offer(message: Message) -> None:
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[[InlineKeyboardButton(text="Take", callback_data="take:17")]]
        )
        await message.answer("Ticket #17 is open", reply_markup=keyboard)

    @router.callback_query(F.data.startswith("take:"))
    async def take(call: CallbackQuery) -> None:
        await call.answer("Taken", show_alert=True)
        assert isinstance(call.message, Message)
        await call.message.edit_text(f"Ticket #17 taken by {call.from_user.first_name}")

    dp = Dispatcher()
    dp.include_router(router)
    async with polling(dp, fake_bot, fake_bot_api):
        fake_bot_api.push_update(fake_bot_api.group_message(GROUP, KATE, "/ticket"))
        offer_msg = await fake_bot_api.wait_sent(GROUP)
        assert offer_msg["reply_markup"] == {
            "inline_keyboard": [[{"text": "Take", "callback_data": "take:17"}]]
        }
        press = fake_bot_api.callback(
            GROUP, ADMIN, offer_msg["message_id"], "take:17", first_name="Ann"
        )
        fake_bot_api.push_update(press)
        await fake_bot_api.wait_for("editMessageText")

    query_id = press["callback_query"]["id"]
    assert fake_bot_api.callback_answers[query_id]["text"] == "Taken"
    assert fake_bot_api.callback_answers[query_id]["show_alert"] is True
    edited = fake_bot_api.message(GROUP, offer_msg["message_id"])
    assert edited is not None
    assert edited["text"] == "Ticket #17 taken by Ann"
    assert "reply_markup" not in edited  # an edit without reply_markup drops the keyboard
    with pytest.raises(ValueError, match="no button"):
        fake_bot_api.callback(GROUP, ADMIN, offer_msg["message_id"], "take:17")
    # a query can be answered once only
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await fake_bot.answer_callback_query(query_id)


@pytest.mark.parametrize(
    ("fault", "error", "check"),
    [
        ({"status": 429, "retry_after": 7}, TelegramRetryAfter, lambda e: e.retry_after == 7),
        (
            {"migrate_to_chat_id": -1009999},
            TelegramMigrateToChat,
            lambda e: e.migrate_to_chat_id == -1009999,
        ),
        ({"status": 403}, TelegramForbiddenError, lambda e: "kicked" in e.message),
        ({"status": 400, "description": "Bad Request: nope"}, TelegramBadRequest, lambda e: True),
    ],
)
async def test_injected_faults_map_to_aiogram_exceptions(
    fake_bot_api: FakeBotAPI, fake_bot: Bot, fault: dict, error: type, check
) -> None:
    fake_bot_api.group_message(GROUP, KATE, "hi")
    fake_bot_api.fail_next("sendMessage", **fault)
    with pytest.raises(error) as info:
        await fake_bot.send_message(GROUP, "first try")
    assert check(info.value)
    assert fake_bot_api.log[-1].status == (fault.get("status", 400))
    assert fake_bot_api.sent == []
    retried = await fake_bot.send_message(GROUP, "second try")  # the fault was one-shot
    assert retried.text == "second try"


async def test_world_state_errors(fake_bot_api: FakeBotAPI, fake_bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await fake_bot.send_message(GROUP, "hello?")

    # a real migration makes the old id fail with migrate_to_chat_id
    old_group = -4242
    fake_bot_api.group_message(old_group, KATE, "hi", chat_type="group")
    to_update, from_update = fake_bot_api.migrate(old_group, GROUP, KATE)
    assert to_update["message"]["migrate_to_chat_id"] == GROUP
    assert from_update["message"]["migrate_from_chat_id"] == old_group
    with pytest.raises(TelegramMigrateToChat) as info:
        await fake_bot.send_message(old_group, "still there?")
    assert info.value.migrate_to_chat_id == GROUP
    assert (await fake_bot.send_message(GROUP, "moved")).chat.type == "supergroup"

    # being kicked (my_chat_member) makes sends fail with 403
    update = Update.model_validate(
        fake_bot_api.stamp(fake_bot_api.my_chat_member(GROUP, ADMIN, "kicked"))
    )
    assert update.my_chat_member is not None
    assert update.my_chat_member.new_chat_member.status == "kicked"
    with pytest.raises(TelegramForbiddenError, match="kicked from the supergroup"):
        await fake_bot.send_message(GROUP, "anyone?")

    # a user blocking the bot in private
    fake_bot_api.private_message(KATE, "/start")
    fake_bot_api.my_chat_member(KATE, KATE, "kicked", chat_type="private")
    with pytest.raises(TelegramForbiddenError, match="blocked by the user"):
        await fake_bot.send_message(KATE, "ping")


async def test_get_updates_offset_semantics(fake_bot_api: FakeBotAPI, fake_bot: Bot) -> None:
    ids = [
        fake_bot_api.push_update(fake_bot_api.group_message(GROUP, KATE, f"m{i}")) for i in range(3)
    ]
    assert ids == sorted(ids) and len(set(ids)) == 3

    # without offset: everything unconfirmed, any number of times
    assert [u.update_id for u in await fake_bot.get_updates()] == ids
    assert [u.update_id for u in await fake_bot.get_updates(limit=2)] == ids[:2]
    # offset confirms everything below it, for good
    assert [u.update_id for u in await fake_bot.get_updates(offset=ids[1])] == ids[1:]
    assert [u.update_id for u in await fake_bot.get_updates()] == ids[1:]
    assert [u.update_id for u in await fake_bot.get_updates(offset=ids[0])] == ids[1:]
    # negative offset: the last -offset updates, forgetting the older ones
    assert [u.update_id for u in await fake_bot.get_updates(offset=-1)] == ids[2:]
    assert [u.update_id for u in await fake_bot.get_updates()] == ids[2:]
    assert await fake_bot.get_updates(offset=ids[2] + 1) == []
    assert fake_bot_api.confirmed_offset == ids[2] + 1

    # long polling returns as soon as an update arrives...
    loop = asyncio.get_running_loop()
    loop.call_later(0.1, fake_bot_api.push_update, fake_bot_api.group_message(GROUP, KATE, "late"))
    started = time.monotonic()
    late = await fake_bot.get_updates(offset=ids[2] + 1, timeout=3)
    assert time.monotonic() - started < 1.5
    assert [u.message.text for u in late if u.message] == ["late"]
    # ...and waits for the whole timeout otherwise
    started = time.monotonic()
    assert await fake_bot.get_updates(offset=late[-1].update_id + 1, timeout=1) == []
    assert time.monotonic() - started >= 0.9


async def test_second_get_updates_terminates_the_first(
    fake_bot_api: FakeBotAPI, fake_bot: Bot
) -> None:
    first = asyncio.create_task(fake_bot.get_updates(timeout=3))
    await asyncio.sleep(0.1)
    second = asyncio.create_task(fake_bot.get_updates(timeout=0))
    with pytest.raises(TelegramConflictError, match="terminated by other getUpdates"):
        await first
    assert await second == []


async def test_allowed_updates_and_privacy_filter_at_creation(
    fake_bot_api: FakeBotAPI, fake_bot: Bot
) -> None:
    await fake_bot.get_updates(allowed_updates=["callback_query"])
    fake_bot_api.push_update(fake_bot_api.group_message(GROUP, KATE, "filtered"))
    assert fake_bot_api.pending_updates == [] and len(fake_bot_api.dropped_updates) == 1

    private_fake = FakeBotAPI(can_read_all_group_messages=False)
    private_fake.push_update(private_fake.group_message(GROUP, KATE, "just chatting"))
    private_fake.push_update(private_fake.group_message(GROUP, KATE, "/help"))
    private_fake.push_update(private_fake.group_message(GROUP, KATE, "hey @chatdesk_test_bot"))
    assert [u["message"]["text"] for u in private_fake.pending_updates] == [
        "/help",
        "hey @chatdesk_test_bot",
    ]


async def test_polling_confirms_updates_before_handlers_finish(
    fake_bot_api: FakeBotAPI, fake_bot: Bot
) -> None:
    release = asyncio.Event()
    started = asyncio.Event()
    router = Router()

    @router.message()
    async def slow(message: Message) -> None:
        started.set()
        await release.wait()
        await message.answer("done")

    dp = Dispatcher()
    dp.include_router(router)
    async with polling(dp, fake_bot, fake_bot_api):
        update_id = fake_bot_api.push_update(fake_bot_api.group_message(GROUP, KATE, "slow one"))
        await asyncio.wait_for(started.wait(), 5)
        # the handler is still blocked, yet the update is already confirmed on the server:
        # a crash now would lose it (at-most-once with handle_as_tasks=True)
        await fake_bot_api.wait_confirmed(update_id)
        assert not release.is_set()
        release.set()
        await fake_bot_api.wait_sent(GROUP)


async def test_sequential_polling_redelivers_an_unfinished_update(
    fake_bot_api: FakeBotAPI, fake_bot: Bot
) -> None:
    seen: list[int] = []
    started = asyncio.Event()
    router = Router()

    @router.message()
    async def stuck(message: Message) -> None:
        seen.append(message.message_id)
        started.set()
        await asyncio.sleep(30)  # cancelled by stop_polling below

    dp = Dispatcher()
    dp.include_router(router)
    update_id = fake_bot_api.push_update(fake_bot_api.group_message(GROUP, KATE, "crashy"))
    async with polling(dp, fake_bot, fake_bot_api, handle_as_tasks=False):
        await asyncio.wait_for(started.wait(), 5)
    # with handle_as_tasks=False the next getUpdates (carrying the offset) never happened
    assert fake_bot_api.confirmed_offset <= update_id
    assert [u["update_id"] for u in fake_bot_api.pending_updates] == [update_id]
    updates = await fake_bot.get_updates()
    assert [u.update_id for u in updates] == [update_id]


async def test_uploads_formatting_and_files(fake_bot_api: FakeBotAPI, fake_bot: Bot) -> None:
    fake_bot_api.group_message(GROUP, KATE, "send me the report")
    photo = await fake_bot.send_photo(
        GROUP,
        BufferedInputFile(b"\x89PNG-bytes", filename="screen.png"),
        caption="<b>Screenshot</b> 👋 <i>attached</i>",
        parse_mode="HTML",
    )
    call = fake_bot_api.log[-1]
    assert call.content_type == "multipart/form-data"
    assert call.params["photo"].startswith("attach://")
    assert [f.data for f in call.files.values()] == [b"\x89PNG-bytes"]
    assert photo.caption == "Screenshot 👋 attached"
    assert [(e.type, e.offset, e.length) for e in photo.caption_entities or []] == [
        ("bold", 0, 10),
        ("italic", 14, 8),  # the emoji counts as 2 UTF-16 units
    ]
    assert photo.photo is not None and len(photo.photo) == 3

    # getFile + download through aiogram's file URL
    file = await fake_bot.get_file(photo.photo[-1].file_id)
    downloaded = await fake_bot.download_file(file.file_path)
    assert downloaded is not None and downloaded.read() == b"\x89PNG-bytes"

    # resend by file_id (no upload: plain urlencoded form) and type mismatch
    again = await fake_bot.send_photo(GROUP, photo.photo[-1].file_id)
    assert fake_bot_api.log[-1].content_type == "application/x-www-form-urlencoded"
    assert again.photo is not None and again.photo[-1].file_id == photo.photo[-1].file_id
    with pytest.raises(TelegramBadRequest, match="can't use file of type Photo as Document"):
        await fake_bot.send_document(GROUP, photo.photo[-1].file_id)
    doc = await fake_bot.send_document(GROUP, BufferedInputFile(b"%PDF", filename="r.pdf"))
    assert doc.document is not None and doc.document.file_name == "r.pdf"
    video = await fake_bot.send_video(GROUP, BufferedInputFile(b"mp4", filename="v.mp4"))
    assert video.video is not None and video.video.duration > 0

    with pytest.raises(TelegramBadRequest, match="Character '.' is reserved"):
        await fake_bot.send_message(GROUP, "Ticket closed.", parse_mode="MarkdownV2")
    with pytest.raises(TelegramBadRequest, match="Can't find end tag"):
        await fake_bot.send_message(GROUP, "<b>oops", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await fake_bot.send_message(
            GROUP,
            "x",
            reply_markup=InlineKeyboardMarkup(
                inline_keyboard=[[InlineKeyboardButton(text="t", callback_data="x" * 65)]]
            ),
        )
    md = await fake_bot.send_message(GROUP, r"*Ticket* \#17 closed\.", parse_mode="MarkdownV2")
    assert md.text == "Ticket #17 closed."
    assert md.entities is not None and md.entities[0].type == "bold"

    # same content twice is the classic "message is not modified"
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await fake_bot.edit_message_text(
            "Ticket #17 closed.", chat_id=GROUP, message_id=md.message_id, entities=md.entities
        )


async def test_chat_queries_copy_delete_and_commands(
    fake_bot_api: FakeBotAPI, fake_bot: Bot
) -> None:
    user_msg = fake_bot_api.group_message(GROUP, KATE, "hello", username="kate_acme")["message"]
    fake_bot_api.set_member(GROUP, ADMIN, "creator", first_name="Boss")
    fake_bot_api.set_member(GROUP, fake_bot_api.bot_id, "administrator")

    chat = await fake_bot.get_chat(GROUP)
    assert isinstance(chat, ChatFullInfo) and chat.title == "ACME support"
    admins = await fake_bot.get_chat_administrators(GROUP)
    assert {type(a) for a in admins} == {ChatMemberOwner, ChatMemberAdministrator}
    assert (await fake_bot.get_chat_member(GROUP, KATE)).status == "member"
    assert (await fake_bot.get_chat_member(GROUP, fake_bot_api.bot_id)).status == "administrator"
    assert await fake_bot.send_chat_action(GROUP, "typing") is True
    assert await fake_bot.set_my_commands(
        [BotCommand(command="ticket", description="Open a ticket")]
    )
    assert [c.command for c in await fake_bot.get_my_commands()] == ["ticket"]

    copied = await fake_bot.copy_message(GROUP, GROUP, user_msg["message_id"])
    assert fake_bot_api.sent[-1]["text"] == "hello"
    assert fake_bot_api.sent[-1]["message_id"] == copied.message_id
    reply = await fake_bot.send_message(
        GROUP, "noted", reply_parameters=ReplyParameters(message_id=user_msg["message_id"])
    )
    assert (
        reply.reply_to_message is not None
        and reply.reply_to_message.from_user.username == "kate_acme"
    )
    with pytest.raises(TelegramBadRequest, match="message to be replied not found"):
        await fake_bot.send_message(GROUP, "x", reply_parameters=ReplyParameters(message_id=999))
    # the bot is an admin, so it may delete the user's message; twice is an error
    assert await fake_bot.delete_message(GROUP, user_msg["message_id"]) is True
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await fake_bot.delete_message(GROUP, user_msg["message_id"])

    # edits from the user arrive as edited_message and change the stored message
    first = fake_bot_api.group_message(GROUP, KATE, "typo")["message"]
    edited = fake_bot_api.edited_message(GROUP, first["message_id"], "fixed")
    assert Update.model_validate(fake_bot_api.stamp(edited)).edited_message.text == "fixed"


async def test_delay_and_feed_update(fake_bot_api: FakeBotAPI, fake_bot: Bot) -> None:
    router = Router()

    @router.message(Command("start"))
    async def start(message: Message) -> None:
        await message.answer("Hi! I'm the ACME service desk.")

    dp = Dispatcher()
    dp.include_router(router)
    fake_bot_api.set_delay("sendMessage", 0.3)
    update = Update.model_validate(fake_bot_api.stamp(fake_bot_api.private_message(KATE, "/start")))
    started = time.monotonic()
    await dp.feed_update(fake_bot, update)
    assert time.monotonic() - started >= 0.3
    assert fake_bot_api.sent_to(KATE)[0]["chat"]["type"] == "private"
    assert update.message is not None and update.message.entities is not None
    assert update.message.entities[0].type == "bot_command"


async def test_webhook_delivery_secret_and_reply_in_response(
    fake_bot_api: FakeBotAPI, fake_bot: Bot
) -> None:
    router = Router()

    @router.message(Command("start"))
    async def start(message: Message) -> SendMessage:
        # returning a method makes aiogram answer it inside the webhook HTTP response
        return message.answer("via webhook response")

    dp = Dispatcher()
    dp.include_router(router)
    app = web.Application()
    SimpleRequestHandler(dp, fake_bot, secret_token="s3cret", handle_in_background=False).register(
        app, path="/tg"
    )
    runner = web.AppRunner(app, shutdown_timeout=1.0)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    url = f"http://{host}:{port}/tg"
    try:
        assert await fake_bot.set_webhook(url, secret_token="s3cret") is True
        info = await fake_bot.get_webhook_info()
        assert info.url == url and info.pending_update_count == 0
        with pytest.raises(TelegramConflictError, match="webhook is active"):
            await fake_bot.get_updates()

        update = fake_bot_api.private_message(KATE, "/start")
        assert await fake_bot_api.post_webhook(url, update, secret_token="wrong") == 401
        assert fake_bot_api.sent == []
        assert await fake_bot_api.post_webhook(url, update, secret_token="s3cret") == 200
        assert fake_bot_api.sent_to(KATE)[0]["text"] == "via webhook response"
        assert fake_bot_api.log[-1].transport == "webhook-reply"

        # queued updates go out to the webhook set by setWebhook
        fake_bot_api.push_update(fake_bot_api.private_message(KATE, "/start"))
        assert await fake_bot_api.deliver_to_webhook() == [200]
        assert fake_bot_api.pending_updates == []
        assert len(fake_bot_api.sent_to(KATE)) == 2
        assert await fake_bot.delete_webhook() is True
        assert await fake_bot.get_updates() == []
    finally:
        await runner.cleanup()


async def test_not_found_path(fake_bot_api: FakeBotAPI, fake_bot: Bot) -> None:
    # aiogram turns a 404 from the server into TelegramNotFound
    fake_bot_api.fail_next("getMe", status=404)
    with pytest.raises(TelegramNotFound):
        await fake_bot.get_me()
