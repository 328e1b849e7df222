"""WhatsApp end to end: our real aiohttp webhook routes on 127.0.0.1, a fake Green-API gateway
and a fake Graph API receiving what the bot sends over real HTTP, a real SQLite file and the
built-in classifier."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from bot.messengers import MessengerRegistry
from bot.messengers.telegram import TelegramMessenger
from bot.settings import load_settings
from bot.web import build_whatsapp_app
from bot.whatsapp_web import CLOUD_PATH, GREEN_PATH
from bot.wiring import App, build_app
from domain.kernel.model import Kind, Platform, StaffRole, TicketStatus
from domain.onboarding.service import add_client, add_staff, link_chat
from domain.tickets.model import Actor
from tests.conftest import T0, monthly_plan
from tests.fakes.bot_api import FakeBotAPI
from tests.fakes.graph_api import FakeGraphAPI
from tests.fakes.green_api import FakeGreenAPI
from tests.fakes.harness import make_bot

GROUP = "120363041234567890@g.us"
STAFF_PHONE, KATE, OLEG = "79001112233", "79005550101", "79005550102"
OWNER = "79007770001"  # the client's owner, in a one-to-one Cloud API chat
APP_SECRET, VERIFY, HOOK_TOKEN = "app-secret", "verify-me", "hook-token"


@dataclass
class Live:
    app: App
    green: FakeGreenAPI
    graph: FakeGraphAPI
    server: TestServer
    link_code: str

    async def say(self, sender: str, text: str = "", *, name: str = "Катя", **kw) -> dict:
        payload = self.green.incoming(GROUP, sender, text, name=name, **kw)
        status = await self.green.post_webhook(self.url(GREEN_PATH), payload, HOOK_TOKEN)
        assert status == 200
        return payload

    def url(self, path: str) -> str:
        return str(self.server.make_url(path))

    async def linked(self) -> None:
        await self.say(STAFF_PHONE, f"/link {self.link_code}", name="Павел")
        await self.green.wait_sent(GROUP, lambda m: "бот поддержки" in m.get("message", ""))

    async def tickets(self):
        async with self.app.uow() as uow:
            client = await uow.clients.get_by_name("ACME")
            return await uow.tickets.for_client(client.id)


def _drafts(green: FakeGreenAPI) -> list[dict]:
    return [m for m in green.sent_to(GROUP) if "записал" in m.get("message", "")]


@pytest.fixture
async def live(tmp_path: Path):
    green, graph = FakeGreenAPI(), FakeGraphAPI()
    await green.start()
    await graph.start()
    settings = load_settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'wa.sqlite3'}",
        integrator_name="Вектор Интеграция", default_language="ru",
        green_api_url=green.base_url, green_api_instance_id=green.instance_id,
        green_api_token=green.token, green_api_webhook_token=HOOK_TOKEN,
        whatsapp_graph_url=graph.base_url, whatsapp_phone_number_id=graph.phone_number_id,
        whatsapp_cloud_token=graph.token, whatsapp_app_secret=APP_SECRET,
        whatsapp_verify_token=VERIFY,
    )
    app = await build_app(settings)
    async with app.uow() as uow:
        client = await add_client(uow, "ACME", now=T0, plan=monthly_plan())
        await add_staff(uow, "Павел", whatsapp_id=STAFF_PHONE, telegram_id="900",
                        role=StaffRole.ADMIN)
        await uow.commit()
    server = TestServer(build_whatsapp_app(app), host="127.0.0.1")
    await server.start_server()
    try:
        yield Live(app, green, graph, server, client.link_code)
    finally:
        await server.close()
        await app.close()
        await green.stop()
        await graph.stop()


async def test_group_request_becomes_a_ticket_confirmed_by_a_numbered_reply(live):
    await live.linked()
    request = await live.say(KATE, "У Марины не работает телефония, входящие не доходят")
    draft = await live.green.wait_sent(GROUP, lambda m: "записал" in m.get("message", ""))
    assert draft["quotedMessageId"] == request["idMessage"]
    assert "техническая поддержка" in draft["message"]
    assert "Ответьте цифрой: 1 — подтвердить, 2 — изменить вид, 3 — не заявка" in draft["message"]

    await live.say(KATE, "1")  # right after the draft, without quoting it
    accepted = await live.green.wait_sent(GROUP, lambda m: "принята" in m.get("message", ""))
    assert "Заявка №1 принята" in accepted["message"]
    [ticket] = await live.tickets()
    assert ticket.status is TicketStatus.ACCEPTED and ticket.confirmed_at is not None


async def test_a_number_quoting_the_draft_from_a_stranger_is_refused_and_changes_nothing(live):
    await live.linked()
    await live.say(KATE, "Не работает обмен с 1С, счета не выгружаются")
    draft = await live.green.wait_sent(GROUP, lambda m: "записал" in m.get("message", ""))
    await live.say(OLEG, "1", name="Олег", quoted=draft["idMessage"])
    refusal = await live.green.wait_sent(GROUP, lambda m: "автор заявки" in m.get("message", ""))
    assert refusal
    [ticket] = await live.tickets()
    assert ticket.status is TicketStatus.AWAITING_CONFIRMATION


async def test_a_bare_number_from_someone_else_is_just_a_message(live):
    await live.linked()
    await live.say(KATE, "Не работает обмен с 1С, счета не выгружаются")
    await live.green.wait_sent(GROUP, lambda m: "записал" in m.get("message", ""))
    sent_before = len(live.green.sent)
    await live.say(OLEG, "1", name="Олег")
    assert len(live.green.sent) == sent_before
    [ticket] = await live.tickets()
    assert ticket.status is TicketStatus.AWAITING_CONFIRMATION


async def test_kind_is_changed_by_numbers_and_the_price_follows_the_plan(live):
    await live.linked()
    await live.say(KATE, "Не работает обмен с 1С, счета не выгружаются")
    await live.green.wait_sent(GROUP, lambda m: "записал" in m.get("message", ""))
    await live.say(KATE, "2")
    kinds = await live.green.wait_sent(GROUP, lambda m: "Выберите вид" in m.get("message", ""))
    assert "3 — контроль работы сотрудников" in kinds["message"]
    await live.say(KATE, "3", quoted=kinds["idMessage"])
    redraft = await live.green.wait_sent(GROUP, lambda m: "разовую" in m.get("message", ""))
    assert "Ответьте цифрой" in redraft["message"]
    [ticket] = await live.tickets()
    assert ticket.kind is Kind.CONTROL and ticket.status is TicketStatus.AWAITING_CONFIRMATION
    await live.say(KATE, "3")  # "not a request" on the new draft
    await live.green.wait_sent(GROUP, lambda m: "не заявка" in m.get("message", "")
                               and "Отметил" in m.get("message", ""))
    [ticket] = await live.tickets()
    assert ticket.status is TicketStatus.CANCELLED


async def test_a_retried_webhook_makes_one_ticket_and_one_draft(live):
    await live.linked()
    payload = live.green.incoming(GROUP, KATE, "Не работает телефония у Марины")
    for _ in range(3):  # Green-API redelivers until it sees a 200; Meta does so for days
        assert await live.green.post_webhook(live.url(GREEN_PATH), payload, HOOK_TOKEN) == 200
    assert len(await live.tickets()) == 1
    await live.green.wait_sent(GROUP, lambda m: "записал" in m.get("message", ""))
    await asyncio.sleep(0.5)  # the outbox sends asynchronously: give a double time to show
    assert len(_drafts(live.green)) == 1


async def test_a_retried_numbered_answer_is_applied_once(live):
    await live.linked()
    await live.say(KATE, "Не работает обмен с 1С, счета не выгружаются")
    await live.green.wait_sent(GROUP, lambda m: "записал" in m.get("message", ""))
    answer = live.green.incoming(GROUP, KATE, "2")
    for _ in range(2):
        assert await live.green.post_webhook(live.url(GREEN_PATH), answer, HOOK_TOKEN) == 200
    await live.green.wait_sent(GROUP, lambda m: "Выберите вид" in m["message"])
    await asyncio.sleep(0.5)  # the outbox sends asynchronously: give a double time to show
    asked = [m for m in live.green.sent_to(GROUP) if "Выберите вид" in m["message"]]
    assert len(asked) == 1


async def test_piracy_in_a_whatsapp_group_gets_the_polite_refusal(live):
    await live.linked()
    await live.say(OLEG, "скиньте кряк для фотошопа, лицензия закончилась", name="Олег")
    refusal = await live.green.wait_sent(GROUP, lambda m: "нелицензионные" in m["message"])
    assert "Ответьте цифрой" not in refusal["message"]
    assert await live.tickets() == []


async def test_a_gateway_webhook_without_the_token_is_refused_and_stores_nothing(live):
    await live.linked()
    payload = live.green.incoming(GROUP, KATE, "Не работает телефония у Марины")
    assert await live.green.post_webhook(live.url(GREEN_PATH), payload, "forged") == 401
    assert await live.green.post_webhook(live.url(GREEN_PATH), payload, None) == 401
    assert await live.tickets() == []
    async with live.app.uow() as uow:
        assert not await uow.messages.exists(Platform.WHATSAPP, GROUP, payload["idMessage"])


async def test_a_cloud_webhook_with_a_bad_signature_is_refused_and_stores_nothing(live):
    async with live.app.uow() as uow:
        client = await uow.clients.get_by_name("ACME")
        await link_chat(uow, client, Platform.WHATSAPP, OWNER)
        await uow.commit()
    payload = live.graph.incoming(OWNER, "Не работает телефония у Марины")
    url = live.url(CLOUD_PATH)
    assert await live.graph.post_webhook(url, payload, "not-the-app-secret") == 401
    assert await live.graph.post_webhook(url, payload, None) == 401
    assert await live.graph.post_webhook(url, payload, None, signature="sha256=00") == 401
    assert await live.tickets() == [] and live.graph.sent == []
    async with live.app.uow() as uow:
        chat = await uow.chats.find(Platform.WHATSAPP, OWNER)
        assert await uow.messages.for_chat(chat.id) == []


async def test_cloud_chat_gets_reply_buttons_and_a_tap_confirms(live):
    async with live.app.uow() as uow:
        client = await uow.clients.get_by_name("ACME")
        await link_chat(uow, client, Platform.WHATSAPP, OWNER)
        await uow.commit()
    url = live.url(CLOUD_PATH)
    payload = live.graph.incoming(OWNER, "Не работает телефония у Марины")
    assert await live.graph.post_webhook(url, payload, APP_SECRET) == 200
    draft = await live.graph.wait_sent(OWNER, lambda m: m["type"] == "interactive")
    buttons = draft["interactive"]["action"]["buttons"]
    assert [b["reply"]["id"] for b in buttons] == ["1", "2", "3"]
    assert draft["context"]["message_id"] == payload["entry"][0]["changes"][0]["value"][
        "messages"][0]["id"]
    tap = live.graph.incoming(OWNER, button="1", context=draft["id"])
    assert await live.graph.post_webhook(url, tap, APP_SECRET) == 200
    await live.graph.wait_sent(OWNER, lambda m: "принята" in m.get("text", {}).get("body", ""))
    [ticket] = await live.tickets()
    assert ticket.status is TicketStatus.ACCEPTED


async def test_cloud_webhook_verification_echoes_the_challenge_only_for_our_token(live):
    async with aiohttp.ClientSession() as http:
        ok = await http.get(live.url(CLOUD_PATH), params={
            "hub.mode": "subscribe", "hub.verify_token": VERIFY, "hub.challenge": "1158201444"})
        assert ok.status == 200 and await ok.text() == "1158201444"
        bad = await http.get(live.url(CLOUD_PATH), params={
            "hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "1"})
        assert bad.status == 403


async def test_a_staff_answer_from_telegram_reaches_the_whatsapp_group(live):
    workspace_module = pytest.importorskip("domain.workspace.service")
    await live.linked()
    await live.say(KATE, "Не работает телефония у Марины")
    await live.green.wait_sent(GROUP, lambda m: "записал" in m.get("message", ""))
    await live.say(KATE, "1")
    await live.green.wait_sent(GROUP, lambda m: "принята" in m.get("message", ""))
    [ticket] = await live.tickets()

    fake_telegram = FakeBotAPI()
    await fake_telegram.start()
    bot = make_bot(fake_telegram)
    registry = MessengerRegistry.from_settings(live.app.settings, bot=bot)
    try:
        workspace = workspace_module.Workspace(live.app.uow, live.app.clock)
        # The staff member writes in Telegram; the answer's target is the client's WhatsApp
        # group, and the registry picks the messenger that reaches it.
        target = await workspace.answer_target(ticket.id, Actor(Platform.TELEGRAM, "900",
                                                                "Павел"))
        messenger = registry.for_chat(target.chat)
        sent = await messenger.send_text(target.chat.external_id, "Перезапустили АТС, проверьте",
                                         reply_to=target.reply_to)
        await workspace.record_outgoing(ticket.id, sent, "Перезапустили АТС, проверьте",
                                        sender_id="bot", sender_name="Павел")
    finally:
        await registry.aclose()
        await bot.session.close()
        await fake_telegram.stop()
    answer = await live.green.wait_sent(GROUP, lambda m: "Перезапустили АТС" in m["message"])
    assert answer["quotedMessageId"] == ticket.message_ids[0]
    assert not [c for c in fake_telegram.calls if c[0] == "sendMessage"]
    # A client's reply to that answer joins the ticket.
    await live.say(KATE, "Спасибо, теперь звонки проходят", quoted=answer["idMessage"])
    async with live.app.uow() as uow:
        reply = await uow.messages.get(Platform.WHATSAPP, GROUP, answer["idMessage"])
        assert reply is not None and reply.ticket_id == ticket.id


async def test_registry_routes_each_chat_to_the_messenger_that_reaches_it(live):
    fake_telegram = FakeBotAPI()
    await fake_telegram.start()
    bot = make_bot(fake_telegram)
    registry = MessengerRegistry.from_settings(live.app.settings, bot=bot)
    try:
        assert isinstance(registry.get(Platform.TELEGRAM, "-100500"), TelegramMessenger)
        assert registry.get(Platform.WHATSAPP, GROUP) is registry.gateway
        assert registry.get(Platform.WHATSAPP, OWNER) is registry.cloud
        await registry.get(Platform.WHATSAPP, GROUP).send_text(GROUP, "из Telegram в группу")
        await registry.get(Platform.WHATSAPP, OWNER).send_text(OWNER, "лично руководителю")
    finally:
        await registry.aclose()
        await bot.session.close()
        await fake_telegram.stop()
    assert live.green.sent_to(GROUP)[-1]["message"] == "из Telegram в группу"
    assert live.graph.sent_to(OWNER)[-1]["text"]["body"] == "лично руководителю"
