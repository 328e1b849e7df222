"""The web server without Telegram: WhatsApp webhooks and a health check, for `chatdesk run`
when only WhatsApp is configured (or beside Telegram long polling)."""

from __future__ import annotations

import asyncio
import logging

from aiohttp import web

from bot.messengers import MessengerRegistry
from bot.settings import Settings
from bot.whatsapp_web import add_whatsapp_routes
from bot.wiring import App

log = logging.getLogger(__name__)


def whatsapp_configured(settings: Settings) -> bool:
    """Is at least one WhatsApp adapter set up together with its webhook secret?"""
    cloud = (settings.whatsapp_cloud_token and settings.whatsapp_phone_number_id
             and settings.whatsapp_app_secret)
    green = (settings.green_api_url and settings.green_api_instance_id
             and settings.green_api_token and settings.green_api_webhook_token)
    return bool(cloud or green)


async def _healthz(_request: web.Request) -> web.Response:
    return web.json_response({"ok": True})


def build_whatsapp_app(app: App, messengers: MessengerRegistry | None = None) -> web.Application:
    web_app = web.Application(client_max_size=2 * 1024 * 1024)
    add_whatsapp_routes(web_app, app, registry=messengers)
    web_app.router.add_get("/healthz", _healthz)
    return web_app


async def run_web(app: App, messengers: MessengerRegistry | None = None) -> None:
    """Serve WhatsApp webhooks on WEB_HOST:WEB_PORT until cancelled."""
    settings = app.settings
    runner = web.AppRunner(build_whatsapp_app(app, messengers))
    await runner.setup()
    try:
        await web.TCPSite(runner, settings.web_host, settings.web_port).start()
        log.info("WhatsApp webhooks on %s:%s", settings.web_host, settings.web_port)
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()
