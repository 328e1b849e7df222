"""WhatsApp webhook routes and numbered choices against a real SQLite file; the messenger is
an in-process fake of the port, so these tests look at what is stored and decided."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.messengers import MessengerRegistry
from bot.messengers.green_api import GreenApiMessenger
from bot.whatsapp_web import GREEN_PATH, WhatsAppChats, WhatsAppConfig, add_green_routes
from domain.kernel.model import Choice, Language, MediaKind, Platform, TicketStatus
from domain.kernel.ports import Capabilities
from domain.onboarding.service import add_client, add_staff, link_chat
from domain.outbox.choices import ChoiceDesk, DeskFollowUps
from domain.outbox.service import Outbox
from domain.tickets.service import Desk
from domain.workspace.service import Workspace
from tests.conftest import T0, monthly_plan
from tests.fakes.green_api import FakeGreenAPI

GROUP, KATE, TOKEN = "120363000000000001@g.us", "79005550101", "hook"


class FixedClock:
    def __init__(self) -> None:
        self.at = T0

    def now(self):  # noqa: ANN201
        return self.at


class RecordingMessenger(GreenApiMessenger):
    """The gateway adapter with its HTTP replaced by a list (capabilities stay the real ones)."""

    def __init__(self, fail: bool = False) -> None:
        self.sent: list[tuple[str, str, str | None]] = []
        self.fail = fail

    async def send_text(self, chat_id: str, text: str, *, reply_to: str | None = None,
                        thread_id: str | None = None) -> str:
        if self.fail:
            raise ConnectionError("gateway down")
        self.sent.append((chat_id, text, reply_to))
        return f"OUT{len(self.sent)}"

    async def send_media(self, chat_id: str, kind: MediaKind, content: bytes | str, **kw) -> str:
        raise NotImplementedError

    async def ask_choice(self, chat_id: str, text: str, choices: Sequence[Choice], *,
                         reply_to: str | None = None) -> str:
        raise AssertionError("a messenger without buttons is never asked for buttons")

    capabilities = Capabilities(buttons=False)


@pytest.fixture
async def world(uow_factory, intake):
    async with uow_factory() as uow:
        client = await add_client(uow, "ACME", now=T0, plan=monthly_plan())
        await link_chat(uow, client, Platform.WHATSAPP, GROUP)
        await add_staff(uow, "Павел", whatsapp_id="79001112233")
        await uow.commit()
    clock = FixedClock()
    desk = Desk(uow_factory, intake, clock)
    choices = ChoiceDesk(uow_factory, desk, clock, answer_window=timedelta(hours=24))
    chats = WhatsAppChats(desk, choices,
                          WhatsAppConfig("Вектор", Language.RU, ZoneInfo("Europe/Moscow")))
    # What the chat should see is recorded in the outbox; each test drains it by hand.
    chats.outbox_for = lambda messenger: Outbox(
        uow_factory, clock, MessengerRegistry([messenger]),
        follow_ups=DeskFollowUps(desk, Workspace(uow_factory, clock), choices))
    return uow_factory, chats, clock


async def _client(chats: WhatsAppChats, messenger) -> TestClient:  # noqa: ANN001
    web_app = web.Application()
    add_green_routes(web_app, chats, messenger, webhook_token=TOKEN, instance_id="1101000001")
    client = TestClient(TestServer(web_app, host="127.0.0.1"))
    client.outbox = chats.outbox_for(messenger)
    await client.start_server()
    return client


async def _post(client: TestClient, payload: dict) -> int:
    """The webhook, then whatever it recorded in the outbox sent."""
    response = await client.post(GREEN_PATH, json=payload,
                                 headers={"Authorization": f"Bearer {TOKEN}"})
    await client.outbox.dispatch()
    return response.status


async def test_a_draft_in_a_chat_without_buttons_is_remembered_as_a_numbered_question(world):
    uow_factory, chats, _ = world
    messenger, fake = RecordingMessenger(), FakeGreenAPI()
    client = await _client(chats, messenger)
    try:
        request = fake.incoming(GROUP, KATE, "Не работает телефония у Марины")
        assert await _post(client, request) == 200
    finally:
        await client.close()
    [(chat, text, reply_to)] = messenger.sent
    assert chat == GROUP and reply_to == request["idMessage"] and "Ответьте цифрой" in text
    async with uow_factory() as uow:
        [pending] = await uow.choices.for_chat(Platform.WHATSAPP, GROUP)
        [ticket] = await uow.tickets.for_client((await uow.clients.get_by_name("ACME")).id)
        prompt = await uow.messages.get(Platform.WHATSAPP, GROUP, "OUT1")
    assert (pending.prompt_message_id, pending.asked_of, pending.options) == (
        "OUT1", KATE, ("c", "k", "d"))
    assert ticket.prompt_message_id == "OUT1" and prompt.ticket_id == ticket.id


async def test_a_failed_send_is_retried_from_the_outbox_and_a_redelivery_changes_nothing(world):
    uow_factory, chats, clock = world
    fake = FakeGreenAPI()
    request = fake.incoming(GROUP, KATE, "Не работает телефония у Марины")
    broken = RecordingMessenger(fail=True)
    client = await _client(chats, broken)
    try:
        # The message and its draft are committed before the webhook is answered, so the
        # gateway being down loses nothing: the draft waits in the outbox.
        assert await _post(client, request) == 200
        assert await _post(client, request) == 200  # Green-API delivers it again anyway
    finally:
        await client.close()
    async with uow_factory() as uow:
        assert await uow.messages.exists(Platform.WHATSAPP, GROUP, request["idMessage"])
        [row] = await uow.notices.all()
    assert row.sent_at is None and row.attempts == 1  # tried once, retried later
    clock.at += timedelta(seconds=3)  # the retry is due
    working = RecordingMessenger()
    client = await _client(chats, working)
    try:
        await client.outbox.dispatch()
    finally:
        await client.close()
    assert len(working.sent) == 1 and "Ответьте цифрой" in working.sent[0][1]
    async with uow_factory() as uow:
        assert len(await uow.tickets.for_client((await uow.clients.get_by_name("ACME")).id)) == 1


async def test_a_bare_number_long_after_the_question_is_not_taken_as_an_answer(world):
    uow_factory, chats, clock = world
    messenger, fake = RecordingMessenger(), FakeGreenAPI()
    client = await _client(chats, messenger)
    try:
        assert await _post(client, fake.incoming(GROUP, KATE, "Не работает обмен с 1С",
                                                 at=int(T0.timestamp()))) == 200
        late = int((T0 + timedelta(days=2)).timestamp())
        assert await _post(client, fake.incoming(GROUP, KATE, "1", at=late)) == 200
    finally:
        await client.close()
    async with uow_factory() as uow:
        [ticket] = await uow.tickets.for_client((await uow.clients.get_by_name("ACME")).id)
    assert ticket.status is TicketStatus.AWAITING_CONFIRMATION


async def test_an_answered_question_cannot_be_answered_again(world):
    uow_factory, chats, _ = world
    messenger, fake = RecordingMessenger(), FakeGreenAPI()
    client = await _client(chats, messenger)
    try:
        await _post(client, fake.incoming(GROUP, KATE, "Не работает обмен с 1С"))
        await _post(client, fake.incoming(GROUP, KATE, "1"))
        sent = len(messenger.sent)
        await _post(client, fake.incoming(GROUP, KATE, "3", quoted="OUT1"))
    finally:
        await client.close()
    async with uow_factory() as uow:
        [ticket] = await uow.tickets.for_client((await uow.clients.get_by_name("ACME")).id)
        [pending] = await uow.choices.for_chat(Platform.WHATSAPP, GROUP)
    assert ticket.status is TicketStatus.ACCEPTED and pending.answered
    assert len(messenger.sent) == sent  # "3" after the fact is ordinary chatter: silence


async def test_link_in_a_whatsapp_group_needs_a_registered_staff_phone(world, uow_factory):
    _, chats, _ = world
    other = "120363000000000002@g.us"
    async with uow_factory() as uow:
        code = (await add_client(uow, "Beta", now=T0)).link_code
        await uow.commit()
    messenger, fake = RecordingMessenger(), FakeGreenAPI()
    client = await _client(chats, messenger)
    try:
        await _post(client, fake.incoming(other, KATE, f"/link {code}"))
        await _post(client, fake.incoming(other, "79001112233", f"/link {code}", name="Павел"))
    finally:
        await client.close()
    assert "сотрудники поддержки" in messenger.sent[0][1]
    assert "«Beta»" in messenger.sent[1][1]
    async with uow_factory() as uow:
        assert (await uow.chats.find(Platform.WHATSAPP, other)).title == "ACME"


def test_chats_link_binds_a_whatsapp_group_from_the_command_line(tmp_path, monkeypatch, capsys):
    from bot.cli import main

    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'cli.sqlite3'}")
    monkeypatch.setenv("DEFAULT_LANGUAGE", "en")
    assert main(["clients", "add", "ACME"]) == 0
    assert main(["chats", "link", "--client", "ACME", "--platform", "whatsapp",
                 "--chat-id", GROUP, "--json"]) == 0
    assert f'"chat_id": "{GROUP}"' in capsys.readouterr().out
    assert main(["chats", "link", "--client", "Nobody", "--platform", "whatsapp",
                 "--chat-id", GROUP]) == 2
    assert "No client named 'Nobody'" in capsys.readouterr().err
    assert main(["chats", "list"]) == 0
    assert f"ACME: whatsapp {GROUP}" in capsys.readouterr().out
