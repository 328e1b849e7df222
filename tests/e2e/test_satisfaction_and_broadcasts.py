"""Customer satisfaction and broadcasts end to end: real aiogram over real HTTP against the fake
Bot API, a real SQLite file, the outbox's own sender. The clock stands on a working morning, so
the satisfaction question is not held for working hours."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.scheduling import build_satisfaction
from domain.broadcasts.service import Broadcasts
from domain.kernel.model import Platform, TicketStatus
from domain.satisfaction.model import Score
from domain.tickets.model import Actor
from domain.workspace.model import Given
from domain.workspace.service import Workspace
from tests.e2e.staffed_desk import GROUP, IRINA, KATE, PAVEL, StaffedDesk, staffed_desk
from tests.fakes.bot_api import FakeBotAPI

GLEB = 201  # Kate works at ACME; Gleb is another person in the chat


def _button(message: dict, label: str) -> str:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    found = [b["callback_data"] for row in rows for b in row if label in b["text"]]
    assert found, f"no button {label!r} in {[b['text'] for row in rows for b in row]}"
    return found[0]


class Desk(StaffedDesk):
    def press(self, chat: int, user_id: int, message: dict, data: str) -> None:
        self.push(self.fake.callback(chat, user_id, message["message_id"], data, strict=False))

    def _alerts(self) -> list[dict]:
        return [c for c in self.fake.calls_of("answerCallbackQuery") if c.get("show_alert")]

    async def alert_after(self, press) -> str:  # noqa: ANN001
        """Press, and return the text of the alert that answers this very press."""
        before = len(self._alerts())
        press()
        await self.fake.wait_until(lambda: len(self._alerts()) > before)
        return self._alerts()[before]["text"]


@pytest.fixture
async def desk(tmp_path: Path):
    fake = FakeBotAPI()
    await fake.start()
    try:
        async with staffed_desk(tmp_path, fake, make=Desk) as live:
            yield live
    finally:
        await fake.stop()


async def _done_ticket(desk: Desk) -> dict:
    """Kate's request, confirmed, taken and closed by Pavel; returns her request."""
    request = desk.say(KATE, "У Марины не работает телефония, входящие не доходят")
    draft = await desk.fake.wait_sent(GROUP, lambda m: "записал" in m.get("text", ""))
    first = draft["reply_markup"]["inline_keyboard"][0][0]["callback_data"]  # confirm
    desk.press(GROUP, KATE, draft, first)
    await desk.fake.wait_until(
        lambda: "принята" in desk.fake.message(GROUP, draft["message_id"]).get("text", ""))
    ticket = await desk.ticket()
    workspace = Workspace(desk.app.uow, desk.clock)
    pavel = Actor(Platform.TELEGRAM, str(PAVEL), "Pavel")
    await workspace.take(ticket.id, pavel)
    await workspace.change_status(ticket.id, pavel, TicketStatus.DONE,
                                  Given(proof_note="звонок проходит",
                                        service_comment="включил переадресацию"))
    return request


