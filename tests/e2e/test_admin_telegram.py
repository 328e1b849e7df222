"""An admin runs the desk from the private chat with the bot, end to end: real aiogram over
real HTTP against the fake Bot API, a real SQLite file. /admin opens a menu of buttons;
short dialogs add clients and staff, set plans, record payments and say who serves whom.
Everyone else is refused politely and nothing changes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.settings import load_settings
from bot.telegram import build_bot, build_dispatcher, check_bot
from bot.wiring import App, build_app
from domain.kernel.model import BillingModel, Coverage, Kind, StaffRole, Ticket, TicketStatus
from domain.onboarding.service import add_client, add_staff
from handlers.telegram.admin import Adm
from tests.conftest import T0
from tests.fakes.bot_api import FakeBotAPI
from tests.fakes.harness import polling

ANNA, PAVEL, KATE = 901, 900, 101  # Anna is the admin, Pavel plain staff, Kate a client

REFUSAL = "Это могут делать только администраторы. Ничего не изменено."


def _button(message: dict, label: str) -> str:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    found = [b["callback_data"] for row in rows for b in row if label in b["text"]]
    assert found, f"no button {label!r} in {[b['text'] for row in rows for b in row]}"
    return found[0]


@dataclass
class Chat:
    fake: FakeBotAPI
    app: App
    mark: int = 0  # what the bot sent before the last message or press

    def write(self, user_id: int, text: str) -> None:
        self.mark = len(self.fake.sent)
        self.fake.push_update(self.fake.private_message(user_id, text, first_name="Anna"))

    def press(self, user_id: int, message: dict, data: str) -> None:
        self.mark = len(self.fake.sent)
        self.fake.push_update(self.fake.callback(user_id, user_id, message["message_id"], data))

    async def reply(self, user_id: int, containing: str) -> dict:
        """The bot's first message to `user_id` since the last message or press that has
        `containing` in it."""
        def found() -> dict | None:
            return next((m for m in self.fake.sent[self.mark:] if m["chat"]["id"] == user_id
                         and containing in m.get("text", "")), None)
        await self.fake.wait_until(lambda: found() is not None)
        return found()

    async def menu(self, label: str) -> None:
        """/admin, then the menu's button `label`."""
        self.write(ANNA, "/admin")
        menu = await self.reply(ANNA, "Администрирование")
        self.press(ANNA, menu, _button(menu, label))

    async def choose(self, label: str, client: str) -> None:
        """A menu button that asks for a client, then the client."""
        await self.menu(label)
        picker = await self.reply(ANNA, "Выберите клиента")
        self.press(ANNA, picker, _button(picker, client))

    async def refused(self, user_id: int, data: Adm, message: dict) -> str:
        since = len(self.fake.calls)
        self.fake.push_update(self.fake.callback(user_id, user_id, message["message_id"],
                                                 data.pack(), strict=False))
        _, answer = await self.fake.wait_for(
            lambda name, params: name == "answerCallbackQuery" and params.get("show_alert"),
            since=since)
        return answer["text"]


@pytest.fixture
async def chat(tmp_path: Path):
    fake = FakeBotAPI()
    await fake.start()
    settings = load_settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}",
        telegram_bot_token=fake.token, telegram_api_url=fake.base_url,
        integrator_name="Вектор Интеграция", default_language="ru",
    )
    app = await build_app(settings)
    async with app.uow() as uow:
        acme = await add_client(uow, "ACME", now=T0)
        await add_staff(uow, "Anna", telegram_id=str(ANNA), role=StaffRole.ADMIN)
        await add_staff(uow, "Pavel", telegram_id=str(PAVEL))
        await uow.tickets.add(Ticket(None, acme.id, await uow.clients.next_ticket_number(acme.id),
                                     Kind.TECHNICAL, TicketStatus.ACCEPTED, "Не работает почта",
                                     "", None, None, Coverage.COVERED, created_at=T0,
                                     updated_at=T0))
        await uow.commit()
    bot = build_bot(settings)
    dispatcher = build_dispatcher(app, await check_bot(bot))
    try:
        async with polling(dispatcher, bot, fake, handle_as_tasks=False):
            yield Chat(fake, app)
    finally:
        await bot.session.close()
        await app.close()
        await fake.stop()


async def test_an_admin_adds_a_client_and_gets_the_code_that_links_its_chat(chat):
    await chat.menu("Добавить клиента")
    await chat.reply(ANNA, "Как называется клиент")
    chat.write(ANNA, "ООО  Ромашка")
    added = await chat.reply(ANNA, "добавлен")
    async with chat.app.uow() as uow:
        client = await uow.clients.get_by_name("ООО Ромашка")
    assert client is not None and f"/link {client.link_code}" in added["text"]

    await chat.menu("Добавить клиента")
    await chat.reply(ANNA, "Как называется клиент")
    chat.write(ANNA, "ооо ромашка")
    await chat.reply(ANNA, "Клиент «ооо ромашка» уже есть.")
    chat.write(ANNA, "/cancel")
    await chat.reply(ANNA, "Отменено")


