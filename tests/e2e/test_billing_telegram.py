"""Billing in Telegram end to end: real aiogram over real HTTP against the fake Bot API and a
real SQLite file. Staff log time by buttons; the client's /balance shows it at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import load_settings
from bot.telegram import build_bot, build_dispatcher, check_bot
from bot.wiring import build_app
from domain.kernel.model import BillingModel, Person, PersonRole, Plan, Platform
from domain.onboarding.service import add_client, add_staff
from tests.conftest import T0
from tests.e2e.test_staff_workspace import GROUP, KATE, PAVEL, Desk, _button
from tests.fakes.bot_api import FakeBotAPI
from tests.fakes.harness import polling

BOSS = 555
TM = Plan(BillingModel.TIME_AND_MATERIALS, hourly_rate=200_000)  # 2 000 ₽ an hour


@pytest.fixture
async def desk(tmp_path: Path):
    fake = FakeBotAPI()
    await fake.start()
    settings = load_settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}",
        telegram_bot_token=fake.token, telegram_api_url=fake.base_url,
        integrator_name="Вектор Интеграция", default_language="ru",
    )
    app = await build_app(settings)
    async with app.uow() as uow:
        acme = await add_client(uow, "ACME", now=T0, plan=TM)
        pavel = await add_staff(uow, "Pavel", telegram_id=str(PAVEL))
        await uow.workspace.serve(pavel.id, acme.id)
        await uow.people.add(Person(None, acme.id, Platform.TELEGRAM, str(BOSS), "Boss",
                                    PersonRole.OWNER))
        await uow.commit()
    bot = build_bot(settings)
    dispatcher = build_dispatcher(app, await check_bot(bot))
    try:
        async with polling(dispatcher, bot, fake, handle_as_tasks=False):
            live = Desk(fake, app, {"ACME": acme.link_code})
            live.private(PAVEL, "/start", first_name="Staff")
            await fake.wait_sent(PAVEL, lambda m: "Рабочее место" in m.get("text", ""))
            await live.link(GROUP, acme.link_code)
            yield live
    finally:
        await bot.session.close()
        await app.close()
        await fake.stop()


async def log_half_an_hour(desk: Desk) -> None:
    await desk.confirmed_request("У Марины не работает телефония")
    card = await desk.card(PAVEL)
    desk.press(PAVEL, PAVEL, card, _button(card, "Время"))
    quick = await desk.fake.wait_sent(PAVEL, lambda m: "Сколько времени" in m.get("text", ""))
    desk.press(PAVEL, PAVEL, quick, _button(quick, "30 мин"))
    await desk.fake.wait_until(lambda: "Кто за это платит" in desk.current(PAVEL, quick)["text"])
    categories = desk.current(PAVEL, quick)
    desk.press(PAVEL, PAVEL, categories, _button(categories, "Оплачивается"))
    await desk.fake.wait_until(lambda: "Что сделано" in desk.current(PAVEL, quick)["text"])
    desk.private(PAVEL, "проверил телефонию в профиле Марины")
    await desk.fake.wait_sent(PAVEL, lambda m: "Записал 30 мин" in m.get("text", ""))


async def test_balance_in_the_group_shows_time_staff_just_logged(desk):
    await log_half_an_hour(desk)
    desk.say(KATE, "/balance")
    shown = await desk.fake.wait_sent(GROUP, lambda m: "Баланс «ACME»" in m.get("text", ""))
    assert "Долг: 1\u00a0000\u00a0₽" in shown["text"]
    assert "0:30" in shown["text"] or "30 мин" in shown["text"]


async def test_the_owner_gets_the_balance_in_a_private_chat(desk):
    desk.private(BOSS, "/balance", first_name="Boss")
    shown = await desk.fake.wait_sent(BOSS, lambda m: "Баланс «ACME»" in m.get("text", ""))
    assert "Сейчас ничего платить не нужно" in shown["text"]


async def test_employees_are_refused_the_balance_when_money_is_owner_only(desk):
    async with desk.app.uow() as uow:
        acme = await uow.clients.get_by_name("ACME")
        await uow.cabinet.set_money_owner_only(acme.id, True)
        await uow.commit()
    desk.say(KATE, "/balance")
    refusal = await desk.fake.wait_sent(GROUP, lambda m: "руководитель" in m.get("text", ""))
    assert "Баланс" not in refusal["text"]


# -- /statement and disputes -----------------------------------------------------------------------

BOB = 902  # staff, but serves no client here


async def _statement_entry(desk: Desk) -> dict:
    """Half an hour logged, then the owner asks for the statement; returns the entry message."""
    await log_half_an_hour(desk)
    desk.private(BOSS, "/statement", first_name="Boss")
    return await desk.fake.wait_sent(BOSS, lambda m: "Не согласен" in str(m.get("reply_markup")))


async def _dispute_card(desk: Desk) -> dict:
    entry = await _statement_entry(desk)
    desk.press(BOSS, BOSS, entry, _button(entry, "Не согласен"))
    card = await desk.fake.wait_sent(PAVEL, lambda m: "не согласен с записью" in m.get("text", ""))
    assert "Спор открыт" in desk.current(BOSS, entry)["text"]
    return card


async def _disputes(desk: Desk) -> list:
    async with desk.app.uow() as uow:
        acme = await uow.clients.get_by_name("ACME")
        return list(await uow.ledger.disputes(acme.id))


async def test_the_owner_gets_the_month_as_xlsx_and_a_disagree_button_per_billable_entry(desk):
    entry = await _statement_entry(desk)
    document = next(m for m in desk.fake.sent_to(BOSS) if m.get("document"))
    assert document["document"]["file_name"].endswith(".xlsx")
    assert "Выписка «ACME»" in document["caption"]
    assert "1\u00a0000\u00a0₽" in entry["text"] and "заявка №1" in entry["text"]
    assert len(_button(entry, "Не согласен").encode()) <= 64


async def test_a_reversed_dispute_gives_the_money_back_and_the_owner_is_told(desk):
    card = await _dispute_card(desk)
    desk.press(PAVEL, PAVEL, card, _button(card, "Сторнировать"))
    told = await desk.fake.wait_sent(BOSS, lambda m: "Вы были правы" in m.get("text", ""))
    assert "1\u00a0000\u00a0₽" in told["text"]
    await desk.fake.wait_until(lambda: "сторнировал(а) Pavel" in desk.current(PAVEL, card)["text"])
    assert not desk.current(PAVEL, card).get("reply_markup")
    desk.private(BOSS, "/balance", first_name="Boss")
    shown = await desk.fake.wait_sent(BOSS, lambda m: "Баланс «ACME»" in m.get("text", ""))
    assert "Долг" not in shown["text"]
    assert [d.status.value for d in await _disputes(desk)] == ["reversed"]


async def test_a_confirmed_dispute_leaves_the_entry_and_the_owner_is_told(desk):
    card = await _dispute_card(desk)
    desk.press(PAVEL, PAVEL, card, _button(card, "Подтвердить"))
    await desk.fake.wait_sent(BOSS, lambda m: "она верна" in m.get("text", ""))
    assert [d.status.value for d in await _disputes(desk)] == ["confirmed"]


async def test_only_staff_serving_the_client_may_decide_a_dispute(desk):
    async with desk.app.uow() as uow:
        await add_staff(uow, "Bob", telegram_id=str(BOB))
        await uow.commit()
    card = await _dispute_card(desk)
    for stranger in (KATE, BOB):
        hello = desk.private(stranger, "привет")
        desk.push(desk.fake.callback(stranger, stranger, hello["message_id"],
                                     _button(card, "Сторнировать"), strict=False))

    def alerts() -> list[str]:
        return [c["text"] for c in desk.fake.calls_of("answerCallbackQuery")
                if c.get("show_alert")]

    await desk.fake.wait_until(lambda: len(alerts()) == 2)
    assert "сотрудники поддержки" in alerts()[0] and "не обслуживаете" in alerts()[1]
    assert [d.status.value for d in await _disputes(desk)] == ["open"]


async def test_a_second_disagree_on_the_same_entry_opens_no_second_dispute(desk):
    entry = await _statement_entry(desk)
    desk.press(BOSS, BOSS, entry, _button(entry, "Не согласен"))
    await desk.fake.wait_sent(PAVEL, lambda m: "не согласен с записью" in m.get("text", ""))
    hello = desk.private(BOSS, "ещё раз", first_name="Boss")
    desk.push(desk.fake.callback(BOSS, BOSS, hello["message_id"], _button(entry, "Не согласен"),
                                 strict=False))
    assert "уже есть открытый спор" in await desk.alert()
    assert len(await _disputes(desk)) == 1
    cards = [m for m in desk.fake.sent_to(PAVEL) if "не согласен с записью" in m.get("text", "")]
    assert len(cards) == 1


async def test_staff_are_not_sent_a_statement(desk):
    desk.private(PAVEL, "/statement")
    refusal = await desk.fake.wait_sent(PAVEL, lambda m: "руководителю" in m.get("text", ""))
    assert not any(m.get("document") for m in desk.fake.sent_to(PAVEL))
    assert refusal
