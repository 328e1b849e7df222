"""One desk across messengers: a request in a client's WhatsApp group, confirmed by a numbered
reply, reaches the staff member's Telegram as a card; the reply to that card is posted in the
WhatsApp group under the request. Real aiogram against a fake Bot API, real webhooks from a
fake Green-API gateway, one `TelegramRuntime` serving both."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiohttp.test_utils import TestServer

from bot.settings import load_settings
from bot.telegram import TelegramRuntime, build_bot
from bot.wiring import build_app
from domain.kernel.model import Platform
from domain.onboarding.service import add_client, add_staff, link_chat
from tests.conftest import T0, monthly_plan
from tests.fakes.bot_api import FakeBotAPI
from tests.fakes.green_api import FakeGreenAPI

GROUP = "120363041234567890@g.us"
KATE = "79005550101"
PAVEL = 900
HOOK = "hook-token"


@pytest.fixture
async def desk(tmp_path: Path):
    telegram, green = FakeBotAPI(), FakeGreenAPI()
    await telegram.start()
    await green.start()
    settings = load_settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'x.sqlite3'}",
        telegram_bot_token=telegram.token, telegram_api_url=telegram.base_url,
        green_api_url=green.base_url, green_api_instance_id=green.instance_id,
        green_api_token=green.token, green_api_webhook_token=HOOK, default_language="ru")
    app = await build_app(settings)
    async with app.uow() as uow:
        client = await add_client(uow, "ACME", now=T0, plan=monthly_plan())
        pavel = await add_staff(uow, "Pavel", telegram_id=str(PAVEL))
        await uow.workspace.serve(pavel.id, client.id)
        await link_chat(uow, client, Platform.WHATSAPP, GROUP, "ACME")
        await uow.commit()
    bot = build_bot(settings)
    runtime = TelegramRuntime(app, bot)
    await runtime.start(polling=True, polling_timeout=1, scheduler=False)
    server = TestServer(runtime.web_app("telegram-secret"), host="127.0.0.1")
    await server.start_server()
    telegram.push_update(telegram.private_message(PAVEL, "/start", first_name="Pavel"))
    await telegram.wait_sent(PAVEL)
    try:
        yield telegram, green, str(server.make_url("/whatsapp/green"))
    finally:
        await server.close()
        await runtime.stop()
        await bot.session.close()
        await app.close()
        await green.stop()
        await telegram.stop()


async def test_staff_answer_from_telegram_reaches_the_whatsapp_group(desk):
    telegram, green, hook = desk
    request = green.incoming(GROUP, KATE, "У Марины не работает телефония, входящие не доходят")
    assert await green.post_webhook(hook, request, HOOK) == 200
    await green.wait_sent(GROUP, lambda m: "записал" in m.get("message", ""))
    assert await green.post_webhook(hook, green.incoming(GROUP, KATE, "1"), HOOK) == 200
    card = await telegram.wait_sent(PAVEL, lambda m: "№1 ·" in m.get("text", ""))
    assert "ACME" in card["text"]

    telegram.push_update(telegram.private_message(PAVEL, "Перезагрузите, пожалуйста, телефон",
                                                  first_name="Pavel",
                                                  reply_to=card["message_id"]))
    answer = await green.wait_sent(GROUP, lambda m: "Перезагрузите" in m.get("message", ""))
    assert answer["quotedMessageId"] == request["idMessage"]
    assert "Pavel" in answer["message"]
