"""The Telegram adapter: aiogram bot, dispatcher, long polling or webhook."""

from __future__ import annotations

# isort: off
# Before the first aiogram import of the process; processes that never run the bot (imports,
# reports) never import aiogram at all.
import bot.lean_aiogram  # noqa: F401 - imports aiogram lean (see there)
# isort: on
import asyncio
import contextlib
import gc
import hmac
import json
import logging
import secrets
import signal
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.middlewares.base import BaseRequestMiddleware
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.fsm.storage.base import BaseStorage
from aiogram.methods.base import TelegramMethod, TelegramType
from aiogram.types import BotCommand, Update, User
from aiohttp import web

from bot.adapters.media import TelegramFiles
from bot.cabinet.app import add_cabinet_routes, cabinet_dependencies
from bot.inbox import InboxWorker, InboxWriter, chat_of, poll_updates
from bot.messengers import MessengerRegistry
from bot.messengers.telegram import OWN_RETRIES
from bot.scaling import StartupError, build_fsm_storage
from bot.sending import OutboxSender, attach_sender
from bot.settings import Settings
from bot.statements import xlsx_bytes
from bot.web import whatsapp_configured
from bot.whatsapp_web import add_whatsapp_routes
from bot.wiring import App, build_media_reader
from domain.billing.chat import BillingChat
from domain.broadcasts.service import Broadcasts
from domain.intake.service import MediaReader
from domain.onboarding.service import Administration
from domain.outbox.service import Post
from domain.tickets.service import Desk
from domain.workspace.service import Workspace
from handlers.telegram import build_router
from handlers.telegram.context import HandlerConfig
from handlers.telegram.convert import to_inbound
from handlers.telegram.staff_render import notify_staff

log = logging.getLogger(__name__)

WEBHOOK_PATH = "/telegram/webhook"


class RetryMiddleware(BaseRequestMiddleware):
    """Waits out 429 `retry_after` and retries network and 5xx errors with backoff, for the
    direct answers (callback answers, a staff member's private menu). Messages sent through
    the outbox bypass it: there a 429 or an error puts the row back instead of blocking."""

    def __init__(self, attempts: int = 5, base_delay: float = 0.5, max_delay: float = 30.0):
        self.attempts, self.base_delay, self.max_delay = attempts, base_delay, max_delay

    async def __call__(
        self,
        make_request: Callable[[Bot, TelegramMethod[TelegramType]], Awaitable[Any]],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Any:
        if OWN_RETRIES.get():  # the outbox decides: it reschedules instead of blocking
            return await make_request(bot, method)
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


def build_dispatcher(app: App, me: User,
                     messengers: MessengerRegistry | None = None,
                     storage: BaseStorage | None = None,
                     media: MediaReader | None = None) -> Dispatcher:
    settings = app.settings
    # FSM state: memory by default, Redis (bot.scaling) when several processes share the work.
    dispatcher = Dispatcher(storage=storage)
    # Staff answer WhatsApp clients from Telegram too: sends to other messengers go here.
    dispatcher["messengers"] = messengers or MessengerRegistry()
    dispatcher["desk"] = Desk(app.uow, app.intake, app.clock, media=media)
    dispatcher["workspace"] = Workspace(app.uow, app.clock, reaction_hours=settings.reaction_hours)
    dispatcher["billing_chat"] = BillingChat(app.uow, app.clock, settings.tz)
    from bot.scheduling import build_satisfaction  # the SLA calendar and policies

    dispatcher["satisfaction"] = build_satisfaction(app)
    dispatcher["broadcasts"] = Broadcasts(app.uow, app.clock)
    dispatcher["administration"] = Administration(app.uow, app.clock, settings.tz,
                                                  settings.default_language)
    dispatcher["render_xlsx"] = xlsx_bytes
    dispatcher["config"] = HandlerConfig(
        integrator=settings.integrator_name,
        language=settings.default_language,
        tz=settings.tz,
        reaction_hours=settings.reaction_hours,
        bot_username=me.username or "",
        bot_id=str(me.id),
        staff_chat_id=settings.staff_chat_id,
    )
    dispatcher.workflow_data.update(cabinet_dependencies(app, settings))
    # Every message the handlers send on their own goes through the outbox (bot/sending.py).
    dispatcher["post"] = Post(app.uow, app.clock)

    async def start_sending(bot: Bot) -> None:  # when run by aiogram's own polling
        attach_sender(app, dispatcher, bot)

    async def stop_sending() -> None:
        sender = dispatcher.workflow_data.get("outbox_sender")
        if sender is not None:
            await sender.stop()

    dispatcher.startup.register(start_sending)
    dispatcher.shutdown.register(stop_sending)
    dispatcher.include_router(build_router())
    return dispatcher


def settle_heap() -> None:
    """Once everything is built: what start-up made (aiogram's types, the classifier, the
    routers; most of the heap) lives as long as the process, so the garbage collector stops
    walking it. Without this a full collection walks all of it, mid-traffic: a 100-200 ms
    pause that every message arriving meanwhile waits out (seen as the intake bench's p99)."""
    gc.collect()
    gc.freeze()


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
        BotCommand(command="balance", description="Баланс и часы / balance and hours"),
        BotCommand(command="cabinet", description="Личный кабинет / client cabinet"),
        BotCommand(command="help", description="Как это работает / how it works"),
    ])
    return me


