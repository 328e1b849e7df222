"""One client group served by staff, through real aiogram polling a fake Bot API: ACME on a
monthly plan, Pavel serving it, Irina its admin, both having opened the bot, the group linked
by Pavel. Shared by the end-to-end tests that start from a working desk."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from aiogram import Dispatcher

from bot.settings import load_settings
from bot.telegram import build_bot, build_dispatcher, check_bot
from bot.wiring import App, build_app
from domain.kernel.model import StaffRole
from domain.onboarding.service import add_client, add_staff
from tests.conftest import T0, monthly_plan
from tests.dates import RunningClock
from tests.fakes.bot_api import FakeBotAPI
from tests.fakes.harness import polling

GROUP = -1001000000001
PAVEL, IRINA = 900, 903  # Pavel serves ACME; Irina is the admin
KATE = 101


@dataclass
class StaffedDesk:
    fake: FakeBotAPI
    app: App
    dispatcher: Dispatcher
    clock: RunningClock

    def push(self, update: dict) -> dict:
        self.fake.push_update(update)
        return next(iter(update.values()))

    def say(self, user_id: int, text: str, name: str = "Kate", **kw) -> dict:
        return self.push(self.fake.group_message(GROUP, user_id, text, first_name=name, **kw))

    def private(self, user_id: int, text: str, **kw) -> dict:
        return self.push(self.fake.private_message(user_id, text, **kw))

    def wake_sender(self) -> None:
        self.dispatcher["post"].wake()

    async def ticket(self, number: int = 1):  # noqa: ANN201 - a Ticket
        async with self.app.uow() as uow:
            client = await uow.clients.get_by_name("ACME")
            return await uow.tickets.by_number(client.id, number)


@asynccontextmanager
async def running_desk(tmp_path: Path, fake: FakeBotAPI, seed: Callable[[Any], Any], *,
                       clock: RunningClock | None = None, **settings: Any,
                       ) -> AsyncIterator[tuple[App, Dispatcher, Any]]:
    """The bot on a fresh SQLite file, polling `fake`: `seed(uow)` fills the database first
    (its result is yielded with the app and the dispatcher); closed on exit."""
    app = await build_app(load_settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}",
        telegram_bot_token=fake.token, telegram_api_url=fake.base_url,
        integrator_name="Вектор Интеграция", default_language="ru", **settings,
    ), clock=clock)
    async with app.uow() as uow:
        seeded = await seed(uow)
        await uow.commit()
    bot = build_bot(app.settings)
    dispatcher = build_dispatcher(app, await check_bot(bot))
    try:
        async with polling(dispatcher, bot, fake, handle_as_tasks=False):
            yield app, dispatcher, seeded
    finally:
        await bot.session.close()
        await app.close()


async def staff_open_the_bot(fake: FakeBotAPI, live: Any, *members: int) -> None:
    """Staff open the bot once, as in real life, and get their workspace."""
    for member in members:
        live.private(member, "/start", first_name="Staff")
        await fake.wait_sent(member, lambda m: "Рабочее место" in m.get("text", ""))


async def _acme_served_by_pavel(uow: Any) -> Any:
    acme = await add_client(uow, "ACME", now=T0, plan=monthly_plan())
    pavel = await add_staff(uow, "Pavel", telegram_id=str(PAVEL))
    await add_staff(uow, "Irina", telegram_id=str(IRINA), role=StaffRole.ADMIN)
    await uow.workspace.serve(pavel.id, acme.id)
    return acme


@asynccontextmanager
async def staffed_desk(tmp_path: Path, fake: FakeBotAPI,
                       make: Callable[..., Any] = StaffedDesk) -> AsyncIterator[Any]:
    """The desk as `make(fake=, app=, dispatcher=, clock=)` builds it (a subclass with more
    fields takes them from a closure); the clock runs from Thursday 10:00 in Moscow."""
    clock = RunningClock(T0 + timedelta(hours=1))
    async with running_desk(tmp_path, fake, _acme_served_by_pavel, clock=clock,
                            _env_file=None) as (app, dispatcher, acme):
        live = make(fake=fake, app=app, dispatcher=dispatcher, clock=clock)
        await staff_open_the_bot(fake, live, PAVEL, IRINA)
        live.say(PAVEL, f"/link {acme.link_code}", name="Pavel")
        await fake.wait_sent(GROUP, lambda m: "бот поддержки" in m.get("text", ""))
        yield live
