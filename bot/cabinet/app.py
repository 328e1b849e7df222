"""The client cabinet's web pages under /cabinet/, on the same aiohttp server as the webhooks.

Server-rendered (Jinja2, autoescaped), usable without JavaScript; the only script turns a
Telegram Mini App launch into a session. Every page goes through `Cabinet`, whose rules decide
who sees what; this module only reads sessions, calls one use case and renders.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from aiohttp import web

from bot.cabinet.auth import AuthError, Sessions, verify_init_data
from bot.cabinet.charts import legend, week_chart
from bot.settings import Settings, SettingsError
from bot.wiring import App
from domain.billing.model import Period
from domain.billing.service import Billing, duration, plan_state_lines
from domain.cabinet.model import CabinetError, Principal
from domain.cabinet.service import Cabinet
from domain.kernel.model import Language, Platform
from domain.texts import kind_name, money, status_name, t
from handlers.telegram.cabinet import CabinetLinks

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
PREFIX = "/cabinet"
COOKIE = "chatdesk_cabinet"
LANG_COOKIE = "chatdesk_lang"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class CabinetWeb:
    cabinet: Cabinet
    sessions: Sessions
    settings: Settings
    clock: Any
    templates: jinja2.Environment
    secure: bool

    # -- plumbing -------------------------------------------------------------------------------

    def lang(self, request: web.Request, hint: Language | None = None) -> Language:
        chosen = request.query.get("lang") or request.cookies.get(LANG_COOKIE)
        if chosen in (Language.RU.value, Language.EN.value):
            return Language(chosen)
        return hint or self.settings.default_language

    def principal(self, request: web.Request) -> Principal | None:
        cookie = request.cookies.get(COOKIE)
        if not cookie:
            return None
        try:
            return self.sessions.read(cookie, self.clock.now())
        except AuthError:
            return None

    def render(self, request: web.Request, template: str, lang: Language, *,
               status: int = 200, **context: Any) -> web.Response:
        tz = self.settings.tz

        def when(moment: datetime | None, with_time: bool = True) -> str:
            if moment is None:
                return ""
            local = moment.astimezone(tz)
            return local.strftime("%d.%m.%Y %H:%M" if with_time else "%d.%m.%Y")

        cookie = request.cookies.get(COOKIE, "")
        html = self.templates.get_template(template).render(
            lang=lang.value, other_lang="en" if lang is Language.RU else "ru",
            t=partial(t, lang), money=partial(money, lang), hours=partial(duration, lang),
            kind=partial(kind_name, lang), status=partial(status_name, lang), when=when,
            when_day=lambda day: day.strftime("%d.%m.%Y"),
            csrf=self.sessions.csrf(cookie) if cookie else "", prefix=PREFIX,
            path=request.path, **context)
        response = web.Response(text=html, status=status, content_type="text/html")
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        if request.query.get("lang") in (Language.RU.value, Language.EN.value):
            response.set_cookie(LANG_COOKIE, request.query["lang"], max_age=365 * 86400,
                                path=PREFIX, samesite="Lax", secure=self.secure)
        return response

    def error(self, request: web.Request, key: str, status: int, **params: Any) -> web.Response:
        lang = self.lang(request)
        return self.render(request, "error.html", lang, status=status,
                           message=t(lang, key, **params), signed_in=bool(
                               self.principal(request)))

    def login_response(self, principal: Principal, location: str | None) -> web.StreamResponse:
        response: web.StreamResponse = (web.HTTPSeeOther(location) if location
                                        else web.json_response({"ok": True,
                                                                "next": f"{PREFIX}/"}))
        response.set_cookie(COOKIE, self.sessions.issue(principal, self.clock.now()),
                            max_age=int(self.sessions.lifetime.total_seconds()), path=PREFIX,
                            httponly=True, samesite="Lax", secure=self.secure)
        return response

    # -- pages ----------------------------------------------------------------------------------

    def page(self, handler: Callable[[web.Request, Principal], Awaitable[web.StreamResponse]]
             ) -> Handler:
        """A page behind a session; refusals of the rules become a page saying why."""

        async def wrapped(request: web.Request) -> web.StreamResponse:
            principal = self.principal(request)
            if principal is None:
                return self.error(request, "cabinet.err.session", 401)
            try:
                return await handler(request, principal)
            except CabinetError as exc:
                return self.error(request, exc.key, exc.status, **exc.params)

        return wrapped

    async def root(self, request: web.Request) -> web.StreamResponse:
        principal = self.principal(request)
        if principal is None:
            return self.render(request, "welcome.html", self.lang(request))
        try:
            overview = await self.cabinet.overview(principal)
        except CabinetError as exc:
            return self.error(request, exc.key, exc.status)
        viewer = overview.viewer
        if not viewer.is_staff and len(overview.clients) == 1:
            raise web.HTTPSeeOther(f"{PREFIX}/c/{overview.clients[0].id}/")
        hint = viewer.staff.language if viewer.staff else None
        return self.render(request, "home.html", self.lang(request, hint), overview=overview)

    async def tickets(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        found = await self.cabinet.tickets(principal, _int(request, "client"))
        return self.render(request, "tickets.html", self.lang(request, found.client.language),
                           client=found.client, found=found, tab="tickets")

    async def ticket(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        page = await self.cabinet.ticket(principal, _int(request, "client"),
                                         _int(request, "number"))
        return self.render(request, "ticket.html", self.lang(request, page.client.language),
                           client=page.client, page=page, tab="tickets",
                           disputed=request.query.get("disputed") == "1")

    async def money(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        page = await self.cabinet.money(principal, _int(request, "client"))
        lang = self.lang(request, page.client.language)
        return self.render(request, "money.html", lang, client=page.client, page=page,
                           tab="money", chart=week_chart(page.weeks, lang),
                           legend=legend(page.weeks, lang),
                           plan_lines=plan_state_lines(lang, page.balance) if page.balance
                           else [])

    async def statement(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        from bot.statements import write_xlsx

        try:
            period = Period.parse(request.match_info["period"])
        except ValueError:
            raise CabinetError("cabinet.err.not_found", 404) from None
        client_id = _int(request, "client")
        statement = await self.cabinet.statement(principal, client_id, period)
        lang = self.lang(request, statement.client.language)
        def workbook() -> bytes:
            with tempfile.TemporaryDirectory() as folder:
                return write_xlsx(statement, Path(folder) / "statement.xlsx", lang).read_bytes()

        body = await asyncio.to_thread(workbook)
        return web.Response(body=body, headers={
            "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "Content-Disposition": f'attachment; filename="statement-{period}.xlsx"',
            "Cache-Control": "no-store",
        })

    async def dispute(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        form = await request.post()
        if not self.sessions.check_csrf(request.cookies.get(COOKIE, ""),
                                        str(form.get("csrf", ""))):
            raise CabinetError("cabinet.err.csrf", 403)
        client_id = _int(request, "client")
        try:
            entry_id, number = int(str(form.get("entry", ""))), int(str(form.get("ticket", "")))
        except ValueError:
            raise CabinetError("cabinet.err.not_found", 400) from None
        await self.cabinet.dispute(principal, client_id, entry_id,
                                   str(form.get("reason", ""))[:2000])
        raise web.HTTPSeeOther(f"{PREFIX}/c/{client_id}/t/{number}?disputed=1#entry-{entry_id}")

    # -- logging in and out ---------------------------------------------------------------------

    async def login_page(self, request: web.Request) -> web.StreamResponse:
        # Opening the link only shows a button: link previews and scanners fetch URLs too,
        # and must not spend the one-time token.
        return self.render(request, "login.html", self.lang(request),
                           token=request.match_info["token"])

    async def login(self, request: web.Request) -> web.StreamResponse:
        try:
            principal = await self.cabinet.redeem_link(request.match_info["token"])
        except CabinetError as exc:
            return self.error(request, exc.key, exc.status)
        return self.login_response(principal, f"{PREFIX}/")

    async def telegram(self, request: web.Request) -> web.StreamResponse:
        form = await request.post()
        lang = self.lang(request)
        try:
            user = verify_init_data(
                str(form.get("init_data", "")), self.settings.telegram_bot_token or "",
                now=self.clock.now(),
                max_age=timedelta(minutes=self.settings.cabinet_init_data_minutes))
            principal = Principal(Platform.TELEGRAM, str(user.id))
            await self.cabinet.viewer(principal)
        except AuthError as exc:
            log.info("Mini App login refused: %s", exc)
            return web.json_response({"ok": False, "error": t(lang, "cabinet.err.init_data")},
                                     status=403)
        except CabinetError as exc:
            return web.json_response({"ok": False, "error": t(lang, exc.key)}, status=403)
        return self.login_response(principal, None)

    async def logout(self, request: web.Request) -> web.StreamResponse:
        response = web.HTTPSeeOther(f"{PREFIX}/")
        response.del_cookie(COOKIE, path=PREFIX)
        return response


def _int(request: web.Request, name: str) -> int:
    value = request.match_info[name]
    if not value.isdigit() or len(value) > 12:
        raise CabinetError("cabinet.err.not_found", 404)
    return int(value)


def templates() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                              autoescape=True, trim_blocks=True, lstrip_blocks=True,
                              undefined=jinja2.StrictUndefined)


def cabinet_configured(settings: Settings) -> bool:
    return bool(settings.cabinet_base_url and settings.cabinet_secret)


def build_cabinet(app: App, settings: Settings) -> Cabinet:
    return Cabinet(app.uow, app.clock, Billing(app.uow, app.clock, settings.tz), tz=settings.tz,
                   link_ttl=timedelta(minutes=settings.cabinet_link_minutes))


def cabinet_dependencies(app: App, settings: Settings) -> dict[str, object]:
    """What the /cabinet handlers take from the dispatcher; empty when the cabinet is off."""
    if not cabinet_configured(settings):
        return {}
    return {"cabinet": build_cabinet(app, settings),
            "cabinet_links": CabinetLinks(settings.cabinet_base_url,
                                          settings.cabinet_link_minutes)}


def add_cabinet_routes(web_app: web.Application, app: App, settings: Settings) -> bool:
    """Serve the cabinet under /cabinet/ when CABINET_BASE_URL and CABINET_SECRET are set;
    returns whether it did."""
    if not cabinet_configured(settings):
        return False
    if len(settings.cabinet_secret) < 16:
        raise SettingsError("Setting CABINET_SECRET is invalid: use at least 16 random "
                            "characters")
    site = CabinetWeb(
        build_cabinet(app, settings), Sessions(settings.cabinet_secret, timedelta(hours=settings.cabinet_session_hours)),
        settings, app.clock, templates(),
        secure=settings.cabinet_base_url.lower().startswith("https://"))
    r = web_app.router
    r.add_get(PREFIX, lambda _request: _redirect(f"{PREFIX}/"))
    r.add_get(f"{PREFIX}/", site.root)
    r.add_post(f"{PREFIX}/auth/telegram", site.telegram)
    r.add_get(PREFIX + "/login/{token}", site.login_page)
    r.add_post(PREFIX + "/login/{token}", site.login)
    r.add_post(f"{PREFIX}/logout", site.logout)
    r.add_get(PREFIX + "/c/{client}/", site.page(site.tickets))
    r.add_get(PREFIX + "/c/{client}/t/{number}", site.page(site.ticket))
    r.add_get(PREFIX + "/c/{client}/money", site.page(site.money))
    r.add_get(PREFIX + "/c/{client}/statements/{period}.xlsx", site.page(site.statement))
    r.add_post(PREFIX + "/c/{client}/disputes", site.page(site.dispute))
    r.add_static(f"{PREFIX}/static", HERE / "static")
    return True


async def _redirect(location: str) -> web.StreamResponse:
    raise web.HTTPSeeOther(location)