class TelegramRuntime:
    """The running bot: inbox writer, inbox worker, and either our polling loop or a webhook.

    Updates are committed to the inbox before Telegram hears they were received, and handled
    from there in group-committed batches; after a crash the worker resumes what is left.
    What the handlers send is committed to the outbox with their batch and sent by one
    sender task; after a crash it sends what is left.
    """

    def __init__(self, app: App, bot: Bot) -> None:
        self.app, self.bot = app, bot
        self.stop_event = asyncio.Event()
        self.dispatcher: Dispatcher | None = None
        self.worker: InboxWorker | None = None
        self.writer: InboxWriter | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._worker_task: asyncio.Task[None] | None = None
        self.scheduler = None
        self.sender: OutboxSender | None = None
        self._media_closers: list[Callable[[], Awaitable[None]]] = []

    async def start(self, *, polling: bool = True, polling_timeout: int = 25,
                    scheduler: bool = True) -> None:
        storage = await build_fsm_storage(self.app.settings)  # an unreachable Redis: one line
        try:
            me = await check_bot(self.bot)
        except (TelegramNetworkError, TelegramServerError, TelegramUnauthorizedError) as exc:
            await storage.close()
            where = self.app.settings.telegram_api_url or "api.telegram.org"
            if isinstance(exc, TelegramUnauthorizedError):
                raise StartupError("Telegram does not accept TELEGRAM_BOT_TOKEN (Unauthorized): "
                                   "copy the token from @BotFather again") from None
            raise StartupError(f"cannot reach Telegram at {where}: {exc.message}") from None
        self.messengers = MessengerRegistry.from_settings(self.app.settings, bot=self.bot,
                                                          uow=self.app.uow)
        # Voice notes and screenshots are downloaded from Telegram and read (bounded).
        settings = self.app.settings
        media, self._media_closers = build_media_reader(settings, TelegramFiles(
            self.bot, timeout_s=settings.media_download_timeout_seconds))
        self.dispatcher = build_dispatcher(self.app, me, self.messengers, storage, media)
        self.sender = attach_sender(self.app, self.dispatcher, self.bot)
        if scheduler:
            from bot.scheduling import start_scheduler

            self.scheduler = start_scheduler(self.app, self.messengers, self.sender.outbox)
        # The sender hears of each batch right after it commits: replies go out at once.
        self.worker = InboxWorker(self.app.uow, self.dispatcher, self.bot,
                                  on_commit=self.sender.wake,
                                  before_batch=self._prefetch_media)
        self.writer = InboxWriter(self.app.uow, on_stored=self.worker.wake)
        settle_heap()
        self._worker_task = asyncio.create_task(self.worker.run(self.stop_event),
                                                name="inbox-worker")
        self._tasks.append(self._worker_task)
        if polling:
            await self.bot.delete_webhook(drop_pending_updates=False)
            self._tasks.append(asyncio.create_task(
                poll_updates(self.bot, self.writer, self.stop_event,
                             allowed_updates=self.dispatcher.resolve_used_update_types(),
                             long_poll=polling_timeout),
                name="telegram-polling"))
            log.info("@%s is polling for updates", me.username)
        self._start_mail()

    def _start_mail(self) -> None:
        """The support mailbox, when MAIL_* are set: mails enter the same intake; replies go
        out of the same outbox by SMTP."""
        settings = self.app.settings
        if settings.mail_partly_set:
            log.warning("the mail channel needs MAIL_IMAP_HOST, MAIL_IMAP_USER, "
                        "MAIL_IMAP_PASSWORD, MAIL_SMTP_HOST and MAIL_FROM; it is off")
        if not settings.mail_enabled or self.messengers.email is None:
            return
        from bot.mail.poller import build_mail

        dispatcher = self.dispatcher

        async def tell_staff(ticket_id: int) -> None:
            await notify_staff(dispatcher["post"], dispatcher["workspace"], dispatcher["config"],
                               ticket_id)

        poller = build_mail(self.app, self.messengers.email, post=dispatcher["post"],
                            on_confirmed=tell_staff)
        self._tasks.append(asyncio.create_task(poller.run(self.stop_event), name="mail-polling"))
        log.info("reading mail of %s every %s s", settings.mail_imap_user,
                 settings.mail_poll_seconds)

    async def _prefetch_media(self, payloads: list[str]) -> None:
        """Voice notes and screenshots of the next updates are read before their batch."""
        desk: Desk = self.dispatcher["desk"]
        for payload in payloads:
            if '"voice"' not in payload and '"photo"' not in payload and (
                    '"document"' not in payload):
                continue  # most updates: no need to parse them twice
            update = Update.model_validate_json(payload, context={"bot": self.bot})
            if update.message is not None:
                await desk.prefetch_media(to_inbound(update.message))

    async def stop(self, grace: float = 10.0) -> None:
        self.stop_event.set()
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
            self.scheduler = None
        if self.worker is not None:
            self.worker.wake()
        worker = self._worker_task
        for task in self._tasks:
            if task is not worker:
                task.cancel()
        if worker is not None and not worker.done():
            # The batch in hand finishes and commits: staff may already have seen a direct
            # answer about it ("logged 30 min"). Only a batch stuck past `grace` is cut off;
            # its updates stay pending and are handled on the next start.
            with contextlib.suppress(TimeoutError, asyncio.CancelledError):
                await asyncio.wait_for(asyncio.shield(worker), grace)
            worker.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()
        if self.sender is not None:
            await self.sender.stop()
        if self.writer is not None:
            await self.writer.close()
        if self.dispatcher is not None:
            await self.dispatcher.storage.close()
        for close in self._media_closers:
            await close()
        self._media_closers = []

    def web_app(self, secret: str) -> web.Application:
        """The aiohttp application: Telegram's webhook (answered after commit) and /healthz."""
        assert self.writer is not None, "start() first"
        writer = self.writer

        async def telegram_webhook(request: web.Request) -> web.Response:
            given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
            if not hmac.compare_digest(given.encode(), secret.encode()):
                return web.json_response({"ok": False, "error": "forbidden"}, status=401)
            try:
                data = json.loads(await request.read())
                update_id = int(data["update_id"])
            except (ValueError, TypeError, KeyError):
                return web.json_response({"ok": False, "error": "malformed update"}, status=400)
            # 200 only after the update is committed; a failure answers 500 and Telegram
            # delivers it again (the inbox key makes that harmless).
            await writer.put("telegram", str(update_id), json.dumps(data, ensure_ascii=False),
                             chat_of(data) if isinstance(data, dict) else None)
            return web.json_response({"ok": True})

        web_app = web.Application(client_max_size=2 * 1024 * 1024)
        web_app.router.add_post(WEBHOOK_PATH, telegram_webhook)
        web_app.router.add_get("/healthz", _healthz)
        dispatcher = self.dispatcher

        async def tell_staff(ticket_id: int) -> None:
            await notify_staff(dispatcher["post"], dispatcher["workspace"], dispatcher["config"],
                               ticket_id)

        add_whatsapp_routes(web_app, self.app, bot=self.bot, registry=self.messengers,
                            on_confirmed=tell_staff, post=dispatcher["post"])  # only the configured ones
        add_cabinet_routes(web_app, self.app, self.app.settings)  # when CABINET_* are set
        return web_app


