"""The staff workspace end to end: real aiogram over real HTTP against the fake Bot API, a real
SQLite file. Staff work from a private chat with the bot by buttons and replies only."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.wiring import App
from domain.kernel.model import Kind, TicketStatus
from domain.onboarding.service import add_client, add_staff
from domain.workspace.model import NoteKind, TimeCategory
from tests.conftest import T0, monthly_plan
from tests.e2e.staffed_desk import running_desk, staff_open_the_bot
from tests.fakes.bot_api import FakeBotAPI

GROUP, OTHER_GROUP = -1001000000001, -1001000000002
PAVEL, ANNA, BOB = 900, 901, 902  # Pavel and Anna serve ACME; Bob serves only Globex
KATE, GLEB = 101, 201  # Kate works at ACME, Gleb at Globex


def _buttons(message: dict) -> list[str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [button["callback_data"] for row in rows for button in row]


def _button(message: dict, label: str) -> str:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    found = [b["callback_data"] for row in rows for b in row if label in b["text"]]
    assert found, f"no button {label!r} in {[b['text'] for row in rows for b in row]}"
    return found[0]


@dataclass
class Desk:
    fake: FakeBotAPI
    app: App
    codes: dict[str, str]

    def push(self, update: dict) -> dict:
        self.fake.push_update(update)
        return next(iter(update.values()))

    def say(self, user_id: int, text: str | None = None, *, group: int = GROUP, **kw) -> dict:
        return self.push(self.fake.group_message(group, user_id, text,
                                                 first_name=kw.pop("name", "Kate"), **kw))

    def private(self, user_id: int, text: str | None = None, **kw) -> dict:
        return self.push(self.fake.private_message(user_id, text, **kw))

    def press(self, chat: int, user_id: int, message: dict, data: str, **kw) -> None:
        self.push(self.fake.callback(chat, user_id, message["message_id"], data, **kw))

    async def alert(self) -> str:
        _, answer = await self.fake.wait_for(
            lambda name, params: name == "answerCallbackQuery" and params.get("show_alert"))
        return answer["text"]

    async def link(self, group: int, code: str) -> None:
        self.say(PAVEL, f"/link {code}", group=group, name="Pavel")
        await self.fake.wait_sent(group, lambda m: "бот поддержки" in m.get("text", ""))

    async def confirmed_request(self, text: str) -> dict:
        """Kate writes a request and confirms it; returns her request message."""
        request = self.say(KATE, text)
        draft = await self.fake.wait_sent(GROUP, lambda m: "записал" in m.get("text", ""))
        self.press(GROUP, KATE, draft, _buttons(draft)[0])
        await self.fake.wait_until(
            lambda: "принята" in self.fake.message(GROUP, draft["message_id"]).get("text", ""))
        return request

    async def card(self, user_id: int, number: int = 1) -> dict:
        return await self.fake.wait_sent(user_id, lambda m: f"№{number} ·" in m.get("text", ""))

    def current(self, chat: int, message: dict) -> dict:
        return self.fake.message(chat, message["message_id"])

    async def ticket(self, number: int = 1, client: str = "ACME"):
        async with self.app.uow() as uow:
            found = await uow.clients.get_by_name(client)
            return await uow.tickets.by_number(found.id, number)


async def _two_clients_three_staff(uow):  # noqa: ANN001, ANN202 - a unit of work; clients
    acme = await add_client(uow, "ACME", now=T0, plan=monthly_plan())
    globex = await add_client(uow, "Globex", now=T0, plan=monthly_plan())
    pavel = await add_staff(uow, "Pavel", telegram_id=str(PAVEL))
    anna = await add_staff(uow, "Anna", telegram_id=str(ANNA))
    bob = await add_staff(uow, "Bob", telegram_id=str(BOB))
    for member, client in ((pavel, acme), (anna, acme), (bob, globex)):
        await uow.workspace.serve(member.id, client.id)
    return acme, globex


@pytest.fixture
async def desk(tmp_path: Path):
    fake = FakeBotAPI()
    await fake.start()
    try:
        async with running_desk(tmp_path, fake, _two_clients_three_staff) as (
                app, _dispatcher, (acme, globex)):
            live = Desk(fake, app, {"ACME": acme.link_code, "Globex": globex.link_code})
            await staff_open_the_bot(fake, live, PAVEL, ANNA, BOB)
            await live.link(GROUP, acme.link_code)
            yield live
    finally:
        await fake.stop()


async def test_a_request_goes_from_the_group_to_done_by_buttons_and_replies_only(desk):
    request = await desk.confirmed_request("У Марины не работает телефония, входящие не доходят")
    card = await desk.card(PAVEL)
    assert "ACME" in card["text"] and "Автор: Kate" in card["text"]
    assert f"t.me/c/1000000001/{request['message_id']}" in card["text"]
    assert all(len(data.encode()) <= 64 for data in _buttons(card))
    await desk.card(ANNA)  # everyone serving the client gets it
    assert not [m for m in desk.fake.sent_to(BOB) if "№1 ·" in m.get("text", "")]

    desk.press(PAVEL, PAVEL, card, _button(card, "Взять"))
    await desk.fake.wait_until(lambda: "Исполнитель: Pavel" in desk.current(PAVEL, card)["text"])

    # Answering: a reply to the card goes to the client's chat under the original request.
    desk.private(PAVEL, "Проверьте, пожалуйста, ещё раз", reply_to=card["message_id"])
    answer = await desk.fake.wait_sent(GROUP, lambda m: "Проверьте" in m.get("text", ""))
    assert answer["reply_to_message"]["message_id"] == request["message_id"]
    assert answer["text"].endswith("— Pavel")  # signed with the name the team knows
    reply = desk.say(KATE, "Да, теперь звонки доходят", reply_to=answer["message_id"])

    # Time: 30 minutes, billable, with a description.
    desk.press(PAVEL, PAVEL, desk.current(PAVEL, card),
               _button(desk.current(PAVEL, card), "Время"))
    quick = await desk.fake.wait_sent(PAVEL, lambda m: "Сколько времени" in m.get("text", ""))
    desk.press(PAVEL, PAVEL, quick, _button(quick, "30 мин"))
    await desk.fake.wait_until(lambda: "Кто за это платит" in desk.current(PAVEL, quick)["text"])
    categories = desk.current(PAVEL, quick)
    desk.press(PAVEL, PAVEL, categories, _button(categories, "Оплачивается"))
    await desk.fake.wait_until(lambda: "Что сделано" in desk.current(PAVEL, quick)["text"])
    desk.private(PAVEL, "проверил телефонию в профиле Марины")
    await desk.fake.wait_sent(PAVEL, lambda m: "Записал 30 мин" in m.get("text", ""))

    # Closing a technical ticket asks for proof, then the service comment.
    desk.press(PAVEL, PAVEL, desk.current(PAVEL, card),
               _button(desk.current(PAVEL, card), "Закрыть"))
    await desk.fake.wait_sent(PAVEL, lambda m: "скриншот или видео" in m.get("text", ""))
    desk.private(PAVEL, photo=True, caption="звонок проходит")
    await desk.fake.wait_sent(PAVEL, lambda m: "служебный" in m.get("text", ""))
    desk.private(PAVEL, "Включил переадресацию в карточке сотрудника, раздел Телефония")
    closed = await desk.fake.wait_sent(PAVEL, lambda m: "выполнена" in m.get("text", ""))
    assert "Как сделано: Включил переадресацию" in closed["text"]
    notice = await desk.fake.wait_sent(GROUP, lambda m: "выполнена" in m.get("text", ""))
    assert notice["reply_to_message"]["message_id"] == request["message_id"]
    await desk.fake.wait_sent(GROUP, lambda m: "photo" in m)  # the proof, shown to the client

    ticket = await desk.ticket()
    assert ticket.status is TicketStatus.DONE and ticket.assignee_id is not None
    assert str(reply["message_id"]) in ticket.message_ids  # the client's reply joined
    async with desk.app.uow() as uow:
        entries = await uow.workspace.time_for_ticket(ticket.id)
        notes = {n.kind for n in await uow.workspace.notes(ticket.id)}
        stored = await uow.messages.for_ticket(ticket.id)
    assert [(e.minutes, e.category) for e in entries] == [(30, TimeCategory.BILLABLE)]
    assert notes == {NoteKind.PROOF, NoteKind.SERVICE_COMMENT}
    outgoing = [m.external_id for m in stored if m.from_staff]
    assert str(answer["message_id"]) in outgoing and str(notice["message_id"]) in outgoing

    desk.private(PAVEL, "/kb переадресация")
    found = await desk.fake.wait_sent(PAVEL, lambda m: "нашлось" in m.get("text", "").lower())
    assert "№1" in found["text"]


async def test_staff_see_how_sure_the_bot_was_of_the_kind_on_the_card(desk):
    await desk.confirmed_request("что-то с карточками не то")
    card = await desk.card(PAVEL)
    ticket = await desk.ticket()
    percent = round(ticket.confidence * 100)
    assert f"уверенностью {percent}% — низкая" in card["text"]


async def test_a_client_cannot_use_the_queue_log_time_or_change_statuses(desk):
    await desk.confirmed_request("Не работает обмен с 1С, счета не выгружаются")
    card = await desk.card(PAVEL)
    desk.private(KATE, "/queue")
    refusal = await desk.fake.wait_sent(KATE, lambda m: "сотрудники поддержки" in m.get("text", ""))
    assert refusal
    # A client who somehow gets hold of a card's button is refused the same way.
    desk.push(desk.fake.callback(KATE, KATE, desk.private(KATE, "hi")["message_id"],
                                 _button(card, "Статус"), strict=False))
    assert "сотрудники поддержки" in await desk.alert()
    assert (await desk.ticket()).status is TicketStatus.ACCEPTED


async def test_staff_see_and_act_only_on_the_clients_they_serve(desk):
    await desk.confirmed_request("Не работает обмен с 1С, счета не выгружаются")
    card = await desk.card(PAVEL)
    hello = desk.private(BOB, "привет")
    desk.push(desk.fake.callback(BOB, BOB, hello["message_id"], _button(card, "Взять"),
                                 strict=False))
    assert "не обслуживаете" in await desk.alert()
    desk.private(BOB, "/queue")
    empty = await desk.fake.wait_sent(BOB, lambda m: "пусто" in m.get("text", ""))
    assert empty
    desk.private(PAVEL, "/queue")
    listing = await desk.fake.wait_sent(PAVEL, lambda m: "Заявки в очереди: 1" in m.get("text",
                                                                                        ""))
    assert "ACME №1" in listing["text"]
    assert (await desk.ticket()).assignee_id is None


async def test_testing_needs_a_test_case_and_a_second_staff_member(desk):
    await desk.confirmed_request("Не работает форма на сайте, заявки не приходят")
    card = await desk.card(PAVEL)
    desk.press(PAVEL, PAVEL, card, _button(card, "Взять"))
    await desk.fake.wait_until(lambda: "Исполнитель: Pavel" in desk.current(PAVEL, card)["text"])
    desk.press(PAVEL, PAVEL, desk.current(PAVEL, card),
               _button(desk.current(PAVEL, card), "Статус"))
    await desk.fake.wait_until(lambda: "ждёт тестирования" in str(
        desk.current(PAVEL, card).get("reply_markup")))
    desk.press(PAVEL, PAVEL, desk.current(PAVEL, card),
               _button(desk.current(PAVEL, card), "ждёт тестирования"))
    await desk.fake.wait_sent(PAVEL, lambda m: "сценарий" in m.get("text", ""))
    desk.private(PAVEL, "Отправить форму с сайта, заявка должна появиться в CRM")
    await desk.fake.wait_until(lambda: any("Как проверить:" in m.get("text", "")
                                           for m in desk.fake.sent_to(PAVEL)))
    assert (await desk.ticket()).status is TicketStatus.NEEDS_TESTING

    # The author cannot test their own fix; Anna can, from her copy of the card.
    anna_card = await desk.card(ANNA)
    desk.push(desk.fake.callback(PAVEL, PAVEL, desk.private(PAVEL, "x")["message_id"],
                                 _button(anna_card, "Взять"), strict=False))
    assert "не автор" in await desk.alert()
    desk.press(ANNA, ANNA, anna_card, _button(anna_card, "Взять"))
    await desk.fake.wait_until(lambda: "Тестирует: Anna" in desk.current(ANNA, anna_card)["text"])
    ticket = await desk.ticket()
    assert ticket.status is TicketStatus.TESTING and ticket.tester_id != ticket.assignee_id


async def test_a_ticket_from_a_phone_call_counts_only_after_the_client_confirms(desk):
    desk.say(KATE, "Доброе утро!")  # Kate is known in the chat
    desk.private(PAVEL, "/new ACME Марина просит настроить переадресацию на мобильный")
    await desk.fake.wait_sent(PAVEL, lambda m: "на подтверждение" in m.get("text", ""))
    prompt = await desk.fake.wait_sent(GROUP, lambda m: "с ваших слов" in m.get("text", ""))
    assert (await desk.ticket()).status is TicketStatus.AWAITING_CONFIRMATION
    desk.press(GROUP, PAVEL, prompt, _buttons(prompt)[0])
    assert "клиент" in await desk.alert()
    desk.press(GROUP, KATE, prompt, _buttons(prompt)[0])
    await desk.fake.wait_until(
        lambda: "подтверждена" in desk.current(GROUP, prompt).get("text", ""))
    ticket = await desk.ticket()
    assert ticket.status is TicketStatus.ACCEPTED and ticket.source == "staff"
    await desk.card(ANNA)


async def test_new_work_gets_an_estimate_and_hours_over_it_are_not_billed(desk):
    desk.say(KATE, "Нужна интеграция сайта с CRM: заявки с формы должны падать в сделки")
    draft = await desk.fake.wait_sent(GROUP, lambda m: "записал" in m.get("text", "")
                                      or "новая работа" in m.get("text", ""))
    if (await desk.ticket()).kind is not Kind.NEW_WORK:
        desk.press(GROUP, KATE, draft, _buttons(draft)[1])
        await desk.fake.wait_until(lambda: len(_buttons(desk.current(GROUP, draft))) > 3)
        kinds = desk.current(GROUP, draft)
        desk.press(GROUP, KATE, kinds, next(d for d in _buttons(kinds) if d.endswith(":new_work")))
        await desk.fake.wait_until(lambda: "оценку" in desk.current(GROUP, draft)["text"])
    desk.press(GROUP, KATE, draft, _buttons(desk.current(GROUP, draft))[0])
    card = await desk.card(PAVEL)
    desk.press(PAVEL, PAVEL, card, _button(card, "Оценка"))
    await desk.fake.wait_sent(PAVEL, lambda m: "часы и цену" in m.get("text", ""))
    desk.private(PAVEL, "6 30000")
    offer = await desk.fake.wait_sent(GROUP, lambda m: "Оценка по заявке" in m.get("text", ""))
    assert "6 ч" in offer["text"] and "30\u00a0000\u00a0₽" in offer["text"]
    assert (await desk.ticket()).status is TicketStatus.WAITING_FOR_CLIENT
    desk.press(GROUP, KATE, offer, _buttons(offer)[0])
    await desk.fake.wait_until(lambda: "согласована" in desk.current(GROUP, offer)["text"])
    assert (await desk.ticket()).status is TicketStatus.ACCEPTED

    desk.press(PAVEL, PAVEL, card, _button(card, "Время"))
    quick = await desk.fake.wait_sent(PAVEL, lambda m: "Сколько времени" in m.get("text", ""))
    desk.press(PAVEL, PAVEL, quick, _button(quick, "Другое"))
    await desk.fake.wait_until(lambda: "Напишите время" in desk.current(PAVEL, quick)["text"])
    desk.private(PAVEL, "7 ч")
    categories = await desk.fake.wait_sent(PAVEL, lambda m: "Кто за это" in m.get("text", ""))
    desk.press(PAVEL, PAVEL, categories, _button(categories, "Оплачивается"))
    await desk.fake.wait_until(lambda: "Что сделано" in desk.current(PAVEL, categories)["text"])
    desk.private(PAVEL, "интеграция формы с CRM")
    logged = await desk.fake.wait_sent(PAVEL, lambda m: "Записал" in m.get("text", ""))
    assert "Сверх оценки" in logged["text"]
    ticket = await desk.ticket()
    async with desk.app.uow() as uow:
        entries = await uow.workspace.time_for_ticket(ticket.id)
    assert [(e.minutes, e.category) for e in entries] == [
        (360, TimeCategory.BILLABLE), (60, TimeCategory.OVER_ESTIMATE)]


async def test_a_screenshot_answer_reaches_the_client_through_the_outbox(desk):
    request = await desk.confirmed_request("Не печатаются счета из сделки")
    card = await desk.card(PAVEL)
    shot = desk.private(PAVEL, photo=True, caption="Нажмите «Печать» здесь",
                        reply_to=card["message_id"])
    answer = await desk.fake.wait_sent(GROUP, lambda m: "photo" in m)
    assert answer["caption"].startswith("Нажмите «Печать» здесь")
    assert answer["caption"].endswith("— Pavel")
    assert answer["reply_to_message"]["message_id"] == request["message_id"]
    # The same picture, re-sent by its file id, not a copy of Pavel's private message.
    assert answer["photo"][-1]["file_id"] == shot["photo"][-1]["file_id"]
    ticket = await desk.ticket()
    async with desk.app.uow() as uow:
        rows = [r for r in await uow.notices.all() if r.media is not None]
        logged = await uow.messages.for_ticket(ticket.id)
    assert len(rows) == 1 and rows[0].sent_at is not None
    assert rows[0].message_id == str(answer["message_id"])
    assert str(answer["message_id"]) in {m.external_id for m in logged}  # on the ticket too
