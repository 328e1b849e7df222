"""The Telegram adapter: aiogram bot, dispatcher, long polling or webhook."""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.middlewares.base import BaseRequestMiddleware
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter, TelegramServerError
from aiogram.methods.base import TelegramMethod, TelegramType
from aiogram.types import BotCommand, User
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web

from bot.settings import Settings
from bot.wiring import App
from domain.desk import Desk
from handlers.telegram import build_router
from handlers.telegram.context import HandlerConfig

log = logging.getLogger(__name__)

WEBHOOK_PATH = "/telegram/webhook"


class RetryMiddleware(BaseRequestMiddleware):
    """Waits out 429 `retry_after` and retries network and 5xx errors with backoff."""

    def __init__(self, attempts: int = 5, base_delay: float = 0.5, max_delay: float = 30.0):
        self.attempts, self.base_delay, self.max_delay = attempts, base_delay, max_delay

    async def __call__(
        self,
        make_request: Callable[[Bot, TelegramMethod[TelegramType]], Awaitable[Any]],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Any:
        for attempt in range(1, self.attempts + 1):
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as exc:
                if attempt == self.attempts:
                    raise
                log.warning("%s: flood control, waiting %s s", type(method).__name__,
                            exc.retry_after)
                await asyncio.sleep(exc.retry_after)
            except (TelegramNetworkError, TelegramServerError):
                if attempt == self.attempts:
                    raise
                delay = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
                log.warning("%s failed, retrying in %.1f s", type(method).__name__, delay)
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")


def build_bot(settings: Settings) -> Bot:
    if settings.telegram_api_url:
        session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
    else:
        session = AiohttpSession()
    session.middleware(RetryMiddleware())
    return Bot(settings.telegram_bot_token, session=session)


def build_dispatcher(app: App, me: User) -> Dispatcher:
    settings = app.settings
    dispatcher = Dispatcher()
    dispatcher["desk"] = Desk(app.uow, app.intake, app.clock)
    dispatcher["config"] = HandlerConfig(
        integrator=settings.integrator_name,
        language=settings.default_language,
        tz=settings.tz,
        reaction_hours=settings.reaction_hours,
        bot_username=me.username or "",
        bot_id=str(me.id),
    )
    dispatcher.include_router(build_router())
    return dispatcher


PRIVACY_HELP = (
    "The bot cannot read all messages in groups (privacy mode is on), so it will miss client "
    "requests. Fix: in @BotFather send /setprivacy, choose @{username}, pick Disable; then "
    "remove the bot from each group and add it again (or make it a group admin)."
)


async def check_bot(bot: Bot) -> User:
    """getMe, and a plain warning when privacy mode would hide group messages."""
    me = await bot.get_me()
    if not me.can_read_all_group_messages:
        text = PRIVACY_HELP.format(username=me.username)
        log.warning(text)
        print(f"WARNING: {text}")
    await bot.set_my_commands([
        BotCommand(command="tickets", description="Открытые заявки / open requests"),
        BotCommand(command="ticket", description="Заявка по номеру / request by number"),
        BotCommand(command="help", description="Как это работает / how it works"),
    ])
    return me


async def run_polling(app: App, bot: Bot) -> None:
    me = await check_bot(bot)
    dispatcher = build_dispatcher(app, me)
    await bot.delete_webhook(drop_pending_updates=False)
    log.info("@%s is polling for updates", me.username)
    # handle_as_tasks=False: the next getUpdates (which confirms the offset to Telegram) is
    # asked only after every update of the batch has been handled and committed.
    await dispatcher.start_polling(
        bot, handle_as_tasks=False, allowed_updates=dispatcher.resolve_used_update_types(),
        close_bot_session=True,
    )


async def _healthz(_request: web.Request) -> web.Response:
    return web.json_response({"ok": True})


def build_web_app(app: App, bot: Bot, dispatcher: Dispatcher, secret: str) -> web.Application:
    web_app = web.Application(client_max_size=2 * 1024 * 1024)
    # handle_in_background=False: Telegram gets its 200 only after the update is committed;
    # a failure answers 500 and Telegram delivers the update again (intake is idempotent).
    SimpleRequestHandler(dispatcher, bot, secret_token=secret,
                         handle_in_background=False).register(web_app, path=WEBHOOK_PATH)
    web_app.router.add_get("/healthz", _healthz)
    return web_app


async def run_webhook(app: App, bot: Bot) -> None:
    settings = app.settings
    me = await check_bot(bot)
    dispatcher = build_dispatcher(app, me)
    secret = settings.webhook_secret or secrets.token_urlsafe(32)
    web_app = build_web_app(app, bot, dispatcher, secret)
    runner = web.AppRunner(web_app)
    await runner.setup()
    site = web.TCPSite(runner, settings.web_host, settings.web_port)
    await site.start()
    url = settings.webhook_base_url.rstrip("/") + WEBHOOK_PATH
    await bot.set_webhook(url, secret_token=secret,
                          allowed_updates=dispatcher.resolve_used_update_types())
    log.info("@%s receives updates at %s (listening on %s:%s)", me.username, url,
             settings.web_host, settings.web_port)
    try:
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()
        await bot.session.close()
