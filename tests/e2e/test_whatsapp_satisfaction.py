"""Customer satisfaction in WhatsApp end to end: our real webhook routes on 127.0.0.1, the fake
Green-API gateway (a group: the question ends with numbered options, the requester types "1",
"2", 👍 or 👎) and the fake Graph API (one-to-one: Cloud API reply buttons), a real SQLite file
and the outbox's own sender. The clock stands on a working morning, so the question is not held
for working hours."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from aiohttp.test_utils import TestServer

from bot.scheduling import build_satisfaction
from bot.settings import load_settings
from bot.web import build_whatsapp_app
from bot.whatsapp_web import CLOUD_PATH, GREEN_PATH
from bot.wiring import App, build_app
from domain.kernel.model import Platform, StaffRole, TicketStatus
from domain.onboarding.service import add_client, add_staff, link_chat
from domain.satisfaction.model import Score
from domain.tickets.model import Actor
from domain.workspace.model import Given
from domain.workspace.service import Workspace
from tests.conftest import T0, monthly_plan
from tests.dates import RunningClock
from tests.fakes.graph_api import FakeGraphAPI
from tests.fakes.green_api import FakeGreenAPI

GROUP = "120363041234567890@g.us"
STAFF_PHONE, KATE, OLEG = "79001112233", "79005550101", "79005550102"
OWNER = "79007770001"
APP_SECRET, HOOK_TOKEN = "app-secret", "hook-token"
PAVEL = Actor(Platform.TELEGRAM, "900", "Павел")

# The question is a row the scheduler's job leaves in the outbox; the running sender picks it
# up on its next poll (every five seconds at most), so its wait allows more than one poll.
ASKED_WITHIN = 15.0


@dataclass
class Live:
    app: App
    green: FakeGreenAPI
    graph: FakeGraphAPI
    server: TestServer
    clock: RunningClock

    def url(self, path: str) -> str:
        return str(self.server.make_url(path))

    def at(self) -> int:
        return int(self.clock.now().timestamp())

    async def say(self, sender: str, text: str, *, name: str = "Катя", **kw) -> dict:
        payload = self.green.incoming(GROUP, sender, text, name=name, at=self.at(), **kw)
        assert await self.green.post_webhook(self.url(GREEN_PATH), payload, HOOK_TOKEN) == 200
        return payload

    async def tap(self, sender: str, button: str, context: str) -> None:
        payload = self.graph.incoming(sender, button=button, context=context, at=self.at())
        assert await self.graph.post_webhook(self.url(CLOUD_PATH), payload, APP_SECRET) == 200

    async def write(self, sender: str, text: str) -> None:
        payload = self.graph.incoming(sender, text, at=self.at())
        assert await self.graph.post_webhook(self.url(CLOUD_PATH), payload, APP_SECRET) == 200

    async def ticket(self, number: int = 1):
        async with self.app.uow() as uow:
            client = await uow.clients.get_by_name("ACME")
            return await uow.tickets.by_number(client.id, number)

    async def close(self, number: int = 1) -> None:
        """Павел takes the ticket and closes it as done; half an hour later it is asked."""
        ticket = await self.ticket(number)
        workspace = Workspace(self.app.uow, self.clock)
        await workspace.take(ticket.id, PAVEL)
        await workspace.change_status(ticket.id, PAVEL, TicketStatus.DONE,
                                      Given(proof_note="звонок проходит",
                                            service_comment="включил переадресацию"))
        self.clock.advance(timedelta(minutes=31))
        assert await build_satisfaction(self.app).ask_due() == 1

    async def state(self, number: int = 1):
        ticket = await self.ticket(number)
        async with self.app.uow() as uow:
            return await uow.satisfaction.get(ticket.id)


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
        whatsapp_cloud_token=graph.token, whatsapp_app_secret=APP_SECRET, _env_file=None,
    )
    clock = RunningClock(T0 + timedelta(hours=1))  # Thursday, 10:00 in Moscow
    app = await build_app(settings, clock=clock)
    async with app.uow() as uow:
        client = await add_client(uow, "ACME", now=T0, plan=monthly_plan())
        await add_staff(uow, "Павел", whatsapp_id=STAFF_PHONE, telegram_id="900",
                        role=StaffRole.ADMIN)
        await link_chat(uow, client, Platform.WHATSAPP, GROUP)
        await link_chat(uow, client, Platform.WHATSAPP, OWNER)
        await uow.commit()
    server = TestServer(build_whatsapp_app(app), host="127.0.0.1")
    await server.start_server()
    try:
        yield Live(app, green, graph, server, clock)
    finally:
        await server.close()
        await app.close()
        await green.stop()
        await graph.stop()


async def _confirmed_in_group(live: Live, sender: str = KATE, name: str = "Катя",
                              text: str = "У Марины не работает телефония",
                              number: int = 1) -> dict:
    request = await live.say(sender, text, name=name)
    await live.green.wait_sent(GROUP, lambda m: "записал" in m.get("message", "")
                               and m.get("quotedMessageId") == request["idMessage"])
    await live.say(sender, "1", name=name)
    await live.green.wait_sent(GROUP, lambda m: f"№{number} принята" in m.get("message", "")
                               and m.get("quotedMessageId") != request["idMessage"])
    return request


async def test_a_group_requester_answers_the_question_with_a_bare_number(live):
    request = await _confirmed_in_group(live)
    await live.close()
    question = await live.green.wait_sent(GROUP, lambda m: "Как мы справились" in m["message"],
                                         within=ASKED_WITHIN)
    assert question["quotedMessageId"] == request["idMessage"]
    assert "Ответьте 👍 или 👎" in question["message"]
    assert "1 — 👍" in question["message"] and "2 — 👎" in question["message"]

    await live.say(KATE, "1")
    await live.green.wait_sent(GROUP, lambda m: "Спасибо за оценку 👍" in m["message"])
    state = await live.state()
    assert state.score is Score.UP and state.prompt_id is not None


async def test_only_the_requester_votes_and_only_once_in_a_group(live):
    await _confirmed_in_group(live)
    await live.close()
    question = await live.green.wait_sent(GROUP, lambda m: "Как мы справились" in m["message"],
                                         within=ASKED_WITHIN)

    # Олег quotes the question with 👎: refused politely, nothing stored.
    await live.say(OLEG, "👎", name="Олег", quoted=question["idMessage"])
    await live.green.wait_sent(GROUP, lambda m: "только тот, кто её оставил" in m["message"])
    assert (await live.state()).score is None
    # A bare "2" from him is no vote at all: an ordinary message.
    await live.say(OLEG, "2", name="Олег")
    assert (await live.state()).score is None

    await live.say(KATE, "👎🏻", quoted=question["idMessage"])
    thanks = await live.green.wait_sent(GROUP, lambda m: "Что пошло не так" in m["message"])
    assert (await live.state()).score is Score.DOWN
    # Her word, quoting the thanks, is kept on the ticket.
    await live.say(KATE, "Звонки опять теряются после обеда", quoted=thanks["idMessage"])
    await live.green.wait_sent(GROUP, lambda m: "передал ваш отзыв" in m["message"])
    assert (await live.state()).comment == "Звонки опять теряются после обеда"

    await live.say(KATE, "👍", quoted=thanks["idMessage"])  # a second vote
    await live.green.wait_sent(GROUP, lambda m: "уже есть" in m["message"])
    assert (await live.state()).score is Score.DOWN


async def test_a_redelivered_vote_is_answered_once(live):
    await _confirmed_in_group(live)
    await live.close()
    await live.green.wait_sent(GROUP, lambda m: "Как мы справились" in m["message"],
                                         within=ASKED_WITHIN)
    payload = live.green.incoming(GROUP, KATE, "2", name="Катя", at=live.at())
    for _ in range(2):
        assert await live.green.post_webhook(live.url(GREEN_PATH), payload, HOOK_TOKEN) == 200
    await live.green.wait_sent(GROUP, lambda m: "Что пошло не так" in m["message"])
    # A later message forces the sender through everything recorded before it.
    await live.say(OLEG, "/help", name="Олег")
    await live.green.wait_sent(GROUP, lambda m: "/ticket" in m["message"])
    answers = [m for m in live.green.sent_to(GROUP)
               if "Что пошло не так" in m["message"] or "уже есть" in m["message"]]
    assert len(answers) == 1


async def test_a_bare_one_after_a_new_draft_confirms_the_draft_not_the_old_question(live):
    await _confirmed_in_group(live)
    await live.close()
    await live.green.wait_sent(GROUP, lambda m: "Как мы справились" in m["message"],
                                         within=ASKED_WITHIN)
    await _confirmed_in_group(live, text="Не выгружаются счета в 1С, обмен падает", number=2)
    assert (await live.ticket(2)).status is TicketStatus.ACCEPTED
    assert (await live.state(1)).score is None


async def test_a_rejected_ticket_is_never_asked_in_whatsapp(live):
    await _confirmed_in_group(live)
    ticket = await live.ticket()
    workspace = Workspace(live.app.uow, live.clock)
    await workspace.change_status(ticket.id, PAVEL, TicketStatus.REJECTED,
                                  Given(reason="это не наша система"))
    live.clock.advance(timedelta(minutes=31))
    assert await build_satisfaction(live.app).ask_due() == 0
    assert not [m for m in live.green.sent_to(GROUP) if "Как мы справились" in m["message"]]


async def test_a_cloud_chat_gets_reply_buttons_and_a_tap_votes(live):
    await live.write(OWNER, "Не работает телефония у Марины")
    draft = await live.graph.wait_sent(OWNER, lambda m: m["type"] == "interactive")
    await live.tap(OWNER, "1", draft["id"])
    await live.graph.wait_sent(OWNER, lambda m: "принята" in m.get("text", {}).get("body", ""))
    await live.close()
    question = await live.graph.wait_sent(
        OWNER, lambda m: m["type"] == "interactive"
        and "Как мы справились" in m["interactive"]["body"]["text"], within=ASKED_WITHIN)
    buttons = question["interactive"]["action"]["buttons"]
    assert [b["reply"]["title"] for b in buttons] == ["👍", "👎"]
    await live.tap(OWNER, buttons[0]["reply"]["id"], question["id"])
    await live.graph.wait_sent(OWNER, lambda m: "Спасибо за оценку 👍"
                               in m.get("text", {}).get("body", ""))
    assert (await live.state()).score is Score.UP