async def test_the_requester_rates_a_done_ticket_and_a_thumbs_down_reaches_the_staff(desk):
    request = await _done_ticket(desk)
    satisfaction = build_satisfaction(desk.app)
    assert await satisfaction.ask_due() == 0  # not right after closing
    desk.clock.advance(timedelta(minutes=31))
    assert await satisfaction.ask_due() == 1
    desk.wake_sender()
    question = await desk.fake.wait_sent(GROUP, lambda m: "Как мы справились" in m.get("text",
                                                                                       ""))
    assert question["reply_to_message"]["message_id"] == request["message_id"]
    assert "Kate" in question["text"]

    # Someone else in the chat presses: a polite refusal, nothing stored.
    assert "только тот, кто её оставил" in await desk.alert_after(
        lambda: desk.press(GROUP, GLEB, question, _button(question, "👎")))
    ticket = await desk.ticket()  # read before the unit of work: SQLite has one connection
    async with desk.app.uow() as uow:
        assert (await uow.satisfaction.get(ticket.id)).score is None

    desk.press(GROUP, KATE, question, _button(question, "👎"))
    await desk.fake.wait_until(lambda: "Что пошло не так" in desk.fake.message(
        GROUP, question["message_id"]).get("text", ""))
    told = await desk.fake.wait_sent(PAVEL, lambda m: "Клиент недоволен" in m.get("text", ""))
    assert "ACME" in told["text"] and "№1" in told["text"]
    await desk.fake.wait_sent(IRINA, lambda m: "Клиент недоволен" in m.get("text", ""))

    # A second vote is refused politely; the first one stands.
    assert "уже есть" in await desk.alert_after(
        lambda: desk.press(GROUP, KATE, question, _button(question, "👍")))

    # Her word, in reply to the question, reaches the staff and is kept on the ticket.
    desk.say(KATE, "Звонки опять теряются после обеда", reply_to=question["message_id"])
    await desk.fake.wait_sent(GROUP, lambda m: "передал ваш отзыв" in m.get("text", ""))
    word = await desk.fake.wait_sent(PAVEL, lambda m: "после обеда" in m.get("text", ""))
    assert "Kate" in word["text"]
    async with desk.app.uow() as uow:
        state = await uow.satisfaction.get(ticket.id)
    assert state.score is Score.DOWN and state.comment == "Звонки опять теряются после обеда"


async def test_an_admin_broadcasts_from_telegram_and_a_reply_to_it_is_a_request(desk):
    desk.private(PAVEL, "/broadcast")
    await desk.fake.wait_sent(PAVEL, lambda m: "только администраторы" in m.get("text", ""))

    desk.private(IRINA, "/broadcast")
    await desk.fake.wait_sent(IRINA, lambda m: "текст объявления" in m.get("text", ""))
    desk.private(IRINA, "В субботу с 10 до 12 Битрикс24 будет недоступен")
    preview = await desk.fake.wait_sent(IRINA, lambda m: "Отправить?" in m.get("text", ""))
    assert "чаты — 1" in preview["text"] and "Битрикс24" in preview["text"]
    assert desk.fake.sent_to(GROUP)[-1].get("text", "").find("Битрикс24") == -1  # not yet

    desk.press(IRINA, IRINA, preview, _button(preview, "Отправить"))
    announced = await desk.fake.wait_sent(GROUP, lambda m: "Битрикс24" in m.get("text", ""))
    await desk.fake.wait_until(lambda: "в очередь" in desk.fake.message(
        IRINA, preview["message_id"]).get("text", ""))

    assert await Broadcasts(desk.app.uow, desk.clock).report_finished() == 1
    desk.wake_sender()
    report = await desk.fake.wait_sent(IRINA, lambda m: "завершена" in m.get("text", ""))
    assert "доставлено 1 из 1" in report["text"] and "не доставлено 0" in report["text"]

    # A client's reply to the announcement is an ordinary message: intake makes a request of it.
    desk.say(KATE, "А у нас с утра не работает телефония, посмотрите, пожалуйста",
             reply_to=announced["message_id"])
    draft = await desk.fake.wait_sent(GROUP, lambda m: "записал" in m.get("text", ""))
    assert "телефония" in draft["text"]


async def test_a_cancelled_broadcast_sends_nothing(desk):
    before = len(desk.fake.sent_to(GROUP))
    desk.private(IRINA, "/broadcast clients=ACME")
    await desk.fake.wait_sent(IRINA, lambda m: "текст объявления" in m.get("text", ""))
    desk.private(IRINA, "Проверка связи")
    preview = await desk.fake.wait_sent(IRINA, lambda m: "Отправить?" in m.get("text", ""))
    assert "отбор: clients=acme" in preview["text"]
    desk.press(IRINA, IRINA, preview, _button(preview, "Отмена"))
    await desk.fake.wait_until(lambda: "отменена" in desk.fake.message(
        IRINA, preview["message_id"]).get("text", ""))
    assert "устарело" in await desk.alert_after(  # a stale button
        lambda: desk.press(IRINA, IRINA, preview, _button(preview, "Отправить")))
    assert len(desk.fake.sent_to(GROUP)) == before
    async with desk.app.uow() as uow:
        assert await uow.broadcasts.unreported() == []
