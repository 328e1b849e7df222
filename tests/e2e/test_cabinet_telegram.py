"""/cabinet in the live bot: real aiogram over HTTP against the fake Bot API."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cabinet.app import cabinet_dependencies
from bot.settings import load_settings
from bot.telegram import TelegramRuntime, build_bot
from bot.wiring import build_app
from domain.kernel.model import Person, Platform
from domain.onboarding.service import add_client
from tests.conftest import T0, monthly_plan
from tests.fakes.bot_api import FakeBotAPI

GROUP, KATE, STRANGER = -1001000000001, 101, 666


@pytest.fixture
async def live(tmp_path: Path):
    fake = FakeBotAPI()
    await fake.start()
    settings = load_settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}",
        telegram_bot_token=fake.token, telegram_api_url=fake.base_url,
        cabinet_base_url="https://desk.example.com", cabinet_secret="x" * 32)
    app = await build_app(settings)
    async with app.uow() as uow:
        client = await add_client(uow, "ACME", now=T0, plan=monthly_plan())
        await uow.people.add(Person(None, client.id, Platform.TELEGRAM, str(KATE), "Kate"))
        await uow.commit()
    bot = build_bot(settings)
    runtime = TelegramRuntime(app, bot)
    await runtime.start(polling=True, polling_timeout=1)
    # bot/telegram.py wires these into the dispatcher; here the test does it.
    deps = cabinet_dependencies(app, settings)
    runtime.dispatcher.workflow_data.update(deps)
    try:
        yield fake, deps["cabinet"]
    finally:
        await runtime.stop()
        await bot.session.close()
        await app.close()
        await fake.stop()


async def test_in_a_group_the_bot_never_posts_a_login_link_but_points_to_the_private_chat(live):
    fake, _ = live
    fake.push_update(fake.group_message(GROUP, KATE, "/cabinet", first_name="Kate"))
    reply = await fake.wait_sent(GROUP, lambda m: "личном чате" in m.get("text", ""))
    [[button]] = reply["reply_markup"]["inline_keyboard"]
    assert button["url"].endswith("?start=cabinet")
    assert "/cabinet/login/" not in reply["text"]


async def test_in_private_the_bot_sends_a_one_time_link_and_the_mini_app_button(live):
    fake, cabinet = live
    fake.push_update(fake.private_message(KATE, "/start cabinet", first_name="Kate"))
    sent = await fake.wait_sent(KATE, lambda m: "/cabinet/login/" in m.get("text", ""))
    [[button]] = sent["reply_markup"]["inline_keyboard"]
    assert button["web_app"]["url"] == "https://desk.example.com/cabinet/"
    token = sent["text"].split("/cabinet/login/")[1].split()[0]
    principal = await cabinet.redeem_link(token)
    assert principal.external_id == str(KATE)


async def test_a_stranger_gets_no_link(live):
    fake, _ = live
    fake.push_update(fake.private_message(STRANGER, "/cabinet", first_name="Mallory"))
    sent = await fake.wait_sent(STRANGER, lambda m: "не нашли" in m.get("text", ""))
    assert "/cabinet/login/" not in sent["text"]