async def test_an_admin_sets_a_plan_records_a_payment_and_sees_every_client(chat):
    await chat.choose("Назначить тариф", "ACME")
    models = await chat.reply(ANNA, "Как клиент платит")
    chat.press(ANNA, models, _button(models, "оплата по времени"))
    await chat.reply(ANNA, "Цена часа")
    chat.write(ANNA, "две тысячи")
    await chat.reply(ANNA, "Не понял сумму «две тысячи»")
    chat.write(ANNA, "2 500")
    await chat.reply(ANNA, "Тариф «ACME»")

    await chat.choose("Записать оплату", "ACME")
    await chat.reply(ANNA, "Сколько поступило от «ACME»")
    chat.write(ANNA, "15000,50")
    paid = await chat.reply(ANNA, "Оплата")
    assert "15\u00a0000,50\u00a0₽" in paid["text"]

    await chat.menu("Клиенты")
    listed = await chat.reply(ANNA, "ACME:")
    assert listed["text"] == ("ACME: оплата по времени с баланса, 2\u00a0500\u00a0₽ за час; "
                              "на балансе 15\u00a0000,50\u00a0₽; открытых заявок: 1")
    async with chat.app.uow() as uow:
        client = await uow.clients.get_by_name("ACME")
        history = await uow.admin.plan_history(client.id)
    assert client.plan.model is BillingModel.TIME_AND_MATERIALS
    assert client.plan.hourly_rate == 250_000
    assert [change.by for change in history] == ["Anna"]


async def test_an_admin_adds_a_staff_member_and_says_whom_they_serve(chat):
    await chat.menu("Добавить сотрудника")
    await chat.reply(ANNA, "Как зовут сотрудника")
    chat.write(ANNA, "Борис")
    await chat.reply(ANNA, "Telegram id")
    chat.write(ANNA, "-5")
    await chat.reply(ANNA, "«-5» — не Telegram id")
    chat.write(ANNA, "903")
    roles = await chat.reply(ANNA, "Какая роль у Борис")
    chat.press(ANNA, roles, _button(roles, "сотрудник"))
    await chat.reply(ANNA, "Борис в команде")

    await chat.choose("Кто кого обслуживает", "ACME")
    team = await chat.reply(ANNA, "Кто будет обслуживать")
    chat.press(ANNA, team, _button(team, "Борис"))
    await chat.reply(ANNA, "Борис обслуживает «ACME»")
    async with chat.app.uow() as uow:
        boris = await uow.staff.find_by_name("Борис")
        client = await uow.clients.get_by_name("ACME")
        assert boris.telegram_id == "903" and boris.role is StaffRole.STAFF
        assert await uow.workspace.serves(boris.id, client.id)


async def test_staff_and_strangers_are_refused_politely_and_nothing_changes(chat):
    async with chat.app.uow() as uow:
        acme = await uow.clients.get_by_name("ACME")
        pavel = await uow.staff.find_by_name("Pavel")
    refusals = {}
    for user in (PAVEL, KATE):
        chat.write(user, "/admin")
        refusals[user] = await chat.reply(user, REFUSAL)
    assert not [m for m in chat.fake.sent_to(PAVEL) if m.get("reply_markup")]

    # Buttons pressed by someone who is not an admin (a forged press): an alert, nothing done.
    for user, data in ((PAVEL, Adm(a="sv", c=acme.id, s=pavel.id)),
                       (KATE, Adm(a="ls")), (PAVEL, Adm(a="nc")),
                       (KATE, Adm(a="pm", c=acme.id, v="t"))):
        assert await chat.refused(user, data, refusals[user]) == REFUSAL
    chat.write(PAVEL, "Новый клиент")  # not in any dialog: nothing is added
    await chat.reply(PAVEL, "")
    async with chat.app.uow() as uow:
        assert not await uow.workspace.serves(pavel.id, acme.id)
        assert [c.name for c in await uow.clients.list()] == ["ACME"]
        assert (await uow.clients.get(acme.id)).plan is None


async def test_an_admin_demoted_meanwhile_cannot_use_the_menu_left_in_the_chat(chat):
    chat.write(ANNA, "/admin")
    menu = await chat.reply(ANNA, "Администрирование")
    async with chat.app.uow() as uow:
        anna = await uow.staff.find_by_name("Anna")
        anna.role = StaffRole.STAFF
        await uow.admin.update_staff(anna)
        await uow.commit()
    since = len(chat.fake.calls)
    chat.press(ANNA, menu, _button(menu, "Добавить клиента"))
    _, answer = await chat.fake.wait_for(
        lambda name, params: name == "answerCallbackQuery" and params.get("show_alert"),
        since=since)
    assert answer["text"] == REFUSAL
    chat.write(ANNA, "ООО Ромашка")  # no dialog was started: nothing is added
    await chat.reply(ANNA, "")
    async with chat.app.uow() as uow:
        assert [c.name for c in await uow.clients.list()] == ["ACME"]


async def test_a_plan_the_ledger_refuses_is_explained_and_the_dialog_goes_on(chat):
    await chat.choose("Назначить тариф", "ACME")
    models = await chat.reply(ANNA, "Как клиент платит")
    chat.press(ANNA, models, _button(models, "абонентская плата"))
    await chat.reply(ANNA, "Виды поддержки")
    chat.write(ANNA, "тех пасс 20000\nконтроль пасс 40000")
    refusal = await chat.reply(ANNA, "контроль работы сотрудников")
    assert "только" in refusal["text"]
    chat.write(ANNA, "тех пасс 20000\nконтроль акт 40000")
    shown = await chat.reply(ANNA, "Тариф «ACME»")
    assert "40\u00a0000\u00a0₽" in shown["text"]

