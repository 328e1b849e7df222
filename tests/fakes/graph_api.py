"""A fake Meta Graph API (WhatsApp Cloud API) on 127.0.0.1: records sends, answers with
`wamid` ids, refuses a wrong access token or an interactive message that breaks Meta's limits,
and signs webhooks the way Meta does."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import time
from collections.abc import Callable
from typing import Any

import aiohttp
from aiohttp import web


class FakeGraphAPI:
    def __init__(self, phone_number_id: str = "1234567890", token: str = "EAAG-test") -> None:
        self.phone_number_id, self.token = phone_number_id, token
        self.sent: list[dict[str, Any]] = []
        self.uploads: list[dict[str, Any]] = []
        self._ids = itertools.count(1)
        self._incoming = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/{phone}/messages", self._messages)
        app.router.add_post("/{phone}/media", self._media)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # noqa: SLF001 - the chosen free port
        self.base_url = f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def _refuse(self, request: web.Request) -> web.Response | None:
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            return web.json_response({"error": {"code": 190, "message": "bad token"}}, status=401)
        if request.match_info["phone"] != self.phone_number_id:
            return web.json_response({"error": {"code": 100, "message": "unknown id"}},
                                     status=400)
        return None

    async def _messages(self, request: web.Request) -> web.Response:
        if (refused := self._refuse(request)) is not None:
            return refused
        body = await request.json()
        if body.get("messaging_product") != "whatsapp" or not body.get("to"):
            return web.json_response({"error": {"code": 100, "message": "bad body"}}, status=400)
        if body.get("type") == "interactive":
            buttons = body["interactive"]["action"]["buttons"]
            if len(buttons) > 3 or any(len(b["reply"]["title"]) > 20 for b in buttons):
                return web.json_response({"error": {"code": 131009, "message": "limits"}},
                                         status=400)
        wamid = f"wamid.OUT{next(self._ids):06d}"
        self.sent.append({**body, "id": wamid})
        return web.json_response({"messaging_product": "whatsapp",
                                  "contacts": [{"input": body["to"], "wa_id": body["to"]}],
                                  "messages": [{"id": wamid}]})

    async def _media(self, request: web.Request) -> web.Response:
        if (refused := self._refuse(request)) is not None:
            return refused
        form = await request.post()
        media_id = f"media{len(self.uploads) + 1}"
        self.uploads.append({"id": media_id, "type": form.get("type")})
        return web.json_response({"id": media_id})

    def sent_to(self, to: str) -> list[dict[str, Any]]:
        return [m for m in self.sent if m["to"] == to]

    async def wait_sent(self, to: str, predicate: Callable[[dict], bool] = lambda m: True,
                        within: float = 5.0) -> dict[str, Any]:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            for message in self.sent_to(to):
                if predicate(message):
                    return message
            await asyncio.sleep(0.01)
        raise AssertionError(f"nothing matching was sent to {to}: {self.sent_to(to)}")

    # -- webhooks, as Meta sends them ---------------------------------------------------------

    def incoming(self, sender: str, text: str = "", *, name: str = "Irina",
                 button: str | None = None, context: str | None = None,
                 wamid: str | None = None, at: int = 1_790_000_000) -> dict[str, Any]:
        message: dict[str, Any] = {"from": sender, "id": wamid or
                                   f"wamid.IN{next(self._incoming):06d}", "timestamp": str(at)}
        if button is not None:
            message |= {"type": "interactive", "interactive": {
                "type": "button_reply", "button_reply": {"id": button, "title": "…"}}}
        else:
            message |= {"type": "text", "text": {"body": text}}
        if context:
            message["context"] = {"from": "79990000000", "id": context}
        return {"object": "whatsapp_business_account", "entry": [{"id": "WABA", "changes": [{
            "field": "messages",
            "value": {"messaging_product": "whatsapp",
                      "metadata": {"display_phone_number": "79990000000",
                                   "phone_number_id": self.phone_number_id},
                      "contacts": [{"profile": {"name": name}, "wa_id": sender}],
                      "messages": [message]}}]}]}

    @staticmethod
    def sign(app_secret: str, body: bytes) -> str:
        return "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()

    @classmethod
    async def post_webhook(cls, url: str, payload: dict[str, Any], app_secret: str | None,
                           *, signature: str | None = None) -> int:
        body = json.dumps(payload).encode()
        headers = {"Content-Type": "application/json"}
        if signature is not None:
            headers["X-Hub-Signature-256"] = signature
        elif app_secret is not None:
            headers["X-Hub-Signature-256"] = cls.sign(app_secret, body)
        async with aiohttp.ClientSession() as http, \
                http.post(url, data=body, headers=headers) as response:
            return response.status