async def _healthz(_request: web.Request) -> web.Response:
    return web.json_response({"ok": True})


async def run_polling(app: App, bot: Bot) -> None:
    runtime = TelegramRuntime(app, bot)
    await runtime.start(polling=True)
    runner = None
    if whatsapp_configured(app.settings):
        # Polling needs no web server for Telegram, but WhatsApp webhooks still arrive.
        runner = web.AppRunner(runtime.web_app(secrets.token_urlsafe(32)))
        await runner.setup()
        await web.TCPSite(runner, app.settings.web_host, app.settings.web_port).start()
        log.info("WhatsApp webhooks on %s:%s", app.settings.web_host, app.settings.web_port)
    try:
        await _until_signalled()
    finally:
        if runner is not None:
            await runner.cleanup()
        await runtime.stop()
        await bot.session.close()


async def run_webhook(app: App, bot: Bot) -> None:
    settings = app.settings
    runtime = TelegramRuntime(app, bot)
    await runtime.start(polling=False)
    secret = settings.webhook_secret or secrets.token_urlsafe(32)
    runner = web.AppRunner(runtime.web_app(secret))
    await runner.setup()
    await web.TCPSite(runner, settings.web_host, settings.web_port).start()
    url = settings.webhook_base_url.rstrip("/") + WEBHOOK_PATH
    await bot.set_webhook(url, secret_token=secret,
                          allowed_updates=runtime.dispatcher.resolve_used_update_types())
    log.info("receiving updates at %s (listening on %s:%s)", url, settings.web_host,
             settings.web_port)
    try:
        await _until_signalled()
    finally:
        await runner.cleanup()
        await runtime.stop()
        await bot.session.close()


async def _until_signalled() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signum, stop.set)
    await stop.wait()
